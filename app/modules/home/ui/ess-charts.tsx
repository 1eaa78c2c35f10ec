import type { BarChart, DonutChart } from '../ess-figures.server.ts'

// Plain SVG from the geometry computed on the server (ess-figures.server.ts): role="img", <title>, <desc>.

const SLICE_CLASSES = ['chart-fill-1', 'chart-fill-2', 'chart-fill-3']

export function BarChartSvg({ chart, id }: { chart: BarChart; id: string }) {
  return (
    <svg className="chart" viewBox={`0 0 ${chart.width} ${chart.height}`} role="img" aria-labelledby={`${id}-titre ${id}-desc`}>
      <title id={`${id}-titre`}>{chart.title}</title>
      <desc id={`${id}-desc`}>{chart.desc}</desc>
      {chart.bars.map((bar, i) => (
        <g key={bar.label}>
          <text x={bar.x - 8} y={bar.labelY} textAnchor="end" dominantBaseline="middle">
            {bar.label}
          </text>
          <rect className={SLICE_CLASSES[i % 3]} x={bar.x} y={bar.y} width={bar.width} height={bar.height} />
          <text x={bar.x + bar.width + 6} y={bar.labelY} dominantBaseline="middle">
            {bar.valueLabel}
          </text>
        </g>
      ))}
    </svg>
  )
}

export function DonutChartSvg({ chart, id }: { chart: DonutChart; id: string }) {
  return (
    <svg className="chart" viewBox={`0 0 ${chart.width} ${chart.height}`} role="img" aria-labelledby={`${id}-titre ${id}-desc`}>
      <title id={`${id}-titre`}>{chart.title}</title>
      <desc id={`${id}-desc`}>{chart.desc}</desc>
      <g>
        <g transform={`translate(${chart.center.x},${chart.center.y})`}>
          {chart.slices.map((slice, i) => (
            <path key={slice.label} className={SLICE_CLASSES[i % 3]} d={slice.path} />
          ))}
        </g>
        {chart.slices.map((slice, i) => (
          <g key={slice.label}>
            <rect className={SLICE_CLASSES[i % 3]} x={slice.labelX} y={slice.labelY - 8} width={16} height={16} />
            <text x={slice.labelX + 24} y={slice.labelY} dominantBaseline="middle">
              {slice.label} : {slice.valueLabel}
            </text>
          </g>
        ))}
      </g>
    </svg>
  )
}
