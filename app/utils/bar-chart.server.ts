import { scaleBand, scaleLinear } from 'd3-scale'

// Horizontal bar charts drawn on the server (the home page's figures, the indicators of /indicateurs): d3-scale
// computes the geometry here and the page renders plain SVG from it (app/components/bar-chart.tsx), so no chart code
// reaches the browser. Each chart carries its <title> and <desc>; the page puts a data table beside it. A bar whose
// value is not shown (small-number suppression) has no length, only its label.

export type BarChart = {
  width: number
  height: number
  title: string
  desc: string
  bars: { label: string; valueLabel: string; x: number; y: number; width: number; height: number; labelY: number }[]
  labelWidth: number
  /** One colour for every bar (a series over time), instead of one colour per bar (categories). */
  singleColour: boolean
}

export type BarInput = { label: string; value: number | null; valueLabel: string }

export function barChart(options: {
  title: string
  desc: string
  bars: readonly BarInput[]
  /** The value at the end of the axis (default: the largest value). */
  max?: number
  width?: number
  labelWidth?: number
  /** Height of one bar's band, when the height is not given. */
  band?: number
  height?: number
  singleColour?: boolean
}): BarChart {
  const width = options.width ?? 480
  const labelWidth = options.labelWidth ?? 130
  const height = options.height ?? 20 + options.bars.length * (options.band ?? 28)
  const largest = Math.max(0, ...options.bars.map((b) => b.value ?? 0))
  const x = scaleLinear()
    .domain([0, options.max ?? (largest > 0 ? largest : 1)])
    .range([0, width - labelWidth - 90])
  const y = scaleBand<string>()
    .domain(options.bars.map((_b, i) => `${i}`))
    .range([10, height - 10])
    .padding(0.3)
  return {
    width,
    height,
    labelWidth,
    title: options.title,
    desc: options.desc,
    singleColour: options.singleColour ?? false,
    bars: options.bars.map((b, i) => ({
      label: b.label,
      valueLabel: b.valueLabel,
      x: labelWidth,
      y: y(`${i}`) ?? 0,
      width: b.value === null ? 0 : x(b.value),
      height: y.bandwidth(),
      labelY: (y(`${i}`) ?? 0) + y.bandwidth() / 2,
    })),
  }
}
