import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { db, getSqlite } from '#db/client.server.ts'
import { getSearchEngine } from './engine.server.ts'
import { drainSearchOutbox } from './indexing.server.ts'
import type { SearchParams } from '#search/search.schema.ts'
import { searchForUser } from './search.server.ts'
import { insertTestResource } from '#tests/helpers/search-resources.ts'
import { addTestMember, createTestGroup } from '#tests/factories/discussions.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { actorOf } from '#tests/factories/structures.ts'

const params = (q: string): SearchParams => ({
  q,
  kind: [],
  type: [],
  territory: [],
  theme: [],
  programme: [],
  legalForm: [],
  state: [],
  validated: false,
  sort: 'relevance',
  page: 1,
  perPage: 20,
})

describe('a search never writes', () => {
  it('drops a stale hit without a database write; the next drain repairs the index', async () => {
    const sqlite = getSqlite()
    sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    const kept = await insertTestResource({ title: 'Composteur partagé du quartier' })
    const archived = await insertTestResource({ title: 'Composteur retiré du quartier' })
    await drainSearchOutbox()
    // Archived behind the indexer's back (no outbox row): the index still holds it.
    await sql`update resources set status = 'archived' where id = ${archived}`.execute(db)
    const engine = await getSearchEngine()
    expect(await engine.listKeys()).toContain(`resource:${archived}`)

    const changes = () => sqlite.prepare('select total_changes()').pluck().get() as number
    const outboxRows = async () => (await db.selectFrom('searchOutbox').select('id').execute()).length
    const before = changes()
    const result = await searchForUser(ANONYMOUS, params('composteur'))
    expect(result.hits.map((h) => h.document.id)).toEqual([kept])
    // Nothing written by the GET: no outbox row, no change at all on the connection.
    expect(changes()).toBe(before)
    expect(await outboxRows()).toBe(0)

    // The indexer's next drain refreshes what the search reported.
    expect(await drainSearchOutbox()).toMatchObject({ removed: 1, failed: 0 })
    expect(await engine.listKeys()).not.toContain(`resource:${archived}`)
    expect(await engine.listKeys()).toContain(`resource:${kept}`)
  })
})

describe('group-only resources in search: the resources policy, with the memberships read at each search', () => {
  it('a member of the group finds it, with its count; anonymous and a non-member find no trace', async () => {
    const group = await createTestGroup({ pageVisibility: 'members' })
    const memberUser = await createTestUser()
    const outsider = await createTestUser()
    const admin = await createTestUser({ role: 'admin' })
    await addTestMember(group.id, memberUser.id)
    const id = await insertTestResource({ title: 'Atelier xylocopaire du groupe', visibility: 'group', groups: [group.id] })
    await drainSearchOutbox()
    for (const user of [memberUser, admin]) {
      const result = await searchForUser(await actorOf(user), params('xylocopaire'))
      expect(result.hits.map((h) => h.document.id)).toEqual([id])
      expect(result.total).toBe(1)
    }
    for (const user of [null, outsider]) {
      const result = await searchForUser(user ? await actorOf(user) : ANONYMOUS, params('xylocopaire'))
      expect(result).toMatchObject({ total: 0, hits: [], facets: { kind: {} } })
    }
  })
})
