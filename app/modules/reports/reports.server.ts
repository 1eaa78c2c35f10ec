import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import { type Actor, type Viewer, viewerId } from '#app/modules/auth/viewer.ts'
import { can as canDiscussion, type DiscussionGroup, postDisplay, REPORTS_HIDDEN_REASON } from '#app/modules/discussions/discussions.policy.ts'
import { refreshThreadStats } from '#app/modules/discussions/discussions.server.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { groupPath } from '#app/modules/groups/emails.server.ts'
import { can as canComment, commentDisplay, REPORTS_HIDDEN_REASON as COMMENT_REPORTS_HIDDEN_REASON } from '#app/modules/comments/comments.policy.ts'
import { loadCommentWithParent, setCommentHiddenByReports } from '#app/modules/comments/comments.server.ts'
import { can as canResource } from '#app/modules/resources/resources.policy.ts'
import { getResourceAccess } from '#app/modules/resources/resources.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { type Executor, db } from '#db/client.server.ts'
import type { ReportReason, ReportTargetKind } from '#db/schema/reports.ts'
import { enqueueSearchUpdate } from '#search/outbox.server.ts'
import { itemHiddenMessage, reportDecisionMessage } from './emails.server.ts'
import { canDecide, canReport, type DecisionScope, parseDecisionNote, parseReportInput } from './reports.policy.ts'

// Reports (issue 14, item 2). A person reports an item they can see; once `REPORT_HIDE_THRESHOLD` different people
// have open reports on it (default 3), the item is hidden until a coordinator decides, and its author is told by
// email. A decision closes every open report of the item: « Rétablir » (dismissed, the item is shown again) or
// « Retirer » (upheld: a resource is archived and stays hidden, a post stays masked by the coordination). Reporters are
// never named to the author. Every write runs in one transaction with its search update, audit entry and emails.
//
// The items are generic (`resource`, `discussion_post`, `comment`): `loadTarget` is the one place that knows how each
// kind is read, who sees it, who decides and how it is hidden. A comment is exactly as private as what it is on
// (comments.policy): its reports are for who may read that item and moderate its comments.

export type ReportKind = ReportTargetKind

/** The kinds as they appear in URLs (/signaler/ressource/<slug>, /moderation/signalements/message-<id>). */
export const URL_KINDS: Record<string, ReportKind> = { ressource: 'resource', message: 'discussion_post', commentaire: 'comment' }
const URL_KIND_OF: Record<ReportKind, string> = { resource: 'ressource', discussion_post: 'message', comment: 'commentaire' }

/** The id of a report case (all reports on one item) in the decision page's URL. */
export function caseId(kind: ReportKind, targetId: string): string {
  return `${URL_KIND_OF[kind]}-${targetId}`
}

export function parseCaseId(value: string): { kind: ReportKind; targetId: string } | null {
  const dash = value.indexOf('-')
  if (dash < 1) return null
  const kind = URL_KINDS[value.slice(0, dash)]
  const targetId = value.slice(dash + 1)
  return kind && targetId ? { kind, targetId } : null
}

export function reportHideThreshold(): number {
  return getEnv().reportHideThreshold
}

/** What reports need of an item, whatever its kind. */
export type ReportTarget = {
  kind: ReportKind
  id: string
  /** As shown to the reporter and in the queue (« Ressource : … », « Message de … dans « … » »). */
  title: string
  /** The item's own page. */
  href: string
  authorId: string | null
  hidden: boolean
  /** Hidden by the reports (not by a coordinator's own decision). */
  hiddenByReports: boolean
  /** Removed already (a deleted resource or post): nothing to report or decide. */
  gone: boolean
  /** Territory slug for the queue's filter. */
  territory: string | null
  scope: DecisionScope
  /** May this viewer see it (the content type's own policy)? */
  visibleTo(viewer: Viewer | Actor): boolean
  /** A short extract for the decision page. */
  excerpt: string
}

