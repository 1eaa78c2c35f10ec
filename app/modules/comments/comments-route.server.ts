import { typedDoc } from '#app/modules/rich-text/rich-text.server.ts'
import { redirect } from '@remix-run/node'
import type { Viewer } from '#app/modules/auth/viewer.ts'
import { activityText } from '#app/modules/discussions/discussion-pages.server.ts'
import { plainTextToDiscussionDoc } from '#app/modules/discussions/discussion-text.server.ts'
import { canSeeProfile } from '#app/modules/people/people.policy.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'
import { db } from '#db/client.server.ts'
import {
  type CommentResult,
  type CommentTarget,
  type CommentView,
  createComment,
  deleteComment,
  editComment,
  getCommentForEdit,
  hideComment,
  listComments,
  unhideComment,
} from './comments.server.ts'
import { getReactions, REACTION_MESSAGES, toggleReaction } from './reactions.server.ts'

// The comments section of a resource page and of an event page, and the reactions of a resource page: what their
// loaders add, and the intents their actions hand over (plain POST forms to the page itself: everything works without
// JavaScript). `?modifier=<id>` opens the edit form of one's own comment. The modules apply the policy.

export const COMMENT_INTENTS = ['comment', 'comment-edit', 'comment-delete', 'comment-hide', 'comment-unhide', 'react'] as const
export type CommentIntent = (typeof COMMENT_INTENTS)[number]

export function isCommentIntent(value: unknown): value is CommentIntent {
  return COMMENT_INTENTS.includes(value as CommentIntent)
}

/** What an action answers on a refused or invalid submission (the page shows it; what was typed stays). */
export type CommentFormAnswer = {
  commentForm: true
  intent: string
  /** The comment answered, edited or moderated (null: a new top comment, a reaction). */
  commentId: string | null
  errors: Partial<Record<'body' | 'reason' | 'form', string>>
  values: { body?: object | null; bodyText?: string; reason?: string }
}

async function profileLinks(viewer: Viewer, ids: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return {}
  const rows = await db.selectFrom('profiles').select(['userId', 'slug', 'visibility']).where('userId', 'in', unique).execute()
  const links: Record<string, string> = {}
  for (const row of rows) {
    if (row.slug && canSeeProfile(viewer, { userId: row.userId, visibility: row.visibility })) links[row.userId] = `/membres/${encodeURIComponent(row.slug)}`
  }
  return links
}

/** The comments section's data for a page (the item is known to be readable by this viewer). */
export async function commentsSection(request: Request, viewer: Viewer, target: CommentTarget) {
  const list = await listComments(target, viewer)
  if (!list) return null
  const url = new URL(request.url)
  const editing = url.searchParams.get('modifier')
  const edit = editing ? await getCommentForEdit(editing, viewer) : null
  const ids = list.threads.flatMap((t) => [t.author?.id, ...t.replies.map((r) => r.author?.id)]).filter((id): id is string => Boolean(id))
  const links = await profileLinks(viewer, ids)
  const now = new Date()
  const view = (c: CommentView) => ({
    id: c.id,
    author: c.author ? { name: c.author.name, href: links[c.author.id] ?? null } : null,
    createdAt: c.createdAt,
    when: activityText(c.createdAt, now),
    editedAt: c.editedAt,
    editedText: c.editedAt ? `modifié le ${formatDateTimeFr(c.editedAt)}` : null,
    display: c.display,
    html: c.html,
    placeholder: c.placeholder,
    hiddenReason: c.hiddenReason,
    can: c.can,
  })
  let editText = ''
  if (edit) {
    const row = await db.selectFrom('comments').select('bodyText').where('id', '=', editing ?? '').executeTakeFirst()
    editText = row?.bodyText ?? ''
  }
  return {
    count: list.count,
    threads: list.threads.map((t) => ({ ...view(t), replies: t.replies.map(view) })),
    canComment: list.canComment,
    loggedIn: viewer.kind === 'person',
    verified: viewer.kind === 'person' && viewer.verified,
    loginHref: `/connexion?redirectTo=${encodeURIComponent(`${url.pathname}#commentaires`)}`,
    editing: edit ? { id: editing ?? '', doc: JSON.parse(edit.bodyJson) as object, text: editText } : null,
  }
}

/** The reactions' data of a resource page. */
export async function reactionsSection(resourceId: string, viewer: Viewer) {
  const reactions = await getReactions(resourceId, viewer)
  if (!reactions) return null
  return {
    ...reactions,
    refusalText: reactions.refusal === 'unverified' && viewer.kind === 'anonymous' ? null : reactions.refusal ? REACTION_MESSAGES[reactions.refusal] : null,
    anonymous: viewer.kind === 'anonymous',
  }
}

