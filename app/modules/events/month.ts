import { TZDate } from '@date-fns/tz'
import { PARIS } from '#app/utils/dates-fr.ts'

// The agenda's month view (/agenda?vue=mois&mois=2027-03), pure: which month is asked, its bounds as UTC instants
// (Paris midnights), the weeks of its grid (Monday first), and on which Paris days each event falls — an event at
// 23:30 UTC on the 31st is on the 1st in Paris, and an event spanning days appears on each of them.

export type Month = { year: number; month: number }

const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']

export const WEEKDAYS = [
  { short: 'lun.', long: 'lundi' },
  { short: 'mar.', long: 'mardi' },
  { short: 'mer.', long: 'mercredi' },
  { short: 'jeu.', long: 'jeudi' },
  { short: 'ven.', long: 'vendredi' },
  { short: 'sam.', long: 'samedi' },
  { short: 'dim.', long: 'dimanche' },
] as const

export const MONTH_MESSAGES = {
  invalid: 'Ce mois n’existe pas : écrivez-le sous la forme AAAA-MM (par exemple 2027-03). Voici le mois en cours.',
} as const

const parisDayKey = new Intl.DateTimeFormat('en-CA', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' })

/** « 2027-03-05 »: the Paris calendar day of an instant. */
export function parisDay(value: string | Date): string {
  return parisDayKey.format(value instanceof Date ? value : new Date(value))
}

/** The Paris month of an instant. */
export function monthOf(value: string | Date): Month {
  const [year, month] = parisDay(value).split('-').map(Number)
  return { year: year!, month: month! }
}

/** `2027-03` → { 2027, 3 }; null when it is not a month (years 1900–2999). */
export function parseMonth(value: string | null | undefined): Month | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value ?? '')
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  if (year < 1900 || year > 2999 || month < 1 || month > 12) return null
  return { year, month }
}

export function formatMonthKey({ year, month }: Month): string {
  return `${year}-${String(month).padStart(2, '0')}`
}

/** « mars 2027 ». */
export function monthNameFr({ year, month }: Month): string {
  return `${MONTH_NAMES[month - 1]} ${year}`
}

export function shiftMonth({ year, month }: Month, by: number): Month {
  const index = year * 12 + (month - 1) + by
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}

/** The month as [from, to): Paris midnight of its first day and of the next month's first day, in UTC. */
export function monthRange(month: Month): { from: string; to: string } {
  const next = shiftMonth(month, 1)
  return {
    from: new TZDate(month.year, month.month - 1, 1, PARIS).toISOString(),
    to: new TZDate(next.year, next.month - 1, 1, PARIS).toISOString(),
  }
}

function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function daysBetween(first: string, last: string): string[] {
  const days: string[] = []
  for (let d = new Date(`${first}T00:00:00Z`); dayKey(d) <= last; d.setUTCDate(d.getUTCDate() + 1)) days.push(dayKey(d))
  return days
}

/**
 * The Paris days an event covers: from its start's day to its end's day; an event ending at midnight sharp does not
 * cover the day that begins then.
 */
export function eventDays(event: { startsAt: string; endsAt: string }): string[] {
  const start = Date.parse(event.startsAt)
  const end = Math.max(start, Date.parse(event.endsAt) - (Date.parse(event.endsAt) > start ? 1 : 0))
  return daysBetween(parisDay(new Date(start)), parisDay(new Date(end)))
}

export type MonthCell<T> = { day: string; number: number; items: T[] } | null

/** The month's weeks, Monday first; a null cell is a day of the month before or after. Items sorted as given. */
export function monthGrid<T extends { startsAt: string; endsAt: string }>(month: Month, events: readonly T[]): MonthCell<T>[][] {
  const key = formatMonthKey(month)
  const first = `${key}-01`
  const last = dayKey(new Date(Date.UTC(month.year, month.month, 0)))
  const byDay = new Map<string, T[]>()
  for (const event of events) {
    for (const day of eventDays(event)) {
      if (day < first || day > last) continue
      byDay.set(day, [...(byDay.get(day) ?? []), event])
    }
  }
  const cells: MonthCell<T>[] = []
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7
  for (let i = 0; i < lead; i++) cells.push(null)
  for (const day of daysBetween(first, last)) cells.push({ day, number: Number(day.slice(8)), items: byDay.get(day) ?? [] })
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks: MonthCell<T>[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}
