import { FRENCH_STOP_WORDS } from '../analysis.ts'
import type { FacetName, FundingState, PendingAccess, SearchAccess, SearchFilters, SearchKind } from '../engine.ts'

// Pure parts of the Meilisearch engine (unit tested without a server): filter expressions with escaped values,
// index settings, synonyms.

/** A Meilisearch filter string literal: double quotes, with `\` and `"` escaped. */
export function quoteValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** Document attribute behind each facet (state is computed from the opening and deadline instants). */
export const FACET_ATTRIBUTES: Record<Exclude<FacetName, 'state'>, string> = {
  kind: 'kind',
  type: 'type',
  territory: 'territory',
  theme: 'themes',
  programme: 'programme',
  legalForm: 'legalForms',
  validated: 'validated',
}

/**
 * The rule of search/funding-state.ts (`fundingStateAt`) as a filter on the stored instants (`openingTs`,
 * `deadlineTs`, milliseconds): `now` is an instant in milliseconds. Keep both in step; the contract suite holds them.
 */
export function stateFilter(state: FundingState, now: number): string {
  const notUpcoming = `(openingTs IS NULL OR openingTs <= ${now})`
  switch (state) {
    case 'none':
      return '(openingTs IS NULL AND deadlineTs IS NULL)'
    case 'upcoming':
      return `(openingTs > ${now})`
    case 'closed':
      return `(${notUpcoming} AND deadlineTs <= ${now})`
    case 'open':
      return `((openingTs IS NOT NULL OR deadlineTs IS NOT NULL) AND ${notUpcoming} AND (deadlineTs IS NULL OR deadlineTs > ${now}))`
  }
}

/** A document's primary key in Meilisearch (letters, digits, `-` and `_` only). */
export function meiliKey(document: { kind: SearchKind; id: string }): string {
  return `${document.kind}-${document.id}`.replace(/[^a-zA-Z0-9_-]/g, '_')
}

/**
 * What the viewer may see (`SearchAccess`), as a filter: its visibilities; for `group`, only its groups' documents
 * (every group's with `allGroups`); and the documents it owns, by key.
 */
export function permissionFilter(access: SearchAccess): string {
  const parts = access.visibilities.filter((v) => v !== 'group').map((v) => `visibility = ${quoteValue(v)}`)
  if (access.visibilities.includes('group') && access.allGroups) parts.push('visibility = "group"')
  else if (access.visibilities.includes('group') && access.groupIds.length > 0) {
    parts.push(`(visibility = "group" AND groupIds IN [${access.groupIds.map(quoteValue).join(', ')}])`)
  }
  if (access.documents?.length) parts.push(`key IN [${access.documents.map((d) => quoteValue(meiliKey(d))).join(', ')}]`)
  // Nothing allowed: a filter no document matches (an empty OR is not valid Meilisearch syntax).
  if (parts.length === 0) return '(visibility IS NULL AND visibility IS NOT NULL)'
  return `(${parts.join(' OR ')})`
}

/** The filter of a search: permissions AND each active facet filter (values of one facet OR-ed), minus `except`. */
export function buildFilter(access: SearchAccess, filters: SearchFilters, now: number, except?: FacetName): string {
  const clauses = [permissionFilter(access)]
  for (const [name, values] of Object.entries(filters) as [FacetName, string[] | boolean | undefined][]) {
    if (name === except) continue
    // « Validé par le réseau » only; `false` is no filter (not « not validated »).
    if (name === 'validated') {
      if (values === true) clauses.push('validated = true')
      continue
    }
    if (!Array.isArray(values) || values.length === 0) continue
    if (name === 'state') {
      clauses.push(`(${(values as FundingState[]).map((s) => stateFilter(s, now)).join(' OR ')})`)
    } else {
      clauses.push(`${FACET_ATTRIBUTES[name]} IN [${values.map(quoteValue).join(', ')}]`)
    }
  }
  return clauses.join(' AND ')
}

/**
 * The hits' re-check applied to every match (`SearchQuery.pending`): a document whose update is pending counts only
 * if the database lets this viewer see it and the index has its current visibility. `keyOf` is the engine's key.
 * Empty when nothing is pending.
 */
export function pendingFilter(pending: readonly PendingAccess[] | undefined, keyOf: (key: PendingAccess) => string): string {
  if (!pending || pending.length === 0) return ''
  const byVisibility = new Map<string | null, string[]>()
  for (const entry of pending) byVisibility.set(entry.visibility, [...(byVisibility.get(entry.visibility) ?? []), quoteValue(keyOf(entry))])
  const clauses: string[] = []
  for (const [visibility, keys] of byVisibility) {
    clauses.push(
      visibility === null
        ? `NOT key IN [${keys.join(', ')}]`
        : `NOT (key IN [${keys.join(', ')}] AND NOT visibility = ${quoteValue(visibility)})`,
    )
  }
  return ` AND ${clauses.join(' AND ')}`
}

/** Meilisearch synonyms are one-way lists: each term of a group maps to every other term of it. */
export function synonymsMap(groups: string[][]): Record<string, string[]> {
  const map: Record<string, string[]> = {}
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => t.trim().toLowerCase()).filter(Boolean))]
    for (const term of terms) {
      map[term] = [...new Set([...(map[term] ?? []), ...terms.filter((t) => t !== term)])]
    }
  }
  return map
}

export function indexSettings(synonyms: string[][]) {
  return {
    searchableAttributes: ['title', 'summary', 'extra', 'body'],
    filterableAttributes: [
      'key',
      'kind',
      'type',
      'territory',
      'themes',
      'programme',
      'legalForms',
      'visibility',
      'groupIds',
      'openingTs',
      'deadlineTs',
      'validated',
    ],
    sortableAttributes: ['publishedTs', 'deadlineTs'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedTs:desc'],
    stopWords: [...FRENCH_STOP_WORDS].sort(),
    synonyms: synonymsMap(synonyms),
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: 100_000 },
    faceting: { maxValuesPerFacet: 200 },
  }
}

/** Whether the server's settings already hold every value we want (order-insensitive for sets). */
export function settingsMatch(current: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  const normalise = (key: string, value: unknown): unknown => {
    if (Array.isArray(value) && key !== 'searchableAttributes' && key !== 'rankingRules') return [...value].sort()
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, normalise(k, (value as Record<string, unknown>)[k])]),
      )
    }
    return value
  }
  return Object.keys(wanted).every((key) => {
    const want = normalise(key, wanted[key])
    const have = normalise(key, current[key])
    return JSON.stringify(subset(have, want)) === JSON.stringify(want)
  })
}

function subset(have: unknown, want: unknown): unknown {
  if (want && typeof want === 'object' && !Array.isArray(want) && have && typeof have === 'object') {
    return Object.fromEntries(Object.keys(want).map((k) => [k, subset((have as any)[k], (want as any)[k])]))
  }
  return have
}
