import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { cancelEvent, updateEvent } from '#app/modules/events/events.server.ts'
import { register } from '#app/modules/events/registrations.server.ts'
import { autoFollow, stopFollow, upsertManualFollow } from '#app/modules/follows/store.server.ts'
import { normaliseSavedSearch } from '#app/modules/follows/follows.policy.ts'
import { approveRequest, refuseRequest, requestToJoin } from '#app/modules/groups/memberships.server.ts'
import { changeResourceStatus } from '#app/modules/resources/resources.server.ts'
import { toggleReaction } from '#app/modules/comments/reactions.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { drainNotificationOutbox, fanOut } from './fanout.server.ts'
import { countUnreadNotifications, listNotifications, notifyMention, notifyReply } from './notifications.server.ts'
import { enqueueNotification } from './outbox.server.ts'

// The fan-out rules as a table, on a real database: who gets a notification for each kind, once each however many
// follows match, nobody for what they may not read — including a member who left the group between the event and
// the fan-out, or between the fan-out and the display.

beforeEach(async () => {
  // Whatever other tests of this worker left pending is fanned out first, so each test counts its own.
  await drainNotificationOutbox({ limit: 10_000 })
})

async function notificationsOf(userId: string) {
  return db.selectFrom('notifications').select(['kind', 'targetType', 'targetId', 'dataJson']).where('userId', '=', userId).execute()
}

async function countFor(userIds: string[], targetId: string) {
  const out: Record<string, number> = {}
  for (const id of userIds) out[id] = (await notificationsOf(id)).filter((n) => n.targetId === targetId).length
  return out
}

async function viewerOf(user: { id: string }) {
  return (await viewerById(user.id))!
}

