import { z } from 'zod'
import { FUNDING_STATES, MAX_PER_PAGE, SORTS, type SearchFilters } from './engine.ts'
import { LIST_KEYS, VALIDATED_KEY } from './query-string.ts'

export { searchQueryString } from './query-string.ts'

// Query-string parameters of /recherche and /api/v1/search. Several values of a filter are given by repeating the
// parameter (`?territory=lensois&territory=arrageois`) or separated by commas.

const MAX_VALUES = 20
const value = z.string().trim().min(1).max(100, 'Valeur trop longue (100 caractères au plus).')
const list = z.array(value).max(MAX_VALUES, `${MAX_VALUES} valeurs au plus.`)

export const searchParamsSchema = z.object({
  q: z.string().max(200, 'La recherche est limitée à 200 caractères.').default(''),
  kind: z.array(z.enum(['resource', 'structure', 'discussion', 'event'], { errorMap: () => ({ message: 'Type de contenu inconnu (resource, structure, discussion ou event).' }) })).max(4).default([]),
  type: list.default([]),
  territory: list.default([]),
  theme: list.default([]),
  programme: list.default([]),
  legalForm: list.default([]),
  state: z
    .array(z.enum(FUNDING_STATES as [string, ...string[]], { errorMap: () => ({ message: 'État inconnu.' }) }))
    .max(4)
    .default([]),
  // « Validé par le réseau »: `?valide=1` on the page, `validated=true` in the API (readSearchParams reads both).
  validated: z
    .enum(['1', 'true', '0', 'false'], { errorMap: () => ({ message: 'Valeur attendue pour « validé » : true ou false.' }) })
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  sort: z.enum(SORTS, { errorMap: () => ({ message: 'Tri inconnu (relevance, newest ou deadline).' }) }).default('relevance'),
  page: z.coerce
    .number({ invalid_type_error: 'Numéro de page invalide.' })
    .int('Numéro de page invalide.')
    .min(1, 'Numéro de page invalide.')
    .max(1000, 'Numéro de page invalide.')
    .default(1),
  perPage: z.coerce
    .number({ invalid_type_error: 'Nombre de résultats par page invalide.' })
    .int('Nombre de résultats par page invalide.')
    .min(1, `Entre 1 et ${MAX_PER_PAGE} résultats par page.`)
    .max(MAX_PER_PAGE, `Entre 1 et ${MAX_PER_PAGE} résultats par page.`)
    .default(20),
})

export type SearchParams = z.infer<typeof searchParamsSchema>

/** URLSearchParams → raw object for the schema (repeated and comma-separated values become arrays). */
export function readSearchParams(params: URLSearchParams): Record<string, unknown> {
  const raw: Record<string, unknown> = {}
  const q = params.getAll('q')
  if (q.length > 0) raw.q = q.join(' ')
  for (const key of LIST_KEYS) {
    const values = params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean)
    if (values.length > 0) raw[key] = [...new Set(values)]
  }
  for (const key of ['sort', 'page', 'perPage'] as const) {
    const v = params.get(key)
    if (v !== null && v.trim() !== '') raw[key] = v.trim()
  }
  const validated = params.get(VALIDATED_KEY) ?? params.get('validated')
  if (validated !== null && validated.trim() !== '') raw.validated = validated.trim().toLowerCase()
  return raw
}

export function parseSearchParams(params: URLSearchParams) {
  return searchParamsSchema.safeParse(readSearchParams(params))
}

/** The page is forgiving: an invalid parameter falls back to its default instead of failing the whole search. */
export function parseSearchParamsLeniently(params: URLSearchParams): SearchParams {
  const raw = readSearchParams(params)
  const result = searchParamsSchema.safeParse(raw)
  if (result.success) return result.data
  for (const issue of result.error.issues) delete raw[String(issue.path[0])]
  const retry = searchParamsSchema.safeParse(raw)
  return retry.success ? retry.data : searchParamsSchema.parse({})
}

export function filtersOf(params: SearchParams): SearchFilters {
  return {
    kind: params.kind as SearchFilters['kind'],
    type: params.type,
    territory: params.territory,
    theme: params.theme,
    programme: params.programme,
    legalForm: params.legalForm,
    state: params.state as SearchFilters['state'],
    validated: params.validated,
  }
}
