import { beforeAll, describe, expect, test } from 'vitest'
import { db, getSqlite } from '#db/client.server.ts'
import type { ResourceVisibility } from '#db/schema/resources.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { ANONYMOUS, type PersonViewer, personViewer, type Viewer } from '#app/modules/auth/viewer.ts'
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
const GROUP = 'groupe-accord'
const OTHER_GROUP = 'groupe-autre'

const VIEWERS = ['anonymous', 'unverified', 'verified', 'author', 'structureMember', 'groupMember', 'otherGroupMember', 'admin'] as const
type ViewerName = (typeof VIEWERS)[number]

const viewers = {} as Record<ViewerName, Viewer>
const cells = new Map<string, { id: string; item: ResourceAccessItem }>()
const cellName = (visibility: ResourceVisibility, status: CellStatus) => `${visibility} × ${status}`

beforeAll(async () => {
  const author = await createTestUser()
  const owner = await createTestUser()
  const { structure } = await createTestStructure({ owner })
  const person = async (overrides: Parameters<typeof createTestUser>[0], extra?: Parameters<typeof personViewer>[1]) =>
    personViewer(await createTestUser(overrides), extra) as PersonViewer
  viewers.anonymous = ANONYMOUS
  viewers.unverified = await person({ emailVerifiedAt: null }, { groups: [[GROUP, 'member']] })
  viewers.verified = await person({})
  viewers.author = personViewer(author)
  viewers.structureMember = personViewer(owner, { structures: [[structure.id, 'owner']] })
  viewers.groupMember = await person({}, { groups: [[GROUP, 'member']] })
  viewers.otherGroupMember = await person({}, { groups: [[OTHER_GROUP, 'member']] })
  viewers.admin = await person({ role: 'admin' })

  for (const visibility of VISIBILITIES) {
    for (const status of STATUSES) {
      const row = await createTestResource({ author, visibility, status: status === 'deleted' ? 'published' : status })
      await db.insertInto('resourceStructures').values({ resourceId: row.id, structureId: structure.id }).execute()
      if (visibility === 'group') await db.insertInto('resourceGroups').values({ resourceId: row.id, groupId: GROUP }).execute()
      const deletedAt = status === 'deleted' ? new Date().toISOString() : null
      if (deletedAt) await db.updateTable('resources').set({ deletedAt }).where('id', '=', row.id).execute()
      cells.set(cellName(visibility, status), {
        id: row.id,
        item: {
          authorId: author.id,
          structureIds: [structure.id],
          visibility,
          groupIds: visibility === 'group' ? [GROUP] : [],
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
