import { arc, pie } from 'd3-shape'
import { type BarChart, barChart } from '#app/utils/bar-chart.server.ts'

// The figures of the ESS in Pas-de-Calais (the Département's page, ../shared/context/ess-pas-de-calais.txt), drawn
// on the server: d3-scale and d3-shape compute the geometry here, the page renders plain SVG from it (no chart code
// reaches the browser). Each chart carries its <title> and <desc>; the page adds a data table alternative.

import { EMPLOYER_ESTABLISHMENTS, ESS_JOBS, JOB_SHARES, LEGAL_FORMS, formatPercentFr } from './ess-figures.ts'

export { EMPLOYER_ESTABLISHMENTS, ESS_JOBS, JOB_SHARES, LEGAL_FORMS, formatPercentFr }

const numberFr = new Intl.NumberFormat('fr-FR')

export type { BarChart }

export type DonutChart = {
  width: number
  height: number
  title: string
  desc: string
  center: { x: number; y: number }
  slices: { label: string; valueLabel: string; path: string; labelX: number; labelY: number }[]
}

export function jobsChart(): BarChart {
  return barChart({
    height: 150,
    max: 15,
    title: `Part de l’ESS dans l’emploi salarié : ${formatPercentFr(13)} dans le Pas-de-Calais`,
    desc: `L’ESS compte ${numberFr.format(ESS_JOBS)} emplois dans le Pas-de-Calais, plus de ${formatPercentFr(13)} de l’emploi salarié, contre ${formatPercentFr(11.3)} en Hauts-de-France et ${formatPercentFr(9.8)} en France.`,
    bars: JOB_SHARES.map((s) => ({ label: s.label, value: s.value, valueLabel: formatPercentFr(s.value) })),
  })
}

export function legalFormsChart(): DonutChart {
  const width = 480
  const height = 220
  const radius = 90
  const center = { x: radius + 10, y: height / 2 }
  const slicesOf = pie<(typeof LEGAL_FORMS)[number]>()
    .value((d) => d.value)
    .sort(null)
  const drawn = arc<{ startAngle: number; endAngle: number }>()
    .innerRadius(radius * 0.55)
    .outerRadius(radius)
  return {
    width,
    height,
    center,
    title: 'Établissements employeurs de l’ESS par forme juridique',
    desc: `Sur les ${numberFr.format(EMPLOYER_ESTABLISHMENTS)} établissements employeurs de l’ESS du Pas-de-Calais, ${LEGAL_FORMS.map((f) => `${formatPercentFr(f.value)} sont des ${f.label.toLowerCase()}`).join(', ')}.`.replace(/, (?=[^,]*$)/, ' et '),
    slices: slicesOf([...LEGAL_FORMS]).map((s, i) => ({
      label: s.data.label,
      valueLabel: formatPercentFr(s.data.value),
      path: drawn(s) ?? '',
      labelX: center.x + radius + 30,
      labelY: 50 + i * 40,
    })),
  }
}
