import * as eventPage from '#app/routes/agenda.$id.tsx'
import * as eventIcs from '#app/routes/agenda.$id[.ics].ts'
import type { TestRoute } from './remix-app.ts'

/** Route modules with a typed `meta` do not fit ServerRouteModule's `unknown` loader data. */
const asRoute = (module: unknown) => module as TestRoute['module']

/** The agenda pages and calendars as in the real tree (route-tree.test.ts checks the paths). */
export const AGENDA_ROUTES: Record<string, TestRoute> = {
  'routes/agenda.$id': { path: 'agenda/:id', module: asRoute(eventPage) },
  'routes/agenda.$id[.ics]': { path: 'agenda/:id.ics', module: asRoute(eventIcs) },
}
