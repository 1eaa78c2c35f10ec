import * as layout from '#app/routes/structures.$slug.tsx'
import * as profile from '#app/routes/structures.$slug._index.tsx'
import * as members from '#app/routes/structures.$slug.membres.tsx'
import * as edit from '#app/routes/structures.$slug.modifier.tsx'
import * as logo from '#app/routes/structures.$slug_.logo.$key.$size.ts'
import type { TestRoute } from './remix-app.ts'

/** Route modules with a typed `meta` do not fit ServerRouteModule's `unknown` loader data. */
const asRoute = (module: unknown) => module as TestRoute['module']

/**
 * The /structures/:slug pages nested as in the real tree (route-tree.test.ts checks it): the layout, its three pages,
 * and the logo resource route beside it (a child of root).
 */
export const STRUCTURE_PAGE_ROUTES: Record<string, TestRoute> = {
  'routes/structures.$slug': { path: 'structures/:slug', module: asRoute(layout) },
  'routes/structures.$slug._index': { index: true, parentId: 'routes/structures.$slug', module: asRoute(profile) },
  'routes/structures.$slug.membres': { path: 'membres', parentId: 'routes/structures.$slug', module: asRoute(members) },
  'routes/structures.$slug.modifier': { path: 'modifier', parentId: 'routes/structures.$slug', module: asRoute(edit) },
  'routes/structures.$slug_.logo.$key.$size': { path: 'structures/:slug/logo/:key/:size', module: asRoute(logo) },
}
