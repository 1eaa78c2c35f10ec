import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { MAX_PENDING_QUERY_STATS, countQuery, flushQueryStats } from './query-stats.server.ts'

describe('search query statistics in memory', () => {
  test('distinct queries between two flushes are capped (a flood of random queries cannot grow memory)', async () => {
    await flushQueryStats()
    const now = new Date('2026-03-02T10:00:00Z')
    for (let i = 0; i < MAX_PENDING_QUERY_STATS + 500; i++) countQuery(`requête aléatoire ${i}`, 0, now)
    // A query already counted keeps counting when the map is full.
    countQuery('requête aléatoire 0', 3, now)
    expect(await flushQueryStats()).toBe(MAX_PENDING_QUERY_STATS)
    const first = await db
      .selectFrom('searchQueryStats')
      .select(['searches', 'zeroResults'])
      .where('query', '=', 'requête aléatoire 0')
      .executeTakeFirstOrThrow()
    expect(first).toEqual({ searches: 2, zeroResults: 1 })
    // After the flush the map is empty again: new queries count.
    countQuery('une requête après la vidange', 1, now)
    expect(await flushQueryStats()).toBe(1)
    await sql`delete from search_query_stats`.execute(db)
  })
})
