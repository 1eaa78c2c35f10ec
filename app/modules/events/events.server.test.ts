import { expect, test } from 'vitest'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { ANONYMOUS, type PersonViewer } from '#app/modules/auth/viewer.ts'
import { listAuditEntries } from '#app/modules/audit/audit.server.ts'
import { db } from '#db/client.server.ts'
import { createTestEvent, eventInput } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { deleteStructure } from '#app/modules/structures/structures.server.ts'
import { cancelEvent, createEvent, type EventRecord, getEventForViewer, listEvents, updateEvent } from './events.server.ts'
import { register } from './registrations.server.ts'

async function coordinatorOf(groupId: string) {
  const user = await createTestUser()
  await addTestGroupMember(groupId, user.id, 'coordinator')
  return (await viewerById(user.id)) as PersonViewer
}

function editInput(event: EventRecord, changes: Partial<ReturnType<typeof eventInput>> = {}) {
  const { groupId: _g, structureId: _s, ...input } = eventInput({
    title: event.title,
    description: event.descriptionJson,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    communeInsee: event.communeInsee,
    address: event.address,
    onlineUrl: event.onlineUrl,
    territorySlug: event.territorySlug,
    kind: event.kind,
    capacity: event.capacity,
    registrationDeadline: event.registrationDeadline,
    visibility: event.visibility,
    groupIds: event.groupIds,
    ...changes,
  })
  return input
}

test('a coordinator creates an event for their group: UTC times, UID at the site’s domain, territory from the commune, sanitised description', async () => {
  const group = await createTestGroup()
  const coordinator = await coordinatorOf(group.id)
  const result = await createEvent({
    actor: coordinator,
    input: eventInput({ groupId: group.id, startsAt: '2027-03-10T09:00:00+01:00', endsAt: '2027-03-10T12:00:00+01:00', capacity: 10 }),
  })
  if (!result.ok) throw new Error(JSON.stringify(result))
  const event = result.event
  expect(event.startsAt).toBe('2027-03-10T08:00:00.000Z')
  expect(event.uid).toBe(`${event.id}@localhost`)
  expect(event.territorySlug).toBe('arrageois')
  expect(event.descriptionHtml).toContain('<p>')
  expect(event.sequence).toBe(0)
  expect(event.createdBy).toBe(coordinator.id)
  expect((await listAuditEntries({ type: 'event', id: event.id })).map((e) => e.action)).toEqual(['event.created'])
})

test('creating: a plain member, another group’s coordinator, an unverified coordinator may not; a structure member for their structure may', async () => {
  const group = await createTestGroup()
  const member = await createTestUser()
  await addTestGroupMember(group.id, member.id)
  const other = await coordinatorOf((await createTestGroup()).id)
  const unverified = await createTestUser({ emailVerifiedAt: null })
  await addTestGroupMember(group.id, unverified.id, 'coordinator')
  for (const actor of [(await viewerById(member.id))!, other, (await viewerById(unverified.id))!]) {
    expect(await createEvent({ actor: actor as PersonViewer, input: eventInput({ groupId: group.id }) })).toEqual({ ok: false, reason: 'forbidden' })
  }
  const { structure, owner } = await createTestStructure()
  const ownerViewer = (await viewerById(owner.id)) as PersonViewer
  expect(await createEvent({ actor: ownerViewer, input: eventInput({ structureId: structure.id }) })).toMatchObject({ ok: true })
  // A group-only event for a group the structure member is not in: refused.
  expect(
    await createEvent({ actor: ownerViewer, input: eventInput({ structureId: structure.id, visibility: 'group', groupIds: [group.id] }) }),
  ).toEqual({ ok: false, reason: 'forbidden' })
})

