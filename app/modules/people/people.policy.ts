import { readsAsMember } from '#app/modules/auth/audience.ts'
import type { Actor, Viewer } from '#app/modules/auth/viewer.ts'
import type { ProfileVisibility } from '#db/schema/structures.ts'

// Who may see a person's profile (DESIGN.md §9): the one rule behind /membres/:slug, the member lists of structures
// and groups, and their links. Pure. « Membres » reads as in every audience: verified members (see `readsAsMember`).

export type ProfileAccessItem = { userId: string; visibility: ProfileVisibility }

/** A profile is seen by its owner always; `public` by everyone, `members` by verified members, `hidden` by nobody else. */
export function canSeeProfile(viewer: Viewer | Actor, profile: ProfileAccessItem): boolean {
  if (viewer.kind === 'person' && viewer.id === profile.userId) return true
  return visibleProfileVisibilities(viewer).includes(profile.visibility)
}

/** The profile visibilities a viewer sees in lists (their own profile aside): the list form of `canSeeProfile`. */
export function visibleProfileVisibilities(viewer: Viewer | Actor): ProfileVisibility[] {
  return readsAsMember(viewer) ? ['public', 'members'] : ['public']
}
