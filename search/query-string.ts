// The query string of a search page: zod-free, so /recherche links its facets and pages without loading the
// validation library in the browser (search.schema.ts reads the same keys).
import type { SearchParams } from './search.schema.ts'

export const LIST_KEYS = ['kind', 'type', 'territory', 'theme', 'programme', 'legalForm', 'state'] as const
/** « Validé par le réseau » in the page's query string (`?valide=1`); the API also reads `validated=true`. */
export const VALIDATED_KEY = 'valide'

/** The query string of a search (what the page links to: facets, pages, sorts). */
export function searchQueryString(params: Partial<SearchParams>): string {
  const out = new URLSearchParams()
  if (params.q) out.set('q', params.q)
  for (const key of LIST_KEYS) for (const v of params[key] ?? []) out.append(key, v)
  if (params.validated) out.set(VALIDATED_KEY, '1')
  if (params.sort && params.sort !== 'relevance') out.set('sort', params.sort)
  if (params.page && params.page > 1) out.set('page', String(params.page))
  if (params.perPage && params.perPage !== 20) out.set('perPage', String(params.perPage))
  const s = out.toString()
  return s ? `?${s}` : ''
}
