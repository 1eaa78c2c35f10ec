import fs from 'node:fs'
import path from 'node:path'
import type SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getSqlite } from '#db/client.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { type CrawlRoute, fillPattern, loadAppRoutes, openReadOnly, paramsOf, serveApp, tableChecksums } from './crawl-app.ts'
import { type CrawlData, VIEWERS, createCrawlData } from './crawl-data.ts'

// Issue 18, item 7: the security crawl. Every route of the app (derived from app/routes by Remix's own flat-routes
// function, dynamic segments filled with real ids and slugs of this database) × every method × four kinds of viewer,
// through server.ts's Express application (security headers, method and origin checks, Remix) served on a port:
// (a) every HTML answer is under an enforced CSP whose nonce marks every <script>; (b) a cross-site POST gets 403 on
// every action route; (c) what one may not see is a 404 that does not name it; (d) no GET changes the database.

const EVIL = 'https://evil.example'
type Reply = { status: number; headers: Headers; body: string }

let app: Awaited<ReturnType<typeof serveApp>>
let routes: CrawlRoute[]
let data: CrawlData
let sqlite: SQLite.Database

beforeAll(async () => {
  // A database of its own, copied from the migrated template: the demo data and the crawl's people do not stay in
  // the worker's database for the test files that run after this one (tests/setup/worker-db.ts sets DATA_DIR again
  // before each file).
  const root = process.env.ESSAIM_TEST_DIR
  if (!root) throw new Error('ESSAIM_TEST_DIR is not set: run the tests through vitest')
  const dataDir = fs.mkdtempSync(path.join(root, 'crawl-'))
  fs.mkdirSync(path.join(dataDir, 'uploads'))
  fs.copyFileSync(path.join(root, 'template', 'essaim.sqlite'), path.join(dataDir, 'essaim.sqlite'))
  process.env.DATA_DIR = dataDir
  resetEnvCache()
  const loaded = await loadAppRoutes()
  routes = loaded.routes
  data = await createCrawlData()
  app = await serveApp(loaded.build)
  sqlite = openReadOnly()
  if (getSqlite().name !== path.join(dataDir, 'essaim.sqlite')) throw new Error(`The app uses ${getSqlite().name}, not the crawl's database`)
  // The set-up's own after-commit work (the email outbox drains in a microtask) is over before anything is compared.
  let previous = tableChecksums(sqlite)
  for (let tries = 0; ; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 150))
    const now = tableChecksums(sqlite)
    if ([...now].every(([table, sum]) => previous.get(table) === sum)) break
    if (tries > 30) throw new Error('The database keeps changing after the set-up')
    previous = now
  }
}, 120_000)

afterAll(async () => {
  sqlite?.close()
  await app?.close()
})

async function send(url: string, options: { method?: string; cookie?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36', ...options.headers }
  if (options.cookie) headers.cookie = options.cookie
  const response = await fetch(`${app.origin}${url}`, { method: options.method ?? 'GET', headers, body: options.body, redirect: 'manual' })
  return { status: response.status, headers: response.headers, body: await response.text() }
}

/** Every route's address, its dynamic segments filled; a route without a filler fails the crawl. */
function addresses(): { route: CrawlRoute; url: string }[] {
  return routes.map((route) => {
    const params = paramsOf(route.pattern)
    if (params.length === 0) return { route, url: route.pattern }
    const filler = data.fillers[route.pattern]
    if (!filler) throw new Error(`Route ${route.pattern} (${route.ids.join(', ')}): no filler in tests/security/crawl-data.ts`)
    return { route, url: fillPattern(route.pattern, filler) }
  })
}

/** Runs `task` over `items`, a few at a time (the server is in this process: its work and ours share one core). */
async function pool<T>(items: readonly T[], size: number, task: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await task(items[next++])
    }),
  )
}

