import { parseAtomFeed } from 'feedsmith'
import ICAL from 'ical.js'
import { beforeAll, describe, expect, test } from 'vitest'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { deadlineText } from '#app/modules/feeds/feeds.server.ts'
import { findProgramme, programmeSlug } from '#app/modules/feeds/links.ts'
import { PROGRAMMES } from '#app/modules/resources/labels.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { updateResource } from '#app/modules/resources/resources.server.ts'
import { db } from '#db/client.server.ts'
import type { ResourceRow } from '#db/schema/resources.ts'
import { createTestResource, resourceInput } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, pageGet, type TestRoute } from '#tests/helpers/remix-app.ts'
import * as home from './_index.tsx'
import * as resourcesPage from './ressources._index.tsx'
import * as siteMap from './plan-du-site.tsx'
import * as searchPage from './recherche.tsx'
import * as callsRoute from './flux.appels[.atom].ts'
import * as deadlinesRoute from './flux.echeances[.ics].ts'
import * as resourcesRoute from './flux.ressources[.atom].ts'

// The public feeds (issue 17 item 6), read back by independent parsers: the Atom by feedsmith (it gives the elements
// as written — ids, links with their rel, categories, the raw `type="html"` text — rather than a normalised view), the
// iCalendar by ical.js. The host of PUBLIC_URL in tests is localhost:3000.

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>
const ORIGIN = 'http://localhost:3000'

async function get(route: { loader: unknown }, path: string, headers: Record<string, string> = {}) {
  return (route.loader as Loader)({ request: new Request(`${ORIGIN}${path}`, { headers }), params: {}, context: {} })
}

async function atom(route: { loader: unknown }, path: string, headers: Record<string, string> = {}) {
  const response = await get(route, path, headers)
  expect(response.status, path).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
  const text = await response.text()
  return { text, feed: parseAtomFeed(text) }
}

function ics(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  return calendar.getAllSubcomponents('vevent').map((component) => ({ component, event: new ICAL.Event(component) }))
}

async function calendar(path: string) {
  const response = await get(deadlinesRoute, path)
  expect(response.status, path).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  return response.text()
}

const decodeHtml = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
const tag = (id: string) => `tag:localhost,2026:resource:${id}`

/** A Paris wall-clock time `days` from now, as the form takes it (`2026-12-13T12:00`). */
function parisInDays(days: number, time = '12:00'): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000))
  return `${day}T${time}`
}

const SECRET = {
  members: 'xylocarpe',
  group: 'ornithomancie',
  draft: 'brouillonnerie',
  pending: 'attentisme',
  hidden: 'dissimulation',
}

let author: Awaited<ReturnType<typeof createTestUser>>
let structureName = ''
let escaped: ResourceRow
let training: ResourceRow
let soon: ResourceRow
let later: ResourceRow
let upcoming: ResourceRow
let closed: ResourceRow
const privateRows: ResourceRow[] = []

beforeAll(async () => {
  author = await createTestUser({ name: 'Camille Feed' })
  const { structure } = await createTestStructure()
  structureName = structure.name
  escaped = await createTestResource({
    author,
    type: 'initiative',
    overrides: { title: 'Cantine <bio> & locale ]]> du Ternois', summary: 'Repas « maison » <b>gras</b> & frais.', territory: 'ternois', themes: ['alimentation-durable'], structures: [structure.slug] },
  })
  training = await createTestResource({ author, type: 'formation', overrides: { title: 'Formation au fil des flux', territory: 'ternois', themes: ['emploi-insertion'] } })
  soon = await createTestResource({
    author,
    overrides: { title: 'Appel FSE+ bientôt clos', territory: 'ternois', programme: 'FSE+', openingDate: parisInDays(-30), deadline: parisInDays(10) },
  })
  later = await createTestResource({
    author,
    overrides: { title: 'Appel FEDER plus lointain', territory: 'ternois', programme: 'FEDER', openingDate: parisInDays(-30), deadline: parisInDays(40, '17:30') },
  })
  upcoming = await createTestResource({
    author,
    overrides: { title: 'Appel LEADER à venir', territory: 'montreuillois', programme: 'FEADER/LEADER', openingDate: parisInDays(20), deadline: parisInDays(60) },
  })
  closed = await createTestResource({
    author,
    overrides: { title: 'Appel clos depuis longtemps', territory: 'ternois', programme: 'FSE+', openingDate: '2020-01-05T09:00', deadline: '2020-03-31T12:00' },
  })
  const hidden = { visibility: 'public', status: 'published', word: SECRET.hidden } as const
  for (const { visibility, status, word } of [
    { visibility: 'members', status: 'published', word: SECRET.members },
    { visibility: 'group', status: 'published', word: SECRET.group },
    { visibility: 'public', status: 'draft', word: SECRET.draft },
    { visibility: 'public', status: 'pending', word: SECRET.pending },
    hidden,
  ] as const) {
    // Funding calls, open, in the territory of the filters: each would show in every feed if it were public.
    const row = await createTestResource({
      author,
      visibility,
      status,
      overrides: { title: `Appel ${word} caché`, summary: `Résumé ${word}.`, territory: 'ternois', programme: 'FSE+', openingDate: parisInDays(-5), deadline: parisInDays(15) },
    })
    privateRows.push(row)
  }
  // Hidden after reports, until a coordinator decides.
  await db.updateTable('resources').set({ hiddenAt: new Date().toISOString() }).where('id', '=', privateRows[4].id).execute()
})