describe('new resources in what one follows', () => {
  test('territory, theme, saved search: one notification each, the author none, non-followers none', async () => {
    const [author, territory, overlapping, search, otherSearch, stopped, bystander] = await Promise.all(Array.from({ length: 7 }, () => createTestUser()))
    const draft = await createTestResource({
      author,
      status: 'draft',
      overrides: { territory: 'ternois', themes: ['financement'], title: 'Appel FSE pour les recycleries du Ternois' },
    })
    await upsertManualFollow(territory.id, { kind: 'territory', key: 'ternois' })
    // Three follows that all match: still one notification.
    await upsertManualFollow(overlapping.id, { kind: 'territory', key: 'ternois' })
    await upsertManualFollow(overlapping.id, { kind: 'theme', key: 'financement' })
    await upsertManualFollow(overlapping.id, { kind: 'search', key: normaliseSavedSearch('q=recyclerie')!.key })
    await upsertManualFollow(search.id, { kind: 'search', key: normaliseSavedSearch('q=recycleries ternois&territory=ternois')!.key })
    await upsertManualFollow(otherSearch.id, { kind: 'search', key: normaliseSavedSearch('q=recyclerie&territory=lensois')!.key })
    await upsertManualFollow(stopped.id, { kind: 'territory', key: 'ternois' })
    await stopFollow(stopped.id, { kind: 'territory', key: 'ternois' })
    // The author follows the territory too: their own publication does not notify them.
    await upsertManualFollow(author.id, { kind: 'territory', key: 'ternois' })

    const published = await changeResourceStatus({ id: draft.id, change: 'publish', actor: systemActor('test') })
    expect(published?.status).toBe('published')
    // Nothing inline: the request wrote one outbox row; the worker fans it out.
    expect(await countFor([territory.id], draft.id)).toEqual({ [territory.id]: 0 })
    await drainNotificationOutbox()
    expect(await countFor([author.id, territory.id, overlapping.id, search.id, otherSearch.id, stopped.id, bystander.id], draft.id)).toEqual({
      [author.id]: 0,
      [territory.id]: 1,
      [overlapping.id]: 1,
      [search.id]: 1,
      [otherSearch.id]: 0,
      [stopped.id]: 0,
      [bystander.id]: 0,
    })
    // Archived then unarchived: not « new » again.
    await changeResourceStatus({ id: draft.id, change: 'archive', actor: systemActor('test') })
    await changeResourceStatus({ id: draft.id, change: 'unarchive', actor: systemActor('test') })
    await drainNotificationOutbox()
    expect((await countFor([territory.id], draft.id))[territory.id]).toBe(1)
  })

  test('a group-only resource: members who follow get it; a non-member, and a member who left before the fan-out, do not', async () => {
    const group = await createTestGroup()
    const [author, member, outsider, leaver] = await Promise.all(Array.from({ length: 4 }, () => createTestUser()))
    await addTestGroupMember(group.id, member.id)
    await addTestGroupMember(group.id, leaver.id)
    for (const user of [member, outsider, leaver]) await upsertManualFollow(user.id, { kind: 'territory', key: 'montreuillois' })
    const resource = await createTestResource({ author, visibility: 'group', overrides: { territory: 'montreuillois', groups: [group.slug] } })
    // Left between the event (publication) and the fan-out.
    await db.deleteFrom('groupMemberships').where('groupId', '=', group.id).where('userId', '=', leaver.id).execute()
    await drainNotificationOutbox()
    expect(await countFor([member.id, outsider.id, leaver.id], resource.id)).toEqual({ [member.id]: 1, [outsider.id]: 0, [leaver.id]: 0 })
  })

  test('a member who leaves after the fan-out no longer sees it: the list and the unread count agree', async () => {
    const group = await createTestGroup()
    const [author, member] = await Promise.all([createTestUser(), createTestUser()])
    await addTestGroupMember(group.id, member.id)
    await upsertManualFollow(member.id, { kind: 'group', key: group.id })
    const resource = await createTestResource({ author, visibility: 'group', overrides: { territory: 'audomarois', groups: [group.slug] } })
    await drainNotificationOutbox()
    const before = await viewerOf(member)
    expect(await countUnreadNotifications(before)).toBe(1)
    expect((await listNotifications(before)).items.map((i) => i.href)).toEqual([`/ressources/${resource.slug}`])
    await db.deleteFrom('groupMemberships').where('groupId', '=', group.id).where('userId', '=', member.id).execute()
    const after = await viewerOf(member)
    expect(await countUnreadNotifications(after)).toBe(0)
    expect((await listNotifications(after)).items).toEqual([])
    // Hidden after reports, or deleted: gone from the bell of anyone who is not its owner.
    await addTestGroupMember(group.id, member.id)
    expect(await countUnreadNotifications(await viewerOf(member))).toBe(1)
    await db.updateTable('resources').set({ hiddenAt: new Date().toISOString() }).where('id', '=', resource.id).execute()
    expect(await countUnreadNotifications(await viewerOf(member))).toBe(0)
  })
})

describe('events: registered people and followers, once each; the organiser none', () => {
  test('a change and a cancellation', async () => {
    const [registered, follower, both, bystander] = await Promise.all(Array.from({ length: 4 }, () => createTestUser()))
    const event = await createTestEvent()
    for (const user of [registered, both]) expect((await register({ eventId: event.id, actor: await viewerOf(user) })).ok).toBe(true)
    // Registering follows the event automatically (and `both` follows it by hand too).
    await upsertManualFollow(both.id, { kind: 'event', key: event.id })
    await upsertManualFollow(follower.id, { kind: 'event', key: event.id })
    const organiser = systemActor('test')
    const updated = await updateEvent({
      id: event.id,
      expectedVersion: event.version,
      actor: organiser,
      input: {
        title: 'Séance de travail territoriale (nouvelle salle)',
        description: JSON.parse(event.descriptionJson),
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        communeInsee: event.communeInsee,
        address: '3, place des Héros',
        onlineUrl: null,
        kind: event.kind,
        capacity: event.capacity,
        registrationDeadline: event.registrationDeadline,
        visibility: event.visibility,
        groupIds: event.groupIds,
      } as never,
    })
    expect(updated.ok).toBe(true)
    expect((await cancelEvent({ id: event.id, actor: organiser })).ok).toBe(true)
    await drainNotificationOutbox()
    const kinds = async (user: { id: string }) => (await notificationsOf(user.id)).filter((n) => n.targetId === event.id).map((n) => n.kind).sort()
    expect(await kinds(registered)).toEqual(['event_cancelled', 'event_changed'])
    expect(await kinds(follower)).toEqual(['event_cancelled', 'event_changed'])
    expect(await kinds(both)).toEqual(['event_cancelled', 'event_changed'])
    expect(await kinds(bystander)).toEqual([])
  })

  test('a members-only event is not sent to an unverified follower', async () => {
    const [verified, unverified] = await Promise.all([createTestUser(), createTestUser({ emailVerifiedAt: null })])
    const event = await createTestEvent({ visibility: 'members' })
    for (const user of [verified, unverified]) await autoFollow(user.id, { kind: 'event', key: event.id })
    await enqueueNotification({ kind: 'event_cancelled', eventId: event.id, actorId: null })
    await drainNotificationOutbox()
    expect(await countFor([verified.id, unverified.id], event.id)).toEqual({ [verified.id]: 1, [unverified.id]: 0 })
  })
})

