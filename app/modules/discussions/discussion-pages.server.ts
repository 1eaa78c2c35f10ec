import { typedDoc } from '#app/modules/rich-text/rich-text.server.ts'
import { redirect } from '@remix-run/node'
import type { Viewer } from '#app/modules/auth/viewer.ts'
import { loadGroupForViewer, loadTerritoryGroupForViewer, pageParam } from '#app/modules/groups/group-route.server.ts'
import type { GroupPage } from '#app/modules/groups/pages.server.ts'
import { canSeeProfile } from '#app/modules/people/people.policy.ts'
import { formatDateFr } from '#app/utils/dates-fr.ts'
import { notFound } from '#app/utils/http.server.ts'
import { countFr } from '#app/utils/plural.ts'
import { db } from '#db/client.server.ts'
import { plainTextToDiscussionDoc } from './discussion-text.server.ts'
import { canStartThread } from './discussions.policy.ts'
import { LOCKED_TEXT } from './ui/labels.ts'
import {
  createThread,
  type DiscussionAuthor,
  type DiscussionResult,
  deletePost,
  editPost,
  getPostForEdit,
  getThread,
  hidePost,
  listThreads,
  lockThread,
  pinThread,
  reply,
  unhidePost,
  unlockThread,
  unpinThread,
} from './discussions.server.ts'

// The loaders and actions of a group's discussion pages, shared by /groupes/:slug/discussions… and
// /territoires/:slug/discussions… (the routes are thin: they name their kind of group). Everything goes through the
// discussions module, which applies the policy; a thread of another group, or one this viewer may not see, is a 404.

export type DiscussionGroupKind = 'thematic' | 'territory'

async function groupFor(kind: DiscussionGroupKind, request: Request, slug: string | undefined) {
  return kind === 'territory' ? loadTerritoryGroupForViewer(request, slug) : loadGroupForViewer(request, slug)
}

/** The discussions' address of a group page: /groupes/:slug/discussions or /territoires/:slug/discussions. */
export function discussionsBase(kind: DiscussionGroupKind, group: GroupPage): string {
  const slug = kind === 'territory' ? group.territorySlug : group.slug
  return `/${kind === 'territory' ? 'territoires' : 'groupes'}/${encodeURIComponent(slug ?? '')}/discussions`
}

/** « il y a 5 minutes », « il y a 3 heures », « il y a 2 jours », then the date (« le 3 décembre 2026 »). */
export function activityText(iso: string, now = new Date()): string {
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000)
  if (seconds < 60) return 'à l’instant'
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `il y a ${countFr(minutes, 'minute', 'minutes')}`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `il y a ${countFr(hours, 'heure', 'heures')}`
  const days = Math.floor(hours / 24)
  if (days < 7) return `il y a ${countFr(days, 'jour', 'jours')}`
  return `le ${formatDateFr(iso)}`
}

/** The profile address of each author whose profile this viewer may see (people.policy.ts `canSeeProfile`). */
async function profileLinks(viewer: Viewer, authors: DiscussionAuthor[]): Promise<Record<string, string>> {
  const ids = [...new Set(authors.filter((a): a is NonNullable<DiscussionAuthor> => a !== null).map((a) => a.id))]
  if (ids.length === 0) return {}
  const rows = await db.selectFrom('profiles').select(['userId', 'slug', 'visibility']).where('userId', 'in', ids).execute()
  const links: Record<string, string> = {}
  for (const row of rows) {
    if (row.slug && canSeeProfile(viewer, { userId: row.userId, visibility: row.visibility })) {
      links[row.userId] = `/membres/${encodeURIComponent(row.slug)}`
    }
  }
  return links
}

// ---------------------------------------------------------------------------------------------------------------
// Threads list

