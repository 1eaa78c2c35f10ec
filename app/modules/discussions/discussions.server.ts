import type { Actor, Viewer } from '#app/modules/auth/viewer.ts'
import { viewerId } from '#app/modules/auth/viewer.ts'
import { recordAudit } from '#app/modules/structures/audit.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { type Executor, db } from '#db/client.server.ts'
import { enqueueSearchUpdate } from '#search/outbox.server.ts'
import { discussionBodyHtml, parseDiscussionBody } from './discussion-text.server.ts'
import {
  can,
  canReadGroupContent,
  canStartThread,
  DELETED_POST_LABEL,
  type DiscussionGroup,
  HIDDEN_POST_LABEL,
  isModerator,
  MAX_HIDDEN_REASON,
  PENDING_MODERATION_LABEL,
  type PostDisplay,
  postDisplay,
  REPORTS_HIDDEN_REASON,
  type ThreadAccessItem,
  visibleThreads,
} from './discussions.policy.ts'
import { findMentions } from './mentions.ts'

// Group discussions (issue 12, item 5): threads, replies, edits (marked « modifié »), own deletes (soft), moderation
// (pin, lock, hide with a reason, all reversible), mentions stored for the notifications issue. Every write takes the
// actor and checks the policy itself; every write runs in one transaction that also enqueues the thread's search
// update. Reads take the viewer and return only what it may see (`null`: not found, or not for this viewer).

export const THREADS_PER_PAGE = 20
export const POSTS_PER_PAGE = 50
export const MAX_TITLE = 200
/** A reply identical to one its author posted in the same thread this long ago or less is that reply, sent twice. */
export const DUPLICATE_WINDOW_MS = 60_000

export type DiscussionFailure =
  /** No such thread, group or post — or one this actor may not see (the page answers 404 either way). */
  | { ok: false; reason: 'not-found' }
  /** Seen, but not for this actor to do (locked thread, not a member, not the author…). */
  | { ok: false; reason: 'forbidden' }
  /** French messages by field, for the form. */
  | { ok: false; reason: 'invalid'; errors: Partial<Record<'title' | 'body' | 'reason', string>> }

export type DiscussionResult<T extends object = object> = ({ ok: true } & T) | DiscussionFailure

const notFound = { ok: false, reason: 'not-found' } as const
const forbidden = { ok: false, reason: 'forbidden' } as const

// ---------------------------------------------------------------------------------------------------------------
// Loading what the policy needs

async function loadGroup(groupId: string, trx: Executor): Promise<DiscussionGroup | null> {
  const row = await trx.selectFrom('groups').select(['id', 'pageVisibility', 'hidden']).where('id', '=', groupId).executeTakeFirst()
  return row ? { id: row.id, pageVisibility: row.pageVisibility, hidden: row.hidden === 1 } : null
}

type ThreadRow = Awaited<ReturnType<typeof loadThreadRow>>

async function loadThreadRow(threadId: string, trx: Executor) {
  return trx
    .selectFrom('discussionThreads')
    .innerJoin('groups', 'groups.id', 'discussionThreads.groupId')
    .selectAll('discussionThreads')
    .select(['groups.pageVisibility', 'groups.hidden as groupHidden', 'groups.slug as groupSlug', 'groups.kind as groupKind', 'groups.name as groupName'])
    .where('discussionThreads.id', '=', threadId)
    .executeTakeFirst()
}

function accessItem(row: NonNullable<ThreadRow>): ThreadAccessItem {
  return {
    group: { id: row.groupId, pageVisibility: row.pageVisibility, hidden: row.groupHidden === 1 },
    authorId: row.authorId,
    lockedAt: row.lockedAt,
    hiddenAt: row.hiddenAt,
    deletedAt: row.deletedAt,
  }
}