describe('/flux/ressources.atom', () => {
  test('permanent ids, self and alternate links, entries with author, categories and dates', async () => {
    const { feed } = await atom(resourcesRoute, '/flux/ressources.atom')
    expect(feed.id).toBe('tag:localhost,2026:feed:ressources')
    expect(feed.title?.value).toBe('Ressources d’Essaim')
    expect(feed.links).toEqual(
      expect.arrayContaining([
        { rel: 'self', href: `${ORIGIN}/flux/ressources.atom` },
        { rel: 'alternate', href: `${ORIGIN}/ressources` },
      ]),
    )
    expect(feed.updated).toMatch(/^\d{4}-\d\d-\d\dT/)
    const entry = feed.entries?.find((e) => e.id === tag(escaped.id))
    expect(entry).toBeDefined()
    expect(entry?.links).toEqual([{ href: `${ORIGIN}/ressources/${escaped.slug}` }])
    expect(entry?.authors).toEqual([{ name: structureName }])
    expect(entry?.categories).toEqual([
      { term: 'initiative', label: 'Initiative', scheme: `${ORIGIN}/ressources?type=` },
      { term: 'alimentation-durable', label: 'Alimentation durable', scheme: `${ORIGIN}/ressources?theme=` },
      { term: 'ternois', label: expect.any(String), scheme: `${ORIGIN}/ressources?territoire=` },
    ])
    expect(entry?.published).toBe(escaped.publishedAt)
    expect(entry?.updated).toBe(escaped.updatedAt)
    // Without a structure, the author's name as the page shows it; never an email.
    const byPerson = feed.entries?.find((e) => e.id === tag(training.id))
    expect(byPerson?.authors).toEqual([{ name: 'Camille Feed' }])
    const text = (await (await get(resourcesRoute, '/flux/ressources.atom')).text())
    expect(text).not.toContain(author.email)
    // Newest first.
    const ids = feed.entries?.map((e) => e.id) ?? []
    expect(ids.indexOf(tag(training.id))).toBeLessThan(ids.indexOf(tag(escaped.id)))
    expect(feed.entries?.length).toBeLessThanOrEqual(50)
  })

  test('< and & in a title or a summary are text, never markup, and the XML stays well-formed', async () => {
    const { text, feed } = await atom(resourcesRoute, '/flux/ressources.atom?territoire=ternois')
    const entry = feed.entries?.find((e) => e.id === tag(escaped.id))
    expect(entry?.title).toEqual({ type: 'html', value: 'Cantine &lt;bio&gt; &amp; locale ]]&gt; du Ternois' })
    expect(decodeHtml(entry?.title?.value ?? '')).toBe(escaped.title)
    expect(entry?.summary?.value).toBe('<p>Repas « maison » &lt;b&gt;gras&lt;/b&gt; &amp; frais.</p>')
    // No raw `<` inside an attribute, no bare `&`.
    expect(text).not.toMatch(/="[^"]*</)
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/)
  })

  test('ids do not change when the title or the slug changes', async () => {
    const row = await createTestResource({ author, type: 'bonne-pratique', overrides: { title: 'Bonne pratique avant', territory: 'ternois' } })
    const before = (await atom(resourcesRoute, '/flux/ressources.atom?type=bonne-pratique')).feed.entries?.find((e) => e.id === tag(row.id))
    expect(before?.title?.value).toBe('Bonne pratique avant')
    const saved = await updateResource({
      id: row.id,
      input: resourceInput('bonne-pratique', { title: 'Bonne pratique après', territory: 'ternois' }),
      actor: systemActor('test'),
      expectedVersion: row.version,
    })
    expect(saved.status).toBe('saved')
    await db.updateTable('resources').set({ slug: `${row.slug}-renommee` }).where('id', '=', row.id).execute()
    const after = (await atom(resourcesRoute, '/flux/ressources.atom?type=bonne-pratique')).feed.entries?.find((e) => e.id === tag(row.id))
    expect(after?.title?.value).toBe('Bonne pratique après')
    expect(after?.links?.[0]?.href).toBe(`${ORIGIN}/ressources/${row.slug}-renommee`)
  })

  test('filters: type, territory, theme; one feed id per filter set, whatever the order', async () => {
    const formations = (await atom(resourcesRoute, '/flux/ressources.atom?type=formation')).feed
    expect(formations.entries?.length).toBeGreaterThan(0)
    for (const entry of formations.entries ?? []) expect(entry.categories?.[0]?.term).toBe('formation')
    expect(formations.entries?.some((e) => e.id === tag(training.id))).toBe(true)
    expect(formations.title?.value).toBe('Ressources d’Essaim — Formation')

    const a = (await atom(resourcesRoute, '/flux/ressources.atom?territoire=ternois&theme=alimentation-durable')).feed
    const b = (await atom(resourcesRoute, '/flux/ressources.atom?theme=alimentation-durable&territoire=ternois&utm_source=x')).feed
    expect(a.id).toBe('tag:localhost,2026:feed:ressources:territoire=ternois;theme=alimentation-durable')
    expect(b.id).toBe(a.id)
    expect(a.links).toContainEqual({ rel: 'self', href: `${ORIGIN}/flux/ressources.atom?territoire=ternois&theme=alimentation-durable` })
    expect(a.links).toContainEqual({ rel: 'alternate', href: `${ORIGIN}/ressources?territoire=ternois&theme=alimentation-durable` })
    expect(a.entries?.map((e) => e.id)).toContain(tag(escaped.id))
    expect(a.entries?.map((e) => e.id)).not.toContain(tag(training.id))
    for (const entry of a.entries ?? []) expect(entry.categories?.map((c) => c.term)).toEqual(expect.arrayContaining(['ternois', 'alimentation-durable']))
    // An empty value is no filter (the /ressources form sends `type=` for « Tous les types »).
    expect((await atom(resourcesRoute, '/flux/ressources.atom?type=&territoire=')).feed.id).toBe('tag:localhost,2026:feed:ressources')
  })
})

