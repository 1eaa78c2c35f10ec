import { accessOf } from '#app/modules/search/search.server.ts'
import { beforeAll, describe, expect, test } from 'vitest'
import { db, getSqlite } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestGroup } from '#tests/factories/discussions.ts'
import { ANONYMOUS, personViewer, type Viewer } from '#app/modules/auth/viewer.ts'
import { newId } from '#app/utils/ids.server.ts'
import type { SearchDocument } from '#search/engine.ts'
import { permissionFilter } from '#search/meilisearch/filters.ts'
import { SqliteSearchEngine } from '#search/sqlite/sqlite-engine.ts'
import { DEFAULT_SYNONYMS } from '#search/synonyms.ts'
import { loadDiscussionDocuments } from './discussions.search.server.ts'
import { can, type DiscussionAction, type DiscussionGroup, searchFilter, type ThreadAccessItem, visibleThreads } from './discussions.policy.ts'

// The one rule of discussions, said four ways: `can(viewer, action, thread)` (pages, module writes), `visibleThreads`
// (every SQL list and count), `searchFilter` as the sqlite engine applies it and as the Meilisearch filter says it.
// For every viewer × group audience × thread state, on a real database: `can` gives the expected actions (the table
// below, written out by hand), and the list and both searches agree with `can(view)` (search: indexed threads only,
// i.e. neither hidden nor deleted).

const GROUP_KINDS = ['public', 'members', 'hidden'] as const
type GroupKind = (typeof GROUP_KINDS)[number]
const STATES = ['open', 'locked', 'hidden', 'deleted'] as const
type State = (typeof STATES)[number]
const ACTIONS: DiscussionAction[] = ['view', 'reply', 'edit', 'delete', 'moderate']

const VIEWERS = ['anonymous', 'unverified', 'verified', 'member', 'formerMember', 'otherCoordinator', 'coordinator', 'admin'] as const
type ViewerName = (typeof VIEWERS)[number]

/** The expected allowed actions, by hand. The threads' author is `member` (and was `formerMember`'s too, see below). */
function expected(who: ViewerName, group: GroupKind, state: State): string {
  if (state === 'deleted') return ''
  void group // whatever its page shows, a group's discussions are for its members and admins
  switch (who) {
    case 'anonymous':
    case 'verified':
    case 'formerMember':
    case 'otherCoordinator':
      return ''
    case 'unverified': // a member of every group, address not confirmed: reads as anonymous
      return ''
    case 'member': // the author
      return { open: 'view reply edit delete', locked: 'view delete', hidden: '' }[state]
    case 'coordinator':
      return { open: 'view reply moderate', locked: 'view moderate', hidden: 'view moderate' }[state]
    case 'admin': // no member of any group
      return 'view moderate'
  }
}

const viewers = {} as Record<ViewerName, Viewer>
const groups = {} as Record<GroupKind, DiscussionGroup>
const cells = new Map<string, { id: string; item: ThreadAccessItem }>()
const cellName = (group: GroupKind, state: State) => `${group} group × ${state}`
let formerAuthorCells: { id: string; item: ThreadAccessItem }[] = []

beforeAll(async () => {
  for (const kind of GROUP_KINDS) {
    const row = await createTestGroup({ pageVisibility: kind === 'members' ? 'members' : 'public', hidden: kind === 'hidden' })
    groups[kind] = { id: row.id, pageVisibility: row.pageVisibility, hidden: row.hidden }
  }
  const other = await createTestGroup({ pageVisibility: 'members' })
  const ids = GROUP_KINDS.map((k) => groups[k].id)
  const member = await createTestUser()
  const former = await createTestUser()
  viewers.anonymous = ANONYMOUS
  viewers.unverified = personViewer(await createTestUser({ emailVerifiedAt: null }), { groups: ids.map((id) => [id, 'member'] as const) })
  viewers.verified = personViewer(await createTestUser())
  viewers.member = personViewer(member, { groups: ids.map((id) => [id, 'member'] as const) })
  viewers.formerMember = personViewer(former)
  viewers.otherCoordinator = personViewer(await createTestUser(), { groups: [[other.id, 'coordinator']] })
  viewers.coordinator = personViewer(await createTestUser(), { groups: ids.map((id) => [id, 'coordinator'] as const) })
  viewers.admin = personViewer(await createTestUser({ role: 'admin' }))

  const insert = async (group: DiscussionGroup, state: State, authorId: string) => {
    const now = new Date().toISOString()
    const id = newId()
    const item: ThreadAccessItem = {
      group,
      authorId,
      lockedAt: state === 'locked' ? now : null,
      hiddenAt: state === 'hidden' ? now : null,
      deletedAt: state === 'deleted' ? now : null,
    }
    await db
      .insertInto('discussionThreads')
      .values({
        id,
        groupId: group.id,
        authorId,
        title: `Fil ${state}`,
        bodyJson: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bonjour' }] }] }),
        bodyText: 'Bonjour',
        lockedAt: item.lockedAt,
        hiddenAt: item.hiddenAt,
        hiddenReason: item.hiddenAt ? 'Hors sujet' : null,
        deletedAt: item.deletedAt,
        createdAt: now,
        updatedAt: now,
        lastPostAt: now,
      })
      .execute()
    return { id, item }
  }
  for (const kind of GROUP_KINDS) for (const state of STATES) cells.set(cellName(kind, state), await insert(groups[kind], state, member.id))
  formerAuthorCells = [await insert(groups.public, 'open', former.id), await insert(groups.members, 'open', former.id)]
})

