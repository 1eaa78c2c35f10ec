import { isOwner } from '#app/modules/auth/audience.ts'
import { type Actor, isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'
import { type EventAccessItem, can as canEvent, visibleTo as visibleEvents } from '#app/modules/events/events.policy.ts'
import {
  can as canResource,
  coordinatesTerritory,
  READABLE_STATUSES,
  type ResourceAccessItem,
  visibleTo as visibleResources,
} from '#app/modules/resources/resources.policy.ts'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Database } from '#db/schema.ts'

// Who may see and do what with comments and reactions (issue 17, items 1 and 2): the one rule (DESIGN.md §9). Pure.
//
// A comment is exactly as private as what it is on: it is readable iff its resource (resources.policy `read`) or its
// event (events.policy `read`) is readable by the viewer — on pages, in counts, in the moderation queue, in exports.
// `can` answers pages and module writes; `visibleComments` is the same `view` rule as a Kysely condition on
// `comments`, built from the resources' and events' own conditions (never a visibility condition by hand).
//
// - Writing (a comment, a reply) takes a logged-in person with a confirmed address who may read the item.
// - Its author edits it (not once deleted or hidden by the coordination) and deletes it.
// - The coordination hides it with a reason, and shows it again: the coordinators of the resource's territory, of
//   the event's organising group, and admins. A hidden comment reads « Commentaire masqué par la coordination » to
//   everyone else.
// - Reporting it: a logged-in person with a confirmed address who is not its author, while it is shown whole.
// - Reactions (« Utile », « Je l'ai testé »): a person with a confirmed address who may read the resource, while it is
//   published or archived and shown — but not on a resource they own (its author, or a member of one of its
//   structures): a reaction says what others found, not what its authors think of it.

export const DELETED_COMMENT_LABEL = 'Commentaire supprimé'
export const HIDDEN_COMMENT_LABEL = 'Commentaire masqué par la coordination'
export const DELETED_AUTHOR_LABEL = 'Compte supprimé'
export const MAX_HIDDEN_REASON = 300
/** The hiding reason of a comment hidden after reports (app/modules/reports), until the coordination decides. */
export const REPORTS_HIDDEN_REASON = 'Masqué automatiquement après plusieurs signalements, en attente de modération'
export const REMOVED_COMMENT_REASON = 'Retiré par la coordination à la suite de signalements'

/** What a comment is on, with what its own policy needs. */
export type CommentParent =
  | { readonly kind: 'resource'; readonly access: ResourceAccessItem }
  | { readonly kind: 'event'; readonly access: EventAccessItem }

export type CommentAccessItem = {
  readonly authorId: string | null
  /** Null for a top comment. */
  readonly parentId: string | null
  readonly hiddenAt: string | null
  readonly deletedAt: string | null
}

/**
 * - `view`: read the comments of the item;
 * - `create`: comment, or reply to `comment` (a top comment shown whole);
 * - `edit`, `delete`: one's own comment;
 * - `moderate`: hide with a reason, show again;
 * - `report`: report it to the coordination.
 */
export type CommentAction = 'view' | 'create' | 'edit' | 'delete' | 'moderate' | 'report'

/** The item is readable by this viewer (its own policy). */
export function canReadParent(viewer: Viewer | Actor, parent: CommentParent): boolean {
  return parent.kind === 'resource' ? canResource(viewer, 'read', parent.access) : canEvent(viewer, 'read', parent.access)
}

/** Admins; the coordinators of the resource's territory, or of the event's organising group (confirmed addresses). */
export function isCommentModerator(viewer: Viewer | Actor, parent: CommentParent): boolean {
  if (viewer.kind === 'system' || isAdmin(viewer)) return true
  if (parent.kind === 'resource') return coordinatesTerritory(viewer, parent.access.territory)
  const groupId = parent.access.groupId
  return viewer.kind === 'person' && viewer.verified && groupId !== null && viewer.groups.get(groupId) === 'coordinator'
}

function isVerifiedPerson(viewer: Viewer | Actor): boolean {
  return viewer.kind === 'person' && viewer.verified
}

