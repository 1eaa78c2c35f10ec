import type { FundingState } from './funding-state.ts'

// The search engine contract. Two implementations pass the same suite (search/contract.test.ts):
// search/sqlite/ (embedded FTS5, the default) and search/meilisearch/ (chosen when MEILISEARCH_URL is set).
//
// Only published, non-deleted entities are ever indexed (drafts, pending, archived and deleted things never enter
// the index). What remains is filtered *inside* the engine query by the viewer's rights: visibility `public` for
// everyone, `members` for signed-in members (admins see what members see), `group` for members of one of the
// document's groups.

export type SearchKind = 'resource' | 'structure' | 'discussion' | 'event'
export type SearchVisibility = 'public' | 'members' | 'group'
// Funding state: computed at query time from the opening instant and the deadline instant (it changes as time passes),
// by the one rule of search/funding-state.ts.
export { FUNDING_STATES, type FundingState, fundingState } from './funding-state.ts'
// `validated`: « Validé par le réseau » (a resource whose validation has not passed its review-by date), counted as
// `true` / `false`.
export const FACET_NAMES = ['kind', 'type', 'territory', 'theme', 'programme', 'legalForm', 'state', 'validated'] as const
export type FacetName = (typeof FACET_NAMES)[number]
export const SORTS = ['relevance', 'newest', 'deadline'] as const
export type SearchSort = (typeof SORTS)[number]

export interface SearchDocument {
  /** The entity id (UUIDv7); unique together with `kind`. */
  id: string
  kind: SearchKind
  slug: string
  /** Resource type (`appel-a-projets`, `formation`…) or `structure` for structures. */
  type: string
  title: string
  summary: string
  /** Plain text of the body (derived at write time from the rich text). */
  body: string
  /** Territory slug, if any. */
  territory: string | null
  /** Theme slugs. */
  themes: string[]
  /** Funding programme (FSE+, FEDER, LEADER…), if any. */
  programme: string | null
  /** Legal form of a structure, or the legal forms a funding call is open to (association, cooperative…). */
  legalForms: string[]
  /** Name of the structure behind a resource (shown in results, searchable). */
  structureName: string | null
  /** Funding calls: opening and deadline instants (ISO-8601 UTC, the hour counts), both optional. */
  openingDate: string | null
  deadline: string | null
  visibility: SearchVisibility
  /** Groups whose members may see a `group` document. */
  groupIds: string[]
  /** ISO-8601 UTC. */
  publishedAt: string
  updatedAt: string
  /**
   * « Validé par le réseau »: validated by a coordinator and not past its review-by date when indexed (the scheduled
   * job re-indexes a document once that date passes). Absent: false.
   */
  validated?: boolean
}

/**
 * What a viewer may find, engine-neutral (the resources policy's `searchFilter` computes it): a document matches when
 * it is listed in `documents`, or its visibility is listed and, for `group`, one of its groups is listed (any group
 * with `allGroups`). Each engine translates it.
 */
export interface SearchAccess {
  visibilities: SearchVisibility[]
  groupIds: string[]
  /** Every `group` document, whatever its groups (admins). */
  allGroups?: boolean
  /** Documents found whatever their audience says (what the viewer owns: an author's group-only resource). */
  documents?: readonly { kind: SearchKind; id: string }[]
}

export type SearchFilters = Partial<{
  kind: SearchKind[]
  type: string[]
  territory: string[]
  theme: string[]
  programme: string[]
  legalForm: string[]
  state: FundingState[]
  /** `true`: « Validé par le réseau » documents only; `false` or absent: no filter. */
  validated: boolean
}>

export interface SearchQuery {
  query: string
  filters?: SearchFilters
  /** Facets whose counts to return; counts of a facet ignore that facet's own filter, so choices combine. */
  facets?: readonly FacetName[]
  sort?: SearchSort
  /** 1-based. */
  page?: number
  perPage?: number
  access: SearchAccess
  /** The instant funding states are computed for (tests pin it); defaults to now. */
  now?: Date
  /**
   * Documents whose index entry may be out of date (an update is on its way), with what the database says now:
   * `visibility: null` when this viewer may not see it, otherwise its current visibility — the entry then counts only
   * if the index says the same (search/search.server.ts `pendingAccess`, the hits' re-check applied to every match).
   * Such documents are never counted, ranked or returned otherwise: totals and facets included.
   */
  pending?: readonly PendingAccess[]
}

export interface PendingAccess {
  kind: SearchKind
  id: string
  visibility: SearchVisibility | null
}

export interface SearchHit {
  document: SearchDocument
  state: FundingState
  /** HTML-escaped text with matches wrapped in `<mark>…</mark>`. */
  highlight: { title: string; excerpt: string }
}

export interface SearchResult {
  query: string
  total: number
  page: number
  perPage: number
  hits: SearchHit[]
  facets: Partial<Record<FacetName, Record<string, number>>>
  /** A corrected query that finds something for this viewer, when the words typed had to be corrected. */
  suggestion: string | null
  /** No document holds all the words: the hits hold at least one of them (say so above the results). */
  partialMatch: boolean
}

export interface SearchSettings {
  /** Groups of equivalent terms (`["fse", "fse+", "fonds social européen"]`). */
  synonyms: string[][]
}

export interface SearchHealth {
  engine: 'sqlite' | 'meilisearch'
  ok: boolean
  documents: number
  error?: string
}

export interface SearchEngine {
  readonly name: 'sqlite' | 'meilisearch'
  /** Creates what the engine needs (idempotent); applies settings. */
  init(settings: SearchSettings): Promise<void>
  applySettings(settings: SearchSettings): Promise<void>
  upsert(documents: SearchDocument[]): Promise<void>
  remove(keys: { kind: SearchKind; id: string }[]): Promise<void>
  search(query: SearchQuery): Promise<SearchResult>
  /** Every indexed document key (`kind:id`), for the stale-document sweep of a full reindex. */
  listKeys(): Promise<string[]>
  health(): Promise<SearchHealth>
  /** Optional compaction after a full reindex. */
  optimize?(): Promise<void>
  /** Optional: load what the first query would otherwise load (called once the server listens). */
  warm?(): Promise<void>
}

export const DEFAULT_PER_PAGE = 20
export const MAX_PER_PAGE = 50

export function documentKey(document: { kind: SearchKind; id: string }): string {
  return `${document.kind}:${document.id}`
}

export function parseDocumentKey(key: string): { kind: SearchKind; id: string } {
  const index = key.indexOf(':')
  return { kind: key.slice(0, index) as SearchKind, id: key.slice(index + 1) }
}

export function clampPaging(query: Pick<SearchQuery, 'page' | 'perPage'>) {
  const perPage = Math.min(Math.max(Math.trunc(query.perPage ?? DEFAULT_PER_PAGE), 1), MAX_PER_PAGE)
  const page = Math.min(Math.max(Math.trunc(query.page ?? 1), 1), 1000)
  return { page, perPage, offset: (page - 1) * perPage }
}