export async function threadsListLoader(kind: DiscussionGroupKind, request: Request, slug: string | undefined) {
  const { viewer, group } = await groupFor(kind, request, slug)
  const list = await listThreads(group.id, viewer, pageParam(request))
  if (!list) notFound()
  const now = new Date()
  return {
    group: { name: group.name },
    base: discussionsBase(kind, group),
    canStart: canStartThread(viewer, group),
    loggedIn: viewer.kind === 'person',
    threads: list.threads.map((t) => ({
      id: t.id,
      title: t.title,
      authorName: t.author?.name ?? null,
      replies: countFr(t.replyCount, 'réponse', 'réponses'),
      activity: activityText(t.lastPostAt, now),
      lastPostAt: t.lastPostAt,
      pinned: t.pinned,
      locked: t.locked,
      hidden: t.hidden,
    })),
    total: list.total,
    page: list.page,
    pageCount: list.pageCount,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Body of a posted form: the editor's JSON (`body`), or the textarea typed without JavaScript (`bodyText`).

const EMPTY_DOC = { type: 'doc', content: [{ type: 'paragraph' }] }

function postedBody(form: FormData): unknown {
  const typed = plainTextToDiscussionDoc(form.get('bodyText'))
  if (typed) return typed
  const json = form.get('body')
  // Nothing typed: an empty document, which the module refuses as « Le message est vide. ».
  return typeof json === 'string' && json.trim() ? json : EMPTY_DOC
}

/** The editor's document as posted, given back to the form on an error (null when there is none to give back). */

/** What an action answers on a refused or invalid submission (the page shows it; what was typed stays). */
export type DiscussionFormAnswer = {
  intent: string
  postId: string | null
  errors: Partial<Record<'title' | 'body' | 'reason' | 'form', string>>
  values: { title?: string; body?: object | null; bodyText?: string; reason?: string }
}

function failure(result: Exclude<DiscussionResult, { ok: true }>, answer: Omit<DiscussionFormAnswer, 'errors'>, forbiddenText: string) {
  if (result.reason === 'not-found') notFound()
  const errors = result.reason === 'invalid' ? result.errors : { form: forbiddenText }
  return Response.json({ ...answer, errors } satisfies DiscussionFormAnswer, { status: result.reason === 'invalid' ? 400 : 403 })
}

// ---------------------------------------------------------------------------------------------------------------
// New thread

export async function newThreadLoader(kind: DiscussionGroupKind, request: Request, slug: string | undefined) {
  const { viewer, group } = await groupFor(kind, request, slug)
  if (viewer.kind !== 'person') {
    const url = new URL(request.url)
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(url.pathname)}`)
  }
  const base = discussionsBase(kind, group)
  return { group: { name: group.name }, base, canStart: canStartThread(viewer, group), verified: viewer.verified }
}

export async function newThreadAction(kind: DiscussionGroupKind, request: Request, slug: string | undefined) {
  const { viewer, group } = await groupFor(kind, request, slug)
  if (viewer.kind !== 'person') notFound()
  const form = await request.formData()
  const values = { title: String(form.get('title') ?? ''), body: typedDoc(form, 'body'), bodyText: String(form.get('bodyText') ?? '') }
  const result = await createThread({ actor: viewer, groupId: group.id, title: form.get('title'), body: postedBody(form) })
  if (!result.ok) {
    return failure(result, { intent: 'create', postId: null, values }, 'Seuls les membres du groupe, avec une adresse e-mail confirmée, peuvent ouvrir une discussion.')
  }
  return redirect(`${discussionsBase(kind, group)}/${result.threadId}`)
}

// ---------------------------------------------------------------------------------------------------------------
// Thread page

export async function threadLoader(kind: DiscussionGroupKind, request: Request, params: { slug?: string; id?: string }) {
  const { viewer, group } = await groupFor(kind, request, params.slug)
  const thread = params.id ? await getThread(params.id, viewer, { page: pageParam(request) }) : null
  if (!thread || thread.group.id !== group.id) notFound()
  const url = new URL(request.url)
  // `?modifier=<id>` (or `sujet`) opens an edit form, `?supprimer=<id>` a delete confirmation: both work without JS.
  const editing = url.searchParams.get('modifier')
  const deleting = url.searchParams.get('supprimer')
  let editDoc: string | null = null
  if (editing === 'sujet' && thread.can.edit) editDoc = thread.bodyJson
  else if (editing && editing !== 'sujet') editDoc = (await getPostForEdit(thread.id, editing, viewer))?.bodyJson ?? null
  const links = await profileLinks(viewer, [thread.author, ...thread.replies.map((r) => r.author)])
  const now = new Date()
  const authorOf = (a: DiscussionAuthor) => (a ? { name: a.name, href: links[a.id] ?? null } : null)
  return {
    group: { name: group.name },
    base: discussionsBase(kind, group),
    loggedIn: viewer.kind === 'person',
    isMember: viewer.kind === 'person' && viewer.groups.has(group.id),
    editing: editDoc !== null ? editing : null,
    editDoc: editDoc ? (JSON.parse(editDoc) as object) : null,
    deleting: deleting === 'sujet' ? (thread.can.delete ? 'sujet' : null) : thread.replies.some((r) => r.id === deleting && r.can.delete) ? deleting : null,
    thread: {
      id: thread.id,
      title: thread.title,
      author: authorOf(thread.author),
      createdAt: thread.createdAt,
      when: activityText(thread.createdAt, now),
      edited: thread.editedAt !== null,
      html: thread.html,
      pinned: thread.pinned,
      locked: thread.locked,
      hidden: thread.hidden,
      hiddenReason: thread.hiddenReason,
      can: thread.can,
      replyCount: thread.replyCount,
    },
    replies: thread.replies.map((r) => ({
      id: r.id,
      author: authorOf(r.author),
      createdAt: r.createdAt,
      when: activityText(r.createdAt, now),
      edited: r.editedAt !== null,
      display: r.display,
      html: r.html,
      placeholder: r.placeholder,
      hiddenReason: r.hiddenReason,
      can: r.can,
    })),
    page: thread.page,
    pageCount: thread.pageCount,
    totalReplies: thread.totalReplies,
  }
}

const THREAD_INTENTS = ['reply', 'edit', 'delete', 'pin', 'unpin', 'lock', 'unlock', 'hide', 'unhide'] as const
type ThreadIntent = (typeof THREAD_INTENTS)[number]

const FORBIDDEN_TEXT: Record<ThreadIntent, string> = {
  reply: 'Vous ne pouvez pas répondre à cette discussion.',
  edit: 'Vous ne pouvez pas modifier ce message.',
  delete: 'Vous ne pouvez pas supprimer ce message.',
  pin: 'Seule la coordination du groupe peut épingler une discussion.',
  unpin: 'Seule la coordination du groupe peut désépingler une discussion.',
  lock: 'Seule la coordination du groupe peut verrouiller une discussion.',
  unlock: 'Seule la coordination du groupe peut déverrouiller une discussion.',
  hide: 'Seule la coordination du groupe peut masquer un message.',
  unhide: 'Seule la coordination du groupe peut rétablir un message.',
}

export async function threadAction(kind: DiscussionGroupKind, request: Request, params: { slug?: string; id?: string }) {
  const { viewer, group } = await groupFor(kind, request, params.slug)
  if (viewer.kind !== 'person' || !params.id) notFound()
  const thread = await getThread(params.id, viewer)
  if (!thread || thread.group.id !== group.id) notFound()
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '') as ThreadIntent
  if (!THREAD_INTENTS.includes(intent)) return Response.json({ intent, postId: null, errors: { form: 'Action inconnue.' }, values: {} }, { status: 400 })
  const postId = String(form.get('postId') ?? '') || null
  const here = `${discussionsBase(kind, group)}/${thread.id}`
  const actor = viewer
  const threadId = thread.id
  let result: DiscussionResult
  let to = here
  switch (intent) {
    case 'reply': {
      const done = await reply({ actor, threadId, body: postedBody(form) })
      result = done
      if (done.ok) {
        const last = Math.max(1, Math.ceil((thread.totalReplies + (done.duplicate ? 0 : 1)) / thread.perPage))
        to = `${here}${last > 1 ? `?page=${last}` : ''}#message-${done.postId}`
      }
      break
    }
    case 'edit':
      result = await editPost({ actor, threadId, postId, title: form.get('title'), body: postedBody(form) })
      to = `${here}#${postId ? `message-${postId}` : 'sujet'}`
      break
    case 'delete':
      result = await deletePost({ actor, threadId, postId })
      if (!postId) to = discussionsBase(kind, group)
      break
    case 'pin':
      result = await pinThread({ actor, threadId })
      break
    case 'unpin':
      result = await unpinThread({ actor, threadId })
      break
    case 'lock':
      result = await lockThread({ actor, threadId })
      break
    case 'unlock':
      result = await unlockThread({ actor, threadId })
      break
    case 'hide':
      result = await hidePost({ actor, threadId, postId, reason: form.get('reason') })
      break
    case 'unhide':
      result = await unhidePost({ actor, threadId, postId })
      break
  }
  if (!result.ok) {
    const values = {
      title: String(form.get('title') ?? ''),
      body: typedDoc(form, 'body'),
      bodyText: String(form.get('bodyText') ?? ''),
      reason: String(form.get('reason') ?? ''),
    }
    const text = intent === 'reply' && thread.locked ? LOCKED_TEXT : FORBIDDEN_TEXT[intent]
    return failure(result, { intent, postId, values }, text)
  }
  return redirect(to)
}
