import { type Executor, db } from '#db/client.server.ts'
import { listResources } from '#app/modules/resources/resources.server.ts'
import { listPublicStructures } from '#app/modules/structures/structures.server.ts'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { listGroups } from '#app/modules/groups/pages.server.ts'
import { eventPath } from '#app/modules/events/emails.server.ts'
import { listEvents } from '#app/modules/events/events.server.ts'
import { indexableSitePages } from './site-map.ts'
import { listPublishedPathways } from '#app/modules/pathways/pathways.server.ts'

// What search engines are told: /robots.txt (what not to crawl) and /sitemap.xml (the public pages).
//
// The sitemap never decides who may read what: it lists what the module list functions give an anonymous viewer
// (published, public, not deleted resources; structures, whose profiles are public), the public static pages of the
// site map, the upcoming public events, and the pages of the groups an anonymous visitor may open (the territory pages are their groups' pages). When the access layer centralises visibility, these calls follow it.

/** The sitemaps.org limit for one file. Beyond it a sitemap index would be needed; the newest resources come first. */
export const SITEMAP_MAX_URLS = 50_000

/** How long a built sitemap is served from memory: crawlers may ask often, the content changes slowly. */
export const SITEMAP_CACHE_MS = 5 * 60 * 1000

const BATCH = 1000

/**
 * Paths no crawler should follow: personal, administrative, technical and editing pages, search results (endless
 * combinations of a query), one-time links. Everything else is public and allowed.
 */
export const ROBOTS_DISALLOW: readonly string[] = [
  '/compte',
  '/admin',
  '/api/',
  '/dev/',
  '/ressources/nouvelle',
  '/ressources/*/modifier',
  '/ressources/*/brouillon',
  '/ressources/*/historique',
  '/structures/nouvelle',
  '/structures/*/modifier',
  '/structures/*/membres',
  '/groupes/*/membres',
  '/territoires/*/membres',
  '/recherche?',
  '/deconnexion',
  '/reinitialiser-mot-de-passe',
  '/confirmer-email',
  '/confirmation-email/',
  '/invitations/',
  '/signaler/',
  '/moderation',
]

export function buildRobotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    ...ROBOTS_DISALLOW.map((path) => `Disallow: ${path}`),
    '',
    `Sitemap: ${new URL('/sitemap.xml', origin).href}`,
    '',
  ].join('\n')
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

type SitemapEntry = { path: string; lastmod?: string | null }

/** ISO-8601 UTC to a W3C datetime without milliseconds (what sitemaps.org shows). */
function w3cDate(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Every public page, in the order: static pages, groups (territories first), resources (newest first), structures. */
export async function listSitemapEntries(options: { trx?: Executor; maxUrls?: number } = {}): Promise<SitemapEntry[]> {
  const trx = options.trx ?? db
  const max = options.maxUrls ?? SITEMAP_MAX_URLS
  const entries: SitemapEntry[] = indexableSitePages().map((page) => ({ path: page.path }))
  // Groups: those an anonymous visitor is shown and may open (public page, not hidden): territories, then thematic.
  for (const group of await listGroups(ANONYMOUS, { trx })) if (group.viewable) entries.push({ path: group.path })

  // Events: the upcoming ones an anonymous visitor finds in the agenda (public audience, cancelled ones included).
  for (const event of await listEvents({ viewer: ANONYMOUS, limit: BATCH, trx })) {
    if (event.visibility === 'public') entries.push({ path: eventPath(event), lastmod: event.updatedAt })
  }

  // Pathways: the published ones (public once published, pathways.policy.ts).
  for (const pathway of await listPublishedPathways(ANONYMOUS, { trx })) entries.push({ path: `/parcours/${encodeURIComponent(pathway.slug)}` })

  // Resources: exactly what an anonymous visitor finds in the lists.
  for (let page = 1, pageCount = 1; page <= pageCount && entries.length < max; page++) {
    const result = await listResources(ANONYMOUS, { page }, { pageSize: BATCH, trx })
    pageCount = result.pageCount
    if (result.page !== page) break
    for (const item of result.items) entries.push({ path: `/ressources/${encodeURIComponent(item.slug)}`, lastmod: item.updatedAt })
  }

  // Structures: their profiles are public (structures.policy.ts: `view` for anonymous).
  for (let offset = 0; entries.length < max; offset += BATCH) {
    const rows = await listPublicStructures({ limit: BATCH, offset, trx })
    for (const row of rows) entries.push({ path: `/structures/${encodeURIComponent(row.slug)}`, lastmod: row.updatedAt })
    if (rows.length < BATCH) break
  }
  return entries.slice(0, max)
}

export function renderSitemap(origin: string, entries: SitemapEntry[]): string {
  const urls = entries.map((entry) => {
    const loc = `<loc>${escapeXml(new URL(entry.path, origin).href)}</loc>`
    const lastmod = entry.lastmod ? `<lastmod>${w3cDate(entry.lastmod)}</lastmod>` : ''
    return `<url>${loc}${lastmod}</url>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
}

let cached: { origin: string; expiresAt: number; xml: Promise<string> } | null = null

/** The sitemap of the site at `origin`, built at most once per SITEMAP_CACHE_MS. */
export function getSitemapXml(origin: string, now = Date.now()): Promise<string> {
  if (cached && cached.origin === origin && cached.expiresAt > now) return cached.xml
  const xml = listSitemapEntries().then((entries) => renderSitemap(origin, entries))
  cached = { origin, expiresAt: now + SITEMAP_CACHE_MS, xml }
  // A failed build is not kept: the next request tries again.
  xml.catch(() => {
    if (cached?.xml === xml) cached = null
  })
  return xml
}

/** Forgets the built sitemap (tests, or after a bulk import). */
export function clearSitemapCache() {
  cached = null
}
