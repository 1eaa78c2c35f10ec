// Dates of resources: stored as ISO-8601 UTC, typed and shown in Europe/Paris. Pure: shared by server and browser.

import { PARIS } from '#app/utils/dates-fr.ts'
import type { FundingState } from '#search/funding-state.ts'

export { PARIS }

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function parisParts(date: Date) {
  const parts = Object.fromEntries(partsFormatter.formatToParts(date).map((p) => [p.type, p.value]))
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  }
}

/** Offset of Paris from UTC at that instant, in minutes (60 in winter, 120 in summer). */
function parisOffsetMinutes(date: Date): number {
  const p = parisParts(date)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000)
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/

/**
 * Reads a date typed in Paris time ("2026-03-15T12:00", or "2026-03-15" for midnight) or an ISO instant with an
 * offset ("2026-03-15T11:00:00Z") and returns the UTC ISO string, or null when it is not a real date.
 */
export function parseParisDateTime(value: string, endOfDay = false): string | null {
  const trimmed = value.trim()
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(trimmed) && trimmed.includes('T')) {
    const date = new Date(trimmed)
    return Number.isNaN(date.getTime()) ? null : date.toISOString()
  }
  const match = LOCAL.exec(trimmed)
  if (!match) return null
  const [, y, m, d, hh, mm, ss] = match
  const fields = [Number(y), Number(m), Number(d), Number(hh ?? (endOfDay ? 23 : 0)), Number(mm ?? (endOfDay ? 59 : 0))]
  const seconds = Number(ss ?? 0)
  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 || fields[4] > 59) return null
  const naiveUtc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], seconds)
  const check = new Date(naiveUtc)
  if (check.getUTCDate() !== fields[2] || check.getUTCMonth() !== fields[1] - 1) return null
  // Two passes settle the offset around daylight-saving changes.
  let instant = naiveUtc - parisOffsetMinutes(new Date(naiveUtc)) * 60_000
  instant = naiveUtc - parisOffsetMinutes(new Date(instant)) * 60_000
  return new Date(instant).toISOString()
}

/** True when the string is a real calendar date written yyyy-mm-dd. */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/** "2026-03-15T12:00" in Paris time, for a datetime-local input. */
export function toParisInputValue(iso: string | null | undefined): string {
  if (!iso) return ''
  const p = parisParts(new Date(iso))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

// French display of dates lives in one module for the whole site; re-exported here for the resource code.
export { formatDateFr, formatDateTimeFr, formatDayFr, formatDayRangeFr, formatTimeFr, dayRangeFr } from '#app/utils/dates-fr.ts'

// Whether a funding call is open: the one rule of the site (search/funding-state.ts), shared with the search index.
export { FUNDING_STATES, type FundingState, fundingState } from '#search/funding-state.ts'

export const FUNDING_STATE_LABELS: Record<FundingState, string> = {
  upcoming: 'À venir',
  open: 'Ouvert',
  closed: 'Clôturé',
  none: 'Sans date limite',
}
