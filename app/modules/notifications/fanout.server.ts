import { sql } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import type { PersonViewer } from '#app/modules/auth/viewer.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { can as canEvent } from '#app/modules/events/events.policy.ts'
import { eventAccessItem, getEventById } from '#app/modules/events/events.server.ts'
import { matchesSavedSearch, savedSearchOf } from '#app/modules/follows/follows.policy.ts'
import { type FollowTarget, followersOf, listSavedSearchFollows } from '#app/modules/follows/store.server.ts'
import { can as canResource } from '#app/modules/resources/resources.policy.ts'
import { getResourceAccess } from '#app/modules/resources/resources.server.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import type { NotificationTargetType } from '#db/schema/notifications.ts'
import { emailFrequencyFor } from './email-settings.server.ts'
import { immediateNotificationEmail } from './emails.server.tsx'
import type { NotificationData, NotificationKind } from './kinds.ts'
import { describeNotifications } from './notifications.server.ts'
import { canSeeGroupNotice, planRecipients, type RecipientSource } from './notifications.policy.ts'
import type { NotificationEvent } from './outbox.server.ts'

// The fan-out (issue 17 §4): the background worker turns each outbox event into notifications, one per recipient.
// Idempotent: the unique (user, source) index means an event processed twice (a crash after some inserts, two
// processes) still gives one notification per person. Each recipient is checked against the target's policy now, with
// memberships read now (a member who left the group since the event gets nothing).

export const MAX_NOTIFICATION_ATTEMPTS = 8

/** Retry delay after `attempts` failures: 30 s, 1 min, 2 min … capped at 1 h. */
export function notificationRetryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000)
}

type Plan = {
  target: { type: NotificationTargetType; id: string }
  sources: Partial<Record<RecipientSource, string[]>>
  actorId: string | null
  data: NotificationData
  /** Whether this person may see the target (its own policy), read now. */
  mayNotify: (viewer: PersonViewer) => boolean
  /**
   * Reactions: one unread notification per person, target and kind of reaction, replaced by each new event with the
   * count then (« utile pour 3 personnes »), instead of one line per reaction.
   */
  grouped?: boolean
} | null

async function resourceCheck(id: string, trx: Executor) {
  const access = await getResourceAccess(id, trx)
  return (viewer: PersonViewer) => Boolean(access) && canResource(viewer, 'read', access!)
}

async function eventCheck(id: string, trx: Executor) {
  const event = await getEventById(id, trx)
  return (viewer: PersonViewer) => Boolean(event) && canEvent(viewer, 'read', eventAccessItem(event!))
}

async function actorName(actorId: string | null, trx: Executor): Promise<string | undefined> {
  if (!actorId) return undefined
  return (await trx.selectFrom('users').select('name').where('id', '=', actorId).executeTakeFirst())?.name
}

/** The follows a newly published resource matches: its structures, groups, territory, themes, saved searches. */
async function followersOfNewResource(resourceId: string, trx: Executor): Promise<string[]> {
  const row = await trx
    .selectFrom('resources')
    .select(['territory', 'type', 'title', 'summary', 'bodyText', 'programme', 'authorId'])
    .where('id', '=', resourceId)
    .executeTakeFirst()
  if (!row) return []
  const [structures, groups, themes] = await Promise.all([
    trx.selectFrom('resourceStructures').select('structureId').where('resourceId', '=', resourceId).execute(),
    trx.selectFrom('resourceGroups').select('groupId').where('resourceId', '=', resourceId).execute(),
    trx.selectFrom('resourceThemes').innerJoin('themes', 'themes.id', 'resourceThemes.themeId').select('themes.slug').where('resourceThemes.resourceId', '=', resourceId).execute(),
  ])
  const targets: FollowTarget[] = [
    { kind: 'territory', key: row.territory },
    ...structures.map((s) => ({ kind: 'structure' as const, key: s.structureId })),
    ...groups.map((g) => ({ kind: 'group' as const, key: g.groupId })),
    ...themes.map((t) => ({ kind: 'theme' as const, key: t.slug })),
  ]
  const followers = await followersOf(targets, trx)
  const matchable = {
    type: row.type,
    territory: row.territory,
    themes: themes.map((t) => t.slug),
    programme: row.programme,
    text: `${row.title} ${row.summary} ${row.bodyText}`,
  }
  const searches = (await listSavedSearchFollows(trx)).filter((f) => matchesSavedSearch(savedSearchOf(f.key), matchable)).map((f) => f.userId)
  // Its author is never told of their own resource, whoever published it.
  return [...followers, ...searches].filter((id) => id !== row.authorId)
}

