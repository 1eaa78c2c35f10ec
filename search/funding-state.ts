// Whether a dated document (a funding call) is open, upcoming or closed: the ONE rule, used by the resource page,
// /ressources (app/modules/resources/dates.ts re-exports it) and both search engines (the SQLite engine calls it at
// query time; the Meilisearch filter `stateFilter` is the same rule written as a filter, held to it by the contract
// suite). Pure, no imports: shared by server and browser.
//
// Opening dates and deadlines are instants (ISO-8601 UTC, typed with an hour in Paris time and shown with it): a call
// whose deadline is 12:00 is closed from 12:00 on, not at midnight. The index stores the instants, never a day.

export type FundingState = 'open' | 'upcoming' | 'closed' | 'none'

export const FUNDING_STATES: readonly FundingState[] = ['open', 'upcoming', 'closed', 'none']

/** Milliseconds since the epoch of an ISO-8601 date or instant, or null (none, or not a date). */
export function instantMs(value: string | null | undefined): number | null {
  if (!value) return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/**
 * The rule on instants (milliseconds): without any date, `none`; before the opening instant, `upcoming`; from the
 * deadline instant on, `closed`; otherwise `open` (no opening date: open until the deadline; no deadline: open once
 * opened).
 */
export function fundingStateAt(openingMs: number | null, deadlineMs: number | null, nowMs: number): FundingState {
  if (openingMs === null && deadlineMs === null) return 'none'
  if (openingMs !== null && openingMs > nowMs) return 'upcoming'
  if (deadlineMs !== null && deadlineMs <= nowMs) return 'closed'
  return 'open'
}

/** State of a call at `now` (defaults to this instant). */
export function fundingState(
  call: { openingDate: string | null; deadline: string | null },
  now: Date = new Date(),
): FundingState {
  return fundingStateAt(instantMs(call.openingDate), instantMs(call.deadline), now.getTime())
}
