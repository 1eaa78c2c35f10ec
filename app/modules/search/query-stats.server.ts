import { sql } from 'kysely'
import { db } from '#db/client.server.ts'

// How often each (folded) query is searched per ISO week, and how often it finds nothing, for curators
// (/admin/recherche). Nothing about who searched is stored: no user, no IP, no time of day.

/** ISO week of a date, `2026-W48`. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  const day = d.getUTCDay() || 7
  d.setUTCDate(d.getUTCDate() + 4 - day)
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1))
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7)
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

/** Normalised query text for the statistics: lower case, spaces collapsed, 100 characters at most. */
export function normaliseQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 100)
}

type PendingStat = { week: string; query: string; searches: number; zeroResults: number }
const pendingStats = new Map<string, PendingStat>()
/** Distinct queries kept between two flushes: beyond, a new query is not counted (memory stays bounded). */
export const MAX_PENDING_QUERY_STATS = 5_000

/**
 * Counts a query in memory: searching never waits for a database write. `flushQueryStats` (every few seconds from
 * the background workers, and at shutdown) adds the counts to `search_query_stats` in one transaction.
 */
export function countQuery(query: string, total: number, now = new Date()) {
  const text = normaliseQuery(query)
  if (!text) return
  const week = isoWeek(now)
  const key = `${week}\u0000${text}`
  const existing = pendingStats.get(key)
  if (!existing && pendingStats.size >= MAX_PENDING_QUERY_STATS) return
  const stat = existing ?? { week, query: text, searches: 0, zeroResults: 0 }
  stat.searches++
  if (total === 0) stat.zeroResults++
  pendingStats.set(key, stat)
}

export async function flushQueryStats(): Promise<number> {
  if (pendingStats.size === 0) return 0
  const batch = [...pendingStats.values()]
  pendingStats.clear()
  try {
    await db.transaction().execute(async (trx) => {
      for (const stat of batch) {
        await trx
          .insertInto('searchQueryStats')
          .values(stat)
          .onConflict((oc) =>
            oc.columns(['week', 'query']).doUpdateSet({
              searches: sql`searches + ${stat.searches}`,
              zeroResults: sql`zero_results + ${stat.zeroResults}`,
            }),
          )
          .execute()
      }
    })
  } catch (error) {
    // Kept for the next flush.
    for (const stat of batch) {
      const key = `${stat.week}\u0000${stat.query}`
      const current = pendingStats.get(key)
      if (current) {
        current.searches += stat.searches
        current.zeroResults += stat.zeroResults
      } else pendingStats.set(key, stat)
    }
    throw error
  }
  return batch.length
}

export type QueryStat = { query: string; searches: number; zeroResults: number }

/** Weeks that have statistics, newest first. */
export async function listStatWeeks(): Promise<string[]> {
  const rows = await db.selectFrom('searchQueryStats').select('week').distinct().orderBy('week', 'desc').limit(52).execute()
  return rows.map((r) => r.week)
}

export async function weeklyQueryStats(week: string, limit = 50): Promise<{ top: QueryStat[]; zero: QueryStat[] }> {
  const base = db.selectFrom('searchQueryStats').select(['query', 'searches', 'zeroResults']).where('week', '=', week)
  const top = await base.orderBy('searches', 'desc').orderBy('query').limit(limit).execute()
  const zero = await base.where('zeroResults', '>', 0).orderBy('zeroResults', 'desc').orderBy('query').limit(limit).execute()
  return { top, zero }
}
