import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import { autoFollow } from '#app/modules/follows/store.server.ts'
import type { Actor, Viewer } from '#app/modules/auth/viewer.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { db, type Executor } from '#db/client.server.ts'
import type { RegistrationState } from '#db/schema/events.ts'
import { placeAvailableMessage } from './emails.server.ts'
import { can } from './events.policy.ts'
import { eventAccessItem, getEventById } from './events.server.ts'

// Registration to events (« Je participe »), with a first-come waiting list (issue 13). Every path that gives a place
// (self-registration, an organiser adding someone, promotion from the waiting list) goes through this file, and each
// counts the registered people inside one write transaction (BEGIN IMMEDIATE: SQLite's single writer is the lock), so
// the capacity holds under concurrent requests. Only registered people are participants; people waiting never are.

export type RegisterResult =
  | { ok: true; state: Exclude<RegistrationState, 'cancelled'>; already: boolean }
  | { ok: false; reason: 'not-found' | 'forbidden' | 'closed' }

/**
 * Registers `userId` (the actor by default) to an event: registered while places remain, else waiting with the next
 * position. Adding someone else is for organisers and admins, who go through the same capacity check. Registering
 * twice returns the current state.
 */
export async function register(options: { eventId: string; actor: Actor; userId?: string; now?: Date; trx?: Executor }): Promise<RegisterResult> {
  const now = options.now ?? new Date()
  const run = async (trx: Executor): Promise<RegisterResult> => {
    const event = await getEventById(options.eventId, trx)
    if (!event || !can(options.actor, 'read', eventAccessItem(event), now)) return { ok: false, reason: 'not-found' }
    const item = eventAccessItem(event)
    const self = options.actor.kind === 'person' && (options.userId === undefined || options.userId === options.actor.id)
    let userId: string
    if (self && options.actor.kind === 'person') {
      if (!can(options.actor, 'register', item, now)) return { ok: false, reason: event.status === 'cancelled' || options.actor.verified ? 'closed' : 'forbidden' }
      userId = options.actor.id
    } else {
      if (!options.userId || !can(options.actor, 'listParticipants', item, now)) return { ok: false, reason: 'forbidden' }
      // An organiser may add someone after the deadline, never to a cancelled or begun event.
      if (event.status === 'cancelled' || Date.parse(event.startsAt) <= now.getTime()) return { ok: false, reason: 'closed' }
      userId = options.userId
    }
    const existing = await trx
      .selectFrom('eventRegistrations')
      .select('state')
      .where('eventId', '=', event.id)
      .where('userId', '=', userId)
      .where('state', '<>', 'cancelled')
      .executeTakeFirst()
    if (existing) return { ok: true, state: existing.state as 'registered' | 'waiting', already: true }
    const registered = await countRegistered(event.id, trx)
    const state = event.capacity === null || registered < event.capacity ? 'registered' : 'waiting'
    const position = state === 'waiting' ? (await lastPosition(event.id, trx)) + 1 : null
    await trx
      .insertInto('eventRegistrations')
      .values({ id: newId(), eventId: event.id, userId, state, position, createdAt: now.toISOString(), promotedAt: null, cancelledAt: null })
      .execute()
    // One follows what one registers for (issue 17 §3): its changes reach the bell even after unregistering.
    await autoFollow(userId, { kind: 'event', key: event.id }, trx, now)
    if (!self) await recordActorAudit(options.actor, { action: 'event.participant-added', targetType: 'event', targetId: event.id, data: { userId, state } }, trx)
    return { ok: true, state, already: false }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

async function countRegistered(eventId: string, trx: Executor): Promise<number> {
  const row = await trx
    .selectFrom('eventRegistrations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('eventId', '=', eventId)
    .where('state', '=', 'registered')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

async function lastPosition(eventId: string, trx: Executor): Promise<number> {
  const row = await trx
    .selectFrom('eventRegistrations')
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .where('eventId', '=', eventId)
    .executeTakeFirst()
  return Number(row?.last ?? 0)
}

/**
 * Gives the free places to the people waiting, first come first served, each told by email (« Une place s’est
 * libérée »). Call it inside the transaction that freed places (a cancellation, a larger capacity); nobody is promoted
 * into a cancelled or begun event. Returns how many were promoted.
 */
export async function promoteWaiting(eventId: string, options: { now?: Date; trx: Executor }): Promise<number> {
  const now = options.now ?? new Date()
  const { trx } = options
  const event = await getEventById(eventId, trx)
  if (!event || event.status === 'cancelled' || Date.parse(event.startsAt) <= now.getTime()) return 0
  const free = event.capacity === null ? Number.POSITIVE_INFINITY : event.capacity - (await countRegistered(eventId, trx))
  if (free <= 0) return 0
  let query = trx
    .selectFrom('eventRegistrations')
    .innerJoin('users', 'users.id', 'eventRegistrations.userId')
    .select(['eventRegistrations.id', 'users.email'])
    .where('eventRegistrations.eventId', '=', eventId)
    .where('eventRegistrations.state', '=', 'waiting')
    .orderBy('eventRegistrations.position')
  if (Number.isFinite(free)) query = query.limit(free)
  const next = await query.execute()
  for (const person of next) {
    await trx
      .updateTable('eventRegistrations')
      .set({ state: 'registered', promotedAt: now.toISOString() })
      .where('id', '=', person.id)
      .execute()
    await enqueueEmail(placeAvailableMessage({ to: person.email, event }), trx)
  }
  return next.length
}

export type CancelRegistrationResult = { ok: true; promoted: number } | { ok: false; reason: 'not-found' | 'forbidden' | 'not-registered' }

/**
 * Cancels the registration (or the place on the waiting list) of `userId` (the actor by default; someone else's is for
 * organisers and admins). A freed place goes to the first person waiting, in the same transaction.
 */
export async function cancelRegistration(options: {
  eventId: string
  actor: Actor
  userId?: string
  now?: Date
  trx?: Executor
}): Promise<CancelRegistrationResult> {
  const now = options.now ?? new Date()
  const run = async (trx: Executor): Promise<CancelRegistrationResult> => {
    const event = await getEventById(options.eventId, trx)
    if (!event || !can(options.actor, 'read', eventAccessItem(event), now)) return { ok: false, reason: 'not-found' }
    const self = options.actor.kind === 'person' && (options.userId === undefined || options.userId === options.actor.id)
    if (!self && !can(options.actor, 'listParticipants', eventAccessItem(event), now)) return { ok: false, reason: 'forbidden' }
    const userId = self && options.actor.kind === 'person' ? options.actor.id : options.userId
    if (!userId) return { ok: false, reason: 'forbidden' }
    const cancelled = await trx
      .updateTable('eventRegistrations')
      .set({ state: 'cancelled', cancelledAt: now.toISOString() })
      .where('eventId', '=', event.id)
      .where('userId', '=', userId)
      .where('state', '<>', 'cancelled')
      .executeTakeFirst()
    if (Number(cancelled.numUpdatedRows) === 0) return { ok: false, reason: 'not-registered' }
    const promoted = await promoteWaiting(event.id, { now, trx })
    if (!self) await recordActorAudit(options.actor, { action: 'event.participant-removed', targetType: 'event', targetId: event.id, data: { userId, promoted } }, trx)
    return { ok: true, promoted }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export type Participant = { userId: string; name: string; registeredAt: string }

/** Participants (registered) and, apart, the waiting list in order: for organisers and admins only, else null. */
export async function listParticipants(options: { eventId: string; viewer: Viewer | Actor; trx?: Executor }) {
  const trx = options.trx ?? db
  const event = await getEventById(options.eventId, trx)
  if (!event || !can(options.viewer, 'listParticipants', eventAccessItem(event))) return null
  const rows = await trx
    .selectFrom('eventRegistrations')
    .innerJoin('users', 'users.id', 'eventRegistrations.userId')
    .select(['eventRegistrations.userId', 'users.name', 'eventRegistrations.state', 'eventRegistrations.createdAt', 'eventRegistrations.position'])
    .where('eventRegistrations.eventId', '=', event.id)
    .where('eventRegistrations.state', 'in', ['registered', 'waiting'])
    .orderBy('eventRegistrations.position')
    .orderBy('eventRegistrations.createdAt')
    .orderBy('eventRegistrations.id')
    .execute()
  const toParticipant = (r: (typeof rows)[number]): Participant => ({ userId: r.userId, name: r.name, registeredAt: r.createdAt })
  return {
    capacity: event.capacity,
    participants: rows.filter((r) => r.state === 'registered').map(toParticipant),
    waiting: rows.filter((r) => r.state === 'waiting').map(toParticipant),
  }
}

/** The viewer's own registration: registered, or waiting with their rank (1 = next), or null. */
export async function myRegistration(options: { eventId: string; viewer: Viewer | Actor; trx?: Executor }) {
  if (options.viewer.kind !== 'person') return null
  const trx = options.trx ?? db
  const mine = await trx
    .selectFrom('eventRegistrations')
    .select(['state', 'position', 'createdAt'])
    .where('eventId', '=', options.eventId)
    .where('userId', '=', options.viewer.id)
    .where('state', '<>', 'cancelled')
    .executeTakeFirst()
  if (!mine) return null
  if (mine.state === 'registered') return { state: 'registered' as const, registeredAt: mine.createdAt }
  const ahead = await trx
    .selectFrom('eventRegistrations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('eventId', '=', options.eventId)
    .where('state', '=', 'waiting')
    .where('position', '<', mine.position)
    .executeTakeFirstOrThrow()
  return { state: 'waiting' as const, rank: Number(ahead.count) + 1, registeredAt: mine.createdAt }
}

