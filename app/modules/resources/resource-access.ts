import type { ResourceStatus, ResourceVisibility } from '#db/schema/resources.ts'

// Who may read and who may edit a resource: one place, pure, shared by loaders, actions, lists and the UI.
// The list query in resources.server.ts (`visibleToViewer`) applies the same rules in SQL; both are tested together.

export type AccessUser = { id: string; role: 'member' | 'admin'; emailVerifiedAt?: string | null } | null | undefined

export type AccessResource = {
  authorId: string | null
  status: ResourceStatus
  visibility: ResourceVisibility
  deletedAt?: string | null
}

/** Statuses readers (not only the author) see: a published resource, or an archived one (marked as such). */
export const READABLE_STATUSES: readonly ResourceStatus[] = ['published', 'archived']

function isAuthor(user: AccessUser, resource: AccessResource): boolean {
  return Boolean(user && resource.authorId && resource.authorId === user.id)
}

/** Which visibilities a viewer may read among published resources. `group` waits for the groups issue. */
export function readableVisibilities(user: AccessUser): ResourceVisibility[] {
  return user ? ['public', 'members'] : ['public']
}

/**
 * - a deleted resource: admins only (to restore it);
 * - its author and admins: always, whatever the status;
 * - everybody else: only published or archived, and only if the visibility allows them (`public` to all,
 *   `members` to logged-in people, `group` to nobody until the groups issue lands).
 */
export function canViewResource(user: AccessUser, resource: AccessResource): boolean {
  if (resource.deletedAt) return user?.role === 'admin'
  if (user?.role === 'admin' || isAuthor(user, resource)) return true
  if (!READABLE_STATUSES.includes(resource.status)) return false
  return readableVisibilities(user).includes(resource.visibility)
}

/**
 * Authors and admins edit (members of the resource's structure will too, once structures exist). A deleted resource
 * is not edited; an author whose address is not verified yet cannot edit either.
 */
export function canEditResource(user: AccessUser, resource: AccessResource): boolean {
  if (!user || resource.deletedAt) return false
  if (user.role === 'admin') return true
  return isAuthor(user, resource) && Boolean(user.emailVerifiedAt)
}

/** Writing a new resource needs a verified account. */
export function canCreateResource(user: AccessUser): boolean {
  return Boolean(user?.emailVerifiedAt)
}

export function canDeleteResource(user: AccessUser, resource: AccessResource): boolean {
  return canEditResource(user, resource)
}
