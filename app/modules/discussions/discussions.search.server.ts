import { type Executor, db } from '#db/client.server.ts'
import type { SearchDocument } from '#search/engine.ts'
import { groupValues, type SearchSource } from '#search/sources.ts'
import type { SearchableType } from '#app/modules/search/searchable.ts'
import type { Viewer } from '#app/modules/auth/viewer.ts'
import { can, searchAudience } from './discussions.policy.ts'

// Discussion threads as search documents (registered in app/modules/search/registry.server.ts). A thread neither
// hidden nor deleted becomes a document whose audience is its group (discussions.policy.ts `searchAudience`): public
// for a public, visible group; `group` otherwise, so a members-only or hidden group's threads are found only by its
// members (and admins, through the policy's `searchFilter`). Hidden and deleted threads map to `null` (removed).
// The body indexed is the opening post and the replies neither hidden nor deleted.

/** Characters of replies indexed per thread (a long thread is still found by its first exchanges). */
const MAX_REPLIES_TEXT = 50_000

/** The path of a thread's page, from its group. */
export function threadPath(group: { kind: 'territory' | 'thematic'; slug: string }, threadId: string): string {
  return `/${group.kind === 'territory' ? 'territoires' : 'groupes'}/${group.slug}/discussions/${threadId}`
}

export async function loadDiscussionDocuments(ids: readonly string[], trx: Executor = db): Promise<Map<string, SearchDocument | null>> {
  const documents = new Map<string, SearchDocument | null>(ids.map((id) => [id, null]))
  for (let i = 0; i < ids.length; i += 500) {
    for (const document of await threadDocuments(ids.slice(i, i + 500), trx)) documents.set(document.id, document)
  }
  return documents
}

export async function* indexableDiscussionIds(pageSize = 500, trx: Executor = db): AsyncGenerator<string[]> {
  let after = ''
  for (;;) {
    const rows = await trx
      .selectFrom('discussionThreads')
      .select(['id', 'hiddenAt', 'deletedAt'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute()
    if (rows.length === 0) return
    const indexable = rows.filter((r) => r.hiddenAt === null && r.deletedAt === null).map((r) => r.id)
    if (indexable.length > 0) yield indexable
    after = rows[rows.length - 1]!.id
  }
}

export async function countIndexableDiscussions(trx: Executor = db): Promise<number> {
  const row = await trx
    .selectFrom('discussionThreads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hiddenAt', 'is', null)
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export const discussionsSearch = {
  kind: 'discussion',
  loadDocuments: (ids) => loadDiscussionDocuments(ids),
  indexableIds: (pageSize) => indexableDiscussionIds(pageSize),
  countIndexable: () => countIndexableDiscussions(),
  findable: async (viewer, ids) => {
    const found = new Map<string, 'public' | 'group'>()
    for (const [id, visibility] of await discussionSearchAccess(viewer, ids)) if (visibility) found.set(id, visibility)
    return found
  },
  // The document's slug is its page's path (a thread has no slug of its own: its group's path and its id).
  url: (document) => `/${document.slug}`,
  labels: { kind: 'Discussions', types: { discussion: 'Discussion' } },
} satisfies SearchableType & SearchSource

async function threadDocuments(ids: readonly string[], trx: Executor): Promise<SearchDocument[]> {
  if (ids.length === 0) return []
  const rows = (
    await trx
      .selectFrom('discussionThreads')
      .innerJoin('groups', 'groups.id', 'discussionThreads.groupId')
      .select([
        'discussionThreads.id',
        'discussionThreads.title',
        'discussionThreads.bodyText',
        'discussionThreads.hiddenAt',
        'discussionThreads.deletedAt',
        'discussionThreads.createdAt',
        'discussionThreads.lastPostAt',
        'groups.id as groupId',
        'groups.slug as groupSlug',
        'groups.kind as groupKind',
        'groups.territorySlug',
        'groups.pageVisibility',
        'groups.hidden',
      ])
      .where('discussionThreads.id', 'in', [...ids])
      .execute()
  ).filter((r) => r.hiddenAt === null && r.deletedAt === null)
  if (rows.length === 0) return []
  const replyRows = await trx
    .selectFrom('discussionPosts')
    .select(['threadId', 'bodyText'])
    .where(
      'threadId',
      'in',
      rows.map((r) => r.id),
    )
    .where('hiddenAt', 'is', null)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt')
    .execute()
  const replies = groupValues(replyRows, (r) => r.threadId, (r) => r.bodyText)
  return rows.map((row) => {
    const { visibility, groupIds } = searchAudience({ id: row.groupId, pageVisibility: row.pageVisibility, hidden: row.hidden === 1 })
    const repliesText = (replies.get(row.id) ?? []).join('\n\n').slice(0, MAX_REPLIES_TEXT)
    return {
      id: row.id,
      kind: 'discussion',
      slug: threadPath({ kind: row.groupKind, slug: row.groupSlug }, row.id).slice(1),
      type: 'discussion',
      title: row.title,
      summary: row.bodyText.length > 300 ? `${row.bodyText.slice(0, 299)}…` : row.bodyText,
      body: repliesText ? `${row.bodyText}\n\n${repliesText}` : row.bodyText,
      territory: row.territorySlug,
      themes: [],
      programme: null,
      legalForms: [],
      structureName: null,
      openingDate: null,
      deadline: null,
      visibility,
      groupIds,
      publishedAt: row.createdAt,
      updatedAt: row.lastPostAt,
    } satisfies SearchDocument
  })
}

/**
 * What the database says now of indexed threads, for this viewer (the hits' re-check and the pending updates of
 * app/modules/search/search.server.ts): the visibility its index entry must have, or `null` when the thread is gone,
 * hidden, deleted, or not for this viewer.
 */
export async function discussionSearchAccess(viewer: Viewer, ids: readonly string[], trx: Executor = db): Promise<Map<string, 'public' | 'group' | null>> {
  const access = new Map<string, 'public' | 'group' | null>(ids.map((id) => [id, null]))
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('discussionThreads')
      .innerJoin('groups', 'groups.id', 'discussionThreads.groupId')
      .select([
        'discussionThreads.id',
        'discussionThreads.authorId',
        'discussionThreads.lockedAt',
        'discussionThreads.hiddenAt',
        'discussionThreads.deletedAt',
        'groups.id as groupId',
        'groups.pageVisibility',
        'groups.hidden',
      ])
      .where('discussionThreads.id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const row of rows) {
      const group = { id: row.groupId, pageVisibility: row.pageVisibility, hidden: row.hidden === 1 }
      const item = { group, authorId: row.authorId, lockedAt: row.lockedAt, hiddenAt: row.hiddenAt, deletedAt: row.deletedAt }
      const searchable = !row.hiddenAt && !row.deletedAt && can(viewer, 'view', item)
      access.set(row.id, searchable ? searchAudience(group).visibility : null)
    }
  }
  return access
}
