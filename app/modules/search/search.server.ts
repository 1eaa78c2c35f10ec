import { sql } from 'kysely'
import { ANONYMOUS, personViewer, type Viewer } from '#app/modules/auth/viewer.ts'
import { viewerForUser } from '#app/modules/auth/viewer.server.ts'
import { searchFilter as discussionsSearchFilter } from '#app/modules/discussions/discussions.policy.ts'
import { allGroupIds, discussionSearchAccess } from '#app/modules/discussions/discussions.search.server.ts'
import { can as canResource, searchFilter } from '#app/modules/resources/resources.policy.ts'
import { LEGAL_FORM_LABELS } from '#app/modules/resources/resources.schema.ts'
import { db } from '#db/client.server.ts'
import type { User } from '#db/schema.ts'
import type { ResourcesTable } from '#db/schema/resources.ts'
import type { FacetName, PendingAccess, SearchAccess, SearchHit, SearchResult } from '#search/engine.ts'
import { reportStaleDocuments } from '#search/outbox.server.ts'
import { groupValues } from '#search/sources.ts'
import { type SearchParams, filtersOf } from '#search/search.schema.ts'
import type { Selectable } from 'kysely'
import { getSearchEngine } from './engine.server.ts'
import { countQuery } from './query-stats.server.ts'
import { SEARCHABLE_TYPES, searchableType } from './registry.server.ts'

// What routes call: the viewer's search, every hit re-checked against the database, queries counted for curators
// (query-stats.server.ts).

export type SearchUser = Pick<User, 'id' | 'role' | 'emailVerifiedAt'> | null

/** What this user may find without its memberships (resources only). `searchForUser` uses `accessForViewer`. */
export function accessOf(user: SearchUser): SearchAccess {
  return searchFilter(user ? personViewer(user) : ANONYMOUS)
}

/**
 * What this viewer may find across every searchable type: the resources policy's access, plus the groups whose
 * discussions it reads (discussions.policy.ts: its groups; an admin's, every group). One access for the engine, the
 * union of both: each type's documents only ever carry the visibilities their own policy gives them.
 */
export async function accessForViewer(viewer: Viewer): Promise<SearchAccess> {
  const resources = searchFilter(viewer)
  const discussions = discussionsSearchFilter(viewer, { allGroupIds: viewer.kind === 'person' && viewer.role === 'admin' ? await allGroupIds() : [] })
  return {
    visibilities: [...new Set([...resources.visibilities, ...discussions.visibilities])],
    groupIds: [...new Set([...resources.groupIds, ...discussions.groupIds])],
  }
}

export const PAGE_FACETS: readonly FacetName[] = ['kind', 'type', 'territory', 'theme', 'programme', 'legalForm', 'state']

export async function searchForUser(
  user: SearchUser,
  params: SearchParams,
  options: { facets?: readonly FacetName[]; record?: boolean; now?: Date } = {},
): Promise<SearchResult> {
  const engine = await getSearchEngine()
  // Memberships read now: leaving a group ends what search finds of it at the next query.
  const viewer: Viewer = user ? await viewerForUser(user) : ANONYMOUS
  const access = await accessForViewer(viewer)
  let result: SearchResult
  // Facets and totals count every match, not only the page's hits: the documents whose index entry may be stale are
  // checked against the database first and left out if this viewer may no longer see them. A write that lands while
  // the engine answers (the outbox moved on) asks again, at most twice.
  for (let attempt = 0; ; attempt++) {
    const mark = await outboxMark()
    const pending = await pendingAccess(user, viewer)
    result = await engine.search({
      query: params.q,
      filters: filtersOf(params),
      facets: options.facets ?? PAGE_FACETS,
      sort: params.sort,
      page: params.page,
      perPage: params.perPage,
      access,
      now: options.now,
      pending,
    })
    if (attempt >= 2 || (await outboxMark()) === mark) break
  }
  const hits = await recheckHits(user, result.hits, viewer)
  const dropped = result.hits.length - hits.length
  if (options.record && params.q.trim()) countQuery(params.q, result.total - dropped)
  return { ...result, hits, total: Math.max(result.total - dropped, hits.length) }
}

