import { beforeAll, describe, expect, test } from 'vitest'
import { db, getSqlite } from '#db/client.server.ts'
import type { ResourceVisibility } from '#db/schema/resources.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { blockMember, joinGroup, leaveGroup, requestToJoin } from '#app/modules/groups/memberships.server.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { ANONYMOUS, type PersonViewer, type Viewer } from '#app/modules/auth/viewer.ts'
import { loadResourceDocuments } from '#app/modules/resources/resources.search.server.ts'
import type { SearchDocument } from '#search/engine.ts'
import { meiliKey, permissionFilter } from '#search/meilisearch/filters.ts'
import { accessOf } from '#app/modules/search/search.server.ts'
import { SqliteSearchEngine } from '#search/sqlite/sqlite-engine.ts'
import { DEFAULT_SYNONYMS } from '#search/synonyms.ts'
import { can, type ResourceAccessItem, visibleTo } from './resources.policy.ts'

// The one rule, said four times: `can(viewer, 'read', r)` (pages, actions), `visibleTo(viewer)` (every SQL list),
// `accessOf(viewer)` (the policy's `searchFilter` plus what the viewer owns) as the sqlite engine applies it and as the
// Meilisearch filter string says it. For every
// viewer × visibility × status, on a real database, they must give the same answer (search: published rows only).

const VISIBILITIES: ResourceVisibility[] = ['public', 'members', 'group']
const STATUSES = ['draft', 'pending', 'published', 'archived', 'deleted'] as const
type CellStatus = (typeof STATUSES)[number]
const VIEWERS = [
  'anonymous',
  'unverified',
  'verified',
  'author',
  'structureMember',
  'groupMember',
  'groupCoordinator',
  'formerMember',
  'requester',
  'blocked',
  'otherGroupMember',
  'otherGroupCoordinator',
  'admin',
] as const
type ViewerName = (typeof VIEWERS)[number]

const viewers = {} as Record<ViewerName, Viewer>
let groupSlug = ''
let groupId = ''
const cells = new Map<string, { id: string; item: ResourceAccessItem }>()
const cellName = (visibility: ResourceVisibility, status: CellStatus) => `${visibility} × ${status}`

beforeAll(async () => {
  const author = await createTestUser()
  const owner = await createTestUser()
  const { structure } = await createTestStructure({ owner })
  // Group audiences on real groups, through the memberships module: every viewer is read back from the database the
  // way a request reads it (viewerForUser), so « former member », « requester » and « blocked » are what those flows
  // leave behind, not hand-made maps.
  const group = await createTestGroup({ joinPolicy: 'request' })
  const otherGroup = await createTestGroup({ joinPolicy: 'open' })
  groupSlug = group.slug
  groupId = group.id
  const read = async (user: { id: string }) => (await viewerById(user.id)) as PersonViewer
  const unverified = await createTestUser({ emailVerifiedAt: null })
  await addTestGroupMember(group.id, unverified.id)
  const member = await createTestUser()
  await addTestGroupMember(group.id, member.id)
  const coordinator = await createTestUser()
  await addTestGroupMember(group.id, coordinator.id, 'coordinator')
  const former = await createTestUser()
  await addTestGroupMember(group.id, former.id)
  expect(await leaveGroup({ groupId: group.id, actor: await read(former) })).toMatchObject({ ok: true })
  const requester = await createTestUser()
  expect(await requestToJoin({ groupId: group.id, actor: await read(requester), message: 'Bonjour' })).toMatchObject({ ok: true })
  const blocked = await createTestUser()
  await addTestGroupMember(group.id, blocked.id)
  expect(await blockMember({ groupId: group.id, userId: blocked.id, actor: await read(coordinator), reason: 'Essai' })).toMatchObject({ ok: true })
  const otherMember = await createTestUser()
  expect(await joinGroup({ groupId: otherGroup.id, actor: await read(otherMember) })).toMatchObject({ ok: true })
  const otherCoordinator = await createTestUser()
  await addTestGroupMember(otherGroup.id, otherCoordinator.id, 'coordinator')

  viewers.anonymous = ANONYMOUS
  viewers.unverified = await read(unverified)
  viewers.verified = await read(await createTestUser())
  viewers.author = await read(author)
  viewers.structureMember = await read(owner)
  viewers.groupMember = await read(member)
  viewers.groupCoordinator = await read(coordinator)
  viewers.formerMember = await read(former)
  viewers.requester = await read(requester)
  viewers.blocked = await read(blocked)
  viewers.otherGroupMember = await read(otherMember)
  viewers.otherGroupCoordinator = await read(otherCoordinator)
  viewers.admin = await read(await createTestUser({ role: 'admin' }))

  for (const visibility of VISIBILITIES) {
    for (const status of STATUSES) {
      const row = await createTestResource({
        author,
        visibility,
        status: status === 'deleted' ? 'published' : status,
        overrides: visibility === 'group' ? { groups: [groupSlug] } : {},
      })
      await db.insertInto('resourceStructures').values({ resourceId: row.id, structureId: structure.id }).execute()
      const deletedAt = status === 'deleted' ? new Date().toISOString() : null
      if (deletedAt) await db.updateTable('resources').set({ deletedAt }).where('id', '=', row.id).execute()
      cells.set(cellName(visibility, status), {
        id: row.id,
        item: {
          authorId: author.id,
          structureIds: [structure.id],
          visibility,
          groupIds: visibility === 'group' ? [groupId] : [],
          status: row.status,
          deletedAt,
        },
      })
    }
  }
})

