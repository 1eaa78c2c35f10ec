import { formatMonthKey, type Month, monthNameFr, monthOf, parseMonth, shiftMonth } from '#app/modules/events/month.ts'

// The indicators of /indicateurs (issue 16), the client-safe part: which tables exist and who may read them, the
// period filter (one month, or twelve months ending at a month), and small-number suppression. Pure: no database
// (indicators.server.ts computes the counts), importable from the page and the tests.

export type IndicatorTableSlug =
  | 'membres'
  | 'structures'
  | 'ressources'
  | 'ressources-validees'
  | 'appels'
  | 'parcours'
  | 'evenements'
  | 'recherches-sans-resultat'
  | 'relecture'

export type IndicatorTableInfo = {
  slug: IndicatorTableSlug
  title: string
  /** In the public summary (anyone, anonymous included); otherwise admins and coordinators only. */
  public: boolean
}

export const INDICATOR_TABLES: readonly IndicatorTableInfo[] = [
  { slug: 'membres', title: 'Nouveaux membres (comptes confirmés)', public: true },
  { slug: 'structures', title: 'Structures inscrites, par forme juridique', public: true },
  { slug: 'ressources', title: 'Ressources publiées, par type', public: true },
  { slug: 'ressources-validees', title: 'Ressources validées par le réseau', public: true },
  { slug: 'appels', title: 'Appels à financement publiés et consultations', public: true },
  { slug: 'parcours', title: 'Parcours commencés et terminés', public: true },
  { slug: 'evenements', title: 'Événements et participants', public: true },
  { slug: 'recherches-sans-resultat', title: 'Recherches sans résultat', public: false },
  { slug: 'relecture', title: 'Relecture des premières contributions', public: false },
]

export function indicatorTableInfo(slug: string): IndicatorTableInfo | null {
  return INDICATOR_TABLES.find((t) => t.slug === slug) ?? null
}

/** The dashboard a viewer gets: `full` for admins and coordinators, `public` (the summary) for everybody else. */
export type IndicatorScope = 'public' | 'full'

export function tablesFor(scope: IndicatorScope): IndicatorTableInfo[] {
  return INDICATOR_TABLES.filter((t) => scope === 'full' || t.public)
}

// ——— Period ———

/** Inclusive: one month (`from` = `to`) or twelve. */
export type Period = { from: Month; to: Month }

export const PERIOD_MONTHS = 12

export const INDICATOR_MESSAGES = {
  period:
    'Cette période n’existe pas : écrivez un mois sous la forme AAAA-MM (par exemple 2026-11), ou douze mois sous la forme AAAA-MM_AAAA-MM (par exemple 2025-12_2026-11).',
  territory: 'Ce territoire n’existe pas : choisissez l’un des neuf territoires, ou tout le réseau.',
} as const

function monthIndex(m: Month): number {
  return m.year * 12 + m.month - 1
}

/** `2026-11` (one month) or `2025-12_2026-11` (twelve months); null otherwise. */
export function parsePeriod(value: string | null | undefined): Period | null {
  const text = (value ?? '').trim()
  const parts = text.split('_')
  if (parts.length === 1) {
    const month = parseMonth(parts[0])
    return month ? { from: month, to: month } : null
  }
  if (parts.length !== 2) return null
  const from = parseMonth(parts[0])
  const to = parseMonth(parts[1])
  if (!from || !to || monthIndex(to) - monthIndex(from) !== PERIOD_MONTHS - 1) return null
  return { from, to }
}

export function formatPeriodKey(period: Period): string {
  const to = formatMonthKey(period.to)
  return monthIndex(period.from) === monthIndex(period.to) ? to : `${formatMonthKey(period.from)}_${to}`
}

/** Twelve months ending with the given month. */
export function twelveMonthsTo(month: Month): Period {
  return { from: shiftMonth(month, -(PERIOD_MONTHS - 1)), to: month }
}

/** The default period: the twelve months ending with the current (Paris) month. */
export function defaultPeriod(now = new Date()): Period {
  return twelveMonthsTo(monthOf(now))
}

export function periodMonths(period: Period): Month[] {
  const months: Month[] = []
  for (let i = monthIndex(period.from); i <= monthIndex(period.to); i++) months.push(shiftMonth(period.from, i - monthIndex(period.from)))
  return months
}

/** « novembre 2026 », or « de décembre 2025 à novembre 2026 ». */
export function periodLabelFr(period: Period): string {
  if (monthIndex(period.from) === monthIndex(period.to)) return monthNameFr(period.to)
  return `de ${monthNameFr(period.from)} à ${monthNameFr(period.to)}`
}

export function csvFilename(slug: IndicatorTableSlug, period: Period): string {
  return `essaim-indicateurs-${slug}-${formatPeriodKey(period)}.csv`
}

// ——— Small-number suppression ———

/**
 * A count as shown: its value, `small` (between 1 and 4 for a territory: « moins de 5 »), or `masked` (a second
 * count hidden so that the first cannot be worked out from the network's total: « masqué »).
 */