/** Highest id ever given to a `search_outbox` row: it moves whenever a write asks for an index update. */
async function outboxMark(): Promise<number> {
  const { rows } = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'search_outbox'`.execute(db)
  return rows[0]?.seq ?? 0
}

/** Pending updates checked per search (a bulk change beyond this is re-checked hit by hit until drained). */
const MAX_PENDING_CHECKED = 10_000

/**
 * What the database says of the documents whose index entry may be stale: those with an update waiting in
 * `search_outbox` (the only ones: a row is deleted once the engine accepted the change). Each is checked the way the
 * hits are (`recheckHits`): `null` when gone, unpublished, deleted or hidden from this viewer, else its visibility
 * (the index entry must say the same). Usually none: one read of an empty table.
 */
export async function pendingAccess(user: SearchUser, viewer: Viewer = user ? personViewer(user) : ANONYMOUS): Promise<PendingAccess[]> {
  const pending = await db
    .selectFrom('searchOutbox')
    .select(['entityType', 'entityId'])
    .distinct()
    .limit(MAX_PENDING_CHECKED)
    .execute()
  if (pending.length === 0) return []
  const resourceIds = pending.filter((p) => p.entityType === 'resource').map((p) => p.entityId)
  const structureIds = pending.filter((p) => p.entityType === 'structure').map((p) => p.entityId)
  const discussionIds = pending.filter((p) => p.entityType === 'discussion').map((p) => p.entityId)
  const [resources, structures, discussions] = await Promise.all([
    loadAccessRows(resourceIds),
    existingStructures(structureIds),
    discussionSearchAccess(viewer, discussionIds),
  ])
  const out: PendingAccess[] = []
  for (const id of resourceIds) {
    const row = resources.get(id)
    out.push({ kind: 'resource', id, visibility: row && searchableFor(viewer, row) ? row.visibility : null })
  }
  // Structures of the directory are public while they exist.
  for (const id of structureIds) out.push({ kind: 'structure', id, visibility: structures.has(id) ? 'public' : null })
  for (const id of discussionIds) out.push({ kind: 'discussion', id, visibility: discussions.get(id) ?? null })
  return out
}

type AccessRow = Pick<Selectable<ResourcesTable>, 'id' | 'status' | 'visibility' | 'authorId' | 'deletedAt'> & {
  groupIds: string[]
  structureIds: string[]
}

async function loadAccessRows(ids: string[]): Promise<Map<string, AccessRow>> {
  const rows: AccessRow[] = []
  // Bounded `in` lists (SQLite's limit on bound parameters).
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const [resources, groups, structures] = await Promise.all([
      db.selectFrom('resources').select(['id', 'status', 'visibility', 'authorId', 'deletedAt']).where('id', 'in', chunk).execute(),
      db.selectFrom('resourceGroups').select(['resourceId', 'groupId']).where('resourceId', 'in', chunk).execute(),
      db.selectFrom('resourceStructures').select(['resourceId', 'structureId']).where('resourceId', 'in', chunk).execute(),
    ])
    const groupIds = groupValues(groups, (g) => g.resourceId, (g) => g.groupId)
    const structureIds = groupValues(structures, (s) => s.resourceId, (s) => s.structureId)
    for (const r of resources) rows.push({ ...r, groupIds: groupIds.get(r.id) ?? [], structureIds: structureIds.get(r.id) ?? [] })
  }
  return new Map(rows.map((r) => [r.id, r]))
}

async function existingStructures(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    for (const r of await db.selectFrom('structures').select('id').where('id', 'in', chunk).execute()) found.add(r.id)
  }
  return found
}

/**
 * Search only ever shows published resources, whatever else an author or admin may open; among them, what the
 * resources policy lets this viewer read (its groups' resources included).
 */
function searchableFor(viewer: Viewer, row: AccessRow): boolean {
  return row.status === 'published' && !row.deletedAt && canResource(viewer, 'read', row)
}

/**
 * The index may lag behind the database by a moment: a hit whose entity is no longer published, was deleted, or is
 * no longer visible to this viewer is dropped (and reported to the indexer, which refreshes it). Never trust the index
 * alone.
 */
export async function recheckHits(
  user: SearchUser,
  hits: SearchHit[],
  viewer: Viewer = user ? personViewer(user) : ANONYMOUS,
): Promise<SearchHit[]> {
  const byId = await loadAccessRows(hits.filter((h) => h.document.kind === 'resource').map((h) => h.document.id))
  const discussions = await discussionSearchAccess(viewer, hits.filter((h) => h.document.kind === 'discussion').map((h) => h.document.id))
  const staleDiscussions: string[] = []
  const structures = await existingStructures(hits.filter((h) => h.document.kind === 'structure').map((h) => h.document.id))
  const kept: SearchHit[] = []
  const stale: string[] = []
  const staleStructures: string[] = []
  for (const hit of hits) {
    if (hit.document.kind === 'structure') {
      // Structures of the directory are public while they exist.
      if (structures.has(hit.document.id)) kept.push(hit)
      else staleStructures.push(hit.document.id)
      continue
    }
    if (hit.document.kind === 'discussion') {
      // The thread as the database says it now (discussions policy), its audience as indexed.
      const visibility = discussions.get(hit.document.id)
      if (visibility && visibility === hit.document.visibility) kept.push(hit)
      else staleDiscussions.push(hit.document.id)
      continue
    }
    const row = byId.get(hit.document.id)
    const ok = row && searchableFor(viewer, row) && sameAccess(hit, row)
    if (ok) kept.push(hit)
    else stale.push(hit.document.id)
  }
  // No write in a search: the indexer refreshes them in its next drain (in memory until then).
  reportStaleDocuments([
    ...stale.map((id) => ({ type: 'resource' as const, id })),
    ...staleStructures.map((id) => ({ type: 'structure' as const, id })),
    ...staleDiscussions.map((id) => ({ type: 'discussion' as const, id })),
  ])
  return kept
}

function sameAccess(hit: SearchHit, row: { visibility: string }) {
  // A document indexed as public whose resource became members-only must not show through stale text.
  return hit.document.visibility === row.visibility
}

export async function searchSuggestions(user: SearchUser, q: string) {
  if (!q.trim()) return []
  const result = await searchForUser(
    user,
    { q, kind: [], type: [], territory: [], theme: [], programme: [], legalForm: [], state: [], sort: 'relevance', page: 1, perPage: 6 },
    { facets: [] },
  )
  return result.hits.map((hit) => ({
    id: hit.document.id,
    title: hit.document.title,
    titleHtml: hit.highlight.title,
    type: hit.document.type,
    url: documentUrl(hit.document),
  }))
}

/** The page of a search document, as its searchable type says (registry.server.ts). */
export function documentUrl(document: { kind: string; slug: string }): string {
  return searchableType(document.kind).url(document)
}

/**
 * The facets as the search page shows them: structures only under « Type de contenu » (a structure is not a type
 * of resource), and no « Sans date limite » (every initiative, training and structure has no deadline: the count
 * said nothing about calls). Both values still filter when a link asks for them.
 */
export function pageFacets(facets: SearchResult['facets']): SearchResult['facets'] {
  const out = { ...facets }
  if (out.type) {
    const { structure: _structure, ...types } = out.type
    out.type = types
  }
  if (out.state) {
    const { none: _none, ...states } = out.state
    out.state = states
  }
  return out
}

export type FacetLabels = Record<FacetName, Record<string, string>>

/** Human (French) labels of facet values. */
export async function facetLabels(): Promise<FacetLabels> {
  const [territories, themes] = await Promise.all([
    db.selectFrom('territories').select(['slug', 'name']).orderBy('position').execute(),
    db.selectFrom('themes').select(['slug', 'name']).orderBy('position').execute(),
  ])
  return {
    kind: Object.fromEntries(SEARCHABLE_TYPES.map((t) => [t.kind, t.labels.kind])),
    type: Object.assign({}, ...SEARCHABLE_TYPES.map((t) => t.labels.types)),
    territory: { departement: 'Tout le Pas-de-Calais', ...Object.fromEntries(territories.map((t) => [t.slug, t.name])) },
    theme: Object.fromEntries(themes.map((t) => [t.slug, t.name])),
    programme: {},
    // One vocabulary for structures and calls (structures/labels.ts): one label per value.
    legalForm: LEGAL_FORM_LABELS,
    state: { open: 'Appel ouvert', upcoming: 'Appel à venir', closed: 'Appel clôturé', none: 'Sans date limite' },
  }
}