/** Checks an HTML answer's policy; returns whether it was HTML. */
function checkHtmlPolicy(where: string, reply: Reply, problems: string[]): boolean {
  if (!(reply.headers.get('content-type') ?? '').startsWith('text/html')) return false
  const csp = reply.headers.get('content-security-policy')
  if (!csp) {
    problems.push(`${where}: HTML sans Content-Security-Policy`)
    return true
  }
  if (reply.headers.get('content-security-policy-report-only')) problems.push(`${where}: CSP en Report-Only`)
  const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1]
  if (!nonce) {
    problems.push(`${where}: CSP sans nonce de script (${csp})`)
    return true
  }
  if (/script-src[^;]*'unsafe-inline'/.test(csp)) problems.push(`${where}: script-src permet 'unsafe-inline'`)
  for (const tag of reply.body.match(/<script\b[^>]*>/gi) ?? []) {
    if (!tag.includes(`nonce="${nonce}"`)) problems.push(`${where}: <script> sans le nonce de la réponse : ${tag.slice(0, 120)}`)
  }
  if (/<[a-z][^>]*\son[a-z]+=/i.test(reply.body.replace(/<script\b[\s\S]*?<\/script>/gi, ''))) problems.push(`${where}: attribut on…= dans le HTML`)
  return true
}

