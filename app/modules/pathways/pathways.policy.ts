import { type Actor, isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Database } from '#db/schema.ts'
import type { PathwayStatus } from '#db/schema/pathways.ts'

// Who may see and do what with a pathway (« parcours », issue 15): the one rule (DESIGN.md §9). Pure. A published
// pathway is public; a draft is read by those who maintain it. Pathways are built by coordinators — of a territory
// group or of any group — and by admins. A pathway is maintained by admins, by the coordinators of its group or of
// its territory, and by its author while they coordinate something. What a step points to is read through that
// thing's own policy (resources, events): a step the viewer may not read shows no title.

export type PathwayAccessItem = {
  status: PathwayStatus
  groupId: string | null
  territorySlug: string | null
  createdBy: string | null
}

export type PathwayAction = 'read' | 'edit' | 'publish' | 'unpublish'

/** A verified person who coordinates at least one group (a territory group or any other). */
export function isCoordinator(actor: Viewer | Actor): boolean {
  if (actor.kind !== 'person' || !actor.verified) return false
  if (actor.coordinates.size > 0) return true
  for (const role of actor.groups.values()) if (role === 'coordinator') return true
  return false
}

/** Admins (and the system); verified coordinators of its group or territory; its author while a coordinator. */
export function maintains(actor: Viewer | Actor, item: PathwayAccessItem): boolean {
  if (actor.kind === 'system' || isAdmin(actor)) return true
  if (actor.kind !== 'person' || !actor.verified) return false
  if (item.groupId !== null && actor.groups.get(item.groupId) === 'coordinator') return true
  if (item.territorySlug !== null && actor.coordinates.has(item.territorySlug)) return true
  return item.createdBy !== null && item.createdBy === actor.id && isCoordinator(actor)
}

export function can(actor: Viewer | Actor, action: PathwayAction, item: PathwayAccessItem): boolean {
  switch (action) {
    case 'read':
      return item.status === 'published' || maintains(actor, item)
    case 'edit':
      return maintains(actor, item)
    case 'publish':
      return item.status === 'draft' && maintains(actor, item)
    case 'unpublish':
      return item.status === 'published' && maintains(actor, item)
  }
}

/** Building a new pathway: admins (and the system), and verified coordinators. */
export function canCreate(actor: Viewer | Actor): boolean {
  return actor.kind === 'system' || isAdmin(actor) || isCoordinator(actor)
}

/** The group a pathway is maintained by: admins any; others a group they coordinate (or the one it already has). */
export function mayAssignGroup(actor: Viewer | Actor, groupId: string, current: string | null = null): boolean {
  if (actor.kind === 'system' || isAdmin(actor)) return true
  if (groupId === current) return true
  return actor.kind === 'person' && actor.verified && actor.groups.get(groupId) === 'coordinator'
}

/** Marking steps done: any logged-in person (progress is theirs alone). */
export function mayTrackProgress(viewer: Viewer | Actor): boolean {
  return viewer.kind === 'person'
}

/**
 * `read` as a Kysely condition on `pathways` (the same rule as `can(viewer, 'read', …)`, held to it by
 * pathways.policy.test.ts): published ones, and the drafts the viewer maintains.
 */
export function visibleTo(viewer: Viewer | Actor) {
  return (eb: ExpressionBuilder<Database, 'pathways'>): Expression<SqlBool> => {
    if (viewer.kind === 'system' || isAdmin(viewer)) return sql<SqlBool>`1 = 1`
    const conditions: Expression<SqlBool>[] = [eb('pathways.status', '=', 'published')]
    if (viewer.kind === 'person' && viewer.verified) {
      const coordinated = [...viewer.groups].filter(([, role]) => role === 'coordinator').map(([id]) => id)
      if (coordinated.length > 0) conditions.push(eb('pathways.groupId', 'in', coordinated))
      if (viewer.coordinates.size > 0) conditions.push(eb('pathways.territorySlug', 'in', [...viewer.coordinates]))
      if (isCoordinator(viewer)) conditions.push(eb('pathways.createdBy', '=', viewer.id))
    }
    return eb.or(conditions)
  }
}
