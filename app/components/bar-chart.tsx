import type { BarChart } from '#app/utils/bar-chart.server.ts'

// Plain SVG from the geometry computed on the server (app/utils/bar-chart.server.ts): role="img", <title>, <desc>.

const FILL_CLASSES = ['chart-fill-1', 'chart-fill-2', 'chart-fill-3']

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
          <rect className={FILL_CLASSES[chart.singleColour ? 0 : i % 3]} x={bar.x} y={bar.y} width={bar.width} height={bar.height} />
          <text x={bar.x + bar.width + 6} y={bar.labelY} dominantBaseline="middle">
            {bar.valueLabel}
          </text>
        </g>
      ))}
    </svg>
  )
}
