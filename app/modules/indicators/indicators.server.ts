import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import type { Database } from '#db/schema.ts'
import { ANONYMOUS, type Viewer } from '#app/modules/auth/viewer.ts'
import { visibleTo as eventsVisibleTo } from '#app/modules/events/events.policy.ts'
import { formatMonthKey, monthNameFr, monthOf, monthRange, type Month } from '#app/modules/events/month.ts'
import { visibleTo as pathwaysVisibleTo } from '#app/modules/pathways/pathways.policy.ts'
import { READABLE_STATUSES, visibleTo as resourcesVisibleTo } from '#app/modules/resources/resources.policy.ts'
import { RESOURCE_TYPE_LABELS } from '#app/modules/resources/labels.ts'
import { LEGAL_FORMS } from '#app/modules/structures/labels.ts'
import { type BarChart, barChart } from '#app/utils/bar-chart.server.ts'
import { type CsvValue, toCsv } from '#app/modules/api/csv.server.ts'
import {
  cellCsv,
  cellText,
  type IndicatorScope,
  type IndicatorTableInfo,
  type IndicatorTableSlug,
  type Period,
  periodLabelFr,
  periodMonths,
  type SuppressedCell,
  suppressLine,
  tablesFor,
} from './indicators.ts'

// The indicators of /indicateurs and their CSV files (issue 16): counts only, per territory and month (Paris), never
// a person. What is counted goes through each domain's policy: the public summary counts what an anonymous visitor
// may read (public resources and events, published pathways), the full dashboard what its viewer may read (admins:
// everything published). Per territory, counts of 1 to 4 are hidden and complementary counts masked (indicators.ts,
// `suppressLine`); the network's figures are the sum of every territory and of what has none (resources for the
// whole département, accounts without a territory).

/** The line of the suppression: the nine territories and what belongs to none of them. */
const OUTSIDE = ''

export type IndicatorCell = { text: string; csv: string | number; value: number | null }
export type IndicatorRow = { key: string; label: string; cells: IndicatorCell[] }
export type IndicatorTable = IndicatorTableInfo & {
  /** What is counted, in one sentence. */
  description: string
  rowHeader: string
  columns: string[]
  rows: IndicatorRow[]
  chart: BarChart
  /** A note under the table (the network-only tables). */
  note: string | null
}

export type IndicatorOptions = {
  viewer: Viewer
  scope: IndicatorScope
  period: Period
  /** A territory slug, or null for the whole network. */
  territory: string | null
  /** Only this table (a CSV file): the others are not computed. */
  only?: IndicatorTableSlug
  trx?: Executor
}

type Bounds = { from: string; to: string; months: Month[]; keys: string[] }

function boundsOf(period: Period): Bounds {
  const months = periodMonths(period)
  return { from: monthRange(period.from).from, to: monthRange(period.to).to, months, keys: months.map(formatMonthKey) }
}

/** month → column → territory bucket → count. */
class Counts {
  readonly data = new Map<string, Map<string, Map<string, number>>>()
  add(month: string, column: string, bucket: string | null, weight = 1) {
    const byColumn = this.data.get(month) ?? new Map<string, Map<string, number>>()
    this.data.set(month, byColumn)
    const byBucket = byColumn.get(column) ?? new Map<string, number>()
    byColumn.set(column, byBucket)
    const key = bucket ?? OUTSIDE
    byBucket.set(key, (byBucket.get(key) ?? 0) + weight)
  }
  get(month: string, column: string): Map<string, number> {
    return this.data.get(month)?.get(column) ?? new Map()
  }
}

function monthKeyOf(instant: string): string {
  return formatMonthKey(monthOf(instant))
}

/**
 * The cell shown for one month and column: the selected territory's count after suppression across every bucket, or
 * the network's total (hidden only when no count is left to mask beside a small one).
 */
function countCell(counts: Counts, month: string, column: string, buckets: readonly string[], territory: string | null): SuppressedCell {
  const line = counts.get(month, column)
  const values = buckets.map((b) => line.get(b) ?? 0)
  const { cells, totalMasked } = suppressLine(values, { unprotected: new Set([buckets.indexOf(OUTSIDE)]) })
  if (territory === null) return totalMasked ? { kind: 'masked' } : { kind: 'value', value: values.reduce((a, b) => a + b, 0) }
  return cells[buckets.indexOf(territory)] ?? { kind: 'value', value: 0 }
}