async function registeredTo(eventId: string, trx: Executor): Promise<string[]> {
  const rows = await trx
    .selectFrom('eventRegistrations')
    .select('userId')
    .distinct()
    .where('eventId', '=', eventId)
    .where('state', 'in', ['registered', 'waiting'])
    .execute()
  return rows.map((r) => r.userId)
}

async function planOf(event: NotificationEvent, trx: Executor): Promise<Plan> {
  switch (event.kind) {
    case 'reply':
    case 'mention': {
      const mayNotify = event.on.type === 'resource' ? await resourceCheck(event.on.id, trx) : await eventCheck(event.on.id, trx)
      return {
        target: event.on,
        sources: { named: event.recipientIds },
        actorId: event.actorId,
        data: { actorName: await actorName(event.actorId, trx), commentId: event.commentId },
        mayNotify,
      }
    }
    case 'join_decision': {
      const group = await trx.selectFrom('groups').select(['id', 'hidden']).where('id', '=', event.groupId).executeTakeFirst()
      if (!group) return null
      return {
        target: { type: 'group', id: group.id },
        sources: { named: [event.userId] },
        actorId: event.actorId,
        data: { approved: event.approved },
        mayNotify: (viewer) => canSeeGroupNotice(viewer, { id: group.id, hidden: group.hidden === 1 }),
      }
    }
    case 'review_decision':
      return {
        target: { type: 'resource', id: event.resourceId },
        sources: { named: [event.authorId] },
        actorId: event.actorId,
        data: { decision: event.decision },
        mayNotify: await resourceCheck(event.resourceId, trx),
      }
    case 'new_resource':
      return {
        target: { type: 'resource', id: event.resourceId },
        sources: { followers: await followersOfNewResource(event.resourceId, trx) },
        actorId: event.actorId,
        data: {},
        mayNotify: await resourceCheck(event.resourceId, trx),
      }
    case 'call_closing': {
      // The deadline moved or the call closed meanwhile: this reminder no longer holds.
      const row = await trx.selectFrom('resources').select(['deadline', 'closedAt']).where('id', '=', event.resourceId).executeTakeFirst()
      if (!row || row.deadline !== event.deadline || row.closedAt) return null
      return {
        target: { type: 'resource', id: event.resourceId },
        sources: { followers: await followersOf([{ kind: 'resource', key: event.resourceId }], trx) },
        actorId: null,
        data: { deadline: event.deadline },
        mayNotify: await resourceCheck(event.resourceId, trx),
      }
    }
    case 'event_changed':
    case 'event_cancelled':
      return {
        target: { type: 'event', id: event.eventId },
        sources: {
          registered: await registeredTo(event.eventId, trx),
          followers: await followersOf([{ kind: 'event', key: event.eventId }], trx),
        },
        actorId: event.actorId,
        data: {},
        mayNotify: await eventCheck(event.eventId, trx),
      }
    case 'reaction': {
      // The count is read now (a reaction taken back meanwhile is not counted); the author of the resource is told.
      const row = await trx.selectFrom('resources').select('authorId').where('id', '=', event.resourceId).executeTakeFirst()
      const counted = await trx
        .selectFrom('resourceReactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('resourceId', '=', event.resourceId)
        .where('kind', '=', event.reaction)
        .executeTakeFirst()
      const count = Number(counted?.n ?? 0)
      if (!row?.authorId || count === 0) return null
      return {
        target: { type: 'resource', id: event.resourceId },
        sources: { named: [row.authorId] },
        actorId: event.actorId,
        data: { reaction: event.reaction, count },
        mayNotify: await resourceCheck(event.resourceId, trx),
        grouped: true,
      }
    }
  }
}

/** Fans one outbox event out. Returns the number of notifications created (0 on a second run). */
export async function fanOut(sourceId: string, event: NotificationEvent, trx: Executor, now: Date): Promise<number> {
  const plan = await planOf(event, trx)
  if (!plan) return 0
  let created = 0
  for (const userId of planRecipients(event.kind, plan.sources, plan.actorId)) {
    const viewer = await viewerById(userId, trx)
    if (!viewer || !plan.mayNotify(viewer)) continue
    if (plan.grouped) {
      await trx
        .deleteFrom('notifications')
        .where('userId', '=', userId)
        .where('kind', '=', event.kind)
        .where('targetId', '=', plan.target.id)
        .where('readAt', 'is', null)
        .where(sql<string>`json_extract(data_json, '$.reaction')`, '=', plan.data.reaction ?? '')
        .execute()
    }
    const id = newId(now.getTime())
    const result = await trx
      .insertInto('notifications')
      .values({
        id,
        userId,
        sourceId,
        kind: event.kind,
        targetType: plan.target.type,
        targetId: plan.target.id,
        dataJson: JSON.stringify(plan.data),
        createdAt: now.toISOString(),
        readAt: null,
      })
      .onConflict((oc) => oc.columns(['userId', 'sourceId']).doNothing())
      .executeTakeFirst()
    const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n)
    created += inserted
    if (inserted > 0) await emailAtOnce(viewer, id, event.kind, trx, now)
  }
  return created
}

