import { beforeEach, describe, expect, it } from 'vitest'
import { db, getSqlite } from '#db/client.server.ts'
import { loadStructureDocuments } from '#app/modules/structures/structures.search.server.ts'
import type { SearchDocument, SearchEngine, SearchAccess } from '#search/engine.ts'
import { FAILED_AFTER_ATTEMPTS, backoffMs, searchOutboxCounts } from '#search/indexer.server.ts'
import { drainSearchOutbox } from './indexing.server.ts'
import { reportStaleDocuments } from '#search/outbox.server.ts'
import { SqliteSearchEngine } from '#search/sqlite/sqlite-engine.ts'
import { insertTestResource, updateTestResource } from '#tests/helpers/search-resources.ts'

const anonymous: SearchAccess = { visibilities: ['public'], groupIds: [] }

/** The engine with some methods replaced (a failing or dying engine). */
function wrap(engine: SearchEngine, overrides: Partial<SearchEngine>): SearchEngine {
  return {
    name: engine.name,
    init: (s) => engine.init(s),
    applySettings: (s) => engine.applySettings(s),
    upsert: (d) => engine.upsert(d),
    remove: (k) => engine.remove(k),
    search: (q) => engine.search(q),
    listKeys: () => engine.listKeys(),
    health: () => engine.health(),
    ...overrides,
  }
}

