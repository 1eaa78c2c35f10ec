import { type Audience, audienceAllows, audienceOf, isOwner, type Owners } from '#app/modules/auth/audience.ts'
import { type Actor, isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Database } from '#db/schema.ts'
import type { ResourceStatus } from '#db/schema/resources.ts'
import type { SearchAccess } from '#search/engine.ts'

// Who may see and do what with a resource: the one rule (DESIGN.md §9). Pure. `can` answers pages, actions and the
// UI; `visibleTo` is the same rule as a Kysely condition for lists; `searchFilter` gives the engine-neutral form of
// `read` for published documents. Module writes (resources.server.ts) check `can` themselves; the search re-check
// (resources.search.server.ts) uses it too.

export type ResourceAccessItem = Owners &
  Audience & {
    status: ResourceStatus
    deletedAt: string | null
    /** Set while hidden after reports (app/modules/reports), until a coordinator decides. */
    hiddenAt?: string | null
    /** Its territory slug (whose coordinators decide on its reports). */
    territory?: string
  }

export type ResourceAction = 'read' | 'edit' | 'delete' | 'linkStructure' | StatusChange
export type StatusChange = 'publish' | 'submit' | 'unpublish' | 'archive' | 'unarchive'

/** Statuses readers other than owners see: published, or archived (marked as such). */
export const READABLE_STATUSES: readonly ResourceStatus[] = ['published', 'archived']

type Who = 'owner' | 'admin'

/** The transition table: state × change → state, and who may (owners must have a verified address). */
export const TRANSITIONS: Record<StatusChange, { from: readonly ResourceStatus[]; to: ResourceStatus; who: readonly Who[] }> = {
  publish: { from: ['draft'], to: 'published', who: ['owner', 'admin'] },
  submit: { from: ['draft'], to: 'pending', who: ['owner', 'admin'] },
  unpublish: { from: ['published', 'pending'], to: 'draft', who: ['owner', 'admin'] },
  archive: { from: ['published'], to: 'archived', who: ['owner', 'admin'] },
  unarchive: { from: ['archived'], to: 'published', who: ['owner', 'admin'] },
}

function ownerWhoEdits(actor: Viewer | Actor, item: Owners): boolean {
  return actor.kind === 'person' && actor.verified && isOwner(actor, item)
}

export function can(actor: Viewer | Actor, action: ResourceAction, item: ResourceAccessItem): boolean {
  if (action === 'read') {
    if (item.deletedAt) return isAdmin(actor)
    if (isAdmin(actor) || isOwner(actor, item)) return true
    // Hidden after reports: its author, admins and the coordinators of its territory only (« Masqué en attente de
    // modération »), until they decide.
    if (item.hiddenAt && !coordinatesTerritory(actor, item.territory)) return false
    return READABLE_STATUSES.includes(item.status) && audienceAllows(actor, item)
  }
  if (item.deletedAt) return false
  if (actor.kind === 'system') return true
  if (action === 'edit' || action === 'delete' || action === 'linkStructure') return isAdmin(actor) || ownerWhoEdits(actor, item)
  const transition = TRANSITIONS[action]
  // pending → published is a review decision (review.ts, review.server.ts: approve, with the audit and the author told),
  // never a plain « Publier ».
  if (!transition.from.includes(item.status)) return false
  return (transition.who.includes('admin') && isAdmin(actor)) || (transition.who.includes('owner') && ownerWhoEdits(actor, item))
}

/** A coordinator of this territory (verified), who moderates the resources placed in it; admins are apart. */
export function coordinatesTerritory(actor: Viewer | Actor, territory: string | null | undefined): boolean {
  return actor.kind === 'person' && actor.verified && territory !== undefined && territory !== null && actor.coordinates.has(territory)
}

/** Writing a new resource needs a verified account (or the system: imports, demo data). */
export function canCreate(actor: Viewer | Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'person' && actor.verified)
}

/** The status a change leads to, or null when it does not apply to this state. */
export function transition(status: ResourceStatus, change: StatusChange): ResourceStatus | null {
  const t = TRANSITIONS[change]
  return t.from.includes(status) ? t.to : null
}

