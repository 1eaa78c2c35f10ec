import * as agenda from '#app/routes/agenda._index.tsx'
import * as eventPage from '#app/routes/agenda.$id.tsx'
import * as eventIcs from '#app/routes/agenda.$id[.ics].ts'
import * as agendaFeed from '#app/routes/agenda[.ics].ts'
import * as privateFeed from '#app/routes/agenda.prive.$token[.ics].ts'
import * as accountAgenda from '#app/routes/compte.agenda.tsx'
import * as groupFeed from '#app/routes/groupes.$slug_.agenda[.ics].ts'
import * as territoryFeed from '#app/routes/territoires.$slug_.agenda[.ics].ts'
import type { TestRoute } from './remix-app.ts'

/** Route modules with a typed `meta` do not fit ServerRouteModule's `unknown` loader data. */
const asRoute = (module: unknown) => module as TestRoute['module']

/** The agenda pages and calendars as in the real tree (route-tree.test.ts checks the paths). */
export const AGENDA_ROUTES: Record<string, TestRoute> = {
  'routes/agenda._index': { path: 'agenda', index: true, module: asRoute(agenda) },
  'routes/agenda.$id': { path: 'agenda/:id', module: asRoute(eventPage) },
  'routes/agenda.$id[.ics]': { path: 'agenda/:id.ics', module: asRoute(eventIcs) },
  'routes/agenda[.ics]': { path: 'agenda.ics', module: asRoute(agendaFeed) },
  'routes/territoires.$slug_.agenda[.ics]': { path: 'territoires/:slug/agenda.ics', module: asRoute(territoryFeed) },
  'routes/groupes.$slug_.agenda[.ics]': { path: 'groupes/:slug/agenda.ics', module: asRoute(groupFeed) },
  'routes/agenda.prive.$token[.ics]': { path: 'agenda/prive/:token.ics', module: asRoute(privateFeed) },
  'routes/compte.agenda': { path: 'compte/agenda', module: asRoute(accountAgenda) },
}