describe('decisions about one’s own content', () => {
  test('join decisions reach the requester only', async () => {
    const group = await createTestGroup({ joinPolicy: 'request' })
    const [coordinator, accepted, refused] = await Promise.all(Array.from({ length: 3 }, () => createTestUser()))
    await addTestGroupMember(group.id, coordinator.id, 'coordinator')
    const coordinatorViewer = await viewerOf(coordinator)
    for (const [user, decide] of [
      [accepted, approveRequest],
      [refused, refuseRequest],
    ] as const) {
      const asked = await requestToJoin({ groupId: group.id, actor: await viewerOf(user), message: '' })
      expect(asked.ok).toBe(true)
      const request = await db.selectFrom('groupJoinRequests').select('id').where('userId', '=', user.id).executeTakeFirstOrThrow()
      expect((await decide({ requestId: request.id, actor: coordinatorViewer })).ok).toBe(true)
    }
    await drainNotificationOutbox()
    const texts = async (user: { id: string }) => (await listNotifications(await viewerOf(user))).items.map((i) => i.text)
    expect(await texts(accepted)).toEqual([`Votre demande pour rejoindre ${group.name} a été acceptée`])
    expect(await texts(refused)).toEqual([`Votre demande pour rejoindre ${group.name} n’a pas été acceptée`])
    expect(await texts(coordinator)).toEqual([])
  })
})

describe('replies and mentions (called by comments)', () => {
  test('named recipients who may read what the comment is on; never the comment’s author; once even if named twice', async () => {
    const group = await createTestGroup()
    const [author, member, outsider] = await Promise.all(Array.from({ length: 3 }, () => createTestUser()))
    await addTestGroupMember(group.id, member.id)
    await addTestGroupMember(group.id, author.id)
    const resource = await createTestResource({ author, visibility: 'group', overrides: { groups: [group.slug] } })
    await notifyReply({ commentId: 'c1', on: { type: 'resource', id: resource.id }, recipientIds: [member.id, member.id, outsider.id, author.id], actorId: author.id })
    await notifyMention({ commentId: 'c2', on: { type: 'resource', id: resource.id }, recipientIds: [member.id], actorId: author.id })
    await drainNotificationOutbox()
    const items = (await listNotifications(await viewerOf(member))).items.filter((i) => i.href.startsWith(`/ressources/${resource.slug}`))
    expect(items.map((i) => [i.kind, i.href, i.text]).sort()).toEqual([
      ['mention', `/ressources/${resource.slug}#commentaire-c2`, `${author.name} vous a mentionné dans un commentaire sur « ${resource.title} »`],
      ['reply', `/ressources/${resource.slug}#commentaire-c1`, `${author.name} a répondu à votre commentaire sur « ${resource.title} »`],
    ])
    expect(await countFor([outsider.id, author.id], resource.id)).toEqual({ [outsider.id]: 0, [author.id]: 0 })
  })
})