/**
 * Engine-neutral form of `read` for indexed documents (published, not deleted). A document matches when its visibility
 * is listed and, for `group`, one of its groups is listed — any group for admins (`allGroups`). What an owner reads
 * beyond that (their group-only resources outside their groups) is listed by id: `owned`, read by
 * `ownedBeyondAudience` (resources.search.server.ts), so search finds exactly what `can(viewer, 'read')` allows.
 */
export function searchFilter(viewer: Viewer | Actor, owned: readonly string[] = []): SearchAccess {
  const { visibilities, groupIds } = audienceOf(viewer)
  if (isAdmin(viewer)) return { visibilities: [...new Set([...visibilities, 'group' as const])], groupIds, allGroups: true }
  if (owned.length === 0) return { visibilities, groupIds }
  return { visibilities, groupIds, documents: owned.map((id) => ({ kind: 'resource' as const, id })) }
}

/**
 * The structures a person may link a resource to: admins (and the system) any; others those they belong to, and those
 * the resource already belongs to (kept when someone else edits it).
 */
export function mayLinkStructure(actor: Viewer | Actor, structureId: string, current: readonly string[] = []): boolean {
  if (actor.kind === 'system' || isAdmin(actor)) return true
  return actor.kind === 'person' && (actor.structures.has(structureId) || current.includes(structureId))
}

/**
 * The groups a person may make a resource for (`group` audience): admins (and the system) any; others the groups they
 * belong to, and those the resource is already for (kept when another member edits it).
 */
export function mayTargetGroup(actor: Viewer | Actor, groupId: string, current: readonly string[] = []): boolean {
  if (actor.kind === 'system' || isAdmin(actor)) return true
  return actor.kind === 'person' && (actor.groups.has(groupId) || current.includes(groupId))
}

/** « The viewer owns it » as a Kysely condition on `resources` (author, or member of one of its structures). */
export function ownedBy(viewer: Viewer | Actor) {
  return (eb: ExpressionBuilder<Database, 'resources'>): Expression<SqlBool> => {
    if (viewer.kind !== 'person') return sql<SqlBool>`1 = 0`
    const owner: Expression<SqlBool>[] = [eb('resources.authorId', '=', viewer.id)]
    const structureIds = [...viewer.structures.keys()]
    if (structureIds.length > 0) {
      owner.push(
        eb.exists(
          eb
            .selectFrom('resourceStructures')
            .select('resourceStructures.structureId')
            .whereRef('resourceStructures.resourceId', '=', 'resources.id')
            .where('resourceStructures.structureId', 'in', structureIds),
        ),
      )
    }
    return eb.or(owner)
  }
}

/**
 * `read` as a Kysely condition on `resources` (the same rule as `can(viewer, 'read', …)`, proved cell by cell by
 * resources.policy.agreement.test.ts). Lists add their own narrower conditions (published only, filters) on top.
 */
export function visibleTo(viewer: Viewer | Actor) {
  return (eb: ExpressionBuilder<Database, 'resources'>): Expression<SqlBool> => {
    if (isAdmin(viewer)) return sql<SqlBool>`1 = 1`
    const { visibilities, groupIds } = audienceOf(viewer)
    const audience: Expression<SqlBool>[] = [
      eb('resources.visibility', 'in', visibilities.filter((v) => v !== 'group')),
    ]
    if (groupIds.length > 0) {
      audience.push(
        eb.and([
          eb('resources.visibility', '=', 'group'),
          eb.exists(
            eb
              .selectFrom('resourceGroups')
              .select('resourceGroups.groupId')
              .whereRef('resourceGroups.resourceId', '=', 'resources.id')
              .where('resourceGroups.groupId', 'in', groupIds),
          ),
        ]),
      )
    }
    // Hidden after reports: only the coordinators of its territory (besides owners and admins) still read it.
    const coordinated = viewer.kind === 'person' && viewer.verified ? [...viewer.coordinates] : []
    const notHidden =
      coordinated.length > 0
        ? eb.or([eb('resources.hiddenAt', 'is', null), eb('resources.territory', 'in', coordinated)])
        : eb('resources.hiddenAt', 'is', null)
    const readable = eb.and([eb('resources.status', 'in', [...READABLE_STATUSES]), eb.or(audience), notHidden])
    return eb.and([eb('resources.deletedAt', 'is', null), eb.or([ownedBy(viewer)(eb), readable])])
  }
}