test('invalid input is told field by field, in French', async () => {
  const group = await createTestGroup()
  const result = await createEvent({
    actor: await coordinatorOf(group.id),
    input: eventInput({
      groupId: group.id,
      title: ' ',
      startsAt: '2027-03-10T10:00:00Z',
      endsAt: '2027-03-10T09:00:00Z',
      capacity: 0,
      onlineUrl: 'javascript:alert(1)',
      visibility: 'group',
      groupIds: [],
      registrationDeadline: '2027-03-11T00:00:00Z',
    }),
  })
  expect(result).toMatchObject({
    ok: false,
    reason: 'invalid',
    errors: {
      title: 'Donnez un titre à l’événement.',
      endsAt: 'La fin doit venir après le début.',
      capacity: expect.stringContaining('au moins 1'),
      onlineUrl: expect.stringContaining('https://'),
      groupIds: 'Choisissez au moins un groupe.',
      registrationDeadline: 'La date limite d’inscription doit précéder le début.',
    },
  })
  expect(await createEvent({ actor: await coordinatorOf(group.id), input: eventInput({ groupId: group.id, structureId: 'x' }) })).toMatchObject({
    errors: { organiser: expect.any(String) },
  })
  expect(await createEvent({ actor: await coordinatorOf(group.id), input: eventInput({ groupId: group.id, communeInsee: '00000' }) })).toMatchObject({
    errors: { communeInsee: 'Choisissez une commune de la liste.' },
  })
})

test('editing: the UID never changes; SEQUENCE goes up when the date, time or place changes, not for the title; stale versions conflict', async () => {
  const group = await createTestGroup()
  const coordinator = await coordinatorOf(group.id)
  const event = await createTestEvent({ groupId: group.id })
  const retitled = await updateEvent({ id: event.id, input: editInput(event, { title: 'Nouveau titre' }), expectedVersion: 1, actor: coordinator })
  expect(retitled).toMatchObject({ ok: true, rescheduled: false, event: { uid: event.uid, sequence: 0, version: 2, title: 'Nouveau titre' } })
  const later = new Date(Date.parse(event.startsAt) + 3600_000).toISOString()
  const moved = await updateEvent({ id: event.id, input: editInput(event, { startsAt: later }), expectedVersion: 2, actor: coordinator })
  expect(moved).toMatchObject({ ok: true, rescheduled: true, event: { uid: event.uid, sequence: 1, version: 3 } })
  const placed = await updateEvent({ id: event.id, input: editInput(event, { startsAt: later, address: 'Salle des fêtes' }), expectedVersion: 3, actor: coordinator })
  expect(placed).toMatchObject({ ok: true, rescheduled: true, event: { uid: event.uid, sequence: 2 } })
  expect(await updateEvent({ id: event.id, input: editInput(event), expectedVersion: 3, actor: coordinator })).toMatchObject({ ok: false, reason: 'conflict' })
  const stranger = (await viewerById((await createTestUser()).id)) as PersonViewer
  expect(await updateEvent({ id: event.id, input: editInput(event), expectedVersion: 4, actor: stranger })).toEqual({ ok: false, reason: 'forbidden' })
})

test('cancelling: the event stays readable, SEQUENCE goes up, registered and waiting people are told in French; it cannot be edited after', async () => {
  const group = await createTestGroup()
  const coordinator = await coordinatorOf(group.id)
  const event = await createTestEvent({ groupId: group.id, capacity: 1 })
  const a = await createTestUser()
  const b = await createTestUser()
  await register({ eventId: event.id, actor: (await viewerById(a.id)) as PersonViewer })
  await register({ eventId: event.id, actor: (await viewerById(b.id)) as PersonViewer })
  const result = await cancelEvent({ id: event.id, actor: coordinator })
  expect(result).toMatchObject({ ok: true, told: 2, event: { status: 'cancelled', sequence: 1, uid: event.uid } })
  expect(await getEventForViewer(event.id, ANONYMOUS)).toMatchObject({ status: 'cancelled' })
  for (const [user, line] of [
    [a, 'Vous y étiez inscrit ou inscrite'],
    [b, 'Vous étiez sur la liste d’attente'],
  ] as const) {
    const mails = await db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', user.email).execute()
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toBe(`Annulé : ${event.title}`)
    expect(mails[0].textBody).toContain(line)
    expect(mails[0].textBody).toContain(`http://localhost:3000/agenda/${event.id}`)
  }
  expect(await cancelEvent({ id: event.id, actor: coordinator })).toMatchObject({ ok: false, reason: 'cancelled' })
  expect(await updateEvent({ id: event.id, input: editInput(event), expectedVersion: 2, actor: coordinator })).toMatchObject({ ok: false, reason: 'cancelled' })
})

