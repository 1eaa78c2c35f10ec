import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import { type Actor, type Viewer, viewerId } from '#app/modules/auth/viewer.ts'
import { discussionBodyHtml, parseDiscussionBody } from '#app/modules/discussions/discussion-text.server.ts'
import { eventAccessItem, getEventById } from '#app/modules/events/events.server.ts'
import { getResourceAccess } from '#app/modules/resources/resources.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { hitRateLimit } from '#app/utils/rate-limit.server.ts'
import { type Executor, db } from '#db/client.server.ts'
import { autoFollow } from '#app/modules/follows/store.server.ts'
import { notifyMention, notifyReply } from '#app/modules/notifications/notifications.server.ts'
import { visibleProfileVisibilities } from '#app/modules/people/people.policy.ts'
import {
  type CommentAccessItem,
  type CommentDisplay,
  type CommentParent,
  can,
  commentDisplay,
  DELETED_COMMENT_LABEL,
  HIDDEN_COMMENT_LABEL,
  isCommentModerator,
  MAX_HIDDEN_REASON,
  mentionedSlugs,
  REMOVED_COMMENT_REASON,
  REPORTS_HIDDEN_REASON,
} from './comments.policy.ts'

// Comments on resources and events (issue 17, item 1). One level of replies (a reply to a reply goes under the same top
// comment), the restricted rich text of discussions (validated on the server, HTML derived again on every read),
// edit own (« modifié »), delete own (kept as « Commentaire supprimé » while it has replies, removed otherwise),
// hide / show again by the coordination (audit-logged). Every write takes the actor and checks comments.policy
// itself; every read takes the viewer and returns only what it may see (`null`: not found, or not for this viewer).

/** A comment identical to one its author posted on the same item this long ago or less is that comment, sent twice. */
export const DUPLICATE_WINDOW_MS = 60_000
/** Comments (and replies) one person may post per minute. */
export const COMMENTS_PER_MINUTE = 10
export const RATE_LIMITED_MESSAGE = 'Vous avez publié beaucoup de commentaires en peu de temps : patientez une minute avant de recommencer.'
export const EMPTY_COMMENT_MESSAGE = 'Écrivez votre commentaire.'

export type CommentTarget = { kind: 'resource' | 'event'; id: string }

export type CommentFailure =
  /** No such item or comment — or one this actor may not see (the page answers 404 either way). */
  | { ok: false; reason: 'not-found' }
  /** Seen, but not for this actor to do. */
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'rate-limited'; message: string }
  /** French messages by field, for the form. */
  | { ok: false; reason: 'invalid'; errors: Partial<Record<'body' | 'reason', string>> }

export type CommentResult<T extends object = object> = ({ ok: true } & T) | CommentFailure

const notFound = { ok: false, reason: 'not-found' } as const
const forbidden = { ok: false, reason: 'forbidden' } as const

// ---------------------------------------------------------------------------------------------------------------
// What the policy needs of the item

export type LoadedParent = {
  target: CommentTarget
  parent: CommentParent
  /** Who wrote the item (a resource's author, an event's creator): for the caller's notifications. */
  authorId: string | null
  title: string
  href: string
  /** Territory slug (the moderation queue's filter). */
  territory: string | null
}

export async function loadParent(target: CommentTarget, trx: Executor = db): Promise<LoadedParent | null> {
  if (target.kind === 'resource') {
    const access = await getResourceAccess(target.id, trx)
    if (!access) return null
    const row = await trx.selectFrom('resources').select(['slug', 'title']).where('id', '=', target.id).executeTakeFirstOrThrow()
    return {
      target,
      parent: { kind: 'resource', access },
      authorId: access.authorId,
      title: row.title,
      href: `/ressources/${row.slug}`,
      territory: access.territory && access.territory !== 'departement' ? access.territory : null,
    }
  }
  const event = await getEventById(target.id, trx)
  if (!event) return null
  return {
    target,
    parent: { kind: 'event', access: eventAccessItem(event) },
    authorId: event.createdBy,
    title: event.title,
    href: `/agenda/${event.id}`,
    territory: event.territorySlug,
  }
}

type CommentRow = {
  id: string
  resourceId: string | null
  eventId: string | null
  parentId: string | null
  authorId: string | null
  bodyJson: string
  bodyText: string
  createdAt: string
  editedAt: string | null
  deletedAt: string | null
  hiddenAt: string | null
  hiddenReason: string | null
}