describe('search indexer', () => {
  let engine: SqliteSearchEngine
  beforeEach(async () => {
    const sqlite = getSqlite()
    sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    engine = new SqliteSearchEngine(sqlite)
    await engine.init({ synonyms: [] })
  })
  const titles = async (query: string, viewer = anonymous) =>
    (await engine.search({ query, access: viewer })).hits.map((h) => h.document.title)

  it('indexes what the outbox names, and only published, non-deleted resources', async () => {
    const published = await insertTestResource({ title: 'Ruche coopérative', themes: ['emploi-insertion'] })
    await insertTestResource({ title: 'Ruche brouillon', status: 'draft' })
    await insertTestResource({ title: 'Ruche archivée', status: 'archived' })
    await insertTestResource({ title: 'Ruche en attente', status: 'pending' })
    const result = await drainSearchOutbox({ engine })
    expect(result).toEqual({ indexed: 1, removed: 3, failed: 0 })
    expect(await titles('ruche')).toEqual(['Ruche coopérative'])
    expect(await searchOutboxCounts()).toEqual({ pending: 0, failed: 0 })
    await updateTestResource(published, { deletedAt: new Date().toISOString() }, 'delete')
    await drainSearchOutbox({ engine })
    expect(await titles('ruche')).toEqual([])
  })

  it('follows a visibility change made after indexing', async () => {
    const id = await insertTestResource({ title: 'Carte des jardins partagés' })
    await drainSearchOutbox({ engine })
    expect(await titles('jardins')).toHaveLength(1)
    await updateTestResource(id, { visibility: 'members' })
    await drainSearchOutbox({ engine })
    expect(await titles('jardins')).toHaveLength(0)
    expect(await titles('jardins', { visibilities: ['public', 'members'], groupIds: [] })).toHaveLength(1)
  })

  it('keeps rows when the engine fails, retries with backoff, marks them failed, then catches up', async () => {
    await insertTestResource({ title: 'Épicerie solidaire de Liévin' })
    await insertTestResource({ title: 'Garage solidaire de Lens' })
    let down = true
    const flaky: SearchEngine = wrap(engine, {
      upsert: async (documents: SearchDocument[]) => {
        if (down) throw new Error('engine unreachable')
        return engine.upsert(documents)
      },
    })
    let clock = new Date(Date.now() + 1000)
    const now = () => clock
    for (let attempt = 1; attempt <= FAILED_AFTER_ATTEMPTS; attempt++) {
      const result = await drainSearchOutbox({ engine: flaky, now })
      expect(result.failed).toBe(2)
      // Not due again before its backoff.
      expect((await drainSearchOutbox({ engine: flaky, now })).failed).toBe(0)
      clock = new Date(clock.getTime() + backoffMs(attempt))
    }
    const rows = await db.selectFrom('searchOutbox').selectAll().execute()
    expect(rows.every((r) => r.status === 'failed' && r.attempts === FAILED_AFTER_ATTEMPTS && r.lastError === 'engine unreachable')).toBe(true)
    expect(await searchOutboxCounts()).toEqual({ pending: 0, failed: 2 })
    expect(await titles('solidaire')).toEqual([])
    down = false
    const result = await drainSearchOutbox({ engine: flaky, now })
    expect(result).toEqual({ indexed: 2, removed: 0, failed: 0 })
    expect((await titles('solidaire')).sort()).toEqual(['Garage solidaire de Lens', 'Épicerie solidaire de Liévin'])
    expect(await searchOutboxCounts()).toEqual({ pending: 0, failed: 0 })
  })

  it('loses nothing when the process dies after indexing but before clearing the outbox (replay is harmless)', async () => {
    const id = await insertTestResource({ title: 'Recyclerie du Ternois' })
    // The "dead" process indexed the document, then died before deleting its outbox row.
    const dying: SearchEngine = wrap(engine, {
      upsert: async (documents: SearchDocument[]) => {
        await engine.upsert(documents)
        throw new Error('killed')
      },
    })
    await drainSearchOutbox({ engine: dying })
    expect(await searchOutboxCounts()).toEqual({ pending: 1, failed: 0 })
    // Meanwhile the resource changed and another write landed.
    await updateTestResource(id, { title: 'Recyclerie du Ternois et des 7 Vallées' })
    await insertTestResource({ title: 'Recyclerie de Béthune' })
    // The next start drains everything left, whatever its age.
    const later = new Date(Date.now() + 60_000)
    await drainSearchOutbox({ engine, now: () => later })
    expect((await titles('recyclerie')).sort()).toEqual(['Recyclerie de Béthune', 'Recyclerie du Ternois et des 7 Vallées'])
    expect(await searchOutboxCounts()).toEqual({ pending: 0, failed: 0 })
  })

  it('refreshes the documents a search reported stale, keeping them for the next drain when the engine fails', async () => {
    const id = await insertTestResource({ title: 'Friperie éphémère' })
    await drainSearchOutbox({ engine })
    // Archived without an outbox row (as if the row were lost): only a search's report tells the indexer.
    await db.updateTable('resources').set({ status: 'archived' }).where('id', '=', id).execute()
    reportStaleDocuments([{ type: 'resource', id }])
    const down: SearchEngine = wrap(engine, {
      remove: async () => {
        throw new Error('engine unreachable')
      },
    })
    expect(await drainSearchOutbox({ engine: down })).toEqual({ indexed: 0, removed: 0, failed: 1 })
    expect(await titles('friperie')).toEqual(['Friperie éphémère'])
    expect(await drainSearchOutbox({ engine })).toEqual({ indexed: 0, removed: 1, failed: 0 })
    expect(await titles('friperie')).toEqual([])
    expect(await drainSearchOutbox({ engine })).toEqual({ indexed: 0, removed: 0, failed: 0 })
  })

  it('isolates a poison entity from the rest of its batch', async () => {
    await insertTestResource({ title: 'Poison' })
    await insertTestResource({ title: 'Ferme pédagogique' })
    const picky: SearchEngine = wrap(engine, {
      upsert: async (documents: SearchDocument[]) => {
        if (documents.some((d) => d.title === 'Poison')) throw new Error('rejected')
        return engine.upsert(documents)
      },
    })
    const result = await drainSearchOutbox({ engine: picky })
    expect(result).toEqual({ indexed: 1, removed: 0, failed: 1 })
    expect(await titles('ferme')).toEqual(['Ferme pédagogique'])
  })
})

describe('structures in the index', () => {
  it('indexes a structure of the directory under the structure kind', async () => {
    const sqlite = getSqlite()
    sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    const engine = new SqliteSearchEngine(sqlite)
    await engine.init({ synonyms: [] })
    const now = new Date().toISOString()
    await db
      .insertInto('structures')
      .values({
        id: 'structure-test-1',
        slug: 'la-ruche-de-lens',
        name: 'La Ruche de Lens',
        searchName: 'la ruche de lens',
        legalForm: 'scic',
        communeInsee: '62498',
        territoryId: 'lens-lievin',
        presentation: 'Épicerie coopérative',
        createdAt: now,
        updatedAt: now,
      } as never)
      .execute()
    const documents = await loadStructureDocuments(['structure-test-1', 'missing'])
    expect(documents.get('missing')).toBeNull()
    await engine.upsert([documents.get('structure-test-1')!])
    const result = await engine.search({ query: 'ruche', access: anonymous, facets: ['kind', 'legalForm'] })
    expect(result.facets).toEqual({ kind: { structure: 1 }, legalForm: { scic: 1 } })
  })
})
