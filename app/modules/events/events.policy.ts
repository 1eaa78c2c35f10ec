import { type Audience, audienceAllows, audienceOf } from '#app/modules/auth/audience.ts'
import { type Actor, isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Database } from '#db/schema.ts'
import type { EventStatus } from '#db/schema/events.ts'
import type { SearchAccess } from '#search/engine.ts'

// Who may see and do what with an event: the one rule (DESIGN.md §9), modelled on resources.policy.ts. Pure. `can`
// answers pages, actions and the UI; `visibleTo` is the same `read` rule as a Kysely condition on `events` (lists,
// feeds, digests); `searchFilter` gives the engine-neutral form of the audience part of `read`.
//
// Organisers are the coordinators of the organising group, or the members of the organising structure, with a
// confirmed address; they (and admins) edit and cancel, and read their events whatever the audience says. A cancelled
// event stays readable (its page says « Annulé »), but nobody registers to it.

export type EventAccessItem = Audience & {
  status: EventStatus
  /** The organiser: a group or a structure (exactly one is set). */
  groupId: string | null
  structureId: string | null
  /** ISO-8601 UTC. */
  startsAt: string
  registrationDeadline: string | null
}

export type EventAction = 'read' | 'edit' | 'cancel' | 'register' | 'listParticipants'

/** A verified coordinator of the organising group, or a verified member of the organising structure. */
export function isOrganiser(actor: Viewer | Actor, item: Pick<EventAccessItem, 'groupId' | 'structureId'>): boolean {
  if (actor.kind !== 'person' || !actor.verified) return false
  if (item.groupId !== null && actor.groups.get(item.groupId) === 'coordinator') return true
  return item.structureId !== null && actor.structures.has(item.structureId)
}

/** Registration is open: scheduled, not begun, and before the deadline when there is one. */
export function registrationOpen(item: Pick<EventAccessItem, 'status' | 'startsAt' | 'registrationDeadline'>, now: Date): boolean {
  if (item.status !== 'scheduled') return false
  if (Date.parse(item.startsAt) <= now.getTime()) return false
  return item.registrationDeadline === null || now.getTime() < Date.parse(item.registrationDeadline)
}

export function can(actor: Viewer | Actor, action: EventAction, item: EventAccessItem, now: Date = new Date()): boolean {
  const reads = actor.kind === 'system' || isAdmin(actor) || isOrganiser(actor, item) || audienceAllows(actor, item)
  switch (action) {
    case 'read':
      return reads
    case 'edit':
    case 'cancel':
      // A cancelled event is final: it is neither edited nor cancelled again.
      if (item.status === 'cancelled') return false
      return actor.kind === 'system' || isAdmin(actor) || isOrganiser(actor, item)
    case 'listParticipants':
      return actor.kind === 'system' || isAdmin(actor) || isOrganiser(actor, item)
    case 'register':
      return actor.kind === 'person' && actor.verified && reads && registrationOpen(item, now)
  }
}

/**
 * Creating an event for an organiser: admins (and the system) for any; otherwise a verified coordinator of the group,
 * or a verified member of the structure.
 */
export function canCreateFor(actor: Viewer | Actor, organiser: { groupId: string | null; structureId: string | null }): boolean {
  if (actor.kind === 'system' || isAdmin(actor)) return true
  return isOrganiser(actor, organiser)
}

/**
 * Engine-neutral form of the audience part of `read` (events.search.server.ts indexes events): a document matches
 * when its visibility is listed and, for `group`, one of its groups is listed — any group for admins. What organisers
 * read beyond the audience are added by id (`documents`, through the searchable type's `owned`).
 */
export function searchFilter(viewer: Viewer | Actor): SearchAccess {
  const { visibilities, groupIds } = audienceOf(viewer)
  if (isAdmin(viewer)) return { visibilities: [...new Set([...visibilities, 'group' as const])], groupIds, allGroups: true }
  return { visibilities, groupIds }
}

/** « The viewer organises it » as a Kysely condition on `events`. */
export function organisedBy(viewer: Viewer | Actor) {
  return (eb: ExpressionBuilder<Database, 'events'>): Expression<SqlBool> => {
    if (viewer.kind !== 'person' || !viewer.verified) return sql<SqlBool>`1 = 0`
    const conditions: Expression<SqlBool>[] = []
    const coordinated = [...viewer.groups].filter(([, role]) => role === 'coordinator').map(([id]) => id)
    if (coordinated.length > 0) conditions.push(eb('events.groupId', 'in', coordinated))
    const structureIds = [...viewer.structures.keys()]
    if (structureIds.length > 0) conditions.push(eb('events.structureId', 'in', structureIds))
    return conditions.length > 0 ? eb.or(conditions) : sql<SqlBool>`1 = 0`
  }
}

/**
 * `read` as a Kysely condition on `events` (the same rule as `can(viewer, 'read', …)`, proved cell by cell by
 * events.policy.agreement.test.ts). Lists add their own narrower conditions (upcoming, territory, kind) on top.
 */
export function visibleTo(viewer: Viewer | Actor) {
  return (eb: ExpressionBuilder<Database, 'events'>): Expression<SqlBool> => {
    if (viewer.kind === 'system' || isAdmin(viewer)) return sql<SqlBool>`1 = 1`
    const { visibilities, groupIds } = audienceOf(viewer)
    const audience: Expression<SqlBool>[] = [
      eb('events.visibility', 'in', visibilities.filter((v) => v !== 'group')),
      organisedBy(viewer)(eb),
    ]
    if (groupIds.length > 0) {
      audience.push(
        eb.and([
          eb('events.visibility', '=', 'group'),
          eb.exists(
            eb
              .selectFrom('eventGroups')
              .select('eventGroups.groupId')
              .whereRef('eventGroups.eventId', '=', 'events.id')
              .where('eventGroups.groupId', 'in', groupIds),
          ),
        ]),
      )
    }
    return eb.or(audience)
  }
}
