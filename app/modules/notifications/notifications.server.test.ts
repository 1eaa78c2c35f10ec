import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { upsertManualFollow } from '#app/modules/follows/store.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { drainNotificationOutbox } from './fanout.server.ts'
import { CLOSING_REMINDER_SCHEDULE, listNotifications, markAllNotificationsRead, markNotificationRead, countUnreadNotifications, remindClosingCalls } from './notifications.server.ts'

// The daily reminder of followed calls closing in 7 days, with a fake clock; reading and marking notifications.

const DAY = 24 * 60 * 60 * 1000

describe('followed funding calls closing in 7 days', () => {
  test('the job run twice (or after a restart) gives one notification per follower; a moved deadline, a new one', async () => {
    const now = new Date('2031-05-04T06:00:00.000Z')
    const [author, follower, bystander] = await Promise.all([createTestUser(), createTestUser(), createTestUser()])
    const soon = await createTestResource({ author, overrides: { deadline: '2031-05-10T12:00', openingDate: '2031-01-05T09:00' } })
    const later = await createTestResource({ author, overrides: { deadline: '2031-06-30T12:00', openingDate: '2031-01-05T09:00' } })
    await upsertManualFollow(follower.id, { kind: 'resource', key: soon.id })
    await upsertManualFollow(follower.id, { kind: 'resource', key: later.id })
    await drainNotificationOutbox({ now })

    expect(await remindClosingCalls({ now })).toContain(soon.id)
    expect(await remindClosingCalls({ now: new Date(now.getTime() + 60_000) })).not.toContain(soon.id)
    await drainNotificationOutbox({ now })
    await drainNotificationOutbox({ now })
    const closing = async (user: { id: string }) =>
      db.selectFrom('notifications').select(['targetId', 'dataJson']).where('userId', '=', user.id).where('kind', '=', 'call_closing').execute()
    expect((await closing(follower)).map((n) => n.targetId)).toEqual([soon.id])
    expect(await closing(bystander)).toEqual([])
    // Later, the second call enters its last 7 days: its own reminder, once.
    const june = new Date(Date.parse('2031-06-30T10:00:00.000Z') - 6 * DAY)
    await remindClosingCalls({ now: june })
    await remindClosingCalls({ now: june })
    await drainNotificationOutbox({ now: june })
    expect((await closing(follower)).map((n) => n.targetId).sort()).toEqual([soon.id, later.id].sort())
    // The text says when, in Paris time.
    const items = (await listNotifications((await viewerById(follower.id))!)).items.filter((i) => i.kind === 'call_closing')
    const text = items.find((i) => i.text.includes(soon.title))?.text.replace(/\s/g, ' ')
    expect(text).toBe(`L’appel « ${soon.title} » se clôture le 10 mai 2031 à 12 h`)
  })

  test('a reminder whose call moved its deadline before the fan-out is dropped', async () => {
    const now = new Date('2032-03-01T06:00:00.000Z')
    const [author, follower] = await Promise.all([createTestUser(), createTestUser()])
    const call = await createTestResource({ author, overrides: { deadline: '2032-03-05T12:00', openingDate: '2032-01-05T09:00' } })
    await upsertManualFollow(follower.id, { kind: 'resource', key: call.id })
    await remindClosingCalls({ now })
    await db.updateTable('resources').set({ deadline: '2032-04-30T10:00:00.000Z' }).where('id', '=', call.id).execute()
    await drainNotificationOutbox({ now })
    expect(await db.selectFrom('notifications').select('id').where('userId', '=', follower.id).execute()).toEqual([])
  })

  test('scheduled daily in the morning', () => {
    expect(CLOSING_REMINDER_SCHEDULE).toBe('0 8 * * *')
  })
})

describe('reading', () => {
  test('mark one read, mark all read; nobody marks another person’s', async () => {
    const [author, reader, other] = await Promise.all([createTestUser(), createTestUser(), createTestUser()])
    for (const user of [reader, other]) await upsertManualFollow(user.id, { kind: 'territory', key: 'boulonnais' })
    await createTestResource({ author, overrides: { territory: 'boulonnais' } })
    await createTestResource({ author, overrides: { territory: 'boulonnais' } })
    await drainNotificationOutbox()
    const viewer = (await viewerById(reader.id))!
    const otherViewer = (await viewerById(other.id))!
    const { items } = await listNotifications(viewer)
    expect(items.length).toBeGreaterThanOrEqual(2)
    expect(await countUnreadNotifications(viewer)).toBe(items.length)
    // Newest first.
    expect([...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))).toEqual(items)
    expect(await markNotificationRead(otherViewer, items[0]!.id)).toBe(false)
    expect(await markNotificationRead(viewer, items[0]!.id)).toBe(true)
    expect(await countUnreadNotifications(viewer)).toBe(items.length - 1)
    expect(await markAllNotificationsRead(viewer)).toBe(items.length - 1)
    expect(await countUnreadNotifications(viewer)).toBe(0)
    expect(await countUnreadNotifications(otherViewer)).toBe(items.length)
  })
})