describe('/flux/appels.atom', () => {
  test('calls not closed yet (open or upcoming), the deadline closest first, the deadline in French', async () => {
    const { feed } = await atom(callsRoute, '/flux/appels.atom?territoire=ternois')
    expect(feed.id).toBe('tag:localhost,2026:feed:appels:territoire=ternois')
    expect(feed.links).toContainEqual({ rel: 'self', href: `${ORIGIN}/flux/appels.atom?territoire=ternois` })
    const ids = feed.entries?.map((e) => e.id) ?? []
    expect(ids).toContain(tag(soon.id))
    expect(ids).toContain(tag(later.id))
    expect(ids.indexOf(tag(soon.id))).toBeLessThan(ids.indexOf(tag(later.id)))
    expect(ids).not.toContain(tag(closed.id))
    expect(ids).not.toContain(tag(training.id))
    expect(ids).not.toContain(tag(upcoming.id))
    const entry = feed.entries?.find((e) => e.id === tag(soon.id))
    expect(decodeHtml(entry?.summary?.value ?? '')).toContain(deadlineText(soon.deadline))
    expect(decodeHtml(entry?.summary?.value ?? '')).toContain('Programme : FSE+')
    // Upcoming calls are not closed: they are in the feed of their territory.
    const montreuillois = (await atom(callsRoute, '/flux/appels.atom?territoire=montreuillois')).feed
    expect(montreuillois.entries?.map((e) => e.id)).toContain(tag(upcoming.id))
    // By programme.
    const feder = (await atom(callsRoute, '/flux/appels.atom?programme=FEDER&territoire=ternois')).feed
    expect(feder.entries?.map((e) => e.id)).toEqual([tag(later.id)])
  })

  test('the deadline is written the French way, in Paris time', () => {
    expect(deadlineText('2027-01-15T11:00:00.000Z')).toBe('Date limite : 15 janvier 2027 à 12\u00a0h')
    expect(deadlineText('2027-07-01T15:30:00.000Z')).toBe('Date limite : 1er juillet 2027 à 17\u00a0h\u00a030')
  })
})