test('a group-only event is not found by a non-member, for reading as for editing', async () => {
  const group = await createTestGroup()
  const event = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id] })
  const stranger = (await viewerById((await createTestUser()).id)) as PersonViewer
  expect(await getEventForViewer(event.id, stranger)).toBeNull()
  expect(await getEventForViewer(event.id, ANONYMOUS)).toBeNull()
  expect(await cancelEvent({ id: event.id, actor: stranger })).toEqual({ ok: false, reason: 'not-found' })
})

test('listEvents: what the viewer may read, upcoming or past, by territory, group, kind and month', async () => {
  const group = await createTestGroup()
  const member = await createTestUser()
  await addTestGroupMember(group.id, member.id)
  const memberViewer = (await viewerById(member.id)) as PersonViewer
  const now = new Date('2027-05-01T10:00:00Z')
  const soon = await createTestEvent({ groupId: group.id, startsAt: '2027-05-10T07:00:00Z', endsAt: '2027-05-10T09:00:00Z', kind: 'formation' })
  const later = await createTestEvent({ groupId: group.id, startsAt: '2027-06-10T07:00:00Z', endsAt: '2027-06-10T09:00:00Z', communeInsee: null, territorySlug: 'calaisis' })
  const secret = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id], startsAt: '2027-05-20T07:00:00Z', endsAt: '2027-05-20T09:00:00Z' })
  const past = await createTestEvent({ groupId: group.id, startsAt: '2027-04-10T07:00:00Z', endsAt: '2027-04-10T09:00:00Z' })
  const ids = async (options: Partial<Parameters<typeof listEvents>[0]>) =>
    (await listEvents({ viewer: ANONYMOUS, groupId: group.id, now, ...options })).map((e) => e.id)
  expect(await ids({})).toEqual([soon.id, later.id])
  expect(await ids({ viewer: memberViewer })).toEqual([soon.id, secret.id, later.id])
  expect(await ids({ when: 'past' })).toEqual([past.id])
  expect(await ids({ kind: 'formation' })).toEqual([soon.id])
  expect(await ids({ territorySlug: 'calaisis' })).toEqual([later.id])
  expect(await ids({ viewer: memberViewer, range: { from: '2027-05-01T00:00:00Z', to: '2027-06-01T00:00:00Z' } })).toEqual([soon.id, secret.id])
})

test('deleting the organising structure deletes its events and their registrations (the structure deletion is not blocked)', async () => {
  const { structure, owner } = await createTestStructure()
  const ownerViewer = (await viewerById(owner.id)) as PersonViewer
  const created = await createEvent({ actor: ownerViewer, input: eventInput({ structureId: structure.id }) })
  if (!created.ok) throw new Error(JSON.stringify(created))
  const participant = await createTestUser()
  await register({ eventId: created.event.id, actor: (await viewerById(participant.id)) as PersonViewer })
  expect(await deleteStructure({ id: structure.id, actor: ownerViewer })).toEqual({ ok: true })
  expect(await db.selectFrom('events').select('id').where('id', '=', created.event.id).executeTakeFirst()).toBeUndefined()
  expect(await db.selectFrom('eventRegistrations').select('id').where('eventId', '=', created.event.id).execute()).toEqual([])
})