/**
 * A notification whose kind the person set to « immédiatement » is emailed now, in the fan-out's transaction (the
 * email exists if and only if the notification does). The recipient already passed the target's policy (`mayNotify`);
 * the email names the target and links to it, nothing more. Only to a confirmed address.
 */
async function emailAtOnce(viewer: PersonViewer, notificationId: string, kind: NotificationKind, trx: Executor, now: Date): Promise<void> {
  if ((await emailFrequencyFor(viewer.id, kind, trx)) !== 'immediate') return
  const user = await trx.selectFrom('users').select(['email', 'name', 'emailVerifiedAt']).where('id', '=', viewer.id).executeTakeFirst()
  if (!user?.emailVerifiedAt) return
  const row = await trx.selectFrom('notifications').selectAll().where('id', '=', notificationId).executeTakeFirstOrThrow()
  const [line] = await describeNotifications([row], trx)
  if (!line) return
  const email = await immediateNotificationEmail({ to: user.email, userId: viewer.id, name: user.name, kind, line, now })
  await enqueueEmail(email, trx)
}

/** How long a process owns an event it is fanning out. */
const CLAIM_MS = 2 * 60 * 1000

/**
 * Fans out what is due, oldest first, each event in its own transaction (its notifications and its `done` mark
 * together). A failure leaves the event pending with a later attempt; after MAX_NOTIFICATION_ATTEMPTS it is `failed`.
 * Returns the number of notifications created.
 */
export async function drainNotificationOutbox(options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? new Date()
  const due = await db
    .selectFrom('notificationOutbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '<=', now.toISOString())
    .orderBy('createdAt')
    .limit(options.limit ?? 50)
    .execute()
  let created = 0
  for (const row of due) {
    const claim = await db
      .updateTable('notificationOutbox')
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '=', row.nextAttemptAt)
      .executeTakeFirst()
    if (Number(claim.numUpdatedRows) !== 1) continue
    try {
      created += await db.transaction().execute(async (trx) => {
        const n = await fanOut(row.id, JSON.parse(row.payloadJson) as NotificationEvent, trx, now)
        await trx
          .updateTable('notificationOutbox')
          .set({ status: 'done', processedAt: new Date().toISOString(), attempts: row.attempts + 1, lastError: null })
          .where('id', '=', row.id)
          .execute()
        return n
      })
    } catch (error) {
      const attempts = row.attempts + 1
      const message = error instanceof Error ? error.message : String(error)
      await db
        .updateTable('notificationOutbox')
        .set({
          attempts,
          lastError: message.slice(0, 500),
          status: attempts >= MAX_NOTIFICATION_ATTEMPTS ? 'failed' : 'pending',
          nextAttemptAt: new Date(now.getTime() + notificationRetryDelayMs(attempts)).toISOString(),
        })
        .where('id', '=', row.id)
        .execute()
    }
  }
  return created
}
