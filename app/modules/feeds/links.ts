import { PROGRAMMES } from '#app/modules/resources/labels.ts'

// The addresses of the public feeds (issue 17 item 6) and the `<link rel="alternate">` the list pages put in their
// <head>. Client-safe (no server import): route components and their `meta` use it.

export const RESOURCES_FEED_PATH = '/flux/ressources.atom'
export const CALLS_FEED_PATH = '/flux/appels.atom'
export const DEADLINES_FEED_PATH = '/flux/echeances.ics'

export const ATOM_TYPE = 'application/atom+xml'

export type Programme = (typeof PROGRAMMES)[number]

/** The filters a feed takes, as the query string names them on /ressources. */
export type FeedFilters = { type?: string; territory?: string; theme?: string; programme?: string }

/** « FSE+ » → `fse-plus`, « FEADER/LEADER » → `feader-leader`: the form of a programme written in feed addresses. */
export function programmeSlug(programme: string): string {
  return programme
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\+/g, '-plus')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * The programme a query value names, or null: the value itself (« FSE+ », any case, `%2B` or a `+` that the query
 * string turned into a space), its slug (`fse-plus`), or one part of a double name (« LEADER » for « FEADER/LEADER »).
 */
export function findProgramme(value: string): Programme | null {
  const candidates = new Set([value.trim(), value.replace(/ /g, '+').trim()].map((v) => v.toLowerCase()))
  for (const programme of PROGRAMMES) {
    const names = [programme.toLowerCase(), programmeSlug(programme), ...(programme.includes('/') ? programme.toLowerCase().split('/') : [])]
    if (names.some((name) => candidates.has(name))) return programme
  }
  return null
}

/** A feed's address with its filters, always in the same order (one filter set, one address, one feed id). */
export function feedHref(path: string, filters: FeedFilters = {}): string {
  const params = new URLSearchParams()
  if (filters.type) params.set('type', filters.type)
  if (filters.territory) params.set('territoire', filters.territory)
  if (filters.theme) params.set('theme', filters.theme)
  if (filters.programme) params.set('programme', programmeSlug(filters.programme))
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

/** The `meta` descriptor of `<link rel="alternate" type="application/atom+xml">` (Remix renders it in <head>). */
export function atomAlternate(title: string, href: string) {
  return { tagName: 'link', rel: 'alternate', type: ATOM_TYPE, title, href } as const
}
