import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { getSqlite } from '#db/client.server.ts'
import type { SearchAccess } from '../engine.ts'
import { makeDocument } from '#tests/fixtures/search-documents.ts'
import { parseRowids } from './attributes.ts'
import { SqliteSearchEngine } from './sqlite-engine.ts'

// The in-memory attributes follow every change of search_documents, whoever makes it: this engine, another engine
// on the same handle, another connection (another process), a wipe by raw SQL, or changes beyond the pruned log.

const anonymous: SearchAccess = { visibilities: ['public'], groupIds: [] }
const member: SearchAccess = { visibilities: ['public', 'members'], groupIds: [] }

describe('in-memory attributes of the SQLite engine', () => {
  const sqlite = getSqlite()
  let reader: SqliteSearchEngine
  let writer: SqliteSearchEngine
  beforeEach(async () => {
    sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents;")
    reader = new SqliteSearchEngine(sqlite)
    writer = new SqliteSearchEngine(sqlite)
    await reader.init({ synonyms: [] })
    await writer.init({ synonyms: [] })
  })

  it('sees documents added, changed and removed by another engine', async () => {
    const doc = makeDocument({ title: 'Épicerie solidaire itinérante', territory: 'arrageois' })
    expect((await reader.search({ query: 'epicerie', access: anonymous })).total).toBe(0)
    await writer.upsert([doc])
    let result = await reader.search({ query: 'epicerie', access: anonymous, facets: ['territory'] })
    expect(result.total).toBe(1)
    expect(result.facets.territory).toEqual({ arrageois: 1 })

    await writer.upsert([{ ...doc, territory: 'audomarois', visibility: 'members' }])
    expect((await reader.search({ query: 'epicerie', access: anonymous })).total).toBe(0)
    result = await reader.search({ query: 'epicerie', access: member, facets: ['territory'] })
    expect(result.facets.territory).toEqual({ audomarois: 1 })

    await writer.remove([{ kind: 'resource', id: doc.id }])
    expect((await reader.search({ query: '', access: member })).total).toBe(0)
  })

  it('sees a change made through another connection, and a wipe by raw SQL', async () => {
    const doc = makeDocument({ title: 'Recyclerie de quartier' })
    await writer.upsert([doc])
    expect((await reader.search({ query: 'recyclerie', access: anonymous })).total).toBe(1)
    const other = new Database(sqlite.name)
    try {
      other.prepare("update search_documents set visibility = 'members'").run()
    } finally {
      other.close()
    }
    expect((await reader.search({ query: 'recyclerie', access: anonymous })).total).toBe(0)
    sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents;")
    expect((await reader.search({ query: '', access: member })).total).toBe(0)
  })

  it('reloads everything when the change log was pruned past what it had read', async () => {
    const first = makeDocument({ title: 'Atelier vélo partagé' })
    await writer.upsert([first])
    expect((await reader.search({ query: 'velo', access: anonymous })).total).toBe(1)
    const second = makeDocument({ title: 'Atelier vélo mobile' })
    await writer.upsert([second])
    // As if far more changes than the log keeps had happened since the reader last looked.
    sqlite.prepare('delete from search_changes where seq <= (select max(seq) from search_changes) - 1').run()
    await writer.upsert([{ ...first, visibility: 'members' }])
    const result = await reader.search({ query: 'velo', access: anonymous })
    expect(result.hits.map((h) => h.document.id)).toEqual([second.id])
  })

  it('parses group_concat lists of rowids', () => {
    expect([...parseRowids('3,17,250000')]).toEqual([3, 17, 250000])
    expect([...parseRowids('42')]).toEqual([42])
    expect(parseRowids(null).length).toBe(0)
  })
})
