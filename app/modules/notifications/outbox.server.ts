import { type Executor, db } from '#db/client.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import type { NotificationKind } from './kinds.ts'

// The notification outbox (DESIGN.md §10): a change that notifies writes ONE row here, in its own transaction; the
// background worker fans it out into notifications later (fanout.server.ts), with retries. It imports no other module,
// so resources, events, groups and comments may call it without a circle.

export type NotificationEvent =
  | { kind: 'reply' | 'mention'; on: { type: 'resource' | 'event'; id: string }; commentId: string; recipientIds: string[]; actorId: string | null }
  | { kind: 'join_decision'; groupId: string; userId: string; approved: boolean; actorId: string | null }
  | { kind: 'review_decision'; resourceId: string; authorId: string; decision: string; actorId: string | null }
  | { kind: 'new_resource'; resourceId: string; actorId: string | null }
  | { kind: 'call_closing'; resourceId: string; deadline: string }
  | { kind: 'event_changed' | 'event_cancelled'; eventId: string; actorId: string | null }
  | { kind: 'reaction'; resourceId: string; reaction: 'useful' | 'tested'; actorId: string | null }

export type { NotificationKind }

/**
 * Writes one event to the outbox. `dedupeKey`: an event that could be written twice (a scheduled job run twice, after
 * a restart) is written once; returns false when it already was.
 */
export async function enqueueNotification(
  event: NotificationEvent,
  options: { trx?: Executor; dedupeKey?: string; now?: Date } = {},
): Promise<boolean> {
  const now = (options.now ?? new Date()).toISOString()
  const result = await (options.trx ?? db)
    .insertInto('notificationOutbox')
    .values({
      id: newId(),
      kind: event.kind,
      payloadJson: JSON.stringify(event),
      dedupeKey: options.dedupeKey ?? null,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
      processedAt: null,
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
}

export async function getNotificationOutboxCounts(trx: Executor = db) {
  const rows = await trx
    .selectFrom('notificationOutbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute()
  const counts = { pending: 0, done: 0, failed: 0 }
  for (const row of rows) counts[row.status] = Number(row.count)
  return counts
}
