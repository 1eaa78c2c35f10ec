import { type ServerBuild, createRequestHandler } from '@remix-run/node'
import * as entry from '#app/entry.server.tsx'
import * as root from '#app/root.tsx'

type RouteModule = ServerBuild['routes'][string]['module']

/**
 * A route of the test tree. Without `parentId` it is a child of root. With it, it nests like the real flat routes:
 * `path` is then relative to the parent's (`membres` under `structures/:slug`), and `index` marks a parent's index.
 * route-tree.test.ts checks that the real tree nests the same way.
 */
export type TestRoute = { path?: string; index?: boolean; parentId?: string; module: Partial<RouteModule> }

/**
 * A Remix request handler over the real root (loader, layout, error boundary), the real entry.server and the given
 * routes, without a Vite build. For tests that need whole responses: status, every Set-Cookie, the rendered HTML of
 * a page or of the root error boundary. Client assets are not served; the manifest only names them.
 */
export function createTestApp(routes: Record<string, TestRoute>) {
  const handler = createRequestHandler(createTestBuild(routes), 'production')
  return (request: Request, clientIp = '127.0.0.1') => handler(request, { nonce: 'test', clientIp })
}

/** The ServerBuild behind createTestApp (for tests that serve it through server.ts's Express app). */
export function createTestBuild(routes: Record<string, TestRoute>): ServerBuild {
  const serverRoutes: ServerBuild['routes'] = { root: { id: 'root', path: '', module: root as RouteModule } }
  const manifestRoutes: ServerBuild['assets']['routes'] = {
    root: entryRoute('root', undefined, '', undefined, root as RouteModule),
  }
  for (const [id, route] of Object.entries(routes)) {
    const module = route.module as RouteModule
    const parentId = route.parentId ?? 'root'
    if (!(parentId === 'root' || parentId in routes)) throw new Error(`Test route ${id}: unknown parent ${parentId}`)
    serverRoutes[id] = { id, parentId, path: route.path, index: route.index, module }
    manifestRoutes[id] = entryRoute(id, parentId, route.path, route.index, module)
  }
  const build: ServerBuild = {
    mode: 'production',
    entry: { module: entry as ServerBuild['entry']['module'] },
    routes: serverRoutes,
    assets: { entry: { module: '/assets/entry.client.js', imports: [] }, routes: manifestRoutes, url: '/assets/manifest.js', version: 'test' },
    publicPath: '/',
    assetsBuildDirectory: 'build/client',
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
    },
    isSpaMode: false,
  }
  return build
}

function entryRoute(id: string, parentId: string | undefined, path: string | undefined, index: boolean | undefined, module: RouteModule) {
  return {
    id,
    parentId,
    path,
    index,
    hasAction: typeof module.action === 'function',
    hasLoader: typeof module.loader === 'function',
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: typeof module.ErrorBoundary === 'function',
    module: `/assets/${id.replace(/\W/g, '-')}.js`,
    imports: [],
  }
}

/** A same-origin form POST, as a browser sends it. */
export function formPost(url: string, fields: Record<string, string>, cookie?: string): Request {
  const headers = new Headers({
    'content-type': 'application/x-www-form-urlencoded',
    origin: 'http://localhost:3000',
    host: 'localhost:3000',
  })
  if (cookie) headers.set('cookie', cookie)
  return new Request(new URL(url, 'http://localhost:3000'), { method: 'POST', headers, body: new URLSearchParams(fields) })
}

export function pageGet(url: string, cookie?: string): Request {
  return new Request(new URL(url, 'http://localhost:3000'), { headers: cookie ? { cookie } : {} })
}

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: { nonce: string; clientIp: string } }) => unknown

/** Calls a loader or action directly; a thrown Response (redirect, 404, 429…) is returned instead of thrown. */
export async function callRoute(fn: RouteFunction, request: Request, clientIp = '127.0.0.1'): Promise<unknown> {
  try {
    return await fn({ request, params: {}, context: { nonce: 'test', clientIp } })
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

/** The `name=value` part of a Set-Cookie header of a response, to send back as a Cookie header. */
export function cookieValue(response: Response, name: string): string | undefined {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .find((pair) => pair.startsWith(`${name}=`))
}

/**
 * A rendered page: `full` is every byte sent (hydration data included: check secrets are absent there), `visible` is
 * the markup without scripts (check messages there, since the hydration data repeats the loader and action data).
 */
export async function readPage(response: Response): Promise<{ full: string; visible: string }> {
  const full = await response.text()
  return { full, visible: full.replace(/<script\b[\s\S]*?<\/script>/g, '') }
}
