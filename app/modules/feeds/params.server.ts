import { RESOURCE_TYPE_LABELS, RESOURCE_TYPES, type ResourceTypeValue, TERRITORY_DEPARTEMENT, PROGRAMMES } from '#app/modules/resources/labels.ts'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { findProgramme, type Programme } from './links.ts'

// The query string of a feed: the parameters of /ressources (`type`, `territoire`, `theme`, same values) plus
// `programme` for the funding calls. Unlike /ressources, which ignores what it does not know, a feed refuses a bad
// value: a subscription must not silently become « everything ». An empty value is no filter (the /ressources form
// sends `type=` for « Tous les types »); other parameters are ignored (a reader's tracking tags).

export type FeedParameter = 'type' | 'territoire' | 'theme' | 'programme'

export type FeedQuery = {
  type?: ResourceTypeValue
  territory?: string
  territoryName?: string
  theme?: string
  themeName?: string
  programme?: Programme
}

export type ParsedFeedQuery = { ok: true; query: FeedQuery } | { ok: false; issues: Record<string, string> }

const MESSAGES: Record<FeedParameter, string> = {
  type: `Type inconnu : ${RESOURCE_TYPES.join(', ')}.`,
  territoire: 'Territoire inconnu : son identifiant est celui de la liste des ressources (par exemple « arrageois »).',
  theme: 'Thématique inconnue : son identifiant est celui de la liste des ressources (par exemple « financement »).',
  programme: `Programme inconnu : ${PROGRAMMES.join(', ')}.`,
}

export async function parseFeedQuery(url: URL, accepted: readonly FeedParameter[]): Promise<ParsedFeedQuery> {
  const issues: Record<string, string> = {}
  const values: Partial<Record<FeedParameter, string>> = {}
  for (const key of accepted) {
    const all = url.searchParams.getAll(key)
    if (all.length > 1) issues[key] = 'Ce paramètre ne peut être donné qu’une fois.'
    // Kept as given for `programme`: a trailing space is the « + » of « FSE+ » that the query string decoded.
    else if (all.length === 1 && all[0].trim() !== '') values[key] = key === 'programme' ? all[0] : all[0].trim()
  }
  const query: FeedQuery = {}
  if (values.type !== undefined) {
    const type = RESOURCE_TYPES.find((t) => t === values.type)
    if (type) query.type = type
    else issues.type = MESSAGES.type
  }
  if (values.territoire !== undefined) {
    const territories = await listTerritories()
    const found =
      values.territoire === TERRITORY_DEPARTEMENT
        ? { slug: TERRITORY_DEPARTEMENT, name: 'Tout le Pas-de-Calais' }
        : territories.find((t) => t.slug === values.territoire)
    if (found) Object.assign(query, { territory: found.slug, territoryName: found.name })
    else issues.territoire = MESSAGES.territoire
  }
  if (values.theme !== undefined) {
    const found = (await listThemes()).find((t) => t.slug === values.theme)
    if (found) Object.assign(query, { theme: found.slug, themeName: found.name })
    else issues.theme = MESSAGES.theme
  }
  if (values.programme !== undefined) {
    const programme = findProgramme(values.programme)
    if (programme) query.programme = programme
    else issues.programme = MESSAGES.programme
  }
  return Object.keys(issues).length > 0 ? { ok: false, issues } : { ok: true, query }
}

/** What the filters say, for a feed's title: « Formation · Arrageois · Financement ». */
export function describeQuery(query: FeedQuery): string {
  return [query.type ? RESOURCE_TYPE_LABELS[query.type] : null, query.programme ?? null, query.territoryName ?? null, query.themeName ?? null]
    .filter((part): part is string => part !== null)
    .join(' · ')
}
