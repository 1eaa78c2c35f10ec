import { sql } from 'kysely'
import type { Viewer } from '#app/modules/auth/viewer.ts'
import { searchFilter } from '#app/modules/resources/resources.policy.ts'
import { LEGAL_FORM_LABELS } from '#app/modules/resources/resources.schema.ts'
import { db } from '#db/client.server.ts'
import type { FacetName, PendingAccess, SearchAccess, SearchHit, SearchKind, SearchResult } from '#search/engine.ts'
import { reportStaleDocuments } from '#search/outbox.server.ts'
import { type SearchParams, filtersOf } from '#search/search.schema.ts'
import { getSearchEngine } from './engine.server.ts'
import { countQuery } from './query-stats.server.ts'
import { SEARCHABLE_TYPES, searchableType } from './registry.server.ts'

// What routes call: the viewer's search, every hit re-checked against the database by its type's policy
// (`SearchableType.findable`), queries counted for curators (query-stats.server.ts).

/**
 * What this viewer may find: the audience form of the policies (`searchFilter`: visibilities, groups, every group for
 * admins) plus what each type says the viewer owns beyond it (an author's group-only resource).
 */
export async function accessOf(viewer: Viewer): Promise<SearchAccess> {
  const owned = await Promise.all(SEARCHABLE_TYPES.map(async (type) => ({ kind: type.kind, ids: (await type.owned?.(viewer)) ?? [] })))
  const access = searchFilter(viewer)
  const documents = owned.flatMap(({ kind, ids }) => ids.map((id) => ({ kind: kind as SearchKind, id })))
  return documents.length ? { ...access, documents } : access
}

export const PAGE_FACETS: readonly FacetName[] = ['kind', 'type', 'territory', 'theme', 'programme', 'legalForm', 'state', 'validated']

export async function searchForUser(
  viewer: Viewer,
  params: SearchParams,
  options: { facets?: readonly FacetName[]; record?: boolean; now?: Date } = {},
): Promise<SearchResult> {
  const engine = await getSearchEngine()
  const access = await accessOf(viewer)
  let result: SearchResult
  // Facets and totals count every match, not only the page's hits: the documents whose index entry may be stale are
  // checked against the database first and left out if this viewer may no longer see them. A write that lands while
  // the engine answers (the outbox moved on) asks again, at most twice.
  for (let attempt = 0; ; attempt++) {
    const mark = await outboxMark()
    const pending = await pendingAccess(viewer)
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
  const hits = await recheckHits(viewer, result.hits)
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

/** For each kind, the ids among these that the viewer may find now, with their visibility (the types' policies). */
async function findable(viewer: Viewer, keys: readonly { kind: string; id: string }[]): Promise<Map<string, Map<string, string>>> {
  const byKind = new Map<string, string[]>()
  for (const key of keys) byKind.set(key.kind, [...(byKind.get(key.kind) ?? []), key.id])
  const out = new Map<string, Map<string, string>>()
  await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      out.set(kind, await searchableType(kind).findable(viewer, ids))
    }),
  )
  return out
}

/**
 * What the database says of the documents whose index entry may be stale: those with an update waiting in
 * `search_outbox` (the only ones: a row is deleted once the engine accepted the change). Each is checked the way the
 * hits are (`recheckHits`): `null` when gone, unpublished, deleted or hidden from this viewer, else its visibility
 * (the index entry must say the same). Usually none: one read of an empty table.
 */
export async function pendingAccess(viewer: Viewer): Promise<PendingAccess[]> {
  const pending = await db
    .selectFrom('searchOutbox')
    .select(['entityType', 'entityId'])
    .distinct()
    .limit(MAX_PENDING_CHECKED)
    .execute()
  if (pending.length === 0) return []
  const keys = pending
    .filter((p) => SEARCHABLE_TYPES.some((t) => t.kind === p.entityType))
    .map((p) => ({ kind: p.entityType as SearchKind, id: p.entityId }))
  const found = await findable(viewer, keys)
  return keys.map((key) => ({
    ...key,
    visibility: (found.get(key.kind)?.get(key.id) ?? null) as PendingAccess['visibility'],
  }))
}

/**
 * The index may lag behind the database by a moment: a hit whose entity is no longer published, was deleted, or is
 * no longer visible to this viewer — by its type's policy — is dropped (and reported to the indexer, which refreshes
 * it). A hit whose index entry holds another visibility than the database is dropped too (its text may be stale).
 * Never trust the index alone.
 */
export async function recheckHits(viewer: Viewer, hits: SearchHit[]): Promise<SearchHit[]> {
  const found = await findable(viewer, hits.map((h) => h.document))
  const kept: SearchHit[] = []
  const stale: { type: SearchKind; id: string }[] = []
  for (const hit of hits) {
    const visibility = found.get(hit.document.kind)?.get(hit.document.id)
    if (visibility !== undefined && visibility === hit.document.visibility) kept.push(hit)
    else stale.push({ type: hit.document.kind, id: hit.document.id })
  }
  // No write in a search: the indexer refreshes them in its next drain (in memory until then).
  reportStaleDocuments(stale)
  return kept
}

export async function searchSuggestions(viewer: Viewer, q: string) {
  if (!q.trim()) return []
  const result = await searchForUser(
    viewer,
    { q, kind: [], type: [], territory: [], theme: [], programme: [], legalForm: [], state: [], validated: false, sort: 'relevance', page: 1, perPage: 6 },
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
    validated: { true: 'Validé par le réseau', false: 'Non validé' },
  }
}
