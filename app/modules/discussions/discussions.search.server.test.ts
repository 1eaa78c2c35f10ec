import type { JSONContent } from '@tiptap/core'
import { beforeAll, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { addTestMember, createTestGroup } from '#tests/factories/discussions.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { ANONYMOUS, type PersonViewer, personViewer } from '#app/modules/auth/viewer.ts'
import { getSearchEngine } from '#app/modules/search/engine.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { documentUrl, searchForUser } from '#app/modules/search/search.server.ts'
import { actorOf } from '#tests/factories/structures.ts'
import type { SearchParams } from '#search/search.schema.ts'
import { createThread, deletePost, hidePost, reply, unhidePost } from './discussions.server.ts'

// Discussions in the site's search (embedded FTS5 engine), through the same `searchForUser` the search page, the API
// and the suggestions call: a members-only group's thread is found by its members and admins only.

const params = (q: string, kind: SearchParams['kind'] = []): SearchParams => ({
  q,
  kind,
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
const doc = (text: string): JSONContent => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

type User = Awaited<ReturnType<typeof createTestUser>>
let memberUser: User
let outsiderUser: User
let adminUser: User
let otherGroupCoordinator: User
let member: PersonViewer
let coordinator: PersonViewer
let privateGroupId: string
let publicGroupId: string

async function found(user: { id: string } | null, word: string) {
  const result = await searchForUser(user ? await actorOf(user) : ANONYMOUS, params(word))
  return { total: result.total, ids: result.hits.map((h) => h.document.id), facets: result.facets.kind ?? {} }
}

beforeAll(async () => {
  const privateGroup = await createTestGroup({ pageVisibility: 'members', name: 'Fonds européens' })
  const publicGroup = await createTestGroup()
  const elsewhere = await createTestGroup({ pageVisibility: 'members' })
  privateGroupId = privateGroup.id
  publicGroupId = publicGroup.id
  memberUser = await createTestUser()
  outsiderUser = await createTestUser()
  adminUser = await createTestUser({ role: 'admin' })
  otherGroupCoordinator = await createTestUser()
  const coordinatorUser = await createTestUser()
  for (const g of [privateGroup, publicGroup]) {
    await addTestMember(g.id, memberUser.id)
    await addTestMember(g.id, coordinatorUser.id, 'coordinator')
  }
  await addTestMember(elsewhere.id, otherGroupCoordinator.id, 'coordinator')
  member = personViewer(memberUser, { groups: [[privateGroup.id, 'member'], [publicGroup.id, 'member']] })
  coordinator = personViewer(coordinatorUser, { groups: [[privateGroup.id, 'coordinator'], [publicGroup.id, 'coordinator']] })
})

async function thread(groupId: string, word: string) {
  const result = await createThread({ actor: member, groupId, title: `Échanges ${word}`, body: doc(`Le mot ${word} est rare.`) })
  if (!result.ok) throw new Error(result.reason)
  await drainSearchOutbox()
  return result.threadId
}

describe('a members-only group’s threads are found by its members and admins only', () => {
  test('member and admin find it, with its page; anonymous, a non-member and a coordinator elsewhere find no trace, not even a count', async () => {
    const id = await thread(privateGroupId, 'zygopétale')
    for (const user of [memberUser, adminUser]) {
      const result = await found(user, 'zygopétale')
      expect(result.ids).toEqual([id])
      expect(result.facets).toEqual({ discussion: 1 })
    }
    const hit = (await searchForUser(await actorOf(memberUser), params('zygopétale'))).hits[0]!
    expect(hit.document.kind).toBe('discussion')
    expect(documentUrl(hit.document)).toMatch(new RegExp(`^/groupes/groupe-[^/]+/discussions/${id}$`))
    for (const user of [null, outsiderUser, otherGroupCoordinator]) {
      expect(await found(user, 'zygopétale')).toEqual({ total: 0, ids: [], facets: {} })
    }
    // Filtering on the kind works too, and still hides it from others.
    expect((await searchForUser(await actorOf(memberUser), params('zygopétale', ['discussion']))).total).toBe(1)
    expect((await searchForUser(ANONYMOUS, params('zygopétale', ['discussion']))).total).toBe(0)
  })

  test('a public group’s thread is found by its members only; its replies are searchable, a hidden reply is not', async () => {
    const id = await thread(publicGroupId, 'quasibrocante')
    expect((await found(memberUser, 'quasibrocante')).ids).toEqual([id])
    // Whatever the group's page shows, its discussions are for its members (and admins).
    expect((await found(null, 'quasibrocante')).total).toBe(0)
    expect((await found(outsiderUser, 'quasibrocante')).total).toBe(0)
    const r = await reply({ actor: member, threadId: id, body: doc('Réponse avec ornithorynquement dedans') })
    const masked = await reply({ actor: member, threadId: id, body: doc('Réponse avec pentaglossique dedans') })
    if (!r.ok || !masked.ok) throw new Error('reply')
    await hidePost({ actor: coordinator, threadId: id, postId: masked.postId, reason: 'Hors sujet' })
    await drainSearchOutbox()
    expect((await found(memberUser, 'ornithorynquement')).ids).toEqual([id])
    expect((await found(outsiderUser, 'ornithorynquement')).total).toBe(0)
    expect((await found(memberUser, 'pentaglossique')).total).toBe(0)
  })

  test('hidden and deleted threads leave the index through the outbox; unhiding brings a thread back', async () => {
    const engine = await getSearchEngine()
    const id = await thread(privateGroupId, 'chronoplastie')
    expect(await engine.listKeys()).toContain(`discussion:${id}`)
    expect(await hidePost({ actor: coordinator, threadId: id, reason: 'Doublon' })).toEqual({ ok: true })
    // Not drained yet: the pending update already keeps it out, for moderators too.
    expect((await found(memberUser, 'chronoplastie')).total).toBe(0)
    expect((await found(adminUser, 'chronoplastie')).total).toBe(0)
    await drainSearchOutbox()
    expect(await engine.listKeys()).not.toContain(`discussion:${id}`)
    await unhidePost({ actor: coordinator, threadId: id })
    await drainSearchOutbox()
    expect((await found(memberUser, 'chronoplastie')).ids).toEqual([id])
    await deletePost({ actor: member, threadId: id })
    await drainSearchOutbox()
    expect(await engine.listKeys()).not.toContain(`discussion:${id}`)
    expect((await found(adminUser, 'chronoplastie')).total).toBe(0)
  })

  test('leaving the group ends what search finds at the next query', async () => {
    const id = await thread(privateGroupId, 'mégalithophone')
    expect((await found(memberUser, 'mégalithophone')).ids).toEqual([id])
    const leaver = await createTestUser()
    await addTestMember(privateGroupId, leaver.id)
    expect((await found(leaver, 'mégalithophone')).ids).toEqual([id])
    await db.deleteFrom('groupMemberships').where('userId', '=', leaver.id).execute()
    expect((await found(leaver, 'mégalithophone')).total).toBe(0)
  })
})