function shown(cell: SuppressedCell): IndicatorCell {
  return { text: cellText(cell), csv: cellCsv(cell), value: cell.kind === 'value' ? cell.value : null }
}

type ColumnDef = { key: string; label: string }

function monthTable(
  info: IndicatorTableInfo,
  options: { description: string; columns: readonly ColumnDef[]; counts: Counts; bounds: Bounds; buckets: readonly string[]; territory: string | null },
): Omit<IndicatorTable, 'chart'> {
  return {
    ...info,
    description: options.description,
    rowHeader: 'Mois',
    columns: options.columns.map((c) => c.label),
    rows: options.bounds.months.map((month, i) => {
      const key = options.bounds.keys[i]!
      return {
        key,
        label: monthNameFr(month),
        cells: options.columns.map((c) => shown(countCell(options.counts, key, c.key, options.buckets, options.territory))),
      }
    }),
    note: null,
  }
}

/** A chart of the table's first column, month by month (exactly the cells of the table: nothing is added up). */
function byMonthChart(table: Omit<IndicatorTable, 'chart'>, where: string): BarChart {
  const column = table.columns[0] ?? ''
  const shownRows = table.rows.map((r) => ({ label: r.label, cell: r.cells[0]! }))
  const described = shownRows.map((r) => `${r.label} : ${r.cell.text}`).join(', ')
  return barChart({
    title: `${table.title} — ${column.toLowerCase()}, ${where}`,
    desc: `${column} par mois, ${where} : ${described}.`,
    bars: shownRows.map((r) => ({ label: r.label, value: r.cell.value, valueLabel: r.cell.text })),
    labelWidth: 150,
    band: 24,
    singleColour: true,
  })
}

/** A chart of the table's last month, column by column (categories). */
function lastMonthChart(table: Omit<IndicatorTable, 'chart'>, where: string): BarChart {
  const last = table.rows.at(-1)
  const bars = table.columns.map((label, i) => ({ label, cell: last?.cells[i] ?? { text: '0', csv: 0, value: 0 } }))
  return barChart({
    title: `${table.title}, ${last?.label ?? ''}, ${where}`,
    desc: `${table.title}, ${last?.label ?? ''}, ${where} : ${bars.map((b) => `${b.label} : ${b.cell.text}`).join(', ')}.`,
    bars: bars.map((b) => ({ label: shortLabel(b.label), value: b.cell.value, valueLabel: b.cell.text })),
    labelWidth: 190,
    band: 24,
  })
}

function shortLabel(label: string): string {
  return label.replace(/ \(.*\)$/, '')
}

// ——— The counts ———

function readableResources(audience: Viewer) {
  return (eb: ExpressionBuilder<Database, 'resources'>): Expression<SqlBool> =>
    eb.and([resourcesVisibleTo(audience)(eb), eb('resources.status', 'in', [...READABLE_STATUSES]), eb('resources.deletedAt', 'is', null)])
}

function resourceBucket(territory: string): string {
  return territory === 'departement' ? OUTSIDE : territory
}

async function membersCounts(trx: Executor, bounds: Bounds) {
  const counts = new Counts()
  const rows = await trx
    .selectFrom('users')
    .select(['emailVerifiedAt', 'territoryId'])
    .where('emailVerifiedAt', '>=', bounds.from)
    .where('emailVerifiedAt', '<', bounds.to)
    .execute()
  for (const r of rows) counts.add(monthKeyOf(r.emailVerifiedAt!), 'count', r.territoryId)
  return counts
}

async function structuresCounts(trx: Executor, bounds: Bounds) {
  const counts = new Counts()
  const rows = await trx
    .selectFrom('structures')
    .select(['createdAt', 'territoryId', 'legalForm'])
    .where('createdAt', '>=', bounds.from)
    .where('createdAt', '<', bounds.to)
    .execute()
  for (const r of rows) counts.add(monthKeyOf(r.createdAt), r.legalForm, r.territoryId)
  return counts
}

