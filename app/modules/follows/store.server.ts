import { type Executor, db } from '#db/client.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import type { FollowKind } from './follows.ts'

// The storage of follows, without checks: what other modules call inside their own transactions (an author follows
// what they write, a participant the event they register for). It imports no other module, so resources, events and
// comments may call it without a circle. Checked follows for pages are in follows.server.ts.

export type FollowTarget = { kind: FollowKind; key: string }

/**
 * An automatic follow (what one writes, comments or registers for): created once, marked `auto`. Never created again
 * after the person stopped it, and a follow that already exists (manual or automatic) is left as it is.
 */
export async function autoFollow(userId: string, target: FollowTarget, trx: Executor = db, now = new Date()): Promise<void> {
  await trx
    .insertInto('follows')
    .values({ id: newId(), userId, targetKind: target.kind, targetKey: target.key, origin: 'auto', createdAt: now.toISOString(), stoppedAt: null })
    .onConflict((oc) => oc.columns(['userId', 'targetKind', 'targetKey']).doNothing())
    .execute()
}

/** A follow the person asked for: created, or started again after it was stopped (then it is theirs: `manual`). */
export async function upsertManualFollow(userId: string, target: FollowTarget, trx: Executor = db, now = new Date()): Promise<void> {
  await trx
    .insertInto('follows')
    .values({ id: newId(), userId, targetKind: target.kind, targetKey: target.key, origin: 'manual', createdAt: now.toISOString(), stoppedAt: null })
    .onConflict((oc) => oc.columns(['userId', 'targetKind', 'targetKey']).doUpdateSet({ stoppedAt: null, origin: 'manual' }))
    .execute()
}

/** Stops following (kept, with the date: an automatic follow is not created again). True when it was active. */
export async function stopFollow(userId: string, target: FollowTarget, trx: Executor = db, now = new Date()): Promise<boolean> {
  const result = await trx
    .updateTable('follows')
    .set({ stoppedAt: now.toISOString() })
    .where('userId', '=', userId)
    .where('targetKind', '=', target.kind)
    .where('targetKey', '=', target.key)
    .where('stoppedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Stops every active follow of one kind. Returns how many. */
export async function stopAllFollowsOfKind(userId: string, kind: FollowKind, trx: Executor = db, now = new Date()): Promise<number> {
  const result = await trx
    .updateTable('follows')
    .set({ stoppedAt: now.toISOString() })
    .where('userId', '=', userId)
    .where('targetKind', '=', kind)
    .where('stoppedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function isFollowing(userId: string, target: FollowTarget, trx: Executor = db): Promise<boolean> {
  const row = await trx
    .selectFrom('follows')
    .select('id')
    .where('userId', '=', userId)
    .where('targetKind', '=', target.kind)
    .where('targetKey', '=', target.key)
    .where('stoppedAt', 'is', null)
    .executeTakeFirst()
  return Boolean(row)
}

/** The people who follow any of these targets now (active follows), each once. */
export async function followersOf(targets: readonly FollowTarget[], trx: Executor = db): Promise<string[]> {
  if (targets.length === 0) return []
  const rows = await trx
    .selectFrom('follows')
    .select('userId')
    .distinct()
    .where('stoppedAt', 'is', null)
    .where((eb) => eb.or(targets.map((t) => eb.and([eb('targetKind', '=', t.kind), eb('targetKey', '=', t.key)]))))
    .execute()
  return rows.map((r) => r.userId)
}

/** Active saved searches, with their followers (matched against a new resource by the fan-out). */
export async function listSavedSearchFollows(trx: Executor = db): Promise<{ userId: string; key: string }[]> {
  return trx.selectFrom('follows').select(['userId', 'targetKey as key']).where('targetKind', '=', 'search').where('stoppedAt', 'is', null).execute()
}