async function loadResourceTarget(id: string, trx: Executor): Promise<ReportTarget | null> {
  const row = await trx
    .selectFrom('resources')
    .select(['id', 'slug', 'title', 'summary', 'authorId', 'territory', 'hiddenAt', 'deletedAt', 'status'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  const access = await getResourceAccess(row.id, trx)
  if (!access) return null
  return {
    kind: 'resource',
    id: row.id,
    title: row.title,
    href: `/ressources/${row.slug}`,
    authorId: row.authorId,
    hidden: row.hiddenAt !== null,
    hiddenByReports: row.hiddenAt !== null,
    gone: row.deletedAt !== null,
    territory: row.territory === 'departement' ? null : row.territory,
    scope: { kind: 'resource', territory: row.territory },
    visibleTo: (viewer) => canResource(viewer, 'read', access),
    excerpt: row.summary,
  }
}

async function loadPostTarget(id: string, trx: Executor): Promise<ReportTarget | null> {
  const row = await trx
    .selectFrom('discussionPosts')
    .innerJoin('discussionThreads', 'discussionThreads.id', 'discussionPosts.threadId')
    .innerJoin('groups', 'groups.id', 'discussionThreads.groupId')
    .leftJoin('users', 'users.id', 'discussionPosts.authorId')
    .select([
      'discussionPosts.id',
      'discussionPosts.authorId',
      'discussionPosts.hiddenAt',
      'discussionPosts.hiddenReason',
      'discussionPosts.deletedAt',
      'discussionPosts.bodyText',
      'discussionThreads.id as threadId',
      'discussionThreads.title as threadTitle',
      'discussionThreads.authorId as threadAuthorId',
      'discussionThreads.lockedAt as threadLockedAt',
      'discussionThreads.hiddenAt as threadHiddenAt',
      'discussionThreads.deletedAt as threadDeletedAt',
      'groups.id as groupId',
      'groups.slug as groupSlug',
      'groups.kind as groupKind',
      'groups.territorySlug',
      'groups.pageVisibility',
      'groups.hidden as groupHidden',
      'users.name as authorName',
    ])
    .where('discussionPosts.id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  const group: DiscussionGroup = { id: row.groupId, pageVisibility: row.pageVisibility, hidden: row.groupHidden === 1 }
  const thread = { group, authorId: row.threadAuthorId, lockedAt: row.threadLockedAt, hiddenAt: row.threadHiddenAt, deletedAt: row.threadDeletedAt }
  const post = { authorId: row.authorId, hiddenAt: row.hiddenAt, deletedAt: row.deletedAt }
  return {
    kind: 'discussion_post',
    id: row.id,
    title: `Message de ${row.authorName ?? 'Compte supprimé'} dans « ${row.threadTitle} »`,
    href: `${groupPath({ slug: row.groupSlug, kind: row.groupKind })}/discussions/${row.threadId}#message-${row.id}`,
    authorId: row.authorId,
    hidden: row.hiddenAt !== null,
    hiddenByReports: row.hiddenAt !== null && row.hiddenReason === REPORTS_HIDDEN_REASON,
    gone: row.deletedAt !== null || row.threadDeletedAt !== null,
    territory: row.territorySlug,
    scope: { kind: 'discussion_post', group },
    // Seen whole: a masked or deleted message is no longer there to report.
    visibleTo: (viewer) => canDiscussion(viewer, 'view', thread) && postDisplay(viewer, thread, post) === 'whole',
    excerpt: row.bodyText.length > 600 ? `${row.bodyText.slice(0, 600)}…` : row.bodyText,
  }
}

async function loadCommentTarget(id: string, trx: Executor): Promise<ReportTarget | null> {
  const found = await loadCommentWithParent(id, trx)
  if (!found) return null
  const { row, access, loaded, authorName } = found
  const where = loaded.parent.kind === 'resource' ? 'la ressource' : 'l’événement'
  return {
    kind: 'comment',
    id: row.id,
    title: `Commentaire de ${authorName ?? 'Compte supprimé'} sur ${where} « ${loaded.title} »`,
    href: `${loaded.href}#commentaire-${row.id}`,
    authorId: row.authorId,
    hidden: row.hiddenAt !== null,
    hiddenByReports: row.hiddenAt !== null && row.hiddenReason === COMMENT_REPORTS_HIDDEN_REASON,
    gone: row.deletedAt !== null,
    territory: loaded.territory,
    scope: { kind: 'comment', parent: loaded.parent },
    // Seen whole, on an item the viewer may read: a masked or deleted comment is no longer there to report.
    visibleTo: (viewer) => canComment(viewer, 'view', loaded.parent) && commentDisplay(viewer, loaded.parent, access) === 'whole',
    excerpt: row.bodyText.length > 600 ? `${row.bodyText.slice(0, 600)}…` : row.bodyText,
  }
}

export async function loadTarget(kind: ReportKind, id: string, trx: Executor = db): Promise<ReportTarget | null> {
  if (kind === 'comment') return loadCommentTarget(id, trx)
  return kind === 'resource' ? loadResourceTarget(id, trx) : loadPostTarget(id, trx)
}

/** A resource by its slug, as a report target (the report form's URL names a resource by slug). */
export async function resourceIdBySlug(slug: string, trx: Executor = db): Promise<string | null> {
  return (await trx.selectFrom('resources').select('id').where('slug', '=', slug).executeTakeFirst())?.id ?? null
}

/** The item if this viewer may see it and report it (not found otherwise: the page answers 404). */
export async function getReportableTarget(viewer: Viewer, kind: ReportKind, id: string, trx: Executor = db) {
  const target = await loadTarget(kind, id, trx)
  if (!target || target.gone || !target.visibleTo(viewer)) return null
  return { target, mayReport: canReport(viewer, target), alreadyReported: await hasReported(viewer, target, trx) }
}

async function hasReported(viewer: Viewer, target: ReportTarget, trx: Executor): Promise<boolean> {
  if (viewer.kind !== 'person') return false
  const row = await trx
    .selectFrom('reports')
    .select('id')
    .where('targetKind', '=', target.kind)
    .where('targetId', '=', target.id)
    .where('reporterId', '=', viewer.id)
    .executeTakeFirst()
  return row !== undefined
}

export type ReportResult =
  | { ok: true; hidden: boolean }
  | { ok: false; reason: 'not-found' }
  /** Not for this person: an unconfirmed address, or their own item. */
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'duplicate' }
  | { ok: false; reason: 'invalid'; errors: Partial<Record<'reason' | 'details', string>> }

export const DUPLICATE_REPORT_MESSAGE = 'Vous avez déjà signalé ce contenu. La coordination en est informée.'

/** Reports an item; hides it when this report reaches the threshold of different people. */
export async function reportItem(options: {
  actor: Viewer
  kind: ReportKind
  targetId: string
  reason: unknown
  details: unknown
  threshold?: number
  trx?: Executor
}): Promise<ReportResult> {
  const run = async (trx: Executor): Promise<ReportResult> => {
    const target = await loadTarget(options.kind, options.targetId, trx)
    if (!target || target.gone || !target.visibleTo(options.actor)) return { ok: false, reason: 'not-found' }
    if (options.actor.kind !== 'person' || !canReport(options.actor, target)) return { ok: false, reason: 'forbidden' }
    if (await hasReported(options.actor, target, trx)) return { ok: false, reason: 'duplicate' }
    const input = parseReportInput({ reason: options.reason, details: options.details })
    if (!input.ok) return { ok: false, reason: 'invalid', errors: input.errors }
    const now = new Date().toISOString()
    await trx
      .insertInto('reports')
      .values({
        id: newId(),
        targetKind: target.kind,
        targetId: target.id,
        reporterId: options.actor.id,
        reason: input.value.reason,
        details: input.value.details,
        createdAt: now,
      })
      .execute()
    const threshold = options.threshold ?? reportHideThreshold()
    const reporters = await countOpenReporters(trx, target)
    if (target.hidden || reporters < threshold) return { ok: true, hidden: false }
    await hideTarget(trx, target, now)
    await recordActorAudit(
      options.actor,
      { action: 'report.auto_hide', targetType: target.kind, targetId: target.id, data: { reporters, threshold } },
      trx,
    )
    await tellAuthor(trx, target, (to) => itemHiddenMessage({ to, kind: target.kind, title: target.title, href: target.href }))
    return { ok: true, hidden: true }
  }
  // A second report racing the first one hits the unique index: the same answer as the check above.
  try {
    return await (options.trx ? run(options.trx) : db.transaction().execute(run))
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed: reports\./.test(error.message)) return { ok: false, reason: 'duplicate' }
    throw error
  }
}

async function countOpenReporters(trx: Executor, target: { kind: ReportKind; id: string }): Promise<number> {
  const { n } = await trx
    .selectFrom('reports')
    .select((eb) => eb.fn.count<number>('reporterId').distinct().as('n'))
    .where('targetKind', '=', target.kind)
    .where('targetId', '=', target.id)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow()
  return Number(n)
}

async function hideTarget(trx: Executor, target: ReportTarget, now: string) {
  if (target.kind === 'resource') {
    await trx.updateTable('resources').set({ hiddenAt: now }).where('id', '=', target.id).execute()
    await enqueueSearchUpdate(trx, { type: 'resource', id: target.id, op: 'delete' })
    return
  }
  if (target.kind === 'comment') return setCommentHiddenByReports(trx, target.id, 'hide')
  const post = await trx.selectFrom('discussionPosts').select('threadId').where('id', '=', target.id).executeTakeFirstOrThrow()
  await trx
    .updateTable('discussionPosts')
    .set({ hiddenAt: now, hiddenReason: REPORTS_HIDDEN_REASON, hiddenBy: null })
    .where('id', '=', target.id)
    .execute()
  await refreshThreadStats(trx, post.threadId)
  await enqueueSearchUpdate(trx, { type: 'discussion', id: post.threadId, op: 'upsert' })
}

async function tellAuthor(trx: Executor, target: ReportTarget, build: (to: string) => Parameters<typeof enqueueEmail>[0]) {
  if (!target.authorId) return
  const author = await trx.selectFrom('users').select('email').where('id', '=', target.authorId).executeTakeFirst()
  if (author) await enqueueEmail(build(author.email), trx)
}

// ---------------------------------------------------------------------------------------------------------------
// Deciding

export type ReportCase = {
  id: string
  target: Omit<ReportTarget, 'visibleTo' | 'scope'>
  /** Open reports, oldest first; reporters are not named. */
  reports: { reason: ReportReason; details: string; createdAt: string }[]
  reporters: number
}

type OpenReportRow = { targetKind: ReportTargetKind; targetId: string; reason: ReportReason; details: string; createdAt: string }

async function openReports(trx: Executor, kind: ReportKind, targetId: string): Promise<OpenReportRow[]> {
  return trx
    .selectFrom('reports')
    .select(['targetKind', 'targetId', 'reason', 'details', 'createdAt'])
    .where('targetKind', '=', kind)
    .where('targetId', '=', targetId)
    .where('status', '=', 'open')
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
}

/** The open case of an item, for someone who may decide on it; null otherwise (the page answers 404). */
export async function getReportCase(viewer: Viewer, id: string, trx: Executor = db): Promise<ReportCase | null> {
  const parsed = parseCaseId(id)
  if (!parsed) return null
  const target = await loadTarget(parsed.kind, parsed.targetId, trx)
  if (!target || !canDecide(viewer, target.scope)) return null
  const reports = await openReports(trx, target.kind, target.id)
  if (reports.length === 0) return null
  const { visibleTo: _v, scope: _s, ...rest } = target
  return {
    id,
    target: rest,
    reports: reports.map((r) => ({ reason: r.reason, details: r.details, createdAt: r.createdAt })),
    reporters: await countOpenReporters(trx, target),
  }
}

export type Decision = 'restore' | 'remove'

export type DecisionResult =
  | { ok: true }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'invalid'; errors: Partial<Record<'note' | 'decision', string>> }