describe('/flux/echeances.ics', () => {
  test('one event per call at its deadline in Europe/Paris, stable UID, SEQUENCE, a reminder a week before', async () => {
    const events = ics(await calendar('/flux/echeances.ics?territoire=ternois'))
    const found = events.find((e) => e.event.uid === `appel-${later.id}@localhost`)
    expect(found).toBeDefined()
    const start = found?.component.getFirstProperty('dtstart')
    expect(start?.getParameter('tzid')).toBe('Europe/Paris')
    expect(found?.event.startDate.toString()).toBe(`${parisInDays(40, '17:30')}:00`)
    expect(found?.event.startDate.toJSDate().toISOString()).toBe(later.deadline)
    expect(found?.component.getFirstPropertyValue('dtend')).toBeNull()
    expect(found?.event.summary).toBe('Date limite : Appel FEDER plus lointain')
    expect(found?.event.description).toContain(deadlineText(later.deadline))
    expect(found?.component.getFirstPropertyValue('url')).toBe(`${ORIGIN}/ressources/${later.slug}`)
    expect(found?.event.sequence).toBe(later.version)
    const alarm = found?.component.getFirstSubcomponent('valarm')
    expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY')
    expect(String(alarm?.getFirstPropertyValue('trigger'))).toBe('-P7D')
    const uids = events.map((e) => e.event.uid)
    expect(uids).toContain(`appel-${soon.id}@localhost`)
    expect(uids).not.toContain(`appel-${closed.id}@localhost`)
  })

  test('the UID stays when the title changes; SEQUENCE goes up', async () => {
    const row = await createTestResource({
      author,
      overrides: { title: 'Appel Erasmus+ avant', territory: 'ternois', programme: 'Erasmus+', openingDate: parisInDays(-3), deadline: parisInDays(25) },
    })
    const saved = await updateResource({
      id: row.id,
      input: resourceInput('financement-europeen', { title: 'Appel Erasmus+ après', territory: 'ternois', programme: 'Erasmus+', openingDate: parisInDays(-3), deadline: parisInDays(26) }),
      actor: systemActor('test'),
      expectedVersion: row.version,
    })
    expect(saved.status).toBe('saved')
    const after = ics(await calendar('/flux/echeances.ics?programme=erasmus-plus')).find((e) => e.event.uid === `appel-${row.id}@localhost`)
    expect(after?.event.summary).toBe('Date limite : Appel Erasmus+ après')
    expect(after?.event.sequence).toBe(row.version + 1)
  })

  test('filters: territory and programme (value, slug, or the « + » a query string turns into a space)', async () => {
    const uidsOf = async (query: string) => ics(await calendar(`/flux/echeances.ics${query}`)).map((e) => e.event.uid)
    const fse = await uidsOf('?territoire=ternois&programme=FSE%2B')
    expect(fse).toContain(`appel-${soon.id}@localhost`)
    expect(fse).not.toContain(`appel-${later.id}@localhost`)
    expect(await uidsOf('?territoire=ternois&programme=fse-plus')).toEqual(fse)
    expect(await uidsOf('?territoire=ternois&programme=FSE+')).toEqual(fse)
    const leader = await uidsOf('?programme=LEADER')
    expect(leader).toContain(`appel-${upcoming.id}@localhost`)
    expect(leader).not.toContain(`appel-${soon.id}@localhost`)
    const montreuillois = await uidsOf('?territoire=montreuillois')
    expect(montreuillois).toContain(`appel-${upcoming.id}@localhost`)
    expect(montreuillois).not.toContain(`appel-${later.id}@localhost`)
  })

  test('every programme has a slug that finds it back', () => {
    for (const programme of PROGRAMMES) {
      expect(findProgramme(programmeSlug(programme))).toBe(programme)
      expect(findProgramme(programme)).toBe(programme)
    }
    expect(findProgramme('fse')).toBeNull()
  })
})