let engine: SqliteSearchEngine
const documents = new Map<string, SearchDocument>()
beforeAll(async () => {
  const sqlite = getSqlite()
  engine = new SqliteSearchEngine(sqlite)
  await engine.init({ synonyms: DEFAULT_SYNONYMS })
  sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents;")
  const loaded = await loadDiscussionDocuments([...cells.values()].map((c) => c.id))
  for (const [id, document] of loaded) if (document) documents.set(id, document)
  await engine.upsert([...documents.values()])
})

async function listedFor(viewer: Viewer): Promise<Set<string>> {
  const ids = [...cells.values()].map((c) => c.id)
  const rows = await db.selectFrom('discussionThreads').select('id').where('id', 'in', ids).where(visibleThreads(viewer)).execute()
  return new Set(rows.map((r) => r.id))
}

async function foundFor(viewer: Viewer): Promise<Set<string>> {
  const result = await engine.search({ query: '', access: await accessOf(viewer), perPage: 50 })
  return new Set(result.hits.map((h) => h.document.id))
}

/** Meilisearch's filter grammar as permissionFilter emits it, for these documents (visibility, groupIds). */
function meiliMatches(filter: string, document: Pick<SearchDocument, 'visibility' | 'groupIds'>): boolean {
  if (filter === '(visibility IS NULL AND visibility IS NOT NULL)') return false
  const inner = filter.replace(/^\(|\)$/g, '')
  return inner.split(' OR ').some((part) => {
    const single = /^visibility = "(\w+)"$/.exec(part)
    if (single) return document.visibility === single[1]
    const group = /^\(?visibility = "group" AND groupIds IN \[(.*)\]\)?$/.exec(part)
    if (group) {
      const listed = JSON.parse(`[${group[1]}]`) as string[]
      return document.visibility === 'group' && document.groupIds.some((g) => listed.includes(g))
    }
    throw new Error(`filter grammar: ${part}`)
  })
}

describe('can agrees with the hand-written table, visibleThreads and both search engines, cell by cell', () => {
  for (const who of VIEWERS) {
    describe(who, () => {
      for (const group of GROUP_KINDS) {
        for (const state of STATES) {
          test(cellName(group, state), async () => {
            const viewer = viewers[who]
            const cell = cells.get(cellName(group, state))
            if (!cell) throw new Error('cell not created')
            const allowed = ACTIONS.filter((a) => can(viewer, a, cell.item)).join(' ')
            expect(allowed, 'can').toBe(expected(who, group, state))
            const view = can(viewer, 'view', cell.item)
            expect((await listedFor(viewer)).has(cell.id), `visibleThreads, can(view) = ${view}`).toBe(view)
            const indexed = documents.get(cell.id)
            expect(Boolean(indexed), 'indexed: neither hidden nor deleted').toBe(state === 'open' || state === 'locked')
            if (!indexed) return
            expect((await foundFor(viewer)).has(cell.id), `sqlite search, can(view) = ${view}`).toBe(view)
            expect(meiliMatches(permissionFilter(searchFilter(viewer)), indexed), `Meilisearch filter, can(view) = ${view}`).toBe(view)
            // The site's one search access (every type's documents in one index) says the same.
            expect(meiliMatches(permissionFilter(await accessOf(viewer)), indexed), `site access, can(view) = ${view}`).toBe(view)
          })
        }
      }
    })
  }
})

test('a former member no longer reads, edits, deletes or replies to their own threads', () => {
  const [inPublic, inMembers] = formerAuthorCells
  const former = viewers.formerMember
  expect(ACTIONS.filter((a) => can(former, a, inPublic!.item))).toEqual([])
  expect(ACTIONS.filter((a) => can(former, a, inMembers!.item))).toEqual([])
})

test('the table tests something: cells disagree between viewers', async () => {
  expect((await listedFor(viewers.anonymous)).size).toBe(0)
  expect((await listedFor(viewers.member)).size).toBe(6) // every group × open, locked
  expect((await listedFor(viewers.coordinator)).size).toBe(9) // hidden threads too
  expect((await listedFor(viewers.admin)).size).toBe(9)
  expect((await listedFor(viewers.otherCoordinator)).size).toBe(0)
})