/**
 * Decides on every open report of an item: `restore` dismisses them and shows the item again (if the reports hid
 * it), `remove` upholds them and withdraws it (a resource archived and kept hidden, a post masked by the coordination).
 */
export async function decideReports(options: { actor: Actor; id: string; decision: unknown; note: unknown; trx?: Executor }): Promise<DecisionResult> {
  const run = async (trx: Executor): Promise<DecisionResult> => {
    const parsed = parseCaseId(options.id)
    if (!parsed) return { ok: false, reason: 'not-found' }
    const target = await loadTarget(parsed.kind, parsed.targetId, trx)
    if (!target || !canDecide(options.actor, target.scope)) return { ok: false, reason: 'not-found' }
    if ((await openReports(trx, target.kind, target.id)).length === 0) return { ok: false, reason: 'not-found' }
    const decision = options.decision === 'restore' || options.decision === 'remove' ? options.decision : null
    const note = parseDecisionNote(options.note)
    if (!decision || !note.ok) {
      return {
        ok: false,
        reason: 'invalid',
        errors: { ...(decision ? {} : { decision: 'Choisissez « Rétablir » ou « Retirer ».' }), ...(note.ok ? {} : { note: note.error }) },
      }
    }
    const now = new Date().toISOString()
    await trx
      .updateTable('reports')
      .set({ status: decision === 'restore' ? 'dismissed' : 'upheld', decidedAt: now, decidedBy: viewerId(options.actor), decisionNote: note.note || null })
      .where('targetKind', '=', target.kind)
      .where('targetId', '=', target.id)
      .where('status', '=', 'open')
      .execute()
    if (decision === 'restore') await restoreTarget(trx, target)
    else await removeTarget(trx, target, options.actor, now)
    await recordActorAudit(
      options.actor,
      { action: decision === 'restore' ? 'report.restore' : 'report.remove', targetType: target.kind, targetId: target.id, data: { note: note.note } },
      trx,
    )
    await tellAuthor(trx, target, (to) =>
      reportDecisionMessage({ to, kind: target.kind, title: target.title, href: target.href, decision, note: note.note }),
    )
    return { ok: true }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

async function restoreTarget(trx: Executor, target: ReportTarget) {
  if (!target.hiddenByReports) return
  if (target.kind === 'resource') {
    await trx.updateTable('resources').set({ hiddenAt: null }).where('id', '=', target.id).execute()
    await enqueueSearchUpdate(trx, { type: 'resource', id: target.id, op: 'upsert' })
    return
  }
  if (target.kind === 'comment') return setCommentHiddenByReports(trx, target.id, 'restore')
  const post = await trx.selectFrom('discussionPosts').select('threadId').where('id', '=', target.id).executeTakeFirstOrThrow()
  await trx.updateTable('discussionPosts').set({ hiddenAt: null, hiddenReason: null, hiddenBy: null }).where('id', '=', target.id).execute()
  await refreshThreadStats(trx, post.threadId)
  await enqueueSearchUpdate(trx, { type: 'discussion', id: post.threadId, op: 'upsert' })
}

export const REMOVED_POST_REASON = 'Retiré par la coordination à la suite de signalements'

async function removeTarget(trx: Executor, target: ReportTarget, actor: Actor, now: string) {
  if (target.kind === 'resource') {
    const row = await trx.selectFrom('resources').select(['status', 'hiddenAt']).where('id', '=', target.id).executeTakeFirstOrThrow()
    await trx
      .updateTable('resources')
      .set({
        status: row.status === 'published' ? 'archived' : row.status,
        // Stays out of sight (its author, admins and the coordinators of its territory still read it).
        hiddenAt: row.hiddenAt ?? now,
        updatedAt: now,
      })
      .where('id', '=', target.id)
      .execute()
    await enqueueSearchUpdate(trx, { type: 'resource', id: target.id, op: 'delete' })
    return
  }
  if (target.kind === 'comment') return setCommentHiddenByReports(trx, target.id, 'remove', viewerId(actor))
  const post = await trx.selectFrom('discussionPosts').select(['threadId', 'hiddenAt']).where('id', '=', target.id).executeTakeFirstOrThrow()
  await trx
    .updateTable('discussionPosts')
    .set({ hiddenAt: post.hiddenAt ?? now, hiddenReason: REMOVED_POST_REASON, hiddenBy: viewerId(actor) })
    .where('id', '=', target.id)
    .execute()
  await refreshThreadStats(trx, post.threadId)
  await enqueueSearchUpdate(trx, { type: 'discussion', id: post.threadId, op: 'upsert' })
}

// ---------------------------------------------------------------------------------------------------------------
// The open cases (for the moderation queue)

export type OpenCase = {
  id: string
  target: ReportTarget
  reporters: number
  reasons: ReportReason[]
  since: string
}

/** Every item with open reports that this person may decide on, oldest report first. */
export async function listOpenCases(viewer: Viewer | Actor, trx: Executor = db): Promise<OpenCase[]> {
  const rows = await trx
    .selectFrom('reports')
    .select(['targetKind', 'targetId', 'reason', 'reporterId', 'createdAt'])
    .where('status', '=', 'open')
    .where('targetKind', 'in', ['resource', 'discussion_post', 'comment'])
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
  const byTarget = new Map<string, { kind: ReportKind; id: string; reasons: ReportReason[]; reporters: Set<string>; since: string }>()
  for (const row of rows) {
    const kind = row.targetKind as ReportKind
    const key = caseId(kind, row.targetId)
    const entry = byTarget.get(key) ?? { kind, id: row.targetId, reasons: [], reporters: new Set<string>(), since: row.createdAt }
    entry.reasons.push(row.reason)
    if (row.reporterId) entry.reporters.add(row.reporterId)
    byTarget.set(key, entry)
  }
  const cases: OpenCase[] = []
  for (const [id, entry] of byTarget) {
    const target = await loadTarget(entry.kind, entry.id, trx)
    if (!target || !canDecide(viewer, target.scope)) continue
    cases.push({ id, target, reporters: entry.reporters.size, reasons: entry.reasons, since: entry.since })
  }
  return cases
}