describe('no private resource in any feed', () => {
  test('members-only, group-only, draft, pending and hidden resources never appear, with or without a session', async () => {
    // An admin's session, who reads everything on the site: a feed is built for everyone, whoever asks.
    const admin = await createTestUser({ role: 'admin' })
    const cookie = (await createSession(admin.id)).cookie.split(';')[0]
    const texts: string[] = []
    for (const headers of [{}, { Cookie: cookie }] as Record<string, string>[]) {
      for (const query of ['', '?territoire=ternois', '?theme=financement', '?type=financement-europeen&territoire=ternois']) {
        texts.push(await (await get(resourcesRoute, `/flux/ressources.atom${query}`, headers)).text())
      }
      for (const query of ['', '?territoire=ternois', '?programme=FSE%2B']) {
        texts.push(await (await get(callsRoute, `/flux/appels.atom${query}`, headers)).text())
        texts.push(await (await get(deadlinesRoute, `/flux/echeances.ics${query}`, headers)).text())
      }
    }
    const all = texts.join('\n')
    // The test can fail: the public ones are there.
    expect(all).toContain(soon.id)
    expect(all).toContain(soon.slug)
    for (const row of privateRows) {
      expect(all.includes(row.id), row.title).toBe(false)
      expect(all.includes(row.slug), row.title).toBe(false)
    }
    for (const word of Object.values(SECRET)) expect(all.includes(word), word).toBe(false)
  })
})

