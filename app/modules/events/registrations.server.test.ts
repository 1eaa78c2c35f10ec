import { describe, expect, test } from 'vitest'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import type { PersonViewer } from '#app/modules/auth/viewer.ts'
import { db } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { cancelEvent, updateEvent } from './events.server.ts'
import { eventInput } from '#tests/factories/events.ts'
import { cancelRegistration, listParticipants, myRegistration, register } from './registrations.server.ts'

// Registration with a first-come waiting list, on a real database: the capacity holds on every path (self, organiser
// adding someone, promotion, a larger capacity), under concurrent requests too.

async function person(options: { admin?: boolean } = {}) {
  const user = await createTestUser(options.admin ? { role: 'admin' } : {})
  return { user, viewer: (await viewerById(user.id)) as PersonViewer }
}

async function setUp(capacity: number | null) {
  const group = await createTestGroup()
  const coordinator = await createTestUser()
  await addTestGroupMember(group.id, coordinator.id, 'coordinator')
  const event = await createTestEvent({ groupId: group.id, capacity, visibility: 'members' })
  return { group, event, organiser: (await viewerById(coordinator.id)) as PersonViewer }
}

async function states(eventId: string) {
  const rows = await db
    .selectFrom('eventRegistrations')
    .select(['userId', 'state', 'position'])
    .where('eventId', '=', eventId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
  return rows
}

const emailsTo = (address: string) =>
  db.selectFrom('emailOutbox').select(['subject', 'template', 'textBody']).where('toAddress', '=', address).execute()

describe('registration and promotion, as a table', () => {
  // capacity, how many register, who cancels (index in arrival order) → registered, waiting, promoted (arrival index)
  const cases: { capacity: number | null; people: number; cancels: number[]; registered: number; waiting: number; promoted: number[] }[] = [
    { capacity: null, people: 4, cancels: [], registered: 4, waiting: 0, promoted: [] },
    { capacity: 2, people: 2, cancels: [], registered: 2, waiting: 0, promoted: [] },
    { capacity: 2, people: 4, cancels: [], registered: 2, waiting: 2, promoted: [] },
    { capacity: 2, people: 4, cancels: [0], registered: 2, waiting: 1, promoted: [2] },
    { capacity: 2, people: 4, cancels: [0, 1], registered: 2, waiting: 0, promoted: [2, 3] },
    // A waiting person who leaves frees no place: nobody is promoted, the order of the others holds.
    { capacity: 2, people: 5, cancels: [2], registered: 2, waiting: 2, promoted: [] },
    { capacity: 2, people: 5, cancels: [2, 0], registered: 2, waiting: 1, promoted: [3] },
    { capacity: 1, people: 3, cancels: [0, 1], registered: 1, waiting: 0, promoted: [1, 2] },
  ]
  for (const c of cases) {
    test(`capacity ${c.capacity ?? '∞'}, ${c.people} register, arrivals ${JSON.stringify(c.cancels)} cancel → ${c.registered} registered, ${c.waiting} waiting, promoted ${JSON.stringify(c.promoted)}`, async () => {
      const { event } = await setUp(c.capacity)
      const people = []
      for (let i = 0; i < c.people; i++) {
        const p = await person()
        const result = await register({ eventId: event.id, actor: p.viewer })
        expect(result).toMatchObject({ ok: true, already: false, state: c.capacity === null || i < c.capacity ? 'registered' : 'waiting' })
        people.push(p)
      }
      for (const i of c.cancels) expect(await cancelRegistration({ eventId: event.id, actor: people[i].viewer })).toMatchObject({ ok: true })
      const rows = await states(event.id)
      expect(rows.filter((r) => r.state === 'registered')).toHaveLength(c.registered)
      expect(rows.filter((r) => r.state === 'waiting')).toHaveLength(c.waiting)
      for (const [i, p] of people.entries()) {
        const told = (await emailsTo(p.user.email)).filter((e) => e.template === 'event-place-available')
        expect(told, `arrival ${i}`).toHaveLength(c.promoted.includes(i) ? 1 : 0)
        if (told[0]) expect(told[0].subject).toBe(`Une place s’est libérée : ${event.title}`)
      }
    })
  }
})

test('20 concurrent registrations for 10 places: exactly 10 registered and 10 waiting, positions 1 to 10', async () => {
  const { event } = await setUp(10)
  const people = await Promise.all(Array.from({ length: 20 }, () => person()))
  const results = await Promise.all(people.map((p) => register({ eventId: event.id, actor: p.viewer })))
  expect(results.every((r) => r.ok)).toBe(true)
  const rows = await states(event.id)
  expect(rows.filter((r) => r.state === 'registered')).toHaveLength(10)
  const waiting = rows.filter((r) => r.state === 'waiting')
  expect(waiting).toHaveLength(10)
  expect(waiting.map((r) => r.position).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  // Five concurrent cancellations of registered people give exactly five of those waiting their places, no more.
  const registered = people.filter((p) => rows.find((r) => r.userId === p.user.id)?.state === 'registered')
  await Promise.all(registered.slice(0, 5).map((p) => cancelRegistration({ eventId: event.id, actor: p.viewer })))
  const after = await states(event.id)
  expect(after.filter((r) => r.state === 'registered')).toHaveLength(10)
  expect(after.filter((r) => r.state === 'waiting')).toHaveLength(5)
})

test('registering twice keeps one row; a cancelled person may register again, at the end of the line', async () => {
  const { event } = await setUp(1)
  const a = await person()
  const b = await person()
  expect(await register({ eventId: event.id, actor: a.viewer })).toEqual({ ok: true, state: 'registered', already: false })
  expect(await register({ eventId: event.id, actor: a.viewer })).toEqual({ ok: true, state: 'registered', already: true })
  expect(await register({ eventId: event.id, actor: b.viewer })).toEqual({ ok: true, state: 'waiting', already: false })
  expect(await myRegistration({ eventId: event.id, viewer: b.viewer })).toMatchObject({ state: 'waiting', rank: 1 })
  expect(await cancelRegistration({ eventId: event.id, actor: a.viewer })).toEqual({ ok: true, promoted: 1 })
  expect(await myRegistration({ eventId: event.id, viewer: b.viewer })).toMatchObject({ state: 'registered' })
  expect(await register({ eventId: event.id, actor: a.viewer })).toEqual({ ok: true, state: 'waiting', already: false })
  expect(await myRegistration({ eventId: event.id, viewer: a.viewer })).toMatchObject({ state: 'waiting', rank: 1 })
  expect(await cancelRegistration({ eventId: event.id, actor: (await person()).viewer })).toEqual({ ok: false, reason: 'not-registered' })
})

test('an organiser adding someone goes through the same capacity; others may not add anyone', async () => {
  const { event, organiser } = await setUp(1)
  const a = await person()
  const b = await person()
  const stranger = await person()
  expect(await register({ eventId: event.id, actor: organiser, userId: a.user.id })).toMatchObject({ ok: true, state: 'registered' })
  expect(await register({ eventId: event.id, actor: organiser, userId: b.user.id })).toMatchObject({ ok: true, state: 'waiting' })
  expect(await register({ eventId: event.id, actor: stranger.viewer, userId: b.user.id })).toEqual({ ok: false, reason: 'forbidden' })
  expect(await cancelRegistration({ eventId: event.id, actor: stranger.viewer, userId: a.user.id })).toEqual({ ok: false, reason: 'forbidden' })
  expect(await cancelRegistration({ eventId: event.id, actor: organiser, userId: a.user.id })).toEqual({ ok: true, promoted: 1 })
})

test('a larger capacity promotes the people waiting, in order, and no more than the new places', async () => {
  const { event, organiser } = await setUp(1)
  const people = []
  for (let i = 0; i < 4; i++) {
    const p = await person()
    await register({ eventId: event.id, actor: p.viewer })
    people.push(p)
  }
  const { groupId: _g, structureId: _s, ...input } = eventInput({ ...event, description: JSON.parse(event.descriptionJson), capacity: 3 })
  const updated = await updateEvent({ id: event.id, input: { ...input, visibility: 'members' }, expectedVersion: event.version, actor: organiser })
  expect(updated).toMatchObject({ ok: true, promoted: 2, rescheduled: false })
  const rows = await states(event.id)
  expect(rows.map((r) => r.state)).toEqual(['registered', 'registered', 'registered', 'waiting'])
  expect(rows[3].userId).toBe(people[3].user.id)
})

test('closed: no registration to a cancelled or a begun event, nor by an unverified account; no promotion into a cancelled event', async () => {
  const { event, organiser } = await setUp(1)
  const a = await person()
  const b = await person()
  await register({ eventId: event.id, actor: a.viewer })
  await register({ eventId: event.id, actor: b.viewer })
  expect(await cancelEvent({ id: event.id, actor: organiser })).toMatchObject({ ok: true, told: 2 })
  expect(await register({ eventId: event.id, actor: (await person()).viewer })).toEqual({ ok: false, reason: 'closed' })
  expect(await cancelRegistration({ eventId: event.id, actor: a.viewer })).toEqual({ ok: true, promoted: 0 })
  expect(await myRegistration({ eventId: event.id, viewer: b.viewer })).toMatchObject({ state: 'waiting' })

  const past = await createTestEvent({ startsAt: '2020-01-01T08:00:00Z', endsAt: '2020-01-01T10:00:00Z' })
  expect(await register({ eventId: past.id, actor: a.viewer })).toEqual({ ok: false, reason: 'closed' })
  const unverified = await createTestUser({ emailVerifiedAt: null })
  const open = await createTestEvent()
  expect(await register({ eventId: open.id, actor: (await viewerById(unverified.id))! as PersonViewer })).toEqual({ ok: false, reason: 'forbidden' })
})

test('a group-only event: a non-member cannot register (not found), a member can', async () => {
  const group = await createTestGroup()
  const member = await person()
  await addTestGroupMember(group.id, member.user.id)
  const event = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id] })
  expect(await register({ eventId: event.id, actor: (await person()).viewer })).toEqual({ ok: false, reason: 'not-found' })
  expect(await register({ eventId: event.id, actor: (await viewerById(member.user.id)) as PersonViewer })).toMatchObject({ ok: true })
})

test('participants: organisers and admins only; people waiting are listed apart, never as participants', async () => {
  const { event, organiser } = await setUp(1)
  const a = await person()
  const b = await person()
  await register({ eventId: event.id, actor: a.viewer })
  await register({ eventId: event.id, actor: b.viewer })
  const list = await listParticipants({ eventId: event.id, viewer: organiser })
  expect(list?.participants.map((p) => p.userId)).toEqual([a.user.id])
  expect(list?.waiting.map((p) => p.userId)).toEqual([b.user.id])
  expect(await listParticipants({ eventId: event.id, viewer: a.viewer })).toBeNull()
  expect(await listParticipants({ eventId: event.id, viewer: (await person({ admin: true })).viewer })).not.toBeNull()
})