/** The thread and its policy item, or null when it does not exist or this actor may not view it. */
async function threadFor(actor: Viewer | Actor, threadId: string, trx: Executor) {
  const row = await loadThreadRow(threadId, trx)
  if (!row) return null
  const item = accessItem(row)
  return can(actor, 'view', item) ? { row, item } : null
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

function checkTitle(raw: unknown): { ok: true; title: string } | { ok: false; error: string } {
  const title = String(raw ?? '').replace(/\s+/g, ' ').trim()
  if (!title) return { ok: false, error: 'Le titre est obligatoire.' }
  if (title.length > MAX_TITLE) return { ok: false, error: `Le titre ne doit pas dépasser ${MAX_TITLE} caractères.` }
  return { ok: true, title }
}

function checkReason(raw: unknown): { ok: true; reason: string } | { ok: false; error: string } {
  const reason = String(raw ?? '').replace(/\s+/g, ' ').trim()
  if (!reason) return { ok: false, error: 'Le motif est obligatoire.' }
  if (reason.length > MAX_HIDDEN_REASON) return { ok: false, error: `Le motif ne doit pas dépasser ${MAX_HIDDEN_REASON} caractères.` }
  return { ok: true, reason }
}

// ---------------------------------------------------------------------------------------------------------------
// Side effects of every write

async function reindexThread(trx: Executor, threadId: string, op: 'upsert' | 'delete' = 'upsert') {
  await enqueueSearchUpdate(trx, { type: 'discussion', id: threadId, op })
}

/** Replies neither deleted nor hidden, and the latest activity among them (the thread's creation if none). */
export async function refreshThreadStats(trx: Executor, threadId: string) {
  const stats = await trx
    .selectFrom('discussionPosts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('createdAt').as('last')])
    .where('threadId', '=', threadId)
    .where('deletedAt', 'is', null)
    .where('hiddenAt', 'is', null)
    .executeTakeFirstOrThrow()
  const thread = await trx.selectFrom('discussionThreads').select('createdAt').where('id', '=', threadId).executeTakeFirstOrThrow()
  await trx
    .updateTable('discussionThreads')
    .set({ replyCount: Number(stats.n), lastPostAt: (stats.last as string | null) ?? thread.createdAt })
    .where('id', '=', threadId)
    .execute()
}

/**
 * Stores the members of the thread's group mentioned in a message (`postId` null: the opening post), replacing what
 * an earlier version of it mentioned. Only members are resolved: they are the people who may read the thread whatever
 * its group's page visibility. The author is never their own mention. Returns the ids newly mentioned.
 */
async function storeMentions(
  trx: Executor,
  message: { threadId: string; postId: string | null; groupId: string; authorId: string | null; text: string },
): Promise<string[]> {
  const members = message.text.includes('@')
    ? await trx
        .selectFrom('groupMemberships')
        .innerJoin('users', 'users.id', 'groupMemberships.userId')
        .leftJoin('profiles', 'profiles.userId', 'users.id')
        .select(['users.id as userId', 'users.name', 'profiles.slug'])
        .where('groupMemberships.groupId', '=', message.groupId)
        .execute()
    : []
  const mentioned = findMentions(message.text, members).filter((id) => id !== message.authorId)
  const existing = (
    await trx
      .selectFrom('discussionMentions')
      .select('userId')
      .where('threadId', '=', message.threadId)
      .where((eb) => (message.postId === null ? eb('postId', 'is', null) : eb('postId', '=', message.postId)))
      .execute()
  ).map((r) => r.userId)
  const gone = existing.filter((id) => !mentioned.includes(id))
  const added = mentioned.filter((id) => !existing.includes(id))
  if (gone.length > 0) {
    await trx
      .deleteFrom('discussionMentions')
      .where('threadId', '=', message.threadId)
      .where((eb) => (message.postId === null ? eb('postId', 'is', null) : eb('postId', '=', message.postId)))
      .where('userId', 'in', gone)
      .execute()
  }
  const now = new Date().toISOString()
  for (const userId of added) {
    await trx
      .insertInto('discussionMentions')
      .values({ id: newId(), threadId: message.threadId, postId: message.postId, userId, createdAt: now })
      .execute()
  }
  return added
}

// ---------------------------------------------------------------------------------------------------------------
// Writes

/** The author of a new message: the person acting, or for the system (demo data, imports) the person it names. */
function authorOf(actor: Actor, authorId: string | undefined): string | null {
  return actor.kind === 'system' ? (authorId ?? null) : actor.id
}

export async function createThread(options: {
  actor: Actor
  /** System actors only (demo data): whose thread it is. */
  authorId?: string
  groupId: string
  title: unknown
  body: unknown
  trx?: Executor
}): Promise<DiscussionResult<{ threadId: string; mentioned: string[] }>> {
  const run = async (trx: Executor): Promise<DiscussionResult<{ threadId: string; mentioned: string[] }>> => {
    const group = await loadGroup(options.groupId, trx)
    if (!group || !canReadGroupContent(options.actor, group)) return notFound
    if (!canStartThread(options.actor, group)) return forbidden
    const title = checkTitle(options.title)
    const body = parseDiscussionBody(options.body)
    if (!title.ok || !body.ok) {
      return { ok: false, reason: 'invalid', errors: { ...(title.ok ? {} : { title: title.error }), ...(body.ok ? {} : { body: body.error }) } }
    }
    const now = new Date().toISOString()
    const id = newId()
    const authorId = authorOf(options.actor, options.authorId)
    await trx
      .insertInto('discussionThreads')
      .values({
        id,
        groupId: group.id,
        authorId,
        title: title.title,
        bodyJson: JSON.stringify(body.doc),
        bodyText: body.text,
        pinnedAt: null,
        lockedAt: null,
        hiddenAt: null,
        hiddenReason: null,
        hiddenBy: null,
        editedAt: null,
        deletedAt: null,
        createdAt: now,
        updatedAt: now,
        lastPostAt: now,
      })
      .execute()
    const mentioned = await storeMentions(trx, { threadId: id, postId: null, groupId: group.id, authorId, text: body.text })
    await reindexThread(trx, id)
    return { ok: true, threadId: id, mentioned }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export async function reply(options: {
  actor: Actor
  /** System actors only (demo data): whose reply it is. */
  authorId?: string
  threadId: string
  body: unknown
  trx?: Executor
}): Promise<DiscussionResult<{ postId: string; mentioned: string[]; duplicate?: boolean }>> {
  const run = async (trx: Executor): Promise<DiscussionResult<{ postId: string; mentioned: string[]; duplicate?: boolean }>> => {
    const found = await threadFor(options.actor, options.threadId, trx)
    if (!found) return notFound
    if (!can(options.actor, 'reply', found.item)) return forbidden
    const body = parseDiscussionBody(options.body)
    if (!body.ok) return { ok: false, reason: 'invalid', errors: { body: body.error } }
    const now = new Date().toISOString()
    const id = newId()
    const authorId = authorOf(options.actor, options.authorId)
    // A form sent twice (double click, resubmitted page): the same author's same text in this thread within the last
    // minute is the reply already posted, not a second one.
    if (authorId) {
      const same = await trx
        .selectFrom('discussionPosts')
        .select('id')
        .where('threadId', '=', found.row.id)
        .where('authorId', '=', authorId)
        .where('bodyJson', '=', JSON.stringify(body.doc))
        .where('deletedAt', 'is', null)
        .where('createdAt', '>', new Date(Date.now() - DUPLICATE_WINDOW_MS).toISOString())
        .executeTakeFirst()
      if (same) return { ok: true, postId: same.id, mentioned: [], duplicate: true }
    }
    await trx
      .insertInto('discussionPosts')
      .values({
        id,
        threadId: found.row.id,
        authorId,
        bodyJson: JSON.stringify(body.doc),
        bodyText: body.text,
        editedAt: null,
        deletedAt: null,
        hiddenAt: null,
        hiddenReason: null,
        hiddenBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute()
    await refreshThreadStats(trx, found.row.id)
    const mentioned = await storeMentions(trx, { threadId: found.row.id, postId: id, groupId: found.row.groupId, authorId, text: body.text })
    await reindexThread(trx, found.row.id)
    return { ok: true, postId: id, mentioned }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

type PostRow = { id: string; authorId: string | null; hiddenAt: string | null; deletedAt: string | null }

async function loadPost(trx: Executor, threadId: string, postId: string): Promise<PostRow | undefined> {
  return trx
    .selectFrom('discussionPosts')
    .select(['id', 'authorId', 'hiddenAt', 'deletedAt'])
    .where('id', '=', postId)
    .where('threadId', '=', threadId)
    .executeTakeFirst()
}

/**
 * Edits one's own message: a reply (`postId`), or the opening post (no `postId`: `title` and `body`). The message is
 * marked edited (`editedAt`, shown « modifié »).
 */
export async function editPost(options: {
  actor: Actor
  threadId: string
  postId?: string | null
  title?: unknown
  body: unknown
  trx?: Executor
}): Promise<DiscussionResult<{ mentioned: string[] }>> {
  const run = async (trx: Executor): Promise<DiscussionResult<{ mentioned: string[] }>> => {
    const found = await threadFor(options.actor, options.threadId, trx)
    if (!found) return notFound
    const post = options.postId ? await loadPost(trx, found.row.id, options.postId) : undefined
    if (options.postId && !post) return notFound
    if (!can(options.actor, 'edit', found.item, post)) return forbidden
    const title = post ? null : checkTitle(options.title)
    const body = parseDiscussionBody(options.body)
    if ((title && !title.ok) || !body.ok) {
      return {
        ok: false,
        reason: 'invalid',
        errors: { ...(title && !title.ok ? { title: title.error } : {}), ...(body.ok ? {} : { body: body.error }) },
      }
    }
    const now = new Date().toISOString()
    const changes = { bodyJson: JSON.stringify(body.doc), bodyText: body.text, editedAt: now, updatedAt: now }
    if (post) {
      await trx.updateTable('discussionPosts').set(changes).where('id', '=', post.id).execute()
    } else {
      await trx
        .updateTable('discussionThreads')
        .set({ ...changes, ...(title?.ok ? { title: title.title } : {}) })
        .where('id', '=', found.row.id)
        .execute()
    }
    const mentioned = await storeMentions(trx, {
      threadId: found.row.id,
      postId: post?.id ?? null,
      groupId: found.row.groupId,
      authorId: viewerId(options.actor),
      text: body.text,
    })
    await reindexThread(trx, found.row.id)
    return { ok: true, mentioned }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/** Deletes one's own message (soft). Deleting the opening post deletes the thread (seen by nobody afterwards). */
export async function deletePost(options: { actor: Actor; threadId: string; postId?: string | null; trx?: Executor }): Promise<DiscussionResult> {
  const run = async (trx: Executor): Promise<DiscussionResult> => {
    const found = await threadFor(options.actor, options.threadId, trx)
    if (!found) return notFound
    const post = options.postId ? await loadPost(trx, found.row.id, options.postId) : undefined
    if (options.postId && !post) return notFound
    if (!can(options.actor, 'delete', found.item, post)) return forbidden
    const now = new Date().toISOString()
    if (post) {
      await trx.updateTable('discussionPosts').set({ deletedAt: now, updatedAt: now }).where('id', '=', post.id).execute()
      await trx.deleteFrom('discussionMentions').where('postId', '=', post.id).execute()
      await refreshThreadStats(trx, found.row.id)
      await reindexThread(trx, found.row.id)
    } else {
      await trx.updateTable('discussionThreads').set({ deletedAt: now, updatedAt: now }).where('id', '=', found.row.id).execute()
      await reindexThread(trx, found.row.id, 'delete')
    }
    return { ok: true }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export type ThreadFlagChange = 'pin' | 'unpin' | 'lock' | 'unlock'

/** Pins or locks a thread, or undoes it (coordinators of the group, admins). Recorded in the audit log. */
export async function setThreadFlag(options: {
  actor: Actor
  threadId: string
  change: ThreadFlagChange
  trx?: Executor
}): Promise<DiscussionResult> {
  const run = async (trx: Executor): Promise<DiscussionResult> => {
    const found = await threadFor(options.actor, options.threadId, trx)
    if (!found) return notFound
    if (!can(options.actor, 'moderate', found.item)) return forbidden
    const now = new Date().toISOString()
    const set =
      options.change === 'pin'
        ? { pinnedAt: found.row.pinnedAt ?? now }
        : options.change === 'unpin'
          ? { pinnedAt: null }
          : options.change === 'lock'
            ? { lockedAt: found.row.lockedAt ?? now }
            : { lockedAt: null }
    await trx.updateTable('discussionThreads').set(set).where('id', '=', found.row.id).execute()
    await recordAudit(
      { actorId: viewerId(options.actor), action: `discussion.${options.change}`, targetType: 'discussion_thread', targetId: found.row.id, data: { groupId: found.row.groupId } },
      trx,
    )
    return { ok: true }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export const pinThread = (o: { actor: Actor; threadId: string; trx?: Executor }) => setThreadFlag({ ...o, change: 'pin' })
export const unpinThread = (o: { actor: Actor; threadId: string; trx?: Executor }) => setThreadFlag({ ...o, change: 'unpin' })
export const lockThread = (o: { actor: Actor; threadId: string; trx?: Executor }) => setThreadFlag({ ...o, change: 'lock' })
export const unlockThread = (o: { actor: Actor; threadId: string; trx?: Executor }) => setThreadFlag({ ...o, change: 'unlock' })

/**
 * Hides a message with a reason (required, ≤ 300 characters), or shows it again: a reply (`postId`) stays in its
 * thread as « Message masqué par la coordination »; the opening post hides the whole thread (moderators only see it,
 * search forgets it). Coordinators of the group and admins; recorded in the audit log.
 */
export async function hidePost(options: {
  actor: Actor
  threadId: string
  postId?: string | null
  reason: unknown
  trx?: Executor
}): Promise<DiscussionResult> {
  return moderate({ ...options, hide: true })
}

export async function unhidePost(options: { actor: Actor; threadId: string; postId?: string | null; trx?: Executor }): Promise<DiscussionResult> {
  return moderate({ ...options, hide: false, reason: null })
}

async function moderate(options: {
  actor: Actor
  threadId: string
  postId?: string | null
  hide: boolean
  reason: unknown
  trx?: Executor
}): Promise<DiscussionResult> {
  const run = async (trx: Executor): Promise<DiscussionResult> => {
    const found = await threadFor(options.actor, options.threadId, trx)
    if (!found) return notFound
    const post = options.postId ? await loadPost(trx, found.row.id, options.postId) : undefined
    if (options.postId && (!post || post.deletedAt)) return notFound
    if (!can(options.actor, 'moderate', found.item)) return forbidden
    let reason: string | null = null
    if (options.hide) {
      const checked = checkReason(options.reason)
      if (!checked.ok) return { ok: false, reason: 'invalid', errors: { reason: checked.error } }
      reason = checked.reason
    }
    const now = new Date().toISOString()
    const set = options.hide
      ? { hiddenAt: now, hiddenReason: reason, hiddenBy: viewerId(options.actor) }
      : { hiddenAt: null, hiddenReason: null, hiddenBy: null }
    if (post) {
      await trx.updateTable('discussionPosts').set(set).where('id', '=', post.id).execute()
      await refreshThreadStats(trx, found.row.id)
      await reindexThread(trx, found.row.id)
    } else {
      await trx.updateTable('discussionThreads').set(set).where('id', '=', found.row.id).execute()
      await reindexThread(trx, found.row.id, options.hide ? 'delete' : 'upsert')
    }
    await recordAudit(
      {
        actorId: viewerId(options.actor),
        action: options.hide ? 'discussion.hide' : 'discussion.unhide',
        targetType: post ? 'discussion_post' : 'discussion_thread',
        targetId: post?.id ?? found.row.id,
        data: { groupId: found.row.groupId, threadId: found.row.id, ...(reason ? { reason } : {}) },
      },
      trx,
    )
    return { ok: true }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/**
 * Every thread of a group must be indexed again (its page visibility or hidden flag changed: the documents' audience
 * follows). For the groups module to call in the transaction of that change.
 */
export async function enqueueGroupDiscussionsReindex(trx: Executor, groupId: string): Promise<void> {
  const threads = await trx.selectFrom('discussionThreads').select('id').where('groupId', '=', groupId).where('deletedAt', 'is', null).execute()
  for (const thread of threads) await reindexThread(trx, thread.id)
}

// ---------------------------------------------------------------------------------------------------------------
// Reads

export type DiscussionAuthor = { id: string; name: string } | null

export type ThreadSummary = {
  id: string
  title: string
  /** Null once the account is deleted (« Compte supprimé »). */
  author: DiscussionAuthor
  createdAt: string
  lastPostAt: string
  replyCount: number
  pinned: boolean
  locked: boolean
  /** Only moderators ever get a hidden thread. */
  hidden: boolean
  edited: boolean
}

export type ThreadList = { threads: ThreadSummary[]; total: number; page: number; perPage: number; pageCount: number }

function pageOf(page: number | undefined) {
  return Math.min(Math.max(Math.trunc(Number(page) || 1), 1), 10_000)
}

/** A group's threads this viewer may see, pinned first, then by latest activity; null when the group is not for it. */
export async function listThreads(groupId: string, viewer: Viewer, page = 1, trx: Executor = db): Promise<ThreadList | null> {
  const group = await loadGroup(groupId, trx)
  if (!group || !canReadGroupContent(viewer, group)) return null
  const current = pageOf(page)
  const base = trx.selectFrom('discussionThreads').where('discussionThreads.groupId', '=', groupId).where(visibleThreads(viewer))
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await base
    .leftJoin('users', 'users.id', 'discussionThreads.authorId')
    .select([
      'discussionThreads.id',
      'discussionThreads.title',
      'discussionThreads.authorId',
      'users.name as authorName',
      'discussionThreads.createdAt',
      'discussionThreads.lastPostAt',
      'discussionThreads.replyCount',
      'discussionThreads.pinnedAt',
      'discussionThreads.lockedAt',
      'discussionThreads.hiddenAt',
      'discussionThreads.editedAt',
    ])
    .orderBy((eb) => eb.case().when('discussionThreads.pinnedAt', 'is', null).then(1).else(0).end())
    .orderBy('discussionThreads.pinnedAt', 'desc')
    .orderBy('discussionThreads.lastPostAt', 'desc')
    .orderBy('discussionThreads.id', 'desc')
    .limit(THREADS_PER_PAGE)
    .offset((current - 1) * THREADS_PER_PAGE)
    .execute()
  const total = Number(n)
  return {
    threads: rows.map((r) => ({
      id: r.id,
      title: r.title,
      author: r.authorId && r.authorName ? { id: r.authorId, name: r.authorName } : null,
      createdAt: r.createdAt,
      lastPostAt: r.lastPostAt,
      replyCount: r.replyCount,
      pinned: r.pinnedAt !== null,
      locked: r.lockedAt !== null,
      hidden: r.hiddenAt !== null,
      edited: r.editedAt !== null,
    })),
    total,
    page: current,
    perPage: THREADS_PER_PAGE,
    pageCount: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)),
  }
}

/** How many threads of a group this viewer may see (the group's figures panel). */
export async function countThreads(groupId: string, viewer: Viewer, trx: Executor = db): Promise<number> {
  const group = await loadGroup(groupId, trx)
  if (!group || !canReadGroupContent(viewer, group)) return 0
  const { n } = await trx
    .selectFrom('discussionThreads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('groupId', '=', groupId)
    .where(visibleThreads(viewer))
    .executeTakeFirstOrThrow()
  return Number(n)
}

export type PostPermissions = {
  edit: boolean
  delete: boolean
  moderate: boolean
  /** A reply shown whole to someone else than its author, logged in (the « Signaler » link, app/modules/reports). */
  report?: boolean
}

export type PostView = {
  id: string
  author: DiscussionAuthor
  createdAt: string
  /** Set when edited (« modifié »). */
  editedAt: string | null
  display: PostDisplay
  /** Sanitised HTML when `display` is `whole`; null otherwise. */
  html: string | null
  /** What to show instead when not whole (« Message masqué par la coordination », « Message supprimé par son auteur »). */
  placeholder: string | null
  /** Moderators only: the hiding reason of a hidden message. */
  hiddenReason: string | null
  can: PostPermissions
}

export type ThreadView = {
  id: string
  group: { id: string; slug: string; name: string; kind: 'territory' | 'thematic' }
  title: string
  author: DiscussionAuthor
  createdAt: string
  editedAt: string | null
  html: string
  /** The opening post's body as stored (JSON), for the edit form of its author. */
  bodyJson: string
  pinned: boolean
  locked: boolean
  hidden: boolean
  /** Moderators only. */
  hiddenReason: string | null
  replyCount: number
  can: PostPermissions & { reply: boolean }
  replies: PostView[]
  page: number
  perPage: number
  pageCount: number
  totalReplies: number
}

/** A thread with one page of its replies (oldest first), as this viewer may see it; null: not found or not for it. */
export async function getThread(threadId: string, viewer: Viewer, options: { page?: number; trx?: Executor } = {}): Promise<ThreadView | null> {
  const trx = options.trx ?? db
  const found = await threadFor(viewer, threadId, trx)
  if (!found) return null
  const { row, item } = found
  const moderator = isModerator(viewer, item.group)
  const current = pageOf(options.page)
  const { n } = await trx
    .selectFrom('discussionPosts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('threadId', '=', row.id)
    .executeTakeFirstOrThrow()
  const posts = await trx
    .selectFrom('discussionPosts')
    .leftJoin('users', 'users.id', 'discussionPosts.authorId')
    .selectAll('discussionPosts')
    .select('users.name as authorName')
    .where('discussionPosts.threadId', '=', row.id)
    .orderBy('discussionPosts.createdAt')
    .orderBy('discussionPosts.id')
    .limit(POSTS_PER_PAGE)
    .offset((current - 1) * POSTS_PER_PAGE)
    .execute()
  const totalReplies = Number(n)
  const author = (id: string | null, name: string | null): DiscussionAuthor => (id && name ? { id, name } : null)
  const threadAuthor = row.authorId
    ? await trx.selectFrom('users').select('name').where('id', '=', row.authorId).executeTakeFirst()
    : undefined
  return {
    id: row.id,
    group: { id: row.groupId, slug: row.groupSlug, name: row.groupName, kind: row.groupKind },
    title: row.title,
    author: author(row.authorId, threadAuthor?.name ?? null),
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    html: discussionBodyHtml(row.bodyJson),
    bodyJson: can(viewer, 'edit', item) ? row.bodyJson : '',
    pinned: row.pinnedAt !== null,
    locked: row.lockedAt !== null,
    hidden: row.hiddenAt !== null,
    hiddenReason: moderator ? row.hiddenReason : null,
    replyCount: row.replyCount,
    can: { reply: can(viewer, 'reply', item), edit: can(viewer, 'edit', item), delete: can(viewer, 'delete', item), moderate: can(viewer, 'moderate', item) },
    replies: posts.map((post) => {
      const display = postDisplay(viewer, item, post)
      return {
        id: post.id,
        author: author(post.authorId, post.authorName),
        createdAt: post.createdAt,
        editedAt: display === 'whole' ? post.editedAt : null,
        display,
        html: display === 'whole' ? discussionBodyHtml(post.bodyJson) : null,
        placeholder: display === 'masked' ? maskedLabel(viewer, post) : display === 'deleted' ? DELETED_POST_LABEL : null,
        hiddenReason: moderator ? post.hiddenReason : null,
        can: {
          edit: can(viewer, 'edit', item, post),
          delete: can(viewer, 'delete', item, post),
          moderate: display !== 'deleted' && can(viewer, 'moderate', item),
          report: display === 'whole' && !post.hiddenAt && viewer.kind === 'person' && post.authorId !== viewer.id,
        },
      }
    }),
    page: current,
    perPage: POSTS_PER_PAGE,
    pageCount: Math.max(1, Math.ceil(totalReplies / POSTS_PER_PAGE)),
    totalReplies,
  }
}

/** A masked message reads « masqué par la coordination », except to its author while reports hold it. */
function maskedLabel(viewer: Viewer, post: { authorId: string | null; hiddenReason: string | null }): string {
  const own = viewer.kind === 'person' && post.authorId === viewer.id
  return own && post.hiddenReason === REPORTS_HIDDEN_REASON ? PENDING_MODERATION_LABEL : HIDDEN_POST_LABEL
}

/** The stored body of one's own reply, for its edit form (null when this viewer may not edit it). */
export async function getPostForEdit(threadId: string, postId: string, viewer: Viewer, trx: Executor = db): Promise<{ bodyJson: string } | null> {
  const found = await threadFor(viewer, threadId, trx)
  if (!found) return null
  const post = await trx
    .selectFrom('discussionPosts')
    .select(['id', 'authorId', 'hiddenAt', 'deletedAt', 'bodyJson'])
    .where('id', '=', postId)
    .where('threadId', '=', threadId)
    .executeTakeFirst()
  if (!post || !can(viewer, 'edit', found.item, post)) return null
  return { bodyJson: post.bodyJson }
}