async function resourcesCounts(trx: Executor, bounds: Bounds, audience: Viewer) {
  const counts = new Counts()
  const rows = await trx
    .selectFrom('resources')
    .select(['resources.publishedAt', 'resources.territory', 'resources.type'])
    .where(readableResources(audience))
    .where('resources.publishedAt', '>=', bounds.from)
    .where('resources.publishedAt', '<', bounds.to)
    .execute()
  for (const r of rows) counts.add(monthKeyOf(r.publishedAt!), r.type, resourceBucket(r.territory))
  return counts
}

async function validatedCounts(trx: Executor, bounds: Bounds, audience: Viewer) {
  const counts = new Counts()
  const rows = await trx
    .selectFrom('resourceValidations')
    .innerJoin('resources', 'resources.id', 'resourceValidations.resourceId')
    .select(['resourceValidations.validatedAt', 'resources.territory'])
    .where(readableResources(audience))
    .where('resourceValidations.validatedAt', '>=', bounds.from)
    .where('resourceValidations.validatedAt', '<', bounds.to)
    .execute()
  for (const r of rows) counts.add(monthKeyOf(r.validatedAt), 'count', resourceBucket(r.territory))
  return counts
}

async function fundingCallCounts(trx: Executor, bounds: Bounds, audience: Viewer) {
  const counts = new Counts()
  const published = await trx
    .selectFrom('resources')
    .select(['resources.publishedAt', 'resources.territory'])
    .where(readableResources(audience))
    .where('resources.type', '=', 'financement-europeen')
    .where('resources.publishedAt', '>=', bounds.from)
    .where('resources.publishedAt', '<', bounds.to)
    .execute()
  for (const r of published) counts.add(monthKeyOf(r.publishedAt!), 'published', resourceBucket(r.territory))
  // Views are stored per Paris day: the month is the day's first seven characters.
  const views = await trx
    .selectFrom('resourceViewStats')
    .innerJoin('resources', 'resources.id', 'resourceViewStats.resourceId')
    .select(['resourceViewStats.day', 'resources.territory', (eb) => eb.fn.sum<number>('resourceViewStats.views').as('views')])
    .where(readableResources(audience))
    .where('resources.type', '=', 'financement-europeen')
    .where('resourceViewStats.day', '>=', `${bounds.keys[0]}-01`)
    .where('resourceViewStats.day', '<=', `${bounds.keys.at(-1)}-31`)
    .groupBy(['resourceViewStats.day', 'resources.territory'])
    .execute()
  for (const r of views) counts.add(r.day.slice(0, 7), 'views', resourceBucket(r.territory), Number(r.views))
  return counts
}

async function pathwayCounts(trx: Executor, bounds: Bounds, audience: Viewer) {
  const counts = new Counts()
  // One line per person and pathway: when they marked their first step, their last, how many steps; the pathway's
  // number of steps. Started in the month of the first; completed in the month of the last, once every step is done.
  const rows = await trx
    .selectFrom('pathwayProgress')
    .innerJoin('pathwaySteps', 'pathwaySteps.id', 'pathwayProgress.stepId')
    .innerJoin('pathways', 'pathways.id', 'pathwaySteps.pathwayId')
    .select((eb) => [
      'pathways.territorySlug',
      eb.fn.min<string>('pathwayProgress.doneAt').as('firstAt'),
      eb.fn.max<string>('pathwayProgress.doneAt').as('lastAt'),
      eb.fn.count<number>('pathwayProgress.stepId').distinct().as('done'),
      eb
        .selectFrom('pathwaySteps as all_steps')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('all_steps.pathwayId', '=', 'pathways.id')
        .as('steps'),
    ])
    .where(pathwaysVisibleTo(audience))
    .groupBy(['pathwayProgress.userId', 'pathways.id'])
    .execute()
  for (const r of rows) {
    if (r.firstAt >= bounds.from && r.firstAt < bounds.to) counts.add(monthKeyOf(r.firstAt), 'started', r.territorySlug)
    if (Number(r.done) >= Number(r.steps) && r.lastAt >= bounds.from && r.lastAt < bounds.to) {
      counts.add(monthKeyOf(r.lastAt), 'completed', r.territorySlug)
    }
  }
  return counts
}