describe('reactions: grouped per resource and reaction', () => {
  test('three people find it useful: one unread line « utile pour 3 personnes »; a reaction taken back is not counted', async () => {
    const [author, a, b, c, d] = await Promise.all(Array.from({ length: 5 }, () => createTestUser()))
    const resource = await createTestResource({ author })
    const texts = async () =>
      (await listNotifications(await viewerOf(author))).items.filter((i) => i.href.startsWith(`/ressources/${resource.slug}`)).map((i) => i.text)
    for (const person of [a, b, c]) {
      expect(await toggleReaction({ actor: await viewerOf(person), resourceId: resource.id, kind: 'useful' })).toEqual({ ok: true, active: true })
    }
    await drainNotificationOutbox()
    expect(await texts()).toEqual([`Votre ressource « ${resource.title} » : utile pour 3 personnes`])
    // Another kind of reaction is its own line; one person: singular.
    await toggleReaction({ actor: await viewerOf(d), resourceId: resource.id, kind: 'tested' })
    await drainNotificationOutbox()
    expect((await texts()).sort()).toEqual([
      `Votre ressource « ${resource.title} » : utile pour 3 personnes`,
      `Votre ressource « ${resource.title} » a été testée par 1 personne`,
    ].sort())
    // Once read, the line stays as it was and a new reaction starts a new one, counted when it is fanned out.
    await db.updateTable('notifications').set({ readAt: new Date().toISOString() }).where('userId', '=', author.id).execute()
    expect(await toggleReaction({ actor: await viewerOf(a), resourceId: resource.id, kind: 'useful' })).toEqual({ ok: true, active: false })
    await toggleReaction({ actor: await viewerOf(d), resourceId: resource.id, kind: 'useful' })
    await drainNotificationOutbox()
    const rows = (await notificationsOf(author.id)).filter((n) => n.kind === 'reaction')
    expect(rows.map((r) => JSON.parse(r.dataJson).count).sort()).toEqual([1, 3, 3])
    expect(await countUnreadNotifications(await viewerOf(author))).toBe(1)
    // Nobody else is told, and the people who reacted are not.
    expect(await countFor([a.id, b.id, c.id, d.id], resource.id)).toEqual({ [a.id]: 0, [b.id]: 0, [c.id]: 0, [d.id]: 0 })
  })
})

describe('the outbox', () => {
  test('fanning out the same event twice gives one notification per person', async () => {
    const [author, reader] = await Promise.all([createTestUser(), createTestUser()])
    const resource = await createTestResource({ author })
    const event = { kind: 'reply' as const, on: { type: 'resource' as const, id: resource.id }, commentId: 'x', recipientIds: [reader.id], actorId: author.id }
    const now = new Date()
    expect(await db.transaction().execute((trx) => fanOut('source-1', event, trx, now))).toBe(1)
    expect(await db.transaction().execute((trx) => fanOut('source-1', event, trx, now))).toBe(0)
    expect((await notificationsOf(reader.id)).length).toBe(1)
  })

  test('a failure is kept pending and retried later; after its attempts the event ends `failed`', async () => {
    await db
      .insertInto('notificationOutbox')
      .values({ id: 'broken-1', kind: 'reply', payloadJson: '{not json', dedupeKey: null, nextAttemptAt: new Date().toISOString(), lastError: null, createdAt: new Date().toISOString(), processedAt: null })
      .execute()
    await drainNotificationOutbox()
    let row = await db.selectFrom('notificationOutbox').selectAll().where('id', '=', 'broken-1').executeTakeFirstOrThrow()
    expect(row.status).toBe('pending')
    expect(row.attempts).toBe(1)
    expect(row.lastError).toBeTruthy()
    expect(Date.parse(row.nextAttemptAt)).toBeGreaterThan(Date.now())
    let clock = Date.now()
    for (let i = 0; i < 10; i++) {
      clock += 2 * 60 * 60 * 1000
      await drainNotificationOutbox({ now: new Date(clock) })
    }
    row = await db.selectFrom('notificationOutbox').selectAll().where('id', '=', 'broken-1').executeTakeFirstOrThrow()
    expect(row.status).toBe('failed')
    expect(row.attempts).toBe(8)
  })
})
