import { Cron } from 'croner'
import { type Executor, db } from '#db/client.server.ts'
import type { PersonViewer, Viewer } from '#app/modules/auth/viewer.ts'
import { groupPath } from '#app/modules/groups/pages.server.ts'
import { PARIS, formatDateTimeFr } from '#app/utils/dates-fr.ts'
import { NOTIFICATIONS_PER_PAGE, type NotificationData, notificationText } from './kinds.ts'
import { readableBy } from './notifications.policy.ts'
import { enqueueNotification } from './outbox.server.ts'

// In-app notifications as pages read them (issue 17 §4): the bell's count, /notifications, mark read; the entry
// points other modules call (replies and mentions from comments); the daily reminder of followed calls closing soon.
// What is shown is filtered by `readableBy` (the targets' policies, now): the list and the count agree.

/** The bell: unread notifications this viewer may see now. One query. */
export async function countUnreadNotifications(viewer: Viewer, trx: Executor = db): Promise<number> {
  if (viewer.kind !== 'person') return 0
  const row = await trx
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('notifications.userId', '=', viewer.id)
    .where('notifications.readAt', 'is', null)
    .where(readableBy(viewer))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export type NotificationItem = {
  id: string
  kind: string
  text: string
  href: string
  createdAt: string
  read: boolean
}

/** One page of the viewer's notifications, newest first, those whose target they may still read. */
export async function listNotifications(
  viewer: PersonViewer,
  options: { page?: number; trx?: Executor } = {},
): Promise<{ items: NotificationItem[]; total: number; unread: number; page: number; pageCount: number }> {
  const trx = options.trx ?? db
  const base = trx.selectFrom('notifications').where('notifications.userId', '=', viewer.id).where(readableBy(viewer))
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
  const total = Number(totalRow.count)
  const pageCount = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE))
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount)
  const rows = await base
    .selectAll('notifications')
    .orderBy('notifications.createdAt', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(NOTIFICATIONS_PER_PAGE)
    .offset((page - 1) * NOTIFICATIONS_PER_PAGE)
    .execute()
  const items = await describeNotifications(rows, trx)
  return { items, total, unread: await countUnreadNotifications(viewer, trx), page, pageCount }
}

/** What a notification row needs to be worded. */
export type NotificationRow = { id: string; kind: string; targetType: string; targetId: string; dataJson: string; createdAt: string; readAt: string | null }

export type DescribedNotification = NotificationItem & {
  /** The territory slug of its target (a resource's, an event's, a territory group's), null when it has none. */
  territory: string | null
}

/**
 * Words notification rows with their targets' names and links now (a target gone meanwhile drops its row). The rows
 * must already be filtered by what their reader may see (`readableBy`, or the fan-out's check): only names are read,
 * never a private text. Used by /notifications, the immediate emails and the digests.
 */
export async function describeNotifications(rows: readonly NotificationRow[], trx: Executor = db): Promise<DescribedNotification[]> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type).map((r) => r.targetId))]
  const [resources, events, groups] = await Promise.all([
    ids('resource').length ? trx.selectFrom('resources').select(['id', 'title', 'slug', 'territory']).where('id', 'in', ids('resource')).execute() : [],
    ids('event').length ? trx.selectFrom('events').select(['id', 'title', 'territorySlug']).where('id', 'in', ids('event')).execute() : [],
    ids('group').length ? trx.selectFrom('groups').select(['id', 'name', 'slug', 'kind', 'territorySlug']).where('id', 'in', ids('group')).execute() : [],
  ])
  const targets = new Map<string, { title: string; href: string; territory: string | null }>()
  for (const r of resources) targets.set(`resource:${r.id}`, { title: r.title, href: `/ressources/${encodeURIComponent(r.slug)}`, territory: r.territory })
  for (const e of events) targets.set(`event:${e.id}`, { title: e.title, href: `/agenda/${encodeURIComponent(e.id)}`, territory: e.territorySlug })
  for (const g of groups) targets.set(`group:${g.id}`, { title: g.name, href: groupPath(g), territory: g.territorySlug })
  return rows.flatMap((row): DescribedNotification[] => {
    const target = targets.get(`${row.targetType}:${row.targetId}`)
    if (!target) return []
    const data = JSON.parse(row.dataJson) as NotificationData
    return [
      {
        id: row.id,
        kind: row.kind,
        text: notificationText(row.kind, target.title, data, formatDateTimeFr),
        href: data.commentId ? `${target.href}#commentaire-${encodeURIComponent(data.commentId)}` : target.href,
        createdAt: row.createdAt,
        read: row.readAt !== null,
        territory: target.territory,
      },
    ]
  })
}

