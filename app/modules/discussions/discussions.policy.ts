import { type Actor, isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Database } from '#db/schema.ts'
import type { SearchAccess } from '#search/engine.ts'

// Who may see and do what in a group's discussions: the one rule (DESIGN.md §9), derived three ways like the
// resources policy. Pure. `can` answers pages, module writes and the UI; `visibleThreads` is `view` as a Kysely
// condition for lists and counts; `searchFilter` is its engine-neutral form for indexed threads. Held together cell
// by cell by discussions.policy.agreement.test.ts.
//
// The audience of a discussion is its group: its members, whatever their role, and admins — nobody else, whatever
// the group's page shows (issue 12: a coordinator's discussion leaves no trace for a non-member, anonymous or logged
// in). A members-only or hidden group's discussions are, a fortiori, as private as the group.
// - A deleted thread (its author's soft delete) is seen by nobody.
// - A hidden thread is seen only by the moderators (the group's coordinators and admins), who may unhide it; it is
//   out of lists for everyone else, and out of search for all.
// - A hidden reply stays in its thread, shown as « Message masqué par la coordination » to readers and whole to
//   moderators (`postDisplay`). A deleted reply is shown as « Message supprimé » to all.

export const HIDDEN_POST_LABEL = 'Message masqué par la coordination'
export const DELETED_POST_LABEL = 'Message supprimé par son auteur'
export const MAX_HIDDEN_REASON = 300
/** The hiding reason of a message hidden after reports (app/modules/reports), until the coordination decides. */
export const REPORTS_HIDDEN_REASON = 'Masqué automatiquement après plusieurs signalements, en attente de modération'
/** What the author of such a message reads in its place. */
export const PENDING_MODERATION_LABEL = 'Masqué en attente de modération'

/** What the policy needs of a group (a subset of groups.policy.ts's PolicyGroup). */
export type DiscussionGroup = {
  readonly id: string
  readonly pageVisibility: 'public' | 'members'
  readonly hidden: boolean
}

export type ThreadAccessItem = {
  readonly group: DiscussionGroup
  readonly authorId: string | null
  readonly lockedAt: string | null
  readonly hiddenAt: string | null
  readonly deletedAt: string | null
}

/** A reply (or the thread's opening post, read from the thread itself). */
export type PostAccessItem = {
  readonly authorId: string | null
  readonly hiddenAt: string | null
  readonly deletedAt: string | null
}

/**
 * - `view`: read the thread;
 * - `reply`: post a reply (members of the group with a verified address; not in a locked or hidden thread);
 * - `edit`, `delete`: one's own post (the opening post when no reply is given), while still a member;
 * - `moderate`: pin, lock, hide, unhide (coordinators of the group, admins).
 */
export type DiscussionAction = 'view' | 'reply' | 'edit' | 'delete' | 'moderate'

function roleIn(viewer: Viewer | Actor, groupId: string) {
  return viewer.kind === 'person' ? viewer.groups.get(groupId) : undefined
}

/** May read the group's discussions: its members with a confirmed address, and admins (and the system). */
export function canReadGroupContent(viewer: Viewer | Actor, group: DiscussionGroup): boolean {
  if (viewer.kind === 'system' || isAdmin(viewer)) return true
  return viewer.kind === 'person' && viewer.verified && roleIn(viewer, group.id) !== undefined
}

/** Coordinators of the group and admins (and the system: imports, demo data). */
export function isModerator(viewer: Viewer | Actor, group: DiscussionGroup): boolean {
  return viewer.kind === 'system' || isAdmin(viewer) || roleIn(viewer, group.id) === 'coordinator'
}

/** A member of the group (any role) with a verified address, or the system. */
function isVerifiedMember(viewer: Viewer | Actor, group: DiscussionGroup): boolean {
  if (viewer.kind === 'system') return true
  return viewer.kind === 'person' && viewer.verified && roleIn(viewer, group.id) !== undefined
}

/** Starting a thread in a group. */
export function canStartThread(viewer: Viewer | Actor, group: DiscussionGroup): boolean {
  return isVerifiedMember(viewer, group)
}

