import type { Actor, Viewer } from './viewer.ts'
import { isAdmin } from './viewer.ts'

// Building blocks of every content policy (DESIGN.md §9): who a thing is for (its audience) and who owns it. Pure;
// shared by resources now, events and discussions later. Policies combine them; nobody writes them by hand elsewhere.

export type Visibility = 'public' | 'members' | 'group'

/** Who an item is for: its visibility, and for `group` the groups whose members read it. */
export type Audience = { visibility: Visibility; groupIds: readonly string[] }

/** Who owns an item: its author and its structures (their members act as owners). */
export type Owners = { authorId: string | null; structureIds: readonly string[] }

export { isAdmin }

/** « Membres » means verified members: an account whose address is not confirmed reads as anonymous (admins always). */
export function readsAsMember(viewer: Viewer | Actor): boolean {
  return viewer.kind === 'person' && (viewer.role === 'admin' || viewer.verified)
}

/**
 * `public` to all, `members` to verified persons and admins, `group` to verified persons in one of the item's groups
 * (an account whose address is not confirmed reads as anonymous, whatever its memberships).
 */
export function audienceAllows(viewer: Viewer | Actor, audience: Audience): boolean {
  switch (audience.visibility) {
    case 'public':
      return true
    case 'members':
      return readsAsMember(viewer)
    case 'group':
      return viewer.kind === 'person' && viewer.verified && audience.groupIds.some((id) => viewer.groups.has(id))
  }
}

/** The visibilities a viewer has whatever the item's groups, and the groups it reads: the neutral list/search form. */
export function audienceOf(viewer: Viewer | Actor): { visibilities: Visibility[]; groupIds: string[] } {
  const visibilities: Visibility[] = readsAsMember(viewer) ? ['public', 'members'] : ['public']
  const groupIds = viewer.kind === 'person' && viewer.verified ? [...viewer.groups.keys()] : []
  if (groupIds.length > 0) visibilities.push('group')
  return { visibilities, groupIds }
}

/** The author, or a member of one of the item's structures. */
export function isOwner(viewer: Viewer | Actor, owners: Owners): boolean {
  if (viewer.kind !== 'person') return false
  if (owners.authorId !== null && owners.authorId === viewer.id) return true
  return owners.structureIds.some((id) => viewer.structures.has(id))
}
