import { generateSecretToken, hashToken } from '#app/modules/auth/tokens.server.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { ANONYMOUS, type Actor, type Viewer } from '#app/modules/auth/viewer.ts'
import { db, type Executor } from '#db/client.server.ts'
import { visibleTo } from './events.policy.ts'
import type { EventRecord } from './events.server.ts'

// What the calendar feeds carry (issue 13): the public feeds (the whole agenda, a territory, a group) carry public
// events only; a person's private feed carries their groups' events, reached by a personal token stored hashed,
// rotated at will. Both re-check at fetch time through the policy (`visibleTo` of the viewer as they are now): leaving
// a group takes its events out of the private feed on the next fetch, and a person in no group any more has no feed.
// Feeds keep recently ended and cancelled events (calendar apps then show the cancellation).

/** Events that ended longer ago than this leave the feeds. */
export const FEED_PAST_DAYS = 90
const FEED_LIMIT = 500

export type FeedScope = { kind: 'all' } | { kind: 'territory'; territorySlug: string } | { kind: 'group'; groupId: string }

async function withGroups(rows: Omit<EventRecord, 'groupIds'>[], trx: Executor): Promise<EventRecord[]> {
  const ids = rows.map((r) => r.id)
  const links = ids.length > 0 ? await trx.selectFrom('eventGroups').select(['eventId', 'groupId']).where('eventId', 'in', ids).execute() : []
  return rows.map((r) => ({ ...r, groupIds: links.filter((l) => l.eventId === r.id).map((l) => l.groupId).sort() }))
}

function since(now: Date): string {
  return new Date(now.getTime() - FEED_PAST_DAYS * 24 * 3600 * 1000).toISOString()
}

/** A public feed: public events only (the policy's anonymous view, and `public` besides), in the scope, by start. */
export async function listPublicFeedEvents(scope: FeedScope, options: { now?: Date; trx?: Executor } = {}): Promise<EventRecord[]> {
  const trx = options.trx ?? db
  let query = trx
    .selectFrom('events')
    .selectAll()
    .where(visibleTo(ANONYMOUS))
    .where('events.visibility', '=', 'public')
    .where('events.endsAt', '>=', since(options.now ?? new Date()))
  if (scope.kind === 'territory') query = query.where('events.territorySlug', '=', scope.territorySlug)
  if (scope.kind === 'group') query = query.where('events.groupId', '=', scope.groupId)
  return withGroups(await query.orderBy('events.startsAt').orderBy('events.id').limit(FEED_LIMIT).execute(), trx)
}

/**
 * The events of a person's groups they may read: organised by one of their groups or for one of them (`group`
 * audience), through `visibleTo` of the person as they are now.
 */
export async function listGroupsFeedEvents(viewer: Viewer | Actor, options: { now?: Date; trx?: Executor } = {}): Promise<EventRecord[]> {
  const trx = options.trx ?? db
  if (viewer.kind !== 'person' || !viewer.verified || viewer.groups.size === 0) return []
  const groupIds = [...viewer.groups.keys()]
  const rows = await trx
    .selectFrom('events')
    .selectAll()
    .where(visibleTo(viewer))
    .where((eb) =>
      eb.or([
        eb('events.groupId', 'in', groupIds),
        eb.exists(
          eb
            .selectFrom('eventGroups')
            .select('eventGroups.groupId')
            .whereRef('eventGroups.eventId', '=', 'events.id')
            .where('eventGroups.groupId', 'in', groupIds),
        ),
      ]),
    )
    .where('events.endsAt', '>=', since(options.now ?? new Date()))
    .orderBy('events.startsAt')
    .orderBy('events.id')
    .limit(FEED_LIMIT)
    .execute()
  return withGroups(rows, trx)
}

/**
 * Makes (or replaces: rotation) the person's private feed token and returns it, to be shown once in the feed's
 * address; the previous one stops working at once.
 */
export async function rotateFeedToken(options: { userId: string; now?: Date; trx?: Executor }): Promise<string> {
  const trx = options.trx ?? db
  const token = generateSecretToken()
  const now = (options.now ?? new Date()).toISOString()
  await trx
    .insertInto('eventFeedTokens')
    .values({ userId: options.userId, tokenHash: hashToken(token), createdAt: now, lastUsedAt: null })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ tokenHash: hashToken(token), createdAt: now, lastUsedAt: null }))
    .execute()
  return token
}

/** Deletes the person's private feed token (the feed's address stops working). */
export async function revokeFeedToken(options: { userId: string; trx?: Executor }): Promise<void> {
  await (options.trx ?? db).deleteFrom('eventFeedTokens').where('userId', '=', options.userId).execute()
}

/** Whether the person has a private feed (the page offers to create or to rotate it). */
export async function hasFeedToken(userId: string, trx: Executor = db): Promise<boolean> {
  return Boolean(await trx.selectFrom('eventFeedTokens').select('userId').where('userId', '=', userId).executeTakeFirst())
}

/**
 * The private feed behind a token: its person's groups' events, or null when the token is unknown (rotated, revoked)
 * or its person is in no group any more, or no longer verified — the feed route answers 404.
 */
export async function privateFeedEvents(token: string, options: { now?: Date; trx?: Executor } = {}) {
  const trx = options.trx ?? db
  if (!/^[a-z2-7]{20,80}$/.test(token)) return null
  const row = await trx.selectFrom('eventFeedTokens').select('userId').where('tokenHash', '=', hashToken(token)).executeTakeFirst()
  if (!row) return null
  const viewer = await viewerById(row.userId, trx)
  if (!viewer?.verified || viewer.groups.size === 0) return null
  const now = options.now ?? new Date()
  await trx.updateTable('eventFeedTokens').set({ lastUsedAt: now.toISOString() }).where('userId', '=', row.userId).execute()
  return { userId: row.userId, events: await listGroupsFeedEvents(viewer, { now, trx }) }
}
