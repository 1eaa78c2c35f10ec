import { beforeAll, describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { ANONYMOUS, type Viewer } from '#app/modules/auth/viewer.ts'
import { createThread } from '#app/modules/discussions/discussions.server.ts'
import { createEvent } from '#app/modules/events/events.server.ts'
import { formatMonthKey, monthOf } from '#app/modules/events/month.ts'
import { AGENDA_ROUTES } from '#tests/helpers/agenda-routes.ts'
import { eventInput } from '#tests/factories/events.ts'
import { groupFigures, getTerritoryGroupPage } from '#app/modules/groups/pages.server.ts'
import { approveRequest, requestToJoin } from '#app/modules/groups/memberships.server.ts'
import { ensureProfile } from '#app/modules/people/people.server.ts'
import { createResource } from '#app/modules/resources/resources.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { db } from '#db/client.server.ts'
import { resourceInput } from '#tests/factories/resources.ts'
import { actorOf, createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { type TestRoute, createTestApp } from '#tests/helpers/remix-app.ts'
import { STRUCTURE_PAGE_ROUTES } from '#tests/helpers/structure-routes.ts'
import * as apiEvents from './api.v1.events.ts'
import * as apiGroups from './api.v1.groups.ts'
import * as apiResource from './api.v1.resources_.$slug.ts'
import * as apiResources from './api.v1.resources.ts'
import * as apiSearch from './api.v1.search.ts'
import * as apiStructures from './api.v1.structures.ts'
import * as suggestions from './api.search-suggestions.ts'
import * as member from './membres.$slug.tsx'
import * as siteMap from './plan-du-site.tsx'
import * as search from './recherche.tsx'
import * as reading from './ressources.$slug._index/route.tsx'
import * as list from './ressources._index.tsx'
import * as sitemap from './sitemap[.]xml.ts'
import * as resourcesCsv from './ressources[.]csv.ts'
import * as structuresCsv from './structures[.]csv.ts'

// Issue 12's « done when », end to end: a coordinator of the Calaisis approves a join request, posts a group-only best
// practice and opens a discussion; members see both; a non-member — anonymous or logged in — finds no trace of either
// anywhere (pages, lists, counts, facets, search, suggestions, API, sitemap, exports), not even in a count.

const asRoute = (module: unknown) => module as TestRoute['module']
const app = createTestApp({
  ...GROUP_PAGE_ROUTES,
  ...STRUCTURE_PAGE_ROUTES,
  ...AGENDA_ROUTES,
  'routes/ressources._index': { path: 'ressources', index: true, module: asRoute(list) },
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: asRoute(reading) },
  'routes/recherche': { path: 'recherche', module: asRoute(search) },
  'routes/api.search-suggestions': { path: 'api/search-suggestions', module: asRoute(suggestions) },
  'routes/api.v1.search': { path: 'api/v1/search', module: asRoute(apiSearch) },
  'routes/api.v1.structures': { path: 'api/v1/structures', module: asRoute(apiStructures) },
  'routes/membres.$slug': { path: 'membres/:slug', module: asRoute(member) },
  'routes/plan-du-site': { path: 'plan-du-site', module: asRoute(siteMap) },
  'routes/sitemap[.]xml': { path: 'sitemap.xml', module: asRoute(sitemap) },
  'routes/structures[.]csv': { path: 'structures.csv', module: asRoute(structuresCsv) },
  'routes/api.v1.resources': { path: 'api/v1/resources', module: asRoute(apiResources) },
  'routes/api.v1.resources_.$slug': { path: 'api/v1/resources/:slug', module: asRoute(apiResource) },
  'routes/api.v1.events': { path: 'api/v1/events', module: asRoute(apiEvents) },
  'routes/api.v1.groups': { path: 'api/v1/groups', module: asRoute(apiGroups) },
  'routes/ressources[.]csv': { path: 'ressources.csv', module: asRoute(resourcesCsv) },
})

const PRACTICE = 'quinconcephore'
const THREAD = 'zébrolithe'
// Never typed in a query (a search page echoes what was typed): any page showing these shows the content itself.
const PRACTICE_SECRET = 'sigillomancie'
const THREAD_SECRET = 'pyrostégie'
const EVENT = 'chronambule'
const EVENT_SECRET = 'ornithomancie'

type Who = 'anonymous' | 'verified' | 'formerMember' | 'otherGroupMember' | 'member' | 'coordinator'
const cookies = {} as Record<Who, string | undefined>
const viewers = {} as Record<Who, Viewer>
let resourceSlug = ''
let threadId = ''
let eventId = ''
let eventMonth = ''
let authorProfile = ''
let structureSlug = ''
let before: Awaited<ReturnType<typeof groupFigures>>

async function cookieOf(user: { id: string }) {
  return (await createSession(user.id)).cookie.split(';')[0]
}

async function calaisis() {
  return db.selectFrom('groups').select('id').where('slug', '=', 'calaisis').executeTakeFirstOrThrow()
}

beforeAll(async () => {
  const group = await calaisis()
  const coordinator = await createTestUser({ name: 'Coordinatrice Calaisis' })
  await db.insertInto('groupMemberships').values({ groupId: group.id, userId: coordinator.id, role: 'coordinator', joinedAt: new Date().toISOString() }).execute()
  const { structure } = await createTestStructure({ owner: coordinator })
  structureSlug = structure.slug
  authorProfile = (await ensureProfile(coordinator)).slug
  await db.updateTable('profiles').set({ visibility: 'public' }).where('userId', '=', coordinator.id).execute()

  // A newcomer asks to join; the coordinator approves (the Calaisis on request, as in the demo).
  await db.updateTable('groups').set({ joinPolicy: 'request' }).where('id', '=', group.id).execute()
  const newcomer = await createTestUser({ name: 'Nouvelle venue' })
  const asked = await requestToJoin({ groupId: group.id, actor: await actorOf(newcomer), message: 'Je monte une épicerie solidaire à Calais.' })
  if (!asked.ok) throw new Error(JSON.stringify(asked))
  const approved = await approveRequest({ requestId: asked.requestId, actor: await actorOf(coordinator) })
  if (!approved.ok) throw new Error(JSON.stringify(approved))

  const former = await createTestUser()
  await db.insertInto('groupMemberships').values({ groupId: group.id, userId: former.id, role: 'member', joinedAt: new Date().toISOString() }).execute()
  const otherGroupMember = await createTestUser()
  const arrageois = await db.selectFrom('groups').select('id').where('slug', '=', 'arrageois').executeTakeFirstOrThrow()
  await db.insertInto('groupMemberships').values({ groupId: arrageois.id, userId: otherGroupMember.id, role: 'member', joinedAt: new Date().toISOString() }).execute()
  const verified = await createTestUser()

  const people = { verified, formerMember: former, otherGroupMember, member: newcomer, coordinator }
  cookies.anonymous = undefined
  for (const [who, user] of Object.entries(people)) cookies[who as Who] = await cookieOf(user)

  const territoryPage = await getTerritoryGroupPage('calaisis', ANONYMOUS)
  if (!territoryPage) throw new Error('no Calaisis page')
  before = await groupFigures(territoryPage, ANONYMOUS)

  const saved = await createResource({
    actor: await actorOf(coordinator),
    status: 'published',
    input: resourceInput('bonne-pratique', {
      title: `Pratique ${PRACTICE} ${PRACTICE_SECRET} du Calaisis`,
      summary: `Le résumé ${PRACTICE} ${PRACTICE_SECRET} réservé au groupe.`,
      territory: 'calaisis',
      visibility: 'group',
      groups: ['calaisis'],
      structures: [structure.slug],
    }),
  })
  if (saved.status !== 'saved') throw new Error(JSON.stringify(saved))
  resourceSlug = saved.resource.slug
  const opened = await createThread({
    actor: await actorOf(coordinator),
    groupId: group.id,
    title: `Discussion ${THREAD} ${THREAD_SECRET} du groupe`,
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Parlons ${THREAD} ${THREAD_SECRET} ensemble.` }] }] },
  })
  if (!opened.ok) throw new Error(JSON.stringify(opened))
  threadId = opened.threadId
  const organised = await createEvent({
    actor: await actorOf(coordinator),
    input: eventInput({
      title: `Séance ${EVENT} ${EVENT_SECRET} du groupe`,
      groupId: group.id,
      visibility: 'group',
      groupIds: [group.id],
      communeInsee: null,
      territorySlug: 'calaisis',
    }),
  })
  if (!organised.ok) throw new Error(JSON.stringify(organised))
  eventId = organised.event.id
  eventMonth = formatMonthKey(monthOf(organised.event.startsAt))
  await drainSearchOutbox()

  // The former member leaves after both were written: access ends at the next request.
  await db.deleteFrom('groupMemberships').where('userId', '=', former.id).execute()
  for (const [who, user] of Object.entries(people)) viewers[who as Who] = await actorOf(user)
  viewers.anonymous = ANONYMOUS
})

const SURFACES = [
  '/ressources',
  '/ressources?territoire=calaisis',
  '/ressources?type=bonne-pratique',
  `/recherche?q=${PRACTICE}`,
  `/recherche?q=${encodeURIComponent(THREAD)}`,
  '/recherche?territory=calaisis',
  `/api/search-suggestions?q=${PRACTICE}`,
  `/api/search-suggestions?q=${encodeURIComponent(THREAD)}`,
  `/api/v1/search?q=${PRACTICE}`,
  `/api/v1/search?q=${encodeURIComponent(THREAD)}`,
  `/recherche?q=${EVENT}`,
  '/recherche?kind=event',
  `/api/search-suggestions?q=${EVENT}`,
  `/api/v1/search?q=${EVENT}`,
  '/agenda',
  '/agenda?territoire=calaisis',
  '/agenda.ics',
  '/territoires/calaisis/agenda.ics',
  '/api/v1/structures',
  '/territoires',
  '/territoires/calaisis',
  '/territoires/calaisis/membres',
  '/groupes',
  '/plan-du-site',
  '/sitemap.xml',
  '/structures.csv',
  '/api/v1/resources?perPage=100',
  '/api/v1/resources?territoire=calaisis&perPage=100',
  '/api/v1/resources?type=bonne-pratique&perPage=100',
  '/api/v1/events?perPage=100',
  '/api/v1/groups?perPage=100',
  '/ressources.csv',
]

async function text(path: string, who: Who): Promise<{ status: number; body: string }> {
  const response = await app(new Request(`http://localhost:3000${path}`, { headers: cookies[who] ? { Cookie: cookies[who] as string } : {} }))
  return { status: response.status, body: await response.text() }
}

describe('a non-member finds no trace of the group-only practice nor of the discussion', () => {
  for (const who of ['anonymous', 'verified', 'formerMember', 'otherGroupMember'] as const) {
    test(`${who}: every surface`, async () => {
      for (const path of [...SURFACES, `/structures/${structureSlug}`, `/membres/${authorProfile}`, `/agenda?vue=mois&mois=${eventMonth}`]) {
        const { status, body } = await text(path, who)
        expect(status, path).toBeLessThan(500)
        for (const word of [PRACTICE_SECRET, THREAD_SECRET, EVENT_SECRET, resourceSlug, threadId, eventId]) expect(body.includes(word), `${path} shows ${word}`).toBe(false)
      }
      expect((await text(`/ressources/${resourceSlug}`, who)).status).toBe(404)
      expect((await text(`/api/v1/resources/${resourceSlug}`, who)).status).toBe(404)
      expect((await text(`/agenda/${eventId}`, who)).status).toBe(404)
      expect((await text(`/agenda/${eventId}.ics`, who)).status).toBe(404)
    })

    test(`${who}: not even in a count`, async () => {
      const page = await getTerritoryGroupPage('calaisis', viewers[who])
      if (!page) throw new Error('no page')
      const figures = await groupFigures(page, viewers[who])
      expect(figures.resources).toEqual(before.resources)
      const api = JSON.parse((await text('/api/v1/search?q=bonne', who)).body) as { total: number; hits: { title: string }[] }
      expect(api.hits.some((h) => h.title.includes(PRACTICE))).toBe(false)
      for (const q of [PRACTICE, THREAD, EVENT]) {
        const found = JSON.parse((await text(`/api/v1/search?q=${encodeURIComponent(q)}`, who)).body) as { total: number; facets: unknown }
        expect(found.total, q).toBe(0)
        expect(JSON.stringify(found.facets), q).not.toMatch(/[1-9]/)
      }
    })
  }
})

describe('members see them all (the test can fail)', () => {
  for (const who of ['member', 'coordinator'] as const) {
    test(`${who}: the practice in lists, search and its page; the discussion in search`, async () => {
      expect((await text(`/ressources/${resourceSlug}`, who)).body).toContain(PRACTICE)
      expect((await text('/ressources?territoire=calaisis', who)).body).toContain(PRACTICE)
      expect((await text(`/recherche?q=${PRACTICE}`, who)).body).toContain(PRACTICE_SECRET)
      expect((await text(`/recherche?q=${encodeURIComponent(THREAD)}`, who)).body).toContain(THREAD_SECRET)
      expect((await text(`/recherche?q=${EVENT}`, who)).body).toContain(`href="/agenda/${eventId}"`)
      expect((await text(`/api/v1/search?q=${EVENT}`, who)).body).toContain(EVENT_SECRET)
      expect((await text(`/agenda?vue=mois&mois=${eventMonth}`, who)).body).toContain(EVENT_SECRET)
      const page = await getTerritoryGroupPage('calaisis', viewers[who])
      if (!page) throw new Error('no page')
      const figures = await groupFigures(page, viewers[who])
      expect(JSON.stringify(figures.resources)).not.toBe(JSON.stringify(before.resources))
    })
  }
})