describe('security crawl', () => {
  test('every route of app/routes is crawled, every dynamic segment has a filler', () => {
    expect(routes.length).toBeGreaterThan(80)
    const missing = routes.filter((r) => paramsOf(r.pattern).length > 0 && !data.fillers[r.pattern]).map((r) => r.pattern)
    expect(missing, 'routes sans valeurs pour leurs segments dynamiques').toEqual([])
    const stale = Object.keys(data.fillers).filter((pattern) => !routes.some((r) => r.pattern === pattern))
    expect(stale, 'valeurs pour des routes qui n’existent plus').toEqual([])
    // A resource route without a loader answers a GET with Remix's 400 « Unexpected Server Error » and an error in
    // the log: those that only receive POSTs export postOnlyLoader (405 in French).
    expect(routes.filter((r) => r.hasAction && !r.isPage && !r.hasLoader).map((r) => r.pattern)).toEqual([])
  })

  test('GET and HEAD of every route by every viewer: no 5xx, CSP with its nonce on every page, and the database unchanged', async () => {
    const before = tableChecksums(sqlite)
    expect(before.size, 'tables comparées').toBeGreaterThan(50)
    const problems: string[] = []
    let pages = 0
    let scripts = 0
    const jobs = VIEWERS.flatMap((viewer) => addresses().map((a) => ({ viewer, ...a })))
    await pool(jobs, 4, async ({ viewer, url }) => {
      const cookie = data.cookies[viewer]
      const reply = await send(url, { cookie })
      const where = `GET ${url} (${viewer})`
      if (reply.status >= 500) problems.push(`${where}: ${reply.status}`)
      if (reply.body.includes('Unexpected Server Error')) problems.push(`${where}: ${reply.status} « Unexpected Server Error »`)
      if (checkHtmlPolicy(where, reply, problems)) {
        pages++
        scripts += (reply.body.match(/<script\b/gi) ?? []).length
      }
      const head = await send(url, { method: 'HEAD', cookie })
      if (head.status >= 500) problems.push(`HEAD ${url} (${viewer}): ${head.status}`)
      // A client-side navigation asks the same loaders through `.data`.
      if (!url.includes('.')) {
        const dataUrl = url === '/' ? '/_root.data' : `${url}.data`
        const single = await send(dataUrl, { cookie })
        if (single.status >= 500) problems.push(`GET ${dataUrl} (${viewer}): ${single.status}`)
      }
    })
    const after = tableChecksums(sqlite)
    const changed = [...before.keys()].filter((table) => before.get(table) !== after.get(table))
    expect(problems).toEqual([])
    // Most routes are pages, each with Remix's inline scripts: the nonce check above has something to check.
    expect(pages).toBeGreaterThan(200)
    expect(scripts).toBeGreaterThan(pages * 2)
    expect(changed, 'tables changées par des GET').toEqual([])
    expect([...after.keys()].filter((t) => !before.has(t))).toEqual([])
  }, 120_000)

  test('a cross-site POST (Origin of another site, or Sec-Fetch-Site: cross-site) is refused with 403 on every action route, for every viewer', async () => {
    const before = tableChecksums(sqlite)
    const actionRoutes = addresses().filter((a) => a.route.hasAction)
    expect(actionRoutes.length).toBeGreaterThan(40)
    const problems: string[] = []
    const jobs = VIEWERS.flatMap((viewer) => actionRoutes.flatMap((a) => [{ viewer, ...a, by: 'origin' as const }, { viewer, ...a, by: 'fetch-metadata' as const }]))
    await pool(jobs, 4, async ({ viewer, url, by }) => {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
      if (by === 'origin') headers.origin = EVIL
      else headers['sec-fetch-site'] = 'cross-site'
      for (const target of [url, `${url}${url.includes('?') ? '&' : '?'}index`]) {
        const reply = await send(target, { method: 'POST', cookie: data.cookies[viewer], headers, body: 'intent=delete&confirm=on' })
        if (reply.status !== 403) problems.push(`POST ${target} (${viewer}, ${by}): ${reply.status} au lieu de 403`)
      }
    })
    // PUT, PATCH, DELETE: not methods of the site, from anywhere.
    await pool(actionRoutes, 4, async ({ url }) => {
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        const reply = await send(url, { method, cookie: data.cookies.admin, headers: { origin: EVIL }, body: '' })
        if (reply.status !== 405) problems.push(`${method} ${url}: ${reply.status} au lieu de 405`)
      }
    })
    expect(problems).toEqual([])
    const after = tableChecksums(sqlite)
    expect([...before.keys()].filter((table) => before.get(table) !== after.get(table))).toEqual([])
  }, 60_000)

  test('private content is a 404 that does not name it for whoever may not see it, and readable by who may', async () => {
    const problems: string[] = []
    for (const item of data.privateItems) {
      for (const viewer of item.hiddenFrom) {
        const cookie = data.cookies[viewer]
        const reply = await send(item.url, { cookie })
        if (reply.body.includes(item.title)) problems.push(`${item.what} (${item.url}) pour ${viewer} : le titre « ${item.title} » est dans la réponse`)
        if (reply.status === 404) continue
        // A page that asks to log in first may send the anonymous visitor there, if it does the same for what does
        // not exist (no confirmation that it does).
        const missing = await send(item.missingUrl, { cookie })
        // (The login page's `redirectTo` repeats the address asked: compared with it put back.)
        const back = (location: string | null) => (location ?? '').replace(encodeURIComponent(item.missingUrl), encodeURIComponent(item.url)).replace(item.missingUrl, item.url)
        const same = reply.status === missing.status && reply.headers.get('location') === back(missing.headers.get('location'))
        if (!(viewer === 'anonyme' && reply.status === 302 && same)) {
          problems.push(`${item.what} (${item.url}) pour ${viewer} : ${reply.status} au lieu de 404`)
        }
      }
      if (!item.seenBy) continue
      const cookie = item.seenBy === 'auteur' ? data.authorCookie : data.cookies[item.seenBy]
      const allowed = await send(item.url, { cookie })
      if (allowed.status !== 200 || !allowed.body.includes(item.title)) {
        problems.push(`${item.what} (${item.url}) pour ${item.seenBy} : ${allowed.status}, titre ${allowed.body.includes(item.title) ? 'présent' : 'absent'}`)
      }
    }
    expect(problems).toEqual([])
  })

  test('an empty same-site POST to every action route, by every viewer: no 5xx', async () => {
    const problems: string[] = []
    // Logging out last: the viewers keep their sessions for the other routes.
    const actionRoutes = addresses()
      .filter((a) => a.route.hasAction)
      .sort((a, b) => Number(a.url === '/deconnexion') - Number(b.url === '/deconnexion'))
    for (const viewer of VIEWERS) {
      await pool(actionRoutes, 4, async ({ url }) => {
        const reply = await send(url, {
          method: 'POST',
          cookie: data.cookies[viewer],
          headers: { origin: app.origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
          body: '',
        })
        if (reply.status >= 500) problems.push(`POST ${url} (${viewer}): ${reply.status}`)
      })
    }
    expect(problems).toEqual([])
  }, 60_000)
})
