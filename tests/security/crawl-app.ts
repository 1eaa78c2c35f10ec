import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
// The flat routes convention of the Remix compiler itself (the Vite plugin uses the same function).
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js'
import SQLite from 'better-sqlite3'
import { parseEnv } from '#app/utils/env.server.ts'
import { createExpressApp } from '#app/utils/express-app.server.ts'
import { type TestRoute, createTestBuild } from '#tests/helpers/remix-app.ts'

/** The route files Remix ignores (vite.config.ts's `ignoredRouteFiles`). */
export const IGNORED_ROUTE_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/*.css']

export type CrawlRoute = {
  /** Route ids answering this URL pattern (a layout and its index share one). */
  ids: string[]
  /** Remix pattern: `/ressources/:slug/modifier`, `/*` for the splat. */
  pattern: string
  hasAction: boolean
  hasLoader: boolean
  /** Has a default export: a page (HTML), not a resource route. */
  isPage: boolean
}

type RouteModule = Record<string, unknown>

/**
 * Every route of the app as the Remix compiler sees it (the real flat-routes function over app/), with its module
 * from the sources: nothing is listed by hand, so a new route file is crawled (and needs a filler) the day it lands.
 */
export async function loadAppRoutes(): Promise<{ routes: CrawlRoute[]; build: ReturnType<typeof createTestBuild> }> {
  const manifest = flatRoutes(path.resolve('app'), IGNORED_ROUTE_FILES)
  const loaders = import.meta.glob<RouteModule>(['/app/routes/**/*.ts', '/app/routes/**/*.tsx', '!/app/routes/**/*.test.ts', '!/app/routes/**/*.test.tsx'])
  const modules = new Map<string, RouteModule>()
  await Promise.all(
    Object.values(manifest).map(async (route) => {
      const load = loaders[`/app/${route.file}`]
      if (!load) throw new Error(`Route ${route.id}: no module for app/${route.file}`)
      modules.set(route.id, await load())
    }),
  )
  const testRoutes: Record<string, TestRoute> = {}
  for (const route of Object.values(manifest)) {
    testRoutes[route.id] = {
      path: route.path,
      index: route.index,
      parentId: route.parentId === 'root' ? undefined : route.parentId,
      module: modules.get(route.id) as TestRoute['module'],
    }
  }
  const build = createTestBuild(testRoutes)

  const fullPath = (id: string): string => {
    const route = manifest[id]
    const own = route.path ?? ''
    const parent = route.parentId && route.parentId !== 'root' ? fullPath(route.parentId) : ''
    return [parent, own].filter(Boolean).join('/')
  }
  const byPattern = new Map<string, CrawlRoute>()
  for (const route of Object.values(manifest)) {
    const pattern = `/${fullPath(route.id)}`
    const module = modules.get(route.id) ?? {}
    const entry = byPattern.get(pattern) ?? { ids: [], pattern, hasAction: false, hasLoader: false, isPage: false }
    entry.ids.push(route.id)
    entry.hasAction ||= typeof module.action === 'function'
    entry.hasLoader ||= typeof module.loader === 'function'
    entry.isPage ||= typeof module.default === 'function'
    byPattern.set(pattern, entry)
  }
  return { routes: [...byPattern.values()].sort((a, b) => a.pattern.localeCompare(b.pattern)), build }
}

/** The dynamic segments of a pattern (`:slug`, `*` as `*`). */
export function paramsOf(pattern: string): string[] {
  return pattern
    .split('/')
    .flatMap((segment) => [...segment.matchAll(/:(\w+)|(\*)/g)].map((m) => m[1] ?? '*'))
}

/** `/ressources/:slug/modifier` + { slug: 'x' } → `/ressources/x/modifier` (`agenda/:id.ics` keeps its suffix). */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)|\*/g, (whole, name: string | undefined) => {
    const value = params[name ?? '*']
    if (value === undefined) throw new Error(`${pattern}: no value for ${whole}`)
    return name ? encodeURIComponent(value) : value
  })
}

/** server.ts's Express application (headers, method and origin checks, body caps) around the build, on a free port. */
export async function serveApp(build: ReturnType<typeof createTestBuild>) {
  const server = http.createServer(
    createExpressApp({
      env: parseEnv({ ...process.env, NODE_ENV: 'test', PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://localhost:3000' }),
      build,
      staticFolders: [{ path: path.resolve('public') }],
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/**
 * Columns that legitimately change when someone reads, left out of the checksum (each with its reason). A whole
 * table is left out with `'*'`.
 */
export const CHANGES_ON_READ: Record<string, { columns: string[] | '*'; reason: string }> = {
  sessions: {
    columns: ['last_seen_at', 'expires_at'],
    reason: 'a session is renewed on use (sliding expiry, at most hourly): last seen and expiry move on a GET',
  },
  rate_limit_hits: { columns: '*', reason: 'rate-limit counters count requests, reads included (search, suggestions, feeds)' },
  resource_view_stats: { columns: '*', reason: 'view counts of resources: counting a read is what the table is for' },
  search_query_stats: { columns: '*', reason: 'search statistics: the queries typed are counted (flushed in the background)' },
}

/** A checksum of every table (every row, in a stable order), the columns above aside: table → sha256. */
export function tableChecksums(sqlite: SQLite.Database): Map<string, string> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  const sums = new Map<string, string>()
  for (const table of tables) {
    const excluded = CHANGES_ON_READ[table]
    if (excluded?.columns === '*') continue
    const quoted = `"${table.replace(/"/g, '""')}"`
    const columns = sqlite
      .prepare(`SELECT name FROM pragma_table_info(?)`)
      .pluck()
      .all(table) as string[]
    const kept = columns.filter((c) => !excluded?.columns.includes(c))
    const list = kept.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ')
    // Every kept column in the ORDER BY: a stable order without knowing the key.
    const rows = sqlite.prepare(`SELECT ${list} FROM ${quoted} ORDER BY ${list}`).raw().all()
    const hash = createHash('sha256')
    for (const row of rows) hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)))
    sums.set(table, `${rows.length}:${hash.digest('hex')}`)
  }
  return sums
}

export function openReadOnly(): SQLite.Database {
  const dataDir = process.env.DATA_DIR
  if (!dataDir) throw new Error('DATA_DIR is not set')
  return new SQLite(path.join(dataDir, 'essaim.sqlite'), { readonly: true, fileMustExist: true })
}