function isAuthor(viewer: Viewer | Actor, comment: CommentAccessItem): boolean {
  return viewer.kind === 'person' && comment.authorId !== null && comment.authorId === viewer.id
}

export function can(viewer: Viewer | Actor, action: CommentAction, parent: CommentParent, comment?: CommentAccessItem): boolean {
  if (!canReadParent(viewer, parent)) return false
  switch (action) {
    case 'view':
      return true
    case 'create':
      // A reply goes under a top comment that is still shown whole (not deleted, not hidden).
      if (comment && (comment.deletedAt || comment.hiddenAt)) return false
      return viewer.kind === 'system' || isVerifiedPerson(viewer)
    case 'edit':
      return comment !== undefined && !comment.deletedAt && !comment.hiddenAt && isAuthor(viewer, comment) && isVerifiedPerson(viewer)
    case 'delete':
      return comment !== undefined && !comment.deletedAt && isAuthor(viewer, comment)
    case 'moderate':
      return comment !== undefined && !comment.deletedAt && isCommentModerator(viewer, parent)
    case 'report':
      return comment !== undefined && !comment.deletedAt && !comment.hiddenAt && isVerifiedPerson(viewer) && !isAuthor(viewer, comment)
  }
}

export type CommentDisplay = 'whole' | 'masked' | 'deleted'

/** How a comment reads to this viewer (who may view the item): whole, masked by the coordination, or deleted. */
export function commentDisplay(viewer: Viewer | Actor, parent: CommentParent, comment: CommentAccessItem): CommentDisplay {
  if (comment.deletedAt) return 'deleted'
  if (comment.hiddenAt && !isCommentModerator(viewer, parent)) return 'masked'
  return 'whole'
}

/**
 * `view` as a Kysely condition on `comments`: on a resource the viewer reads (resources.policy `visibleTo`) or on an
 * event the viewer reads (events.policy `visibleTo`). Exports, the moderation queue and any list or count use it.
 */
export function visibleComments(viewer: Viewer | Actor) {
  return (eb: ExpressionBuilder<Database, 'comments'>): Expression<SqlBool> => {
    if (viewer.kind === 'system') return sql<SqlBool>`1 = 1`
    return eb.or([
      eb('comments.resourceId', 'in', eb.selectFrom('resources').select('resources.id').where(visibleResources(viewer))),
      eb('comments.eventId', 'in', eb.selectFrom('events').select('events.id').where(visibleEvents(viewer))),
    ])
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reactions

export type ReactionRefusal = 'not-found' | 'unverified' | 'own' | 'closed'

/** Why this viewer may not react to this resource (null: they may). `not-found`: they may not read it. */
export function reactionRefusal(viewer: Viewer | Actor, resource: ResourceAccessItem): ReactionRefusal | null {
  if (!canResource(viewer, 'read', resource)) return 'not-found'
  if (viewer.kind !== 'person' || !viewer.verified) return 'unverified'
  if (isOwner(viewer, resource)) return 'own'
  if (!READABLE_STATUSES.includes(resource.status) || resource.hiddenAt) return 'closed'
  return null
}

export function canReact(viewer: Viewer | Actor, resource: ResourceAccessItem): boolean {
  return reactionRefusal(viewer, resource) === null
}

/** « Je l'ai testé » names only a structure the person belongs to. */
export function mayNameStructure(viewer: Viewer | Actor, structureId: string): boolean {
  return viewer.kind === 'person' && viewer.structures.has(structureId)
}

/** At most this many people are told of one comment's mentions (a list of names is not a mailing list). */
export const MAX_MENTIONS = 10

/**
 * The profile slugs mentioned in a comment's text: `@` then a profile's address (`@marie-dupont`), not inside a word
 * or an email address (`contact@asso.fr` names nobody), each once, in order, at most MAX_MENTIONS. Pure.
 */
export function mentionedSlugs(text: string): string[] {
  const found: string[] = []
  for (const match of text.matchAll(/(?<![\p{L}\p{N}_.@-])@([a-z0-9]+(?:-[a-z0-9]+)*)/gu)) {
    const slug = match[1]
    if (!found.includes(slug)) found.push(slug)
    if (found.length === MAX_MENTIONS) break
  }
  return found
}