export function can(viewer: Viewer | Actor, action: DiscussionAction, thread: ThreadAccessItem, post?: PostAccessItem): boolean {
  if (thread.deletedAt) return false
  const moderator = isModerator(viewer, thread.group)
  const readable = thread.hiddenAt ? moderator : canReadGroupContent(viewer, thread.group)
  if (!readable) return false
  switch (action) {
    case 'view':
      return true
    case 'moderate':
      return moderator
    case 'reply':
      return !thread.lockedAt && !thread.hiddenAt && isVerifiedMember(viewer, thread.group)
    case 'edit':
    case 'delete': {
      if (thread.hiddenAt) return false
      const target = post ?? thread
      if (target.deletedAt) return false
      const own = viewer.kind === 'person' && target.authorId !== null && target.authorId === viewer.id
      if (!own || !isVerifiedMember(viewer, thread.group)) return false
      // A hidden message is not rewritten behind the coordination's back, nor anything in a locked thread; deleting
      // one's own message stays possible.
      if (action === 'edit') return !target.hiddenAt && !thread.lockedAt
      return true
    }
  }
}

export type PostDisplay = 'whole' | 'masked' | 'deleted'

/** How a post reads to this viewer (who may view its thread): whole, masked by the coordination, or deleted. */
export function postDisplay(viewer: Viewer | Actor, thread: ThreadAccessItem, post: PostAccessItem): PostDisplay {
  if (post.deletedAt) return 'deleted'
  if (post.hiddenAt && !isModerator(viewer, thread.group)) return 'masked'
  return 'whole'
}

/** Groups whose discussions the viewer reads as a member, and those it moderates (admins excepted: all of them). */
function groupsOf(viewer: Viewer | Actor) {
  // An account whose address is not confirmed reads as anonymous, as in every audience (auth/audience.ts).
  if (viewer.kind !== 'person' || !viewer.verified) return { member: [] as string[], coordinator: [] as string[] }
  const member = [...viewer.groups.keys()]
  const coordinator = [...viewer.groups].filter(([, role]) => role === 'coordinator').map(([id]) => id)
  return { member, coordinator }
}

/**
 * `view` as a Kysely condition on `discussion_threads` (the same rule as `can(viewer, 'view', …)`). Lists and counts
 * add their own conditions (a group, pinned first…) on top.
 */
export function visibleThreads(viewer: Viewer | Actor) {
  return (eb: ExpressionBuilder<Database, 'discussionThreads'>): Expression<SqlBool> => {
    const notDeleted = eb('discussionThreads.deletedAt', 'is', null)
    if (viewer.kind === 'system' || isAdmin(viewer)) return notDeleted
    const { member, coordinator } = groupsOf(viewer)
    const shown: Expression<SqlBool>[] = []
    if (member.length > 0) shown.push(eb.and([eb('discussionThreads.hiddenAt', 'is', null), eb('discussionThreads.groupId', 'in', member)]))
    if (coordinator.length > 0) shown.push(eb('discussionThreads.groupId', 'in', coordinator))
    if (shown.length === 0) return sql<SqlBool>`1 = 0`
    return eb.and([notDeleted, eb.or(shown)])
  }
}

/**
 * How a thread is indexed: only threads neither hidden nor deleted enter the index, always as `group` with its group
 * (its members find it; admins through `allGroups`).
 */
export function searchAudience(group: DiscussionGroup): { visibility: 'group'; groupIds: string[] } {
  return { visibility: 'group', groupIds: [group.id] }
}

/**
 * Engine-neutral form of `view` for indexed threads (hidden and deleted ones are never indexed: moderators' extra
 * right does not apply in search). Admins read every group (`allGroups`). It agrees with the site's one search access
 * (app/modules/search/search.server.ts `accessOf`) on every discussion document: agreement test.
 */
export function searchFilter(viewer: Viewer | Actor): SearchAccess {
  const groupIds = groupsOf(viewer).member
  if (viewer.kind === 'system' || isAdmin(viewer)) return { visibilities: ['group'], groupIds, allGroups: true }
  return groupIds.length > 0 ? { visibilities: ['group'], groupIds } : { visibilities: [], groupIds: [] }
}

