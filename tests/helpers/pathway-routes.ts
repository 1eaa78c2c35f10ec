import * as list from '#app/routes/parcours._index.tsx'
import * as page from '#app/routes/parcours.$slug.tsx'
import * as edit from '#app/routes/parcours.$slug_.modifier.tsx'
import * as create from '#app/routes/parcours.nouveau.tsx'
import type { TestRoute } from './remix-app.ts'

const asRoute = (module: unknown) => module as TestRoute['module']

/** The pathway pages as in the real tree. */
export const PATHWAY_ROUTES: Record<string, TestRoute> = {
  'routes/parcours._index': { path: 'parcours', index: true, module: asRoute(list) },
  'routes/parcours.nouveau': { path: 'parcours/nouveau', module: asRoute(create) },
  'routes/parcours.$slug': { path: 'parcours/:slug', module: asRoute(page) },
  'routes/parcours.$slug_.modifier': { path: 'parcours/:slug/modifier', module: asRoute(edit) },
}
