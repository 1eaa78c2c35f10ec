import type { Viewer } from '#app/modules/auth/viewer.ts'
import { analyze } from '#search/analysis.ts'
import { parseSearchParamsLeniently } from '#search/search.schema.ts'
import type { FollowKind } from './follows.ts'

// Who may follow what, and what a saved search matches (issue 17 §3). Pure: no database.
//
// A person with a confirmed address follows what they may read (the caller says whether they may: the target's own
// policy). A saved search is the query and filters of /recherche's URL, normalised so that the same search is one
// follow whatever the order of its parameters, its page or its sort.

/** May this viewer follow a target they may (`readable`) or may not read? */
export function mayFollow(viewer: Viewer, readable: boolean): boolean {
  return viewer.kind === 'person' && viewer.verified && readable
}

/** The filters a saved search keeps (the page's, without sort and paging). */
export const SAVED_SEARCH_KEYS = ['kind', 'type', 'territory', 'theme', 'programme', 'legalForm', 'state'] as const
type SavedKey = (typeof SAVED_SEARCH_KEYS)[number]

export type SavedSearch = { q: string } & Record<SavedKey, string[]>

/**
 * The normalised form of a /recherche query string: the query in lower case with single spaces, each filter's values
 * deduplicated and sorted, sort and page dropped. Null when nothing is left to follow (no words, no filter).
 */
export function normaliseSavedSearch(query: string | URLSearchParams): { key: string; search: SavedSearch } | null {
  const params = parseSearchParamsLeniently(typeof query === 'string' ? new URLSearchParams(query.replace(/^\?/, '')) : query)
  const search = { q: params.q.trim().replace(/\s+/g, ' ').toLowerCase() } as SavedSearch
  for (const key of SAVED_SEARCH_KEYS) search[key] = [...new Set(params[key] as string[])].sort()
  const out = new URLSearchParams()
  if (search.q) out.set('q', search.q)
  for (const key of SAVED_SEARCH_KEYS) for (const value of search[key]) out.append(key, value)
  const key = out.toString()
  return key ? { key, search } : null
}

/** A saved search back from its key. */
export function savedSearchOf(key: string): SavedSearch {
  return normaliseSavedSearch(key)?.search ?? ({ q: '', kind: [], type: [], territory: [], theme: [], programme: [], legalForm: [], state: [] } as SavedSearch)
}

/** What a newly published resource shows of itself to saved searches. */
export type MatchableResource = {
  type: string
  territory: string
  themes: readonly string[]
  programme: string | null
  text: string
}

/**
 * Does a newly published resource match a saved search? Each filter given must hold (a resource is of kind
 * `resource`; a funding state filter matches funding calls, whose state the search computes: here any call); every
 * word of the query must start a word of the resource's title, summary or body (the search's stems, no synonyms).
 */
export function matchesSavedSearch(search: SavedSearch, resource: MatchableResource): boolean {
  if (search.kind.length > 0 && !search.kind.includes('resource')) return false
  if (search.type.length > 0 && !search.type.includes(resource.type)) return false
  if (search.territory.length > 0 && !search.territory.includes(resource.territory)) return false
  if (search.theme.length > 0 && !search.theme.some((t) => resource.themes.includes(t))) return false
  if (search.programme.length > 0 && (resource.programme === null || !search.programme.includes(resource.programme))) return false
  if (search.state.length > 0 && resource.type !== 'financement-europeen') return false
  if (search.legalForm.length > 0 && resource.type !== 'financement-europeen') return false
  const words = analyze(search.q).filter((w) => w.length > 1)
  if (words.length === 0) return true
  const stems = analyze(resource.text)
  return words.every((w) => stems.some((s) => s.startsWith(w)))
}

/** The French description of a saved search (the abonnements page): « « tiers-lieu » · Arrageois, Financement ». */
export function describeSavedSearch(search: SavedSearch, labels: (key: SavedKey, value: string) => string = (_k, v) => v): string {
  const parts: string[] = []
  if (search.q) parts.push(`« ${search.q} »`)
  const filters = SAVED_SEARCH_KEYS.flatMap((key) => search[key].map((value) => labels(key, value)))
  if (filters.length > 0) parts.push(filters.join(', '))
  return parts.join(' · ')
}

export type FollowTarget = { kind: FollowKind; key: string }
