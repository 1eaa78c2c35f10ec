// Dates and times written the French way, for every page, mail and message: « 1er mars 2027 », « 9 h », « 12 h 30 »,
// « Du 10 au 11 février 2027 ». Instants (ISO-8601 UTC, or Date) are shown in Europe/Paris; calendar days
// (yyyy-mm-dd) are shown as they are, with no time zone shift. Pure: shared by server and browser, and the only place
// where a French date is formatted (the Intl formatters are built once: each costs about a quarter of a millisecond).

export const PARIS = 'Europe/Paris'

const NBSP = '\u00a0'

type Instant = string | Date
type DayFields = { day: number; month: string; year: string }

const parisDay = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: 'numeric', month: 'long', year: 'numeric' })
const calendarDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
const parisClock = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

function dayFields(formatter: Intl.DateTimeFormat, date: Date): DayFields {
  const fields: DayFields = { day: 0, month: '', year: '' }
  for (const part of formatter.formatToParts(date)) {
    if (part.type === 'day') fields.day = Number(part.value)
    else if (part.type === 'month') fields.month = part.value
    else if (part.type === 'year') fields.year = part.value
  }
  return fields
}

/** « 1er », « 2 »… : the first of the month is an ordinal in French. */
function dayNumber(day: number): string {
  return day === 1 ? '1er' : String(day)
}

function writeDay(fields: DayFields, show: 'day' | 'day-month' | 'full' = 'full'): string {
  if (show === 'day') return dayNumber(fields.day)
  if (show === 'day-month') return `${dayNumber(fields.day)} ${fields.month}`
  return `${dayNumber(fields.day)} ${fields.month} ${fields.year}`
}

function toDate(value: Instant): Date {
  return value instanceof Date ? value : new Date(value)
}

function calendarDate(day: string): Date {
  return new Date(`${day.slice(0, 10)}T00:00:00Z`)
}

/** « 1er mars 2027 », « 15 mars 2026 »: the day of an instant, in Paris. */
export function formatDateFr(value: Instant): string {
  return writeDay(dayFields(parisDay, toDate(value)))
}

/** « 1er mars 2027 » for a calendar day written yyyy-mm-dd (no time zone shift). */
export function formatDayFr(day: string): string {
  return writeDay(dayFields(calendarDay, calendarDate(day)))
}

/** « 9 h », « 12 h 30 », « 0 h 05 » (Paris): no leading zero on the hour, no « 00 » minutes. */
export function formatTimeFr(value: Instant): string {
  const [hours, minutes] = parisClock.format(toDate(value)).split(':')
  const hour = String(Number(hours))
  return minutes === '00' ? `${hour}${NBSP}h` : `${hour}${NBSP}h${NBSP}${minutes}`
}

/** « 1er mars 2027 à 9 h » (Paris). */
export function formatDateTimeFr(value: Instant): string {
  return `${formatDateFr(value)} à ${formatTimeFr(value)}`
}

/**
 * The two ends of a range of calendar days, each written as short as the other end allows: the month and the year are
 * said once when they are shared (« 10 » … « 11 février 2027 », « 28 février » … « 2 mars 2027 »), and both ends are
 * written in full across years. `end` is null when the range is a single day. Render as « Du {start} au {end} » (each
 * end in its own <time>), or use `formatDayRangeFr`.
 */
export function dayRangeFr(startDay: string, endDay: string | null | undefined): { start: string; end: string | null } {
  const start = dayFields(calendarDay, calendarDate(startDay))
  if (!endDay || endDay.slice(0, 10) === startDay.slice(0, 10)) return { start: writeDay(start), end: null }
  const end = dayFields(calendarDay, calendarDate(endDay))
  if (start.year !== end.year) return { start: writeDay(start), end: writeDay(end) }
  return { start: writeDay(start, start.month === end.month ? 'day' : 'day-month'), end: writeDay(end) }
}

/** « Le 10 février 2027 », « Du 10 au 11 février 2027 », « Du 28 février au 2 mars 2027 », « Du 28 décembre 2026 au 2 janvier 2027 ». */
export function formatDayRangeFr(startDay: string, endDay: string | null | undefined): string {
  const range = dayRangeFr(startDay, endDay)
  return range.end === null ? `Le ${range.start}` : `Du ${range.start} au ${range.end}`
}

const parisWeekday = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long' })

/** « jeudi 5 mars 2027 »: the day of an instant with its weekday, in Paris. */
export function formatLongDateFr(value: Instant): string {
  const date = toDate(value)
  return `${parisWeekday.format(date)} ${formatDateFr(date)}`
}

/**
 * When an event takes place, in Paris, the year and the time zone always said: « jeudi 5 mars 2027, 9 h – 12 h
 * (heure de Paris) », or across days « du jeudi 5 mars 2027, 9 h au vendredi 6 mars 2027, 17 h (heure de Paris) ».
 */
export function formatEventScheduleFr(start: Instant, end: Instant): string {
  const startDay = formatLongDateFr(start)
  const endDay = formatLongDateFr(end)
  if (startDay === endDay) return `${startDay}, ${formatTimeFr(start)} – ${formatTimeFr(end)} (heure de Paris)`
  return `du ${startDay}, ${formatTimeFr(start)} au ${endDay}, ${formatTimeFr(end)} (heure de Paris)`
}

const parisWeekdayShort = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'short' })

/** « ven. 5 mars 2027 »: the day of an instant with its short weekday, in Paris (search results). */
export function formatShortDateFr(value: Instant): string {
  const date = toDate(value)
  return `${parisWeekdayShort.format(date)} ${formatDateFr(date)}`
}