const COMMENT_COLUMNS = [
  'comments.id',
  'comments.resourceId',
  'comments.eventId',
  'comments.parentId',
  'comments.authorId',
  'comments.bodyJson',
  'comments.bodyText',
  'comments.createdAt',
  'comments.editedAt',
  'comments.deletedAt',
  'comments.hiddenAt',
  'comments.hiddenReason',
] as const

async function loadCommentRow(id: string, trx: Executor): Promise<CommentRow | undefined> {
  return trx.selectFrom('comments').select(COMMENT_COLUMNS).where('comments.id', '=', id).executeTakeFirst()
}

export function targetOf(row: { resourceId: string | null; eventId: string | null }): CommentTarget {
  return row.resourceId ? { kind: 'resource', id: row.resourceId } : { kind: 'event', id: row.eventId ?? '' }
}

function accessOf(row: CommentRow): CommentAccessItem {
  return { authorId: row.authorId, parentId: row.parentId, hiddenAt: row.hiddenAt, deletedAt: row.deletedAt }
}

/** The comment and its item, if the actor may view the item (null otherwise: a 404). */
async function commentFor(actor: Viewer | Actor, id: string, trx: Executor) {
  const row = await loadCommentRow(id, trx)
  if (!row) return null
  const loaded = await loadParent(targetOf(row), trx)
  if (!loaded || !can(actor, 'view', loaded.parent)) return null
  return { row, loaded }
}

