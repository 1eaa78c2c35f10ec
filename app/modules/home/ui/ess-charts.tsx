import type { DonutChart } from '../ess-figures.server.ts'

export { BarChartSvg } from '#app/components/bar-chart.tsx'

// Plain SVG from the geometry computed on the server (ess-figures.server.ts): role="img", <title>, <desc>.

const SLICE_CLASSES = ['chart-fill-1', 'chart-fill-2', 'chart-fill-3']

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
