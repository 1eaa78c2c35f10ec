import { foldText } from './text.ts'

// The one slug function of the site (structures, resources, people's profiles, imports): the folded text, words
// joined by hyphens, cut at a word-safe length. It never returns a word the routes use as a path segment.

/**
 * Path segments of the routes (/structures/nouvelle, /ressources/:slug/modifier, …/membres, …/brouillon,
 * …/historique, …/logo): a slug equal to one of them would be shadowed by the route or be confusing.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'nouvelle',
  'nouveau',
  'modifier',
  'membres',
  'brouillon',
  'historique',
  'logo',
  'supprimer',
  'csv',
])

export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug)
}

/**
 * The slug of `text`: folded (no accents, lower case), hyphens between words, at most `maxLength` characters. Empty
 * text gives `fallback`; a reserved word gets `-fallback` appended (« Nouvelle » → `nouvelle-structure`).
 */
export function slugify(text: string, fallback: string, maxLength = 60): string {
  const slug = foldText(text).replace(/ /g, '-').slice(0, maxLength).replace(/-+$/, '')
  if (!slug) return fallback
  return isReservedSlug(slug) ? `${slug}-${fallback}` : slug
}