let engine: SqliteSearchEngine
const documents = new Map<string, SearchDocument>()
beforeAll(async () => {
  const sqlite = getSqlite()
  engine = new SqliteSearchEngine(sqlite)
  await engine.init({ synonyms: DEFAULT_SYNONYMS })
  sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents;")
  const published = [...cells.values()].filter((c) => c.item.status === 'published' && !c.item.deletedAt).map((c) => c.id)
  for (const [id, document] of await loadResourceDocuments(published)) if (document) documents.set(id, document)
  await engine.upsert([...documents.values()])
})

async function foundFor(viewer: Viewer): Promise<Set<string>> {
  const result = await engine.search({ query: '', access: await accessOf(viewer), perPage: 50 })
  return new Set(result.hits.map((h) => h.document.id))
}

// A tiny evaluator for the grammar permissionFilter emits: OR / AND / parentheses, `attr = "v"`,
// `attr IN ["v", …]`, `attr IS [NOT] NULL`; an array attribute matches when one of its values does (Meilisearch).
function meiliMatches(filter: string, document: Pick<SearchDocument, 'visibility' | 'groupIds'> & { key: string }): boolean {
  const tokens = filter.match(/"(?:[^"\\]|\\.)*"|\(|\)|\[|\]|,|=|[A-Za-z]+/g) ?? []
  let at = 0
  const next = () => tokens[at++]
  const expect_ = (t: string) => {
    if (next() !== t) throw new Error(`filter grammar: expected ${t} in ${filter}`)
  }
  const values = (name: string): (string | null)[] => {
    const v = (document as Record<string, unknown>)[name]
    if (v === undefined) throw new Error(`filter grammar: unknown attribute ${name}`)
    return Array.isArray(v) ? v : [v as string | null]
  }
  const literal = (t: string | undefined) => JSON.parse(t ?? '') as string
  function factor(): boolean {
    const t = next()
    if (t === '(') {
      const value = or()
      expect_(')')
      return value
    }
    const attribute = values(t ?? '')
    const op = next()
    if (op === '=') return attribute.includes(literal(next()))
    if (op === 'IN') {
      expect_('[')
      const list: string[] = []
      for (let t2 = next(); t2 !== ']'; t2 = next()) if (t2 !== ',') list.push(literal(t2))
      return attribute.some((v) => v !== null && list.includes(v))
    }
    if (op === 'IS') {
      const negated = tokens[at] === 'NOT'
      if (negated) next()
      expect_('NULL')
      const isNull = attribute.length === 0 || attribute.every((v) => v === null)
      return negated ? !isNull : isNull
    }
    throw new Error(`filter grammar: unexpected ${op} in ${filter}`)
  }
  function and(): boolean {
    let value = factor()
    while (tokens[at] === 'AND') {
      next()
      value = factor() && value
    }
    return value
  }
  function or(): boolean {
    let value = and()
    while (tokens[at] === 'OR') {
      next()
      value = and() || value
    }
    return value
  }
  const value = or()
  if (at !== tokens.length) throw new Error(`filter grammar: trailing tokens in ${filter}`)
  return value
}

async function listedFor(viewer: Viewer): Promise<Set<string>> {
  const ids = [...cells.values()].map((c) => c.id)
  const rows = await db.selectFrom('resources').select('id').where('id', 'in', ids).where(visibleTo(viewer)).execute()
  return new Set(rows.map((r) => r.id))
}

describe('can(read) agrees with visibleTo and both search engines, cell by cell', () => {
  for (const who of VIEWERS) {
    describe(who, () => {
      for (const visibility of VISIBILITIES) {
        for (const status of STATUSES) {
          test(cellName(visibility, status), async () => {
            const viewer = viewers[who]
            const cell = cells.get(cellName(visibility, status))
            if (!cell) throw new Error('cell not created')
            const allowed = can(viewer, 'read', cell.item)
            expect((await listedFor(viewer)).has(cell.id), `visibleTo, can = ${allowed}`).toBe(allowed)
            if (status !== 'published') return
            const document = documents.get(cell.id)
            if (!document) throw new Error('published cell not indexed')
            expect((await foundFor(viewer)).has(cell.id), `sqlite search, can = ${allowed}`).toBe(allowed)
            const keyed = { ...document, key: meiliKey(document) }
            expect(meiliMatches(permissionFilter(await accessOf(viewer)), keyed), `Meilisearch filter, can = ${allowed}`).toBe(allowed)
          })
        }
      }
    })
  }
})

// The table is not vacuous: some cells are readable, some are not, for someone other than the admin.
test('the cells disagree between viewers (the table tests something)', async () => {
  const anonymous = await listedFor(viewers.anonymous)
  const group = await listedFor(viewers.groupMember)
  const admin = await listedFor(viewers.admin)
  expect(anonymous.size).toBe(2) // public × published, public × archived
  expect(group.size).toBe(6) // public, members, group × published, archived
  expect(admin.size).toBe(15)
})

test('a group-only published resource: read by its group’s members and coordinators, its owners and admins — not by a former member, a requester, a blocked person or another group', async () => {
  const cell = cells.get(cellName('group', 'published'))
  if (!cell) throw new Error('no cell')
  const readers = VIEWERS.filter((who) => can(viewers[who], 'read', cell.item))
  expect(readers).toEqual(['author', 'structureMember', 'groupMember', 'groupCoordinator', 'admin'])
})
