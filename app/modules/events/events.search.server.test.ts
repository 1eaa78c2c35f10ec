import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { searchableType } from '#app/modules/search/registry.server.ts'
import * as apiSearch from '#app/routes/api.v1.search.ts'
import * as search from '#app/routes/recherche.tsx'
import { db } from '#db/client.server.ts'
import { createTestEvent, eventInput } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'
import { cancelEvent, createEvent, updateEvent } from './events.server.ts'

// Events in search (issue 13): written to the search outbox in the transaction of each write, indexed with their
// audience (group-only events carry their groups, so the engine filters them), re-checked by the events policy, shown
// on /recherche as « Événement · ven. 5 mars 2027 ».

const asRoute = (module: unknown) => module as TestRoute['module']
const app = createTestApp({
  'routes/recherche': { path: 'recherche', module: asRoute(search) },
  'routes/api.v1.search': { path: 'api/v1/search', module: asRoute(apiSearch) },
})

async function outboxRows(id: string) {
  return db.selectFrom('searchOutbox').select(['entityType', 'operation']).where('entityId', '=', id).execute()
}

async function cookieOf(id: string) {
  return (await createSession(id)).cookie.split(';')[0]
}

test('create, update and cancel each queue an upsert in their own transaction; a rolled back write queues nothing', async () => {
  const event = await createTestEvent({ title: 'Outbox des événements' })
  expect(await outboxRows(event.id)).toEqual([{ entityType: 'event', operation: 'upsert' }])
  const { groupId: _g, structureId: _s, ...input } = eventInput({ title: 'Outbox des événements, modifié' })
  expect(await updateEvent({ id: event.id, input, expectedVersion: event.version, actor: systemActor('tests') })).toMatchObject({ ok: true })
  await cancelEvent({ id: event.id, actor: systemActor('tests') })
  expect(await outboxRows(event.id)).toHaveLength(3)
  const group = await createTestGroup()
  let createdId = ''
  await expect(
    db.transaction().execute(async (trx) => {
      const result = await createEvent({ actor: systemActor('tests'), input: eventInput({ groupId: group.id }), trx })
      if (result.ok) createdId = result.event.id
      throw new Error('rollback')
    }),
  ).rejects.toThrow('rollback')
  expect(createdId).not.toBe('')
  expect(await outboxRows(createdId)).toEqual([])
})

test('the document: the event’s audience (group-only with its groups), its page, « Annulé » in the title once cancelled', async () => {
  const group = await createTestGroup()
  const secret = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id], territorySlug: 'calaisis', communeInsee: null })
  const type = searchableType('event')
  const [document] = [...(await type.loadDocuments([secret.id, 'inconnu'])).values()]
  expect(document).toMatchObject({ kind: 'event', type: 'evenement', visibility: 'group', groupIds: [group.id], territory: 'calaisis' })
  expect(type.url(document!)).toBe(`/agenda/${secret.id}`)
  expect((await type.loadDocuments(['inconnu'])).get('inconnu')).toBeNull()
  await cancelEvent({ id: secret.id, actor: systemActor('tests') })
  expect((await type.loadDocuments([secret.id])).get(secret.id)?.title).toMatch(/^Annulé : /)
})

test('findable re-checks the events policy: members of the group and organisers, not others', async () => {
  const group = await createTestGroup()
  const coordinator = await createTestUser()
  await addTestGroupMember(group.id, coordinator.id, 'coordinator')
  const member = await createTestUser()
  await addTestGroupMember(group.id, member.id)
  const outsider = await createTestUser()
  const forOther = await createTestGroup()
  // Organised by the group, for another group's members only: its coordinator still reads it (and owns it).
  const event = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [forOther.id] })
  const type = searchableType('event')
  expect((await type.findable(await actorOf(outsider), [event.id])).size).toBe(0)
  expect((await type.findable(await actorOf(member), [event.id])).size).toBe(0)
  expect((await type.findable(await actorOf(coordinator), [event.id])).get(event.id)).toBe('group')
  expect(await type.owned?.(await actorOf(coordinator))).toContain(event.id)
})

describe('/recherche and /api/v1/search', () => {
  test('a group-only event: absent for anonymous visitors and non-members, present for members, shown « Événement · ven. 5 mars 2027 »', async () => {
    const group = await createTestGroup()
    const member = await createTestUser()
    await addTestGroupMember(group.id, member.id)
    const outsider = await createTestUser()
    const event = await createTestEvent({
      groupId: group.id,
      visibility: 'group',
      groupIds: [group.id],
      title: 'Séance pyrognomique réservée',
      startsAt: '2027-03-05T08:00:00Z',
      endsAt: '2027-03-05T11:00:00Z',
    })
    await drainSearchOutbox()
    for (const cookie of [undefined, await cookieOf(outsider.id)]) {
      const page = await readPage(await app(pageGet('/recherche?q=pyrognomique', cookie)))
      expect(page.full).not.toContain(event.id)
      expect(page.full).not.toContain('Séance pyrognomique')
      const api = (await (await app(pageGet('/api/v1/search?q=pyrognomique', cookie))).json()) as { total: number }
      expect(api.total).toBe(0)
    }
    const cookie = await cookieOf(member.id)
    const page = (await readPage(await app(pageGet('/recherche?q=pyrognomique', cookie)))).visible
    expect(page).toContain(`href="/agenda/${event.id}"`)
    expect(page).toMatch(/<span class="badge">Événement<\/span><time dateTime="2027-03-05T08:00:00.000Z">ven\. 5 mars 2027<\/time>/)
    const api = (await (await app(pageGet('/api/v1/search?q=pyrognomique', cookie))).json()) as { total: number }
    expect(api.total).toBe(1)
  })
})
