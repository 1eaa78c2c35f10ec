import { describe, expect, it } from 'vitest'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { db, getSqlite } from '#db/client.server.ts'
import { searchOutboxCounts } from '#search/indexer.server.ts'
import { SqliteSearchEngine } from '#search/sqlite/sqlite-engine.ts'
import { checkIntegrity } from '../../scripts/backup.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { count, figure, killHard, startChild } from './harness.ts'

// Issue 18, resilience 2: kill -9 at random moments of a bulk import with the indexer and a full reindex running.
// After each kill, what the next start sees: the database and both FTS5 indexes pass their integrity checks, and once
// the indexer has caught up (the outbox drained, as at start), the index holds exactly the database's resources, each
// at the version the database has (same updatedAt, title and audience), nothing lost, nothing extra.
const CYCLES = count(3, 20)
const SIZE = count(20, 200)
/** The kill lands anywhere in this window after the child starts its first import (or after it committed one). */
const WINDOW_MS = count(2_500, 6_000)

/** (id, version) of each resource as the database says it must be found, and as the index holds it. */
async function expectedDocuments(): Promise<string[]> {
  const rows = await db
    .selectFrom('resources')
    .select(['id', 'updatedAt', 'title', 'visibility'])
    .where('externalId', 'like', 'resilience-%')
    .where('status', '=', 'published')
    .where('deletedAt', 'is', null)
    .where('hiddenAt', 'is', null)
    .execute()
  return rows.map((r) => `${r.id} ${r.updatedAt} ${r.visibility} ${r.title}`).sort()
}

function indexedDocuments(ids: Set<string>): string[] {
  const payloads = getSqlite()
    .prepare("select p.document from search_payloads p join search_documents d on d.id = p.id where d.doc_key like 'resource:%'")
    .pluck()
    .all() as string[]
  return payloads
    .map((json) => JSON.parse(json) as { id: string; updatedAt: string; visibility: string; title: string })
    .filter((d) => ids.has(d.id))
    .map((d) => `${d.id} ${d.updatedAt} ${d.visibility} ${d.title}`)
    .sort()
}

function ftsIntegrity(table: 'search_fts' | 'search_fields_fts'): 'ok' | string {
  try {
    getSqlite().prepare(`insert into ${table}(${table}) values ('integrity-check')`).run()
    return 'ok'
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

describe(`kill -9 during a bulk import and indexing, ${CYCLES} cycles`, () => {
  it('restarts on a sound database whose index equals the database', async () => {
    const author = await createTestUser()
    const engine = new SqliteSearchEngine(getSqlite())
    await engine.init({ synonyms: [] })
    const phases = { duringFirstImport: 0, duringIndexing: 0, afterReindex: 0 }
    let rows = 0
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const child = startChild('import-and-index.ts', { args: [author.email, String(SIZE), String(cycle)] })
      try {
        await child.waitFor('ready')
        // Two cycles in three let a first import commit, so kills also land in the indexing and reindex that follow.
        if (cycle % 3 !== 0) await child.waitFor('imported 0')
        await new Promise((resolve) => setTimeout(resolve, Math.random() * WINDOW_MS))
      } finally {
        await killHard(child)
      }
      if (child.output().includes('reindexed')) phases.afterReindex++
      else if (child.output().includes('imported')) phases.duringIndexing++
      else phases.duringFirstImport++
      expect(child.output()).not.toMatch(/Error|SQLITE_/)

      // The next start.
      expect(checkIntegrity(getEnv().databaseFile)).toBe('ok')
      expect(ftsIntegrity('search_fts')).toBe('ok')
      expect(ftsIntegrity('search_fields_fts')).toBe('ok')
      await drainSearchOutbox({ engine })
      expect(await searchOutboxCounts()).toEqual({ pending: 0, failed: 0 })
      const expected = await expectedDocuments()
      const ids = new Set(expected.map((line) => line.split(' ')[0]))
      const all = await db.selectFrom('resources').select('id').where('externalId', 'like', 'resilience-%').execute()
      expect(indexedDocuments(new Set(all.map((r) => r.id)))).toEqual(expected)
      expect(ids.size === 0 || ids.size === SIZE).toBe(true)
      rows = ids.size
    }
    figure(
      `arrêts brutaux : ${CYCLES} kill -9 pendant un import de ${SIZE} ressources avec indexation et réindexation ` +
        `(${phases.duringFirstImport} pendant le premier import, ${phases.duringIndexing} pendant l’indexation ou le 2e import, ` +
        `${phases.afterReindex} après une réindexation) : ` +
        `integrity_check ok, FTS5 integrity-check ok, index = base (${rows} ressources, même version)`,
    )
  }, 600_000)
})