/** Marks one of the viewer's notifications read. False when it is not theirs (or already read). */
export async function markNotificationRead(viewer: PersonViewer, id: string, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ readAt: now.toISOString() })
    .where('id', '=', id)
    .where('userId', '=', viewer.id)
    .where('readAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Marks all of the viewer's notifications read. Returns how many. */
export async function markAllNotificationsRead(viewer: PersonViewer, now = new Date()): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ readAt: now.toISOString() })
    .where('userId', '=', viewer.id)
    .where('readAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points for comments (the comments module calls them inside its own transaction)

export type CommentNotice = {
  commentId: string
  /** What the comment is on: its privacy is the comment's (the recipients are re-checked against it). */
  on: { type: 'resource' | 'event'; id: string }
  /** The people to tell (the author of the comment replied to; the people mentioned). The author is left out. */
  recipientIds: readonly string[]
  /** The comment's author. */
  actorId: string
  trx?: Executor
}

/** A reply to someone's comment: one outbox row; the fan-out tells each recipient who may read what it is on. */
export async function notifyReply(notice: CommentNotice): Promise<void> {
  await enqueueNotification(
    { kind: 'reply', on: notice.on, commentId: notice.commentId, recipientIds: [...notice.recipientIds], actorId: notice.actorId },
    { trx: notice.trx },
  )
}

/** People mentioned in a comment (@nom): as `notifyReply`. */
export async function notifyMention(notice: CommentNotice): Promise<void> {
  await enqueueNotification(
    { kind: 'mention', on: notice.on, commentId: notice.commentId, recipientIds: [...notice.recipientIds], actorId: notice.actorId },
    { trx: notice.trx },
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Followed funding calls closing in 7 days

export const CLOSING_SOON_DAYS = 7

/**
 * Enqueues one reminder per published funding call whose deadline falls in the next 7 days. Idempotent: the
 * reminder's key is (call, deadline), so the job run twice, or after a restart, writes it once; a deadline moved later
 * gives a new reminder. Returns the ids of the calls reminded now.
 */
export async function remindClosingCalls(options: { now?: Date; trx?: Executor } = {}): Promise<string[]> {
  const now = options.now ?? new Date()
  const trx = options.trx ?? db
  const until = new Date(now.getTime() + CLOSING_SOON_DAYS * 24 * 60 * 60 * 1000)
  const calls = await trx
    .selectFrom('resources')
    .select(['id', 'deadline'])
    .where('status', '=', 'published')
    .where('deletedAt', 'is', null)
    .where('closedAt', 'is', null)
    .where('deadline', 'is not', null)
    .where('deadline', '>', now.toISOString())
    .where('deadline', '<=', until.toISOString())
    .execute()
  const reminded: string[] = []
  for (const call of calls) {
    const deadline = call.deadline!
    const written = await enqueueNotification({ kind: 'call_closing', resourceId: call.id, deadline }, { trx, dedupeKey: `call_closing:${call.id}:${deadline}`, now })
    if (written) reminded.push(call.id)
  }
  return reminded
}

/** Every day at 8:00, Paris time. */
export const CLOSING_REMINDER_SCHEDULE = '0 8 * * *'

/** Starts the daily reminder (and runs it once now: catching up after downtime). Returns the function that stops it. */
export function startClosingReminderJob(options: { onError: (error: unknown) => void; now?: () => Date }): () => void {
  const task = async () => {
    try {
      await remindClosingCalls({ now: options.now?.() })
    } catch (error) {
      options.onError(error)
    }
  }
  const job = new Cron(CLOSING_REMINDER_SCHEDULE, { timezone: PARIS, protect: true, name: 'appels-bientot-clos' }, task)
  void task()
  return () => job.stop()
}

// ---------------------------------------------------------------------------------------------------------------
// Personal data

/** The account export: every notification (kind, target, dates), without anything private to others. */
export async function exportNotifications(userId: string, trx: Executor = db) {
  const rows = await trx
    .selectFrom('notifications')
    .select(['kind', 'targetType', 'targetId', 'createdAt', 'readAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .execute()
  return rows.map((r) => ({ kind: r.kind, target: { type: r.targetType, id: r.targetId }, createdAt: r.createdAt, readAt: r.readAt }))
}
