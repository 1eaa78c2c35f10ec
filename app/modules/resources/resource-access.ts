import type { ResourceStatus, ResourceVisibility } from '#db/schema/resources.ts'

// Who may read and who may edit a resource: one place, pure, shared by loaders, actions, lists and the UI.
// The list query in resources.server.ts (`listResources`) applies the same reading rules in SQL.

export type AccessUser =
  | {
      id: string
      role: 'member' | 'admin'
      emailVerifiedAt?: string | null
      /** Ids of the structures the person belongs to (loaded by resources.server.ts; absent = none known). */
      structureIds?: readonly string[]
    }
  | null
  | undefined

export type AccessResource = {
  authorId: string | null
  status: ResourceStatus
  visibility: ResourceVisibility
  deletedAt?: string | null
  /** Ids of the structures the resource belongs to (absent = none). */
  structureIds?: readonly string[]
}

/** Statuses readers (not only the author) see: a published resource, or an archived one (marked as such). */
export const READABLE_STATUSES: readonly ResourceStatus[] = ['published', 'archived']

function isAuthor(user: AccessUser, resource: AccessResource): boolean {
  return Boolean(user && resource.authorId && resource.authorId === user.id)
}

/** The person belongs to one of the resource's structures. */
export function isResourceStructureMember(user: AccessUser, resource: AccessResource): boolean {
  if (!user?.structureIds?.length || !resource.structureIds?.length) return false
  return resource.structureIds.some((id) => user.structureIds?.includes(id))
}

/**
 * « Membres » means verified members: a person counts as a member for reading once their address is confirmed
 * (admins always). An account whose address is not confirmed reads what an anonymous visitor reads.
 */
export function readsAsMember(user: AccessUser): boolean {
  return Boolean(user && (user.role === 'admin' || user.emailVerifiedAt))
}

/**
 * Which visibilities a viewer may read among published resources — the one rule behind the page check
 * (`canViewResource`), the list filter (`listResources`) and the search viewer (`viewerOf`). `group` waits for the
 * groups issue.
 */
export function readableVisibilities(user: AccessUser): ResourceVisibility[] {
  return readsAsMember(user) ? ['public', 'members'] : ['public']
}

/**
 * - a deleted resource: admins only (to restore it);
 * - its author, the members of its structures and admins: always, whatever the status;
 * - everybody else: only published or archived, and only if the visibility allows them (`public` to all,
 *   `members` to verified members (see `readsAsMember`), `group` to nobody until the groups issue lands).
 */
export function canViewResource(user: AccessUser, resource: AccessResource): boolean {
  if (resource.deletedAt) return user?.role === 'admin'
  if (user?.role === 'admin' || isAuthor(user, resource) || isResourceStructureMember(user, resource)) return true
  if (!READABLE_STATUSES.includes(resource.status)) return false
  return readableVisibilities(user).includes(resource.visibility)
}

/**
 * Authors and members of the resource's structures edit; admins edit everything. A deleted resource is not edited;
 * a person whose address is not verified yet cannot edit either.
 */
export function canEditResource(user: AccessUser, resource: AccessResource): boolean {
  if (!user || resource.deletedAt) return false
  if (user.role === 'admin') return true
  return (isAuthor(user, resource) || isResourceStructureMember(user, resource)) && Boolean(user.emailVerifiedAt)
}

/** Writing a new resource needs a verified account. */
export function canCreateResource(user: AccessUser): boolean {
  return Boolean(user?.emailVerifiedAt)
}

export function canDeleteResource(user: AccessUser, resource: AccessResource): boolean {
  return canEditResource(user, resource)
}

/**
 * Which structures a person may link a resource to: admins any; others the structures they belong to, and those the
 * resource already belongs to (kept when someone else edits it), nothing else.
 */
export function canLinkStructure(user: AccessUser, structureId: string, currentStructureIds: readonly string[] = []): boolean {
  if (!user) return false
  if (user.role === 'admin') return true
  return Boolean(user.structureIds?.includes(structureId)) || currentStructureIds.includes(structureId)
}
