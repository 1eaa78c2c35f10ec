import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { MAIN_SECTIONS } from '#app/components/site-shell.tsx'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { SITE_PAGES, SITE_SECTIONS, indexableSitePages, territoryPath, visibleSitePages } from './site-map.ts'

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../routes')

type RouteFile = { file: string; segments: string[]; source: string }

/** Splits a flat-routes file name on the dots that are not escaped in [brackets]. */
function splitRouteName(name: string): string[] {
  const parts: string[] = []
  let current = ''
  let escaped = false
  for (const char of name) {
    if (char === '[') escaped = true
    else if (char === ']') escaped = false
    else if (char === '.' && !escaped) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts
}

/** The URL segments of a route name: `_index` and pathless `_layout` segments add none, a trailing `_` is dropped. */
function urlSegments(name: string): string[] {
  return splitRouteName(name)
    .filter((segment) => segment !== '_index' && !(segment.startsWith('_') && segment.length > 1))
    .map((segment) => segment.replace(/_$/, ''))
}

/** The route modules of app/routes (Remix v2 flat routes: `a.b.tsx` files and `a.b/route.tsx` folders). */
function readRouteFiles(): RouteFile[] {
  const files: RouteFile[] = []
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    let name: string
    let file: string
    if (entry.isDirectory()) {
      const route = ['route.tsx', 'route.ts'].find((f) => fs.existsSync(path.join(ROUTES_DIR, entry.name, f)))
      if (!route) continue
      name = entry.name
      file = path.join(entry.name, route)
    } else {
      if (!/\.(tsx|ts)$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue
      name = entry.name.replace(/\.(tsx|ts)$/, '')
      file = entry.name
    }
    files.push({ file, segments: urlSegments(name), source: fs.readFileSync(path.join(ROUTES_DIR, file), 'utf8') })
  }
  return files
}

function matches(route: RouteFile, urlPath: string): boolean {
  const parts = urlPath.split('/').filter(Boolean)
  const { segments } = route
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    if (segment === '$') return i < parts.length
    if (i >= parts.length) return false
    if (segment.startsWith('$')) continue
    if (decodeURIComponent(parts[i]) !== segment) return false
  }
  return segments.length === parts.length
}

/** The page route serving a path, the 404 catch-all (`$.tsx`) excepted. */
function resolvePage(urlPath: string, routes: RouteFile[]): RouteFile | undefined {
  return routes.find((route) => !(route.segments.length === 1 && route.segments[0] === '$') && matches(route, urlPath))
}

describe('site map', () => {
  const routes = readRouteFiles()

  test('the route reader understands the conventions it relies on', () => {
    const fake = (name: string): RouteFile => ({ file: name, segments: urlSegments(name), source: '' })
    expect(matches(fake('_index'), '/')).toBe(true)
    expect(matches(fake('territoires.$slug'), '/territoires/artois')).toBe(true)
    expect(matches(fake('territoires.$slug'), '/territoires')).toBe(false)
    expect(matches(fake('territoires._index'), '/territoires')).toBe(true)
    expect(matches(fake('_auth.connexion'), '/connexion')).toBe(true)
    expect(matches(fake('robots[.]txt'), '/robots.txt')).toBe(true)
    expect(matches(fake('charte'), '/charte/x')).toBe(false)
  })

  test('every listed page resolves to a page route in app/routes', () => {
    const missing = SITE_PAGES.filter((page) => {
      const route = resolvePage(page.path, routes)
      return !route || !/export default/.test(route.source)
    }).map((page) => page.path)
    expect(missing).toEqual([])
  })

  test('every entry of the header navigation is in the site map (RGAA 12.x: the site map covers the main sections)', () => {
    const listed = SITE_PAGES.map((page) => page.path)
    expect(MAIN_SECTIONS.length).toBeGreaterThan(0)
    expect(MAIN_SECTIONS.map((section) => section.to).filter((path) => !listed.includes(path))).toEqual([])
    // The account links of the header too (signed in: Mon compte; signed out: connexion and sign-up).
    for (const path of ['/compte', '/connexion', '/inscription']) expect(listed).toContain(path)
  })

  test('the main sections of the network are listed, and the legal pages', () => {
    const listed = SITE_PAGES.map((page) => page.path)
    for (const path of ['/ressources', '/structures', '/recherche', '/territoires', '/charte']) expect(listed).toContain(path)
    for (const path of ['/conditions-utilisation', '/mentions-legales', '/accessibilite', '/donnees-personnelles', '/plan-du-site']) {
      expect(listed).toContain(path)
    }
  })

  test('indexable pages are the pages open to anyone, not the account pages', () => {
    const indexable = indexableSitePages().map((page) => page.path)
    expect(indexable).toContain('/ressources')
    expect(indexable).toContain('/conditions-utilisation')
    for (const path of ['/compte', '/compte/profil', '/connexion', '/inscription', '/ressources/nouvelle']) expect(indexable).not.toContain(path)
  })

  test('every territory page resolves too', async () => {
    const territories = await listTerritories()
    expect(territories).toHaveLength(9)
    for (const territory of territories) {
      // The territory page is the index tab of its group's layout (territoires.$slug.tsx).
      expect(resolvePage(territoryPath(territory.slug), routes)?.file, territory.slug).toBe('territoires.$slug._index.tsx')
    }
  })

  test('paths are unique, local and in a known section', () => {
    const paths = SITE_PAGES.map((page) => page.path)
    expect(new Set(paths).size).toBe(paths.length)
    for (const page of SITE_PAGES) {
      expect(page.path).toMatch(/^\/[a-z0-9\-/]*$/)
      expect(SITE_SECTIONS).toContain(page.section)
    }
  })

  test('sign-in pages are hidden from members, member pages are listed for everyone', () => {
    const member = visibleSitePages({ signedIn: true }).map((p) => p.path)
    const anonymous = visibleSitePages({ signedIn: false }).map((p) => p.path)
    expect(member).toContain('/compte')
    expect(member).not.toContain('/connexion')
    expect(anonymous).toContain('/connexion')
    expect(anonymous).toContain('/compte')
  })
})