const EMPTY_DOC = { type: 'doc', content: [{ type: 'paragraph' }] }

/** The editor's JSON (`body`), or the textarea typed without JavaScript (`bodyText`). */
function postedBody(form: FormData): unknown {
  const typed = plainTextToDiscussionDoc(form.get('bodyText'))
  if (typed) return typed
  const json = form.get('body')
  return typeof json === 'string' && json.trim() ? json : EMPTY_DOC
}


const FORBIDDEN_TEXT: Record<CommentIntent, string> = {
  comment: 'Vous ne pouvez pas commenter ici. Il faut être connecté, avec une adresse e-mail confirmée.',
  'comment-edit': 'Vous ne pouvez pas modifier ce commentaire.',
  'comment-delete': 'Vous ne pouvez pas supprimer ce commentaire.',
  'comment-hide': 'Seule la coordination peut masquer un commentaire.',
  'comment-unhide': 'Seule la coordination peut rétablir un commentaire.',
  react: REACTION_MESSAGES.closed,
}

/**
 * Runs a comment or reaction intent posted to an item's page (`page`: its path). A redirect on success (back to the
 * comment, or to the reactions); a 400/403/429 with French messages and the typed text otherwise; a 404 thrown for
 * what the viewer may not see.
 */
export async function handleCommentIntent(options: {
  viewer: Viewer
  target: CommentTarget
  intent: CommentIntent
  form: FormData
  page: string
}): Promise<Response> {
  const { viewer, target, intent, form, page } = options
  const commentId = String(form.get('commentId') ?? '') || null
  const values = { body: typedDoc(form, 'body'), bodyText: String(form.get('bodyText') ?? ''), reason: String(form.get('reason') ?? '') }
  const answer = (status: number, errors: CommentFormAnswer['errors']) =>
    Response.json({ commentForm: true, intent, commentId, errors, values } satisfies CommentFormAnswer, { status })
  if (viewer.kind !== 'person') {
    // Anonymous: the forms are not shown; a direct POST is told to log in.
    return answer(403, { form: 'Connectez-vous pour participer.' })
  }
  if (intent === 'react') {
    const result = await toggleReaction({ actor: viewer, resourceId: target.id, kind: form.get('kind'), structureId: form.get('structureId') })
    if (result.ok) return redirect(`${page}#reactions`)
    if (result.reason === 'not-found') throw new Response(null, { status: 404, statusText: 'Not Found' })
    return answer(result.reason === 'invalid' ? 400 : 403, { form: result.reason === 'invalid' ? result.message : REACTION_MESSAGES[result.refusal] })
  }
  // A comment named in the form must be one of this page's item (checked before any write).
  if (commentId) {
    const row = await db.selectFrom('comments').select(['resourceId', 'eventId']).where('id', '=', commentId).executeTakeFirst()
    const on = row ? (target.kind === 'resource' ? row.resourceId : row.eventId) : null
    if (on !== target.id) throw new Response(null, { status: 404, statusText: 'Not Found' })
  }
  let result: CommentResult<{ target: CommentTarget }>
  let to = `${page}#commentaires`
  let flash: Parameters<typeof redirectWithFlash>[1] = 'comment-posted'
  switch (intent) {
    case 'comment': {
      const done = await createComment({ actor: viewer, target, parentId: commentId, body: postedBody(form) })
      result = done.ok ? { ok: true, target } : done
      if (done.ok) to = `${page}#commentaire-${done.comment.id}`
      break
    }
    case 'comment-edit':
      result = await editComment({ actor: viewer, commentId: commentId ?? '', body: postedBody(form) })
      to = `${page}#commentaire-${commentId}`
      flash = 'comment-saved'
      break
    case 'comment-delete':
      result = await deleteComment({ actor: viewer, commentId: commentId ?? '' })
      flash = 'comment-deleted'
      break
    case 'comment-hide':
      result = await hideComment({ actor: viewer, commentId: commentId ?? '', reason: form.get('reason') })
      to = `${page}#commentaire-${commentId}`
      flash = 'comment-hidden'
      break
    case 'comment-unhide':
      result = await unhideComment({ actor: viewer, commentId: commentId ?? '' })
      to = `${page}#commentaire-${commentId}`
      flash = 'comment-unhidden'
      break
  }
  if (result.ok) return redirectWithFlash(to, flash)
  if (result.reason === 'not-found') throw new Response(null, { status: 404, statusText: 'Not Found' })
  if (result.reason === 'invalid') return answer(400, result.errors)
  if (result.reason === 'rate-limited') return answer(429, { form: result.message })
  return answer(403, { form: FORBIDDEN_TEXT[intent] })
}