async function eventCounts(trx: Executor, bounds: Bounds, audience: Viewer) {
  const counts = new Counts()
  const rows = await trx
    .selectFrom('events')
    .select((eb) => [
      'events.startsAt',
      'events.territorySlug',
      eb
        .selectFrom('eventRegistrations')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('eventRegistrations.eventId', '=', 'events.id')
        .where('eventRegistrations.state', '=', 'registered')
        .as('participants'),
    ])
    .where(eventsVisibleTo(audience))
    .where('events.status', '=', 'scheduled')
    .where('events.startsAt', '>=', bounds.from)
    .where('events.startsAt', '<', bounds.to)
    .execute()
  for (const r of rows) {
    counts.add(monthKeyOf(r.startsAt), 'events', r.territorySlug)
    counts.add(monthKeyOf(r.startsAt), 'participants', r.territorySlug, Number(r.participants ?? 0))
  }
  return counts
}

/** The Thursday of an ISO week (`2026-W48`): the day that gives the week its month. */
export function isoWeekThursday(week: string): Date | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week)
  if (!match) return null
  const year = Number(match[1])
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000)
  return new Date(monday.getTime() + ((Number(match[2]) - 1) * 7 + 3) * 86_400_000)
}

/** The weeks of the search statistics counted in a month: those whose Thursday falls in it. */
function weeksOf(bounds: Bounds, weeks: readonly string[]): string[] {
  const keys = new Set(bounds.keys)
  return weeks.filter((w) => {
    const thursday = isoWeekThursday(w)
    return thursday !== null && keys.has(thursday.toISOString().slice(0, 7))
  })
}

export const ZERO_RESULT_QUERIES_LIMIT = 30

async function zeroResultRows(trx: Executor, bounds: Bounds) {
  const allWeeks = (await trx.selectFrom('searchQueryStats').select('week').distinct().execute()).map((r) => r.week)
  const weeks = weeksOf(bounds, allWeeks)
  if (weeks.length === 0) return []
  return trx
    .selectFrom('searchQueryStats')
    .select((eb) => ['query', eb.fn.sum<number>('zeroResults').as('zero')])
    .where('week', 'in', weeks)
    .where('zeroResults', '>', 0)
    .groupBy('query')
    .orderBy('zero', 'desc')
    .orderBy('query')
    .limit(ZERO_RESULT_QUERIES_LIMIT)
    .execute()
}

/** The minimum number of decisions behind a median shown for a territory (the same threshold as the counts). */
const MEDIAN_MIN = 5

async function reviewCounts(trx: Executor, bounds: Bounds, audience: Viewer) {
  const counts = new Counts()
  const delays = new Map<string, Map<string, number[]>>()
  const rows = await trx
    .selectFrom('resourceReviews')
    .innerJoin('resources', 'resources.id', 'resourceReviews.resourceId')
    .select(['resourceReviews.resourceId', 'resourceReviews.event', 'resourceReviews.createdAt', 'resources.territory'])
    .where('resources.deletedAt', 'is', null)
    .where(resourcesVisibleTo(audience))
    .where('resourceReviews.createdAt', '<', bounds.to)
    .orderBy('resourceReviews.resourceId')
    .orderBy('resourceReviews.createdAt')
    .orderBy('resourceReviews.id')
    .execute()
  // Each `submitted` is paired with the decision that follows it (approved, changes requested or refused).
  const spans: { bucket: string; submittedAt: string; decidedAt: string | null }[] = []
  let open: { resourceId: string; submittedAt: string; bucket: string } | null = null
  for (const r of rows) {
    if (open && open.resourceId !== r.resourceId) {
      spans.push({ bucket: open.bucket, submittedAt: open.submittedAt, decidedAt: null })
      open = null
    }
    if (r.event === 'submitted') {
      if (open) spans.push({ bucket: open.bucket, submittedAt: open.submittedAt, decidedAt: null })
      open = { resourceId: r.resourceId, submittedAt: r.createdAt, bucket: resourceBucket(r.territory) }
    } else if (open) {
      spans.push({ bucket: open.bucket, submittedAt: open.submittedAt, decidedAt: r.createdAt })
      open = null
    }
  }
  if (open) spans.push({ bucket: open.bucket, submittedAt: open.submittedAt, decidedAt: null })
  for (const span of spans) {
    if (span.submittedAt >= bounds.from) counts.add(monthKeyOf(span.submittedAt), 'submitted', span.bucket)
    if (span.decidedAt && span.decidedAt >= bounds.from) {
      const month = monthKeyOf(span.decidedAt)
      counts.add(month, 'decided', span.bucket)
      const byBucket = delays.get(month) ?? new Map<string, number[]>()
      delays.set(month, byBucket)
      const days = (Date.parse(span.decidedAt) - Date.parse(span.submittedAt)) / 86_400_000
      byBucket.set(span.bucket, [...(byBucket.get(span.bucket) ?? []), days])
    }
    // Waiting at the end of each month: entered before its end, not decided by then.
    bounds.keys.forEach((key, i) => {
      const end = monthRange(bounds.months[i]!).to
      if (span.submittedAt < end && (span.decidedAt === null || span.decidedAt >= end)) counts.add(key, 'pending', span.bucket)
    })
  }
  return { counts, delays }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const daysFr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })

// ——— The tables ———

export async function computeIndicators(options: IndicatorOptions): Promise<IndicatorTable[]> {
  const trx = options.trx ?? db
  const audience = options.scope === 'full' ? options.viewer : ANONYMOUS
  const bounds = boundsOf(options.period)
  const territories = await trx.selectFrom('territories').select(['slug', 'name']).orderBy('position').execute()
  const buckets = [...territories.map((t) => t.slug), OUTSIDE]
  const territory = options.territory
  const where = territory === null ? 'tout le réseau' : (territories.find((t) => t.slug === territory)?.name ?? territory)
  const when = periodLabelFr(options.period)
  const infos = new Map(tablesFor(options.scope).filter((t) => !options.only || t.slug === options.only).map((t) => [t.slug, t]))
  const tables: IndicatorTable[] = []
  const push = (table: Omit<IndicatorTable, 'chart'>, chart: 'months' | 'last-month') => {
    tables.push({ ...table, chart: chart === 'months' ? byMonthChart(table, where) : lastMonthChart(table, where) })
  }
  const info = (slug: IndicatorTableSlug) => infos.get(slug)
  const base = { bounds, buckets, territory }

  const members = info('membres')
  if (members) {
    push(
      monthTable(members, {
        ...base,
        description: 'Les comptes dont l’adresse a été confirmée dans le mois, selon le territoire choisi par la personne.',
        columns: [{ key: 'count', label: 'Nouveaux membres' }],
        counts: await membersCounts(trx, bounds),
      }),
      'months',
    )
  }
  const structures = info('structures')
  if (structures) {
    push(
      monthTable(structures, {
        ...base,
        description: 'Les structures inscrites dans l’annuaire dans le mois, selon leur commune.',
        columns: LEGAL_FORMS.map((f) => ({ key: f.value, label: f.label })),
        counts: await structuresCounts(trx, bounds),
      }),
      'last-month',
    )
  }
  const resources = info('ressources')
  if (resources) {
    push(
      monthTable(resources, {
        ...base,
        description:
          options.scope === 'full'
            ? 'Les ressources publiées dans le mois que vous pouvez lire, selon leur territoire.'
            : 'Les ressources publiques publiées dans le mois, selon leur territoire.',
        columns: (Object.entries(RESOURCE_TYPE_LABELS) as [string, string][]).map(([key, label]) => ({ key, label })),
        counts: await resourcesCounts(trx, bounds, audience),
      }),
      'last-month',
    )
  }
  const validated = info('ressources-validees')
  if (validated) {
    push(
      monthTable(validated, {
        ...base,
        description: 'Les ressources marquées « Validé par le réseau » dans le mois.',
        columns: [{ key: 'count', label: 'Ressources validées' }],
        counts: await validatedCounts(trx, bounds, audience),
      }),
      'months',
    )
  }
  const calls = info('appels')
  if (calls) {
    push(
      monthTable(calls, {
        ...base,
        description: 'Les appels à financement européens publiés dans le mois, et le nombre de fois où leurs pages ont été lues.',
        columns: [
          { key: 'published', label: 'Appels publiés' },
          { key: 'views', label: 'Consultations des appels' },
        ],
        counts: await fundingCallCounts(trx, bounds, audience),
      }),
      'months',
    )
  }
  const pathways = info('parcours')
  if (pathways) {
    push(
      monthTable(pathways, {
        ...base,
        description: 'Les personnes qui ont coché la première étape d’un parcours dans le mois, et celles qui en ont coché la dernière.',
        columns: [
          { key: 'started', label: 'Parcours commencés' },
          { key: 'completed', label: 'Parcours terminés' },
        ],
        counts: await pathwayCounts(trx, bounds, audience),
      }),
      'months',
    )
  }
  const events = info('evenements')
  if (events) {
    push(
      monthTable(events, {
        ...base,
        description: 'Les événements maintenus qui ont commencé dans le mois, et leurs inscrits (hors liste d’attente).',
        columns: [
          { key: 'events', label: 'Événements' },
          { key: 'participants', label: 'Participants inscrits' },
        ],
        counts: await eventCounts(trx, bounds, audience),
      }),
      'months',
    )
  }
  const searches = info('recherches-sans-resultat')
  if (searches) {
    const rows = await zeroResultRows(trx, bounds)
    const table: Omit<IndicatorTable, 'chart'> = {
      ...searches,
      description: `Les mots cherchés sans rien trouver, ${when}, les plus fréquents d’abord (${ZERO_RESULT_QUERIES_LIMIT} au plus) : rien sur qui les a cherchés.`,
      rowHeader: 'Recherche',
      columns: ['Fois sans résultat'],
      rows: rows.map((r) => ({ key: r.query, label: r.query, cells: [shown({ kind: 'value', value: Number(r.zero) })] })),
      note: 'Les recherches sont comptées pour tout le réseau : elles ne sont pas rattachées à un territoire.',
    }
    tables.push({
      ...table,
      chart: barChart({
        title: `Recherches sans résultat, ${when}`,
        desc:
          table.rows.length === 0
            ? `Aucune recherche sans résultat ${when}.`
            : `Les recherches sans résultat les plus fréquentes, ${when} : ${table.rows.map((r) => `« ${r.label} » ${r.cells[0]!.text} fois`).join(', ')}.`,
        bars: table.rows.slice(0, 10).map((r) => ({ label: r.label.slice(0, 24), value: r.cells[0]!.value, valueLabel: r.cells[0]!.text })),
        labelWidth: 190,
        band: 24,
        singleColour: true,
      }),
    })
  }
  const review = info('relecture')
  if (review) {
    const { counts, delays } = await reviewCounts(trx, bounds, audience)
    const table = monthTable(review, {
      ...base,
      description:
        'Les premières contributions entrées en relecture dans le mois, les décisions prises, celles en attente à la fin du mois, et le délai médian entre l’entrée en relecture et la décision.',
      columns: [
        { key: 'submitted', label: 'Entrées en relecture' },
        { key: 'decided', label: 'Décisions' },
        { key: 'pending', label: 'En attente en fin de mois' },
      ],
      counts,
    })
    table.columns.push('Délai médian (jours)')
    table.rows.forEach((row) => {
      const byBucket = delays.get(row.key) ?? new Map<string, number[]>()
      const values = territory === null ? [...byBucket.values()].flat() : (byBucket.get(territory) ?? [])
      const enough = territory === null ? values.length > 0 : values.length >= MEDIAN_MIN
      const value = enough ? median(values) : null
      row.cells.push(
        value === null
          ? { text: values.length === 0 ? 'aucune décision' : 'moins de 5 décisions', csv: values.length === 0 ? '' : '< 5 décisions', value: null }
          : { text: daysFr.format(value), csv: Math.round(value * 10) / 10, value },
      )
    })
    push(table, 'months')
  }
  return tables
}

export async function computeIndicatorTable(options: IndicatorOptions & { slug: IndicatorTableSlug }): Promise<IndicatorTable | null> {
  const tables = await computeIndicators({ ...options, only: options.slug })
  return tables.find((t) => t.slug === options.slug) ?? null
}

/** A table as a CSV file (French headers, UTF-8 BOM, `;`, formulas escaped: the open-data writer). */
export function indicatorCsv(table: IndicatorTable, where: string): string {
  const columns = ['Territoire', table.rowHeader === 'Mois' ? 'Mois (AAAA-MM)' : table.rowHeader, ...table.columns]
  return toCsv(
    columns,
    table.rows.map((row) => {
      const record: Record<string, CsvValue> = { [columns[0]!]: where, [columns[1]!]: row.key }
      row.cells.forEach((cell, i) => {
        record[columns[i + 2]!] = cell.csv
      })
      return record
    }),
  )
}
