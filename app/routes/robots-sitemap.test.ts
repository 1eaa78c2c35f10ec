import { actorOf } from '#tests/factories/structures.ts'
import { beforeEach, describe, expect, test } from 'vitest'
import { createTestEvent } from '#tests/factories/events.ts'
import { createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet } from '#tests/helpers/remix-app.ts'
import { changeResourceStatus, deleteResource } from '#app/modules/resources/resources.server.ts'
import { clearSitemapCache, escapeXml, getSitemapXml, renderSitemap } from '#app/modules/site/sitemap.server.ts'
import * as robots from './robots[.]txt.ts'
import * as sitemap from './sitemap[.]xml.ts'

const app = createTestApp({
  'routes/robots[.]txt': { path: 'robots.txt', module: robots },
  'routes/sitemap[.]xml': { path: 'sitemap.xml', module: sitemap },
})

const ORIGIN = 'http://localhost:3000'

/** The <loc> values of a sitemap, unescaped. */
function locations(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'))
}

beforeEach(() => clearSitemapCache())

describe('/robots.txt', () => {
  test('allows public pages, disallows account, admin, API, dev and editing pages, points to the sitemap', async () => {
    const response = await app(pageGet('/robots.txt'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const text = await response.text()
    const lines = text.split('\n')
    expect(lines[0]).toBe('User-agent: *')
    expect(lines).toContain('Allow: /')
    for (const path of ['/compte', '/admin', '/api/', '/dev/', '/ressources/nouvelle', '/ressources/*/modifier', '/structures/*/modifier']) {
      expect(lines).toContain(`Disallow: ${path}`)
    }
    // Public sections stay crawlable.
    for (const path of ['/', '/ressources', '/structures', '/territoires', '/charte']) expect(lines).not.toContain(`Disallow: ${path}`)
    // An absolute address, from PUBLIC_URL.
    expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`)
  })
})

describe('/sitemap.xml', () => {
  test('lists published public resources only: never members-only, drafts, deleted or unpublished ones', async () => {
    const author = await createTestUser()
    const published = await createTestResource({ author, overrides: { title: 'Ressource publique du plan' } })
    const membersOnly = await createTestResource({ author, visibility: 'members', overrides: { title: 'Ressource réservée aux membres' } })
    const draft = await createTestResource({ author, status: 'draft', overrides: { title: 'Brouillon du plan' } })
    const deleted = await createTestResource({ author, overrides: { title: 'Ressource supprimée du plan' } })
    await deleteResource({ id: deleted.id, actor: await actorOf(author) })
    const unpublished = await createTestResource({ author, overrides: { title: 'Ressource remise en brouillon' } })
    expect(await changeResourceStatus({ id: unpublished.id, change: 'unpublish', actor: await actorOf(author) })).not.toBeNull()

    const response = await app(pageGet('/sitemap.xml'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('public, max-age=300')
    const xml = await response.text()
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).toBe(true)
    const locs = locations(xml)
    expect(locs).toContain(`${ORIGIN}/ressources/${published.slug}`)
    for (const hidden of [membersOnly, draft, deleted, unpublished]) expect(locs, hidden.title).not.toContain(`${ORIGIN}/ressources/${hidden.slug}`)
    // Every resource address listed is one an anonymous visitor can open: nothing else of this author leaks.
    const ownSlugs = [published, membersOnly, draft, deleted, unpublished].map((r) => `${ORIGIN}/ressources/${r.slug}`)
    expect(locs.filter((loc) => ownSlugs.includes(loc))).toEqual([`${ORIGIN}/ressources/${published.slug}`])
    // With the date of its last change.
    const entry = new RegExp(`<url><loc>${ORIGIN}/ressources/${published.slug}</loc><lastmod>(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)</lastmod></url>`).exec(xml)
    expect(entry?.[1]).toBe(new Date(published.updatedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'))
  })

  test('lists the public static pages, the territories and the structures, not the account pages', async () => {
    const { structure } = await createTestStructure()
    const locs = locations(await (await app(pageGet('/sitemap.xml'))).text())
    for (const path of ['/', '/ressources', '/structures', '/territoires', '/recherche', '/charte', '/conditions-utilisation', '/mentions-legales', '/accessibilite', '/donnees-personnelles', '/plan-du-site']) {
      expect(locs).toContain(`${ORIGIN}${path === '/' ? '/' : path}`)
    }
    expect(locs.filter((loc) => /\/territoires\/[a-z-]+$/.test(loc))).toHaveLength(9)
    expect(locs).toContain(`${ORIGIN}/structures/${structure.slug}`)
    for (const path of ['/compte', '/compte/profil', '/connexion', '/inscription', '/ressources/nouvelle', '/structures/nouvelle']) {
      expect(locs).not.toContain(`${ORIGIN}${path}`)
    }
    // Every address is absolute, on the site's origin, and appears once.
    expect(locs.every((loc) => loc.startsWith(`${ORIGIN}/`))).toBe(true)
    expect(new Set(locs).size).toBe(locs.length)
  })

  test('lists /groupes and the public groups only: no members-only or hidden group, no members tab', async () => {
    const open = await createTestGroup()
    const membersOnly = await createTestGroup({ pageVisibility: 'members' })
    const hidden = await createTestGroup({ hidden: true })
    const locs = locations(await (await app(pageGet('/sitemap.xml'))).text())
    expect(locs).toContain(`${ORIGIN}/groupes`)
    expect(locs).toContain(`${ORIGIN}/groupes/${open.slug}`)
    for (const group of [membersOnly, hidden]) expect(locs.filter((loc) => loc.includes(group.slug))).toEqual([])
    expect(locs.filter((loc) => loc.endsWith('/membres'))).toEqual([])
    const robotsTxt = await (await app(pageGet('/robots.txt'))).text()
    expect(robotsTxt).toContain('Disallow: /groupes/*/membres')
    expect(robotsTxt).toContain('Disallow: /territoires/*/membres')
  })

  test('lists /agenda and the upcoming public events only: no members-only, group-only or past event', async () => {
    const group = await createTestGroup()
    const open = await createTestEvent({ groupId: group.id })
    const membersOnly = await createTestEvent({ groupId: group.id, visibility: 'members' })
    const groupOnly = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id] })
    const past = await createTestEvent({ groupId: group.id, startsAt: '2024-03-07T08:00:00Z', endsAt: '2024-03-07T11:00:00Z' })
    const locs = locations(await (await app(pageGet('/sitemap.xml'))).text())
    expect(locs).toContain(`${ORIGIN}/agenda`)
    expect(locs).toContain(`${ORIGIN}/agenda/${open.id}`)
    for (const event of [membersOnly, groupOnly, past]) expect(locs.filter((loc) => loc.includes(event.id))).toEqual([])
  })

  test('valid XML: addresses are escaped', () => {
    expect(escapeXml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;')
    const xml = renderSitemap(ORIGIN, [{ path: '/ressources?type=a&tri=b' }, { path: '/x', lastmod: '2026-12-01T08:30:00.123Z' }])
    expect(xml).toContain('<loc>http://localhost:3000/ressources?type=a&amp;tri=b</loc>')
    expect(xml).toContain('<url><loc>http://localhost:3000/x</loc><lastmod>2026-12-01T08:30:00Z</lastmod></url>')
    // No raw ampersand or angle bracket inside an element.
    expect(xml.replace(/<[^>]+>/g, '')).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)|[<>]/)
  })

  test('built at most once per five minutes, then rebuilt', async () => {
    const author = await createTestUser()
    const first = await getSitemapXml(ORIGIN, 1_000)
    const later = await createTestResource({ author, overrides: { title: 'Ressource publiée après le premier plan' } })
    expect(await getSitemapXml(ORIGIN, 1_000 + 60_000)).toBe(first)
    const rebuilt = await getSitemapXml(ORIGIN, 1_000 + 6 * 60_000)
    expect(locations(rebuilt)).toContain(`${ORIGIN}/ressources/${later.slug}`)
  })
})