export type SuppressedCell = { kind: 'value'; value: number } | { kind: 'small' } | { kind: 'masked' }

export const SMALL_MAX = 4

/** The one sentence the page shows under the filters. */
export const SUPPRESSION_RULE =
  'Pour un territoire, un nombre de 1 à 4 est affiché « moins de 5 », et un autre nombre de la même ligne est alors « masqué », pour qu’on ne puisse pas le retrouver à partir du total du réseau.'

export function cellText(cell: SuppressedCell, format: (n: number) => string = (n) => numberFr.format(n)): string {
  if (cell.kind === 'small') return 'moins de 5'
  if (cell.kind === 'masked') return 'masqué'
  return format(cell.value)
}

export function cellCsv(cell: SuppressedCell): string | number {
  if (cell.kind === 'small') return '< 5'
  if (cell.kind === 'masked') return 'masqué'
  return cell.value
}

const numberFr = new Intl.NumberFormat('fr-FR')

/**
 * Whether a reader who knows the sum of the hidden cells (the network's total minus the cells shown) can still not
 * work out any of them exactly. `small` hidden cells are known to lie in 1–4, `masked` ones to be 5 or more.
 * - Only small cells (k ≥ 2, sum S): each lies in [max(1, S − 4(k − 1)), min(4, S − (k − 1))], a single value when
 *   S = k or S = 4k.
 * - With m masked cells: a small cell lies in [1, min(4, S − 5m − (k − 1))] and a masked one in
 *   [5, S − k − 5(m − 1)]: a single value exactly when S ≤ 5m + k.
 */
export function hiddenCellsSafe(small: readonly number[], masked: readonly number[]): boolean {
  const k = small.length
  const m = masked.length
  const sum = small.reduce((a, b) => a + b, 0) + masked.reduce((a, b) => a + b, 0)
  if (k === 0) return true
  if (m === 0) return k >= 2 && sum > k && sum < 4 * k
  return sum > 5 * m + k
}

/**
 * Small-number suppression of one line of counts across territories (one month, one column), whose network total is
 * published: counts of 1 to 4 become `small`; then, while the hidden cells could be worked out from the total, the
 * smallest count of 5 or more still shown becomes `masked` (complementary suppression). Zeros are always shown. When
 * no count is left to mask, the total itself must be hidden (`totalMasked`). `unprotected` cells (what belongs to no
 * territory: it is never shown on its own) are not hidden for being small, but may be masked as companions.
 */
export function suppressLine(
  values: readonly number[],
  options: { unprotected?: ReadonlySet<number> } = {},
): { cells: SuppressedCell[]; totalMasked: boolean } {
  const isSmall = (value: number, i: number) => value >= 1 && value <= SMALL_MAX && !options.unprotected?.has(i)
  const cells: SuppressedCell[] = values.map((value, i) => (isSmall(value, i) ? { kind: 'small' } : { kind: 'value', value }))
  const small = values.filter(isSmall)
  const masked: number[] = []
  while (!hiddenCellsSafe(small, masked)) {
    let pick = -1
    for (let i = 0; i < values.length; i++) {
      const cell = cells[i]!
      if (cell.kind === 'value' && cell.value > SMALL_MAX && (pick === -1 || cell.value < values[pick]!)) pick = i
    }
    if (pick === -1) return { cells, totalMasked: true }
    cells[pick] = { kind: 'masked' }
    masked.push(values[pick]!)
  }
  return { cells, totalMasked: false }
}

// ——— The filters of the page and of the CSV files ———

export type IndicatorFilters = { territory: string | null; period: Period }
export type TypedFilters = { territoire: string; periode: string }
export type FilterErrors = { territoire?: string; periode?: string }

/**
 * `?territoire=calaisis&periode=2026-11`: a territory slug (empty or `tous`: the whole network) and a period (empty:
 * the twelve months ending with this month). What was typed is given back to show it again with the errors.
 */
export function parseIndicatorFilters(
  params: URLSearchParams,
  territorySlugs: readonly string[],
  now = new Date(),
): { ok: true; filters: IndicatorFilters; typed: TypedFilters } | { ok: false; errors: FilterErrors; typed: TypedFilters } {
  const typed = { territoire: (params.get('territoire') ?? '').trim(), periode: (params.get('periode') ?? '').trim() }
  const errors: FilterErrors = {}
  const territory = typed.territoire === '' || typed.territoire === 'tous' ? null : typed.territoire
  if (territory !== null && !territorySlugs.includes(territory)) errors.territoire = INDICATOR_MESSAGES.territory
  const period = typed.periode === '' ? defaultPeriod(now) : parsePeriod(typed.periode)
  if (!period) errors.periode = INDICATOR_MESSAGES.period
  if (errors.territoire || errors.periode || !period) return { ok: false, errors, typed }
  return { ok: true, filters: { territory, period }, typed }
}

/** The query string of a page or CSV address for these filters. */
export function filtersQuery(filters: IndicatorFilters): string {
  const params = new URLSearchParams()
  params.set('territoire', filters.territory ?? '')
  params.set('periode', formatPeriodKey(filters.period))
  return params.toString()
}
