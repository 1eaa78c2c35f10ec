import { expect, test } from 'vitest'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import type { PersonViewer } from '#app/modules/auth/viewer.ts'
import { leaveGroup } from '#app/modules/groups/memberships.server.ts'
import { db } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { cancelEvent } from './events.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { feedCalendar, toCalendarEvents } from './ical.server.ts'
import { hasFeedToken, listPublicFeedEvents, privateFeedEvents, revokeFeedToken, rotateFeedToken } from './feeds.server.ts'

// The feeds: public ones carry public events only; the private one carries a person's groups' events, through a
// token stored hashed, rotated, and dead for a person in no group; leaving a group takes its events out at once.

test('public feeds: public events only (group-only and members events never), cancelled ones kept, old ones gone; by territory and by group', async () => {
  const group = await createTestGroup()
  const open = await createTestEvent({ groupId: group.id, title: 'Ouvert à tous' })
  const members = await createTestEvent({ groupId: group.id, visibility: 'members', title: 'Membres' })
  const secret = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id], title: 'Réservé au groupe' })
  const cancelled = await createTestEvent({ groupId: group.id })
  await cancelEvent({ id: cancelled.id, actor: systemActor('tests') })
  const old = await createTestEvent({ groupId: group.id, startsAt: '2020-01-01T08:00:00Z', endsAt: '2020-01-01T10:00:00Z' })
  const ofGroup = (await listPublicFeedEvents({ kind: 'group', groupId: group.id })).map((e) => e.id)
  expect(ofGroup).toEqual(expect.arrayContaining([open.id, cancelled.id]))
  expect(ofGroup).toHaveLength(2)
  const all = new Set((await listPublicFeedEvents({ kind: 'all' })).map((e) => e.id))
  for (const hidden of [members.id, secret.id, old.id]) expect(all.has(hidden)).toBe(false)
  expect(all.has(open.id)).toBe(true)
  const ofTerritory = (await listPublicFeedEvents({ kind: 'territory', territorySlug: 'arrageois' })).map((e) => e.id)
  expect(ofTerritory).toContain(open.id)
  expect(await listPublicFeedEvents({ kind: 'territory', territorySlug: 'calaisis' })).not.toContainEqual(expect.objectContaining({ id: open.id }))
  // And the ICS of the public feed carries no trace of the group-only event.
  const ics = feedCalendar(await toCalendarEvents(await listPublicFeedEvents({ kind: 'all' })), 'Agenda')
  expect(ics).not.toContain(secret.uid)
  expect(ics).not.toContain('Réservé au groupe')
})

test('the private feed: the token is stored hashed, gives the person’s groups’ events (group-only included), and rotating kills the old link', async () => {
  const group = await createTestGroup()
  const other = await createTestGroup()
  const user = await createTestUser()
  await addTestGroupMember(group.id, user.id)
  const secret = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id] })
  const forGroup = await createTestEvent({ groupId: other.id, visibility: 'group', groupIds: [other.id, group.id] })
  const notMine = await createTestEvent({ groupId: other.id, visibility: 'group', groupIds: [other.id] })
  const publicElsewhere = await createTestEvent({ groupId: other.id })
  expect(await hasFeedToken(user.id)).toBe(false)
  const token = await rotateFeedToken({ userId: user.id })
  const stored = await db.selectFrom('eventFeedTokens').selectAll().where('userId', '=', user.id).executeTakeFirstOrThrow()
  expect(stored.tokenHash).not.toContain(token)
  expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)
  const feed = await privateFeedEvents(token)
  const ids = feed?.events.map((e) => e.id) ?? []
  expect(ids).toEqual(expect.arrayContaining([secret.id, forGroup.id]))
  expect(ids).not.toContain(notMine.id)
  expect(ids).not.toContain(publicElsewhere.id)
  const rotated = await rotateFeedToken({ userId: user.id })
  expect(rotated).not.toBe(token)
  expect(await privateFeedEvents(token)).toBeNull()
  expect(await privateFeedEvents(rotated)).not.toBeNull()
  await revokeFeedToken({ userId: user.id })
  expect(await privateFeedEvents(rotated)).toBeNull()
  expect(await privateFeedEvents('pas-un-jeton')).toBeNull()
})

test('leaving a group takes its events out of the private feed at the next fetch; in no group any more, the feed is dead', async () => {
  const group = await createTestGroup()
  const other = await createTestGroup()
  const user = await createTestUser()
  await addTestGroupMember(group.id, user.id)
  await addTestGroupMember(other.id, user.id)
  const secret = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id] })
  const kept = await createTestEvent({ groupId: other.id, visibility: 'group', groupIds: [other.id] })
  const token = await rotateFeedToken({ userId: user.id })
  expect((await privateFeedEvents(token))?.events.map((e) => e.id)).toEqual(expect.arrayContaining([secret.id, kept.id]))
  const leave = async (groupId: string) =>
    expect(await leaveGroup({ groupId, actor: (await viewerById(user.id)) as PersonViewer })).toMatchObject({ ok: true })
  await leave(group.id)
  const after = (await privateFeedEvents(token))?.events.map((e) => e.id)
  expect(after).toContain(kept.id)
  expect(after).not.toContain(secret.id)
  await leave(other.id)
  expect(await privateFeedEvents(token)).toBeNull()
})
