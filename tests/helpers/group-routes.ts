import * as groupLayout from '#app/routes/groupes.$slug.tsx'
import * as groupThread from '#app/routes/groupes.$slug.discussions.$id.tsx'
import * as groupThreads from '#app/routes/groupes.$slug.discussions._index.tsx'
import * as groupNewThread from '#app/routes/groupes.$slug.discussions.nouvelle.tsx'
import * as groupResources from '#app/routes/groupes.$slug._index.tsx'
import * as groupCoordination from '#app/routes/groupes.$slug.coordination.tsx'
import * as groupMembers from '#app/routes/groupes.$slug.membres.tsx'
import * as groupEvents from '#app/routes/groupes.$slug.evenements.tsx'
import * as groups from '#app/routes/groupes._index.tsx'
import * as groupInvitation from '#app/routes/groupes.invitations.$token.tsx'
import * as groupJoin from '#app/routes/groupes.$slug_.adhesion.tsx'
import * as territoryLayout from '#app/routes/territoires.$slug.tsx'
import * as territoryThread from '#app/routes/territoires.$slug.discussions.$id.tsx'
import * as territoryThreads from '#app/routes/territoires.$slug.discussions._index.tsx'
import * as territoryNewThread from '#app/routes/territoires.$slug.discussions.nouvelle.tsx'
import * as territoryIndex from '#app/routes/territoires.$slug._index.tsx'
import * as territoryCoordination from '#app/routes/territoires.$slug.coordination.tsx'
import * as territoryMembers from '#app/routes/territoires.$slug.membres.tsx'
import * as territoryEvents from '#app/routes/territoires.$slug.evenements.tsx'
import * as territories from '#app/routes/territoires._index.tsx'
import type { TestRoute } from './remix-app.ts'

/** Route modules with a typed `meta` do not fit ServerRouteModule's `unknown` loader data. */
const asRoute = (module: unknown) => module as TestRoute['module']

/** The group pages nested as in the real tree (route-tree.test.ts checks it): /groupes, /territoires and their tabs. */
export const GROUP_PAGE_ROUTES: Record<string, TestRoute> = {
  'routes/groupes._index': { path: 'groupes', index: true, module: asRoute(groups) },
  'routes/groupes.$slug': { path: 'groupes/:slug', module: asRoute(groupLayout) },
  'routes/groupes.$slug._index': { index: true, parentId: 'routes/groupes.$slug', module: asRoute(groupResources) },
  'routes/groupes.$slug.membres': { path: 'membres', parentId: 'routes/groupes.$slug', module: asRoute(groupMembers) },
  'routes/groupes.$slug.evenements': { path: 'evenements', parentId: 'routes/groupes.$slug', module: asRoute(groupEvents) },
  'routes/groupes.$slug.coordination': { path: 'coordination', parentId: 'routes/groupes.$slug', module: asRoute(groupCoordination) },
  'routes/groupes.invitations.$token': { path: 'groupes/invitations/:token', module: asRoute(groupInvitation) },
  'routes/groupes.$slug_.adhesion': { path: 'groupes/:slug/adhesion', module: asRoute(groupJoin) },
  'routes/groupes.$slug.discussions._index': { path: 'discussions', index: true, parentId: 'routes/groupes.$slug', module: asRoute(groupThreads) },
  'routes/groupes.$slug.discussions.nouvelle': { path: 'discussions/nouvelle', parentId: 'routes/groupes.$slug', module: asRoute(groupNewThread) },
  'routes/groupes.$slug.discussions.$id': { path: 'discussions/:id', parentId: 'routes/groupes.$slug', module: asRoute(groupThread) },
  'routes/territoires._index': { path: 'territoires', index: true, module: asRoute(territories) },
  'routes/territoires.$slug': { path: 'territoires/:slug', module: asRoute(territoryLayout) },
  'routes/territoires.$slug._index': { index: true, parentId: 'routes/territoires.$slug', module: asRoute(territoryIndex) },
  'routes/territoires.$slug.membres': { path: 'membres', parentId: 'routes/territoires.$slug', module: asRoute(territoryMembers) },
  'routes/territoires.$slug.evenements': { path: 'evenements', parentId: 'routes/territoires.$slug', module: asRoute(territoryEvents) },
  'routes/territoires.$slug.coordination': { path: 'coordination', parentId: 'routes/territoires.$slug', module: asRoute(territoryCoordination) },
  'routes/territoires.$slug.discussions._index': { path: 'discussions', index: true, parentId: 'routes/territoires.$slug', module: asRoute(territoryThreads) },
  'routes/territoires.$slug.discussions.nouvelle': { path: 'discussions/nouvelle', parentId: 'routes/territoires.$slug', module: asRoute(territoryNewThread) },
  'routes/territoires.$slug.discussions.$id': { path: 'discussions/:id', parentId: 'routes/territoires.$slug', module: asRoute(territoryThread) },
}
