import { describe, expect, it } from 'vitest'
import { getSqlite } from '#db/client.server.ts'
import { progressBar } from '#search/reindex.ts'
import { makeDocument } from '#tests/fixtures/search-documents.ts'
import { reindexAll } from './indexing.server.ts'
import { SqliteSearchEngine } from '#search/sqlite/sqlite-engine.ts'
import { insertTestResource } from '#tests/helpers/search-resources.ts'

describe('full reindex', () => {
  it('indexes every searchable resource, sweeps documents the database no longer wants, reports progress', async () => {
    const sqlite = getSqlite()
    sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    const engine = new SqliteSearchEngine(sqlite)
    await engine.init({ synonyms: [] })
    for (let i = 0; i < 7; i++) await insertTestResource({ title: `Atelier vélo numéro ${i}` })
    await insertTestResource({ title: 'Atelier vélo brouillon', status: 'draft' })
    const ghost = makeDocument({ title: 'Atelier fantôme' })
    await engine.upsert([ghost])
    const progress: number[] = []
    const result = await reindexAll({ engine, batchSize: 3, onProgress: (p) => progress.push(p.done) })
    expect(result).toMatchObject({ indexed: 7, removed: 1 })
    expect(progress).toEqual([0, 3, 6, 7])
    const found = await engine.search({ query: 'atelier', access: { visibilities: ['public'], groupIds: [] }, perPage: 50 })
    expect(found.total).toBe(7)
    expect(progressBar({ done: 3, total: 6, elapsedMs: 1500 }, 10)).toBe('[█████░░░░░] 50 % — 3/6 documents — 1.5 s')
  })
})