describe('HTTP', () => {
  test('bad parameters: a French 400 in plain text, never a 500', async () => {
    for (const [route, path, parameter] of [
      [resourcesRoute, '/flux/ressources.atom?type=inconnu', 'type'],
      [resourcesRoute, '/flux/ressources.atom?territoire=nulle-part', 'territoire'],
      [resourcesRoute, '/flux/ressources.atom?theme=%3Cscript%3E', 'theme'],
      [resourcesRoute, '/flux/ressources.atom?type=formation&type=initiative', 'type'],
      [callsRoute, '/flux/appels.atom?programme=PAC', 'programme'],
      [deadlinesRoute, '/flux/echeances.ics?territoire=atlantide', 'territoire'],
      [deadlinesRoute, '/flux/echeances.ics?programme=FSE%2B&programme=FEDER', 'programme'],
    ] as const) {
      const response = await get(route, path)
      expect(response.status, path).toBe(400)
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      expect(response.headers.get('cache-control')).toBe('no-store')
      const body = await response.text()
      expect(body, path).toContain('Paramètres invalides pour ce flux.')
      expect(body, path).toContain(`- ${parameter} : `)
      expect(body).not.toContain('<script>')
    }
  })

  test('ETag and public caching; 304 on If-None-Match; a change gives a new tag', async () => {
    for (const [route, path] of [
      [resourcesRoute, '/flux/ressources.atom?territoire=ternois'],
      [callsRoute, '/flux/appels.atom?territoire=ternois'],
      [deadlinesRoute, '/flux/echeances.ics?territoire=ternois'],
    ] as const) {
      const first = await get(route, path)
      const etag = first.headers.get('etag') ?? ''
      expect(etag, path).toMatch(/^W\/"/)
      expect(first.headers.get('cache-control')).toBe('public, max-age=300')
      const again = await get(route, path)
      expect(again.headers.get('etag'), path).toBe(etag)
      const notModified = await get(route, path, { 'If-None-Match': etag })
      expect(notModified.status, path).toBe(304)
      expect(await notModified.text()).toBe('')
      expect(notModified.headers.get('etag')).toBe(etag)
      expect((await get(route, path, { 'If-None-Match': 'W/"autre"' })).status).toBe(200)
    }
    const before = (await get(callsRoute, '/flux/appels.atom?territoire=ternois')).headers.get('etag')
    await createTestResource({ author, overrides: { title: 'Appel tout neuf', territory: 'ternois', openingDate: parisInDays(-1), deadline: parisInDays(12) } })
    expect((await get(callsRoute, '/flux/appels.atom?territoire=ternois')).headers.get('etag')).not.toBe(before)
  })
})

describe('the list pages link their feeds', () => {
  const app = createTestApp({
    ...GROUP_PAGE_ROUTES,
    'routes/_index': { index: true, module: home as unknown as TestRoute['module'] },
    'routes/ressources._index': { path: 'ressources', index: true, module: resourcesPage as unknown as TestRoute['module'] },
    'routes/plan-du-site': { path: 'plan-du-site', module: siteMap as unknown as TestRoute['module'] },
  })
  const head = (html: string) => html.slice(0, html.indexOf('</head>'))
  const alternates = (html: string) =>
    [...head(html).matchAll(/<link rel="alternate" type="application\/atom\+xml" title="([^"]*)" href="([^"]*)"\/>/g)].map((m) => ({
      title: m[1],
      href: m[2].replace(/&amp;/g, '&'),
    }))

  test('/ressources: the feed with the current filters in <head>, and a visible link', async () => {
    const html = await (await app(pageGet('/ressources?type=formation&territoire=ternois&theme=inconnue&page=2'))).text()
    expect(alternates(html)).toEqual([{ title: 'Ressources d’Essaim (ces filtres)', href: '/flux/ressources.atom?type=formation&territoire=ternois' }])
    expect(html).toContain('>S’abonner au flux de ces ressources</a>')
    const calls = await (await app(pageGet('/ressources?type=financement-europeen&theme=financement'))).text()
    expect(alternates(calls).map((a) => a.href)).toEqual(['/flux/ressources.atom?type=financement-europeen&theme=financement', '/flux/appels.atom?theme=financement'])
    expect(calls).toContain('href="/flux/echeances.ics?theme=financement"')
    // Every linked feed answers (no 400 from a filter the page accepted).
    for (const { href } of [...alternates(html), ...alternates(calls)]) {
      const route = href.startsWith('/flux/appels') ? callsRoute : resourcesRoute
      expect((await get(route, href)).status, href).toBe(200)
    }
  })

  test('the home page and a territory page', async () => {
    // The home page lists the open calls from the search index: index the calls created above.
    await drainSearchOutbox()
    const homeHtml = await (await app(pageGet('/'))).text()
    expect(alternates(homeHtml).map((a) => a.href)).toEqual(['/flux/ressources.atom', '/flux/appels.atom'])
    expect(homeHtml).toContain('>S’abonner au flux des appels ouverts</a>')
    const territory = await app(pageGet('/territoires/ternois'))
    expect(territory.status).toBe(200)
    const territoryHtml = await territory.text()
    expect(alternates(territoryHtml)).toEqual([{ title: 'Ressources d’Essaim — Ternois', href: '/flux/ressources.atom?territoire=ternois' }])
    expect(territoryHtml).toContain('href="/flux/ressources.atom?territoire=ternois">S’abonner au flux des ressources publiques du territoire</a>')
  })

  test('the site map lists the three feeds', async () => {
    const html = await (await app(pageGet('/plan-du-site'))).text()
    expect(html).toContain('<h2 id="plan-section-flux">Flux</h2>')
    for (const href of ['/flux/ressources.atom', '/flux/appels.atom', '/flux/echeances.ics']) expect(html).toContain(`href="${href}"`)
  })

  test('/recherche of open calls (« Tous les appels ouverts ») announces the calls feed', async () => {
    const metaOf = async (query: string) => {
      const data = await searchPage.loader({ request: new Request(`${ORIGIN}/recherche${query}`), context: { nonce: 'test', clientIp: '127.0.0.1' }, params: {} })
      return (searchPage.meta as (args: { data: unknown }) => Record<string, string>[])({ data }).filter((d) => d.rel === 'alternate').map((d) => d.href)
    }
    expect(await metaOf('?state=open&sort=deadline')).toEqual(['/flux/appels.atom'])
    expect(await metaOf('?state=open&programme=FSE%2B')).toEqual(['/flux/appels.atom?programme=fse-plus'])
    expect(await metaOf('?q=jardin')).toEqual([])
  })
})