/** A comment by id with its item, whoever asks (for modules that check their own rule: the reports). */
export async function loadCommentWithParent(id: string, trx: Executor = db) {
  const row = await loadCommentRow(id, trx)
  if (!row) return null
  const loaded = await loadParent(targetOf(row), trx)
  if (!loaded) return null
  const author = row.authorId ? await trx.selectFrom('users').select('name').where('id', '=', row.authorId).executeTakeFirst() : undefined
  return { row, access: accessOf(row), loaded, authorName: author?.name ?? null }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

function parseBody(input: unknown) {
  const result = parseDiscussionBody(input)
  if (!result.ok) return { ok: false as const, error: result.error === 'Le message est vide.' ? EMPTY_COMMENT_MESSAGE : result.error }
  return result
}

export type CreatedComment = {
  comment: { id: string; parentId: string | null; target: CommentTarget }
  /** The author of the comment answered (a reply to a reply: that reply's author); null for a top comment. */
  parentAuthorId: string | null
  /** Who wrote the item commented on. */
  itemAuthorId: string | null
  duplicate?: boolean
}

/**
 * Comments an item, or replies to a comment (`parentId`): a reply to a reply goes under the same top comment. Returns
 * who the caller may notify: the author of the comment answered and the author of the item (either may be the actor).
 */
/** The people a comment's text mentions, among the profiles its author may see. */
async function mentionedPeople(actor: Actor, text: string, trx: Executor): Promise<string[]> {
  const slugs = mentionedSlugs(text)
  if (slugs.length === 0) return []
  const rows = await trx
    .selectFrom('profiles')
    .select('userId')
    .where('slug', 'in', slugs)
    .where('visibility', 'in', visibleProfileVisibilities(actor))
    .execute()
  return rows.map((row) => row.userId)
}

export async function createComment(options: {
  actor: Actor
  target: CommentTarget
  parentId?: string | null
  body: unknown
  /** System actors only (demo data): whose comment it is. */
  authorId?: string
  trx?: Executor
}): Promise<CommentResult<CreatedComment>> {
  const run = async (trx: Executor): Promise<CommentResult<CreatedComment>> => {
    const loaded = await loadParent(options.target, trx)
    if (!loaded || !can(options.actor, 'view', loaded.parent)) return notFound
    let answered: CommentRow | undefined
    if (options.parentId) {
      answered = await loadCommentRow(options.parentId, trx)
      const same = answered && targetOf(answered).kind === options.target.kind && targetOf(answered).id === options.target.id
      if (!answered || !same) return notFound
    }
    const top = answered?.parentId ? await loadCommentRow(answered.parentId, trx) : answered
    if (!can(options.actor, 'create', loaded.parent, top ? accessOf(top) : undefined)) return forbidden
    if (answered && (answered.deletedAt || answered.hiddenAt)) return forbidden
    const body = parseBody(options.body)
    if (!body.ok) return { ok: false, reason: 'invalid', errors: { body: body.error } }
    const authorId = options.actor.kind === 'system' ? (options.authorId ?? null) : options.actor.id
    const bodyJson = JSON.stringify(body.doc)
    const result = (id: string, duplicate?: boolean) => ({
      ok: true as const,
      comment: { id, parentId: top?.id ?? null, target: options.target },
      parentAuthorId: answered?.authorId ?? null,
      itemAuthorId: loaded.authorId,
      ...(duplicate ? { duplicate } : {}),
    })
    // A form sent twice (double click, resubmitted page): the same author's same text on this item within the last
    // minute is the comment already posted.
    if (authorId) {
      const same = await trx
        .selectFrom('comments')
        .select('id')
        .where(options.target.kind === 'resource' ? 'resourceId' : 'eventId', '=', options.target.id)
        .where('authorId', '=', authorId)
        .where('bodyJson', '=', bodyJson)
        .where('deletedAt', 'is', null)
        .where('createdAt', '>', new Date(Date.now() - DUPLICATE_WINDOW_MS).toISOString())
        .executeTakeFirst()
      if (same) return result(same.id, true)
    }
    const now = new Date().toISOString()
    const id = newId()
    await trx
      .insertInto('comments')
      .values({
        id,
        resourceId: options.target.kind === 'resource' ? options.target.id : null,
        eventId: options.target.kind === 'event' ? options.target.id : null,
        parentId: top?.id ?? null,
        authorId,
        bodyJson,
        bodyText: body.text,
        createdAt: now,
        updatedAt: now,
        editedAt: null,
        deletedAt: null,
        hiddenAt: null,
        hiddenReason: null,
        hiddenBy: null,
      })
      .execute()
    if (authorId) {
      // Issue 17: one follows what one comments on (stoppable, never re-created once stopped), and the person
      // answered — or, for a first-level comment, the item's author — hears of it in the bell. In this transaction:
      // no comment without its notice, no notice without its comment. The fan-out re-checks who may read the item.
      await autoFollow(authorId, { kind: options.target.kind, key: options.target.id }, trx)
      const told = answered ? answered.authorId : loaded.authorId
      if (told && told !== authorId) {
        await notifyReply({ commentId: id, on: { type: options.target.kind, id: options.target.id }, recipientIds: [told], actorId: authorId, trx })
      }
      // People named with `@their-profile` are told too — only profiles the author may see (no probing of hidden
      // ones), never the author, and not the person already told of the reply.
      const mentioned = await mentionedPeople(options.actor, body.text, trx)
      const recipientIds = mentioned.filter((userId) => userId !== authorId && userId !== told)
      if (recipientIds.length > 0) {
        await notifyMention({ commentId: id, on: { type: options.target.kind, id: options.target.id }, recipientIds, actorId: authorId, trx })
      }
    }
    return result(id)
  }
  // Counted before the transaction (the limiter writes through its own short transaction).
  if (options.actor.kind === 'person' && !options.trx) {
    const limit = hitRateLimit(`comment:${options.actor.id}`, COMMENTS_PER_MINUTE, 60_000)
    if (!limit.allowed) return { ok: false, reason: 'rate-limited', message: RATE_LIMITED_MESSAGE }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/** Edits one's own comment; it is then marked « modifié » with the time. */
export async function editComment(options: { actor: Actor; commentId: string; body: unknown; trx?: Executor }): Promise<CommentResult<{ target: CommentTarget }>> {
  const run = async (trx: Executor): Promise<CommentResult<{ target: CommentTarget }>> => {
    const found = await commentFor(options.actor, options.commentId, trx)
    if (!found) return notFound
    if (!can(options.actor, 'edit', found.loaded.parent, accessOf(found.row))) return forbidden
    const body = parseBody(options.body)
    if (!body.ok) return { ok: false, reason: 'invalid', errors: { body: body.error } }
    const now = new Date().toISOString()
    await trx
      .updateTable('comments')
      .set({ bodyJson: JSON.stringify(body.doc), bodyText: body.text, editedAt: now, updatedAt: now })
      .where('id', '=', found.row.id)
      .execute()
    return { ok: true, target: found.loaded.target }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

async function countReplies(trx: Executor, commentId: string): Promise<number> {
  const { n } = await trx
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parentId', '=', commentId)
    .executeTakeFirstOrThrow()
  return Number(n)
}

/**
 * Deletes one's own comment: kept as « Commentaire supprimé » (its text erased) while it has replies, removed
 * otherwise. Removing the last reply of such a deleted comment removes it too.
 */
export async function deleteComment(options: { actor: Actor; commentId: string; trx?: Executor }): Promise<CommentResult<{ target: CommentTarget; kept: boolean }>> {
  const run = async (trx: Executor): Promise<CommentResult<{ target: CommentTarget; kept: boolean }>> => {
    const found = await commentFor(options.actor, options.commentId, trx)
    if (!found) return notFound
    if (!can(options.actor, 'delete', found.loaded.parent, accessOf(found.row))) return forbidden
    const kept = await eraseComment(trx, found.row)
    return { ok: true, target: found.loaded.target, kept }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/** Soft-deletes (with replies) or removes a comment; true when it stays as « Commentaire supprimé ». */
async function eraseComment(trx: Executor, row: { id: string; parentId: string | null }): Promise<boolean> {
  const now = new Date().toISOString()
  if ((await countReplies(trx, row.id)) > 0) {
    await trx
      .updateTable('comments')
      .set({ deletedAt: now, updatedAt: now, bodyJson: '{"type":"doc","content":[]}', bodyText: '' })
      .where('id', '=', row.id)
      .execute()
    return true
  }
  await trx.deleteFrom('comments').where('id', '=', row.id).execute()
  if (row.parentId) {
    const parent = await loadCommentRow(row.parentId, trx)
    if (parent?.deletedAt && (await countReplies(trx, parent.id)) === 0) await trx.deleteFrom('comments').where('id', '=', parent.id).execute()
  }
  return false
}

function checkReason(input: unknown): { ok: true; reason: string } | { ok: false; error: string } {
  const reason = String(input ?? '').trim()
  if (!reason) return { ok: false, error: 'Indiquez le motif du masquage.' }
  if (reason.length > MAX_HIDDEN_REASON) return { ok: false, error: 'Le motif ne doit pas dépasser 300 caractères.' }
  return { ok: true, reason }
}

/** Hides a comment with a reason (the coordination of the item, admins): recorded in the audit log. */
export async function hideComment(options: { actor: Actor; commentId: string; reason: unknown; trx?: Executor }): Promise<CommentResult<{ target: CommentTarget }>> {
  return moderate({ ...options, hide: true })
}

/** Shows a hidden comment again (the coordination of the item, admins): recorded in the audit log. */
export async function unhideComment(options: { actor: Actor; commentId: string; trx?: Executor }): Promise<CommentResult<{ target: CommentTarget }>> {
  return moderate({ ...options, hide: false, reason: null })
}

async function moderate(options: { actor: Actor; commentId: string; hide: boolean; reason: unknown; trx?: Executor }): Promise<CommentResult<{ target: CommentTarget }>> {
  const run = async (trx: Executor): Promise<CommentResult<{ target: CommentTarget }>> => {
    const found = await commentFor(options.actor, options.commentId, trx)
    if (!found || found.row.deletedAt) return notFound
    if (!can(options.actor, 'moderate', found.loaded.parent, accessOf(found.row))) return forbidden
    let reason: string | null = null
    if (options.hide) {
      const checked = checkReason(options.reason)
      if (!checked.ok) return { ok: false, reason: 'invalid', errors: { reason: checked.error } }
      reason = checked.reason
    }
    const now = new Date().toISOString()
    await trx
      .updateTable('comments')
      .set(options.hide ? { hiddenAt: now, hiddenReason: reason, hiddenBy: viewerId(options.actor) } : { hiddenAt: null, hiddenReason: null, hiddenBy: null })
      .where('id', '=', found.row.id)
      .execute()
    await recordActorAudit(
      options.actor,
      {
        action: options.hide ? 'comment.hide' : 'comment.unhide',
        targetType: 'comment',
        targetId: found.row.id,
        data: { on: found.loaded.target.kind, itemId: found.loaded.target.id, ...(reason ? { reason } : {}) },
      },
      trx,
    )
    return { ok: true, target: found.loaded.target }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/** For the reports module, inside its transaction: hide after reports, show again, or withdraw for good. */
export async function setCommentHiddenByReports(trx: Executor, id: string, change: 'hide' | 'restore' | 'remove', actorId: string | null = null) {
  const now = new Date().toISOString()
  if (change === 'hide') {
    await trx.updateTable('comments').set({ hiddenAt: now, hiddenReason: REPORTS_HIDDEN_REASON, hiddenBy: null }).where('id', '=', id).execute()
  } else if (change === 'restore') {
    await trx.updateTable('comments').set({ hiddenAt: null, hiddenReason: null, hiddenBy: null }).where('id', '=', id).execute()
  } else {
    const row = await loadCommentRow(id, trx)
    await trx
      .updateTable('comments')
      .set({ hiddenAt: row?.hiddenAt ?? now, hiddenReason: REMOVED_COMMENT_REASON, hiddenBy: actorId })
      .where('id', '=', id)
      .execute()
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export type CommentAuthor = { id: string; name: string } | null

export type CommentView = {
  id: string
  parentId: string | null
  author: CommentAuthor
  createdAt: string
  editedAt: string | null
  display: CommentDisplay
  /** Sanitised HTML when shown whole; null otherwise (`placeholder` says why). */
  html: string | null
  placeholder: string | null
  /** Set while hidden, for moderators (who still read it whole). */
  hiddenReason: string | null
  can: { reply: boolean; edit: boolean; delete: boolean; moderate: boolean; report: boolean }
}

export type CommentThread = CommentView & { replies: CommentView[] }

export type CommentsOfItem = {
  target: CommentTarget
  /** Comments shown whole to this viewer (not deleted, not masked). */
  count: number
  threads: CommentThread[]
  canComment: boolean
}

/** The comments of an item this viewer may read, oldest first, replies under their top comment; null otherwise. */
export async function listComments(target: CommentTarget, viewer: Viewer, trx: Executor = db): Promise<CommentsOfItem | null> {
  const loaded = await loadParent(target, trx)
  if (!loaded || !can(viewer, 'view', loaded.parent)) return null
  const rows = await trx
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.authorId')
    .select(COMMENT_COLUMNS)
    .select('users.name as authorName')
    .where(target.kind === 'resource' ? 'comments.resourceId' : 'comments.eventId', '=', target.id)
    .orderBy('comments.createdAt')
    .orderBy('comments.id')
    .execute()
  const { parent } = loaded
  const moderator = isCommentModerator(viewer, parent)
  const viewOf = (row: (typeof rows)[number], top: (typeof rows)[number] | undefined): CommentView => {
    const access = accessOf(row)
    const display = commentDisplay(viewer, parent, access)
    const html = display === 'whole' ? discussionBodyHtml(row.bodyJson) : null
    return {
      id: row.id,
      parentId: row.parentId,
      author: display === 'deleted' || !row.authorId ? null : { id: row.authorId, name: row.authorName ?? '' },
      createdAt: row.createdAt,
      editedAt: display === 'whole' ? row.editedAt : null,
      display,
      html,
      placeholder: display === 'deleted' ? DELETED_COMMENT_LABEL : display === 'masked' ? HIDDEN_COMMENT_LABEL : null,
      hiddenReason: moderator && row.hiddenAt ? row.hiddenReason : null,
      can: {
        reply: can(viewer, 'create', parent, accessOf(top ?? row)),
        edit: can(viewer, 'edit', parent, access),
        delete: can(viewer, 'delete', parent, access),
        moderate: can(viewer, 'moderate', parent, access),
        report: can(viewer, 'report', parent, access),
      },
    }
  }
  const threads: CommentThread[] = []
  const byId = new Map<string, CommentThread>()
  for (const row of rows.filter((r) => r.parentId === null)) {
    const thread = { ...viewOf(row, undefined), replies: [] }
    threads.push(thread)
    byId.set(row.id, thread)
  }
  const tops = new Map(rows.filter((r) => r.parentId === null).map((r) => [r.id, r]))
  for (const row of rows) {
    if (row.parentId === null) continue
    byId.get(row.parentId)?.replies.push(viewOf(row, tops.get(row.parentId)))
  }
  // A deleted top comment stays only while it has replies (normally removed with its last one).
  const shown = threads.filter((t) => t.display !== 'deleted' || t.replies.length > 0)
  const count = shown.reduce((n, t) => n + (t.display === 'whole' ? 1 : 0) + t.replies.filter((r) => r.display === 'whole').length, 0)
  return { target, count, threads: shown, canComment: can(viewer, 'create', parent) }
}

/** The stored document of one's own comment, for its edit form (null when this viewer may not edit it). */
export async function getCommentForEdit(commentId: string, viewer: Viewer, trx: Executor = db): Promise<{ bodyJson: string } | null> {
  const found = await commentFor(viewer, commentId, trx)
  if (!found || !can(viewer, 'edit', found.loaded.parent, accessOf(found.row))) return null
  return { bodyJson: found.row.bodyJson }
}
