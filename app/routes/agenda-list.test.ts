import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { ANONYMOUS, systemActor } from '#app/modules/auth/viewer.ts'
import { cancelEvent, listEvents } from '#app/modules/events/events.server.ts'
import { AGENDA_ROUTES } from '#tests/helpers/agenda-routes.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet, readPage } from '#tests/helpers/remix-app.ts'

// The agenda list (/agenda) and the public feeds (/agenda.ics, /territoires/:slug/agenda.ics,
// /groupes/:slug/agenda.ics), through real requests and a real database (issue 13).

const app = createTestApp(AGENDA_ROUTES)

async function login() {
  const user = await createTestUser()
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, headers: response.headers, ...(await readPage(response)) }
}

/** The UIDs of a feed, parsed by ical.js. */
async function feedUids(url: string, cookie?: string): Promise<string[]> {
  const answer = await page(url, cookie)
  expect(answer.status).toBe(200)
  expect(answer.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  const calendar = new ICAL.Component(ICAL.parse(answer.full))
  return calendar.getAllSubcomponents('vevent').map((c) => String(c.getFirstPropertyValue('uid')))
}

const days = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000)

describe('the agenda list', () => {
  test('upcoming by default, soonest first; past events on request, with links both ways', async () => {
    const soon = await createTestEvent({ title: 'Liste : bientôt', startsAt: days(3).toISOString(), endsAt: new Date(days(3).getTime() + 3600_000).toISOString() })
    const later = await createTestEvent({ title: 'Liste : plus tard', startsAt: days(9).toISOString(), endsAt: new Date(days(9).getTime() + 3600_000).toISOString() })
    const past = await createTestEvent({ title: 'Liste : passé', startsAt: days(-9).toISOString(), endsAt: new Date(days(-9).getTime() + 3600_000).toISOString() })
    const upcoming = await page('/agenda')
    expect(upcoming.status).toBe(200)
    expect(upcoming.visible).toContain('<h1>Agenda</h1>')
    expect(upcoming.visible).toContain(`href="/agenda/${soon.id}">Liste : bientôt</a>`)
    expect(upcoming.visible.indexOf(`/agenda/${soon.id}"`)).toBeLessThan(upcoming.visible.indexOf(`/agenda/${later.id}"`))
    expect(upcoming.visible).not.toContain('Liste : passé')
    expect(upcoming.visible).toContain('href="/agenda?quand=passes">Événements passés</a>')
    expect(upcoming.visible).toMatch(/\d+ événements? à venir/)
    expect(upcoming.visible).toContain('(heure de Paris)')
    const pastPage = await page('/agenda?quand=passes')
    expect(pastPage.visible).toContain('<h1>Événements passés</h1>')
    expect(pastPage.visible).toContain(`href="/agenda/${past.id}">Liste : passé</a>`)
    expect(pastPage.visible).not.toContain('Liste : bientôt')
    expect(pastPage.visible).toContain('href="/agenda">Événements à venir</a>')
  })

  test('the GET filters: territory and kind, kept by the form and the links; unknown values are ignored', async () => {
    const calaisis = await createTestEvent({ title: 'Filtre : Calaisis', communeInsee: null, territorySlug: 'calaisis', kind: 'formation' })
    const arras = await createTestEvent({ title: 'Filtre : Arras', kind: 'pleniere-cdess' })
    const byTerritory = await page('/agenda?territoire=calaisis')
    expect(byTerritory.visible).toContain(`/agenda/${calaisis.id}"`)
    expect(byTerritory.visible).not.toContain(`/agenda/${arras.id}"`)
    expect(byTerritory.visible).toMatch(/<option value="calaisis" selected="">/)
    const byKind = await page('/agenda?type=pleniere-cdess')
    expect(byKind.visible).toContain(`/agenda/${arras.id}"`)
    expect(byKind.visible).not.toContain(`/agenda/${calaisis.id}"`)
    expect(byKind.visible).toContain('href="/agenda?quand=passes&amp;type=pleniere-cdess">Événements passés</a>')
    const unknown = await page('/agenda?territoire=nulle-part&type=inconnu')
    expect(unknown.status).toBe(200)
    expect(unknown.visible).toContain(`/agenda/${calaisis.id}"`)
    expect(unknown.visible).toContain(`/agenda/${arras.id}"`)
  })

  test('the group filter: the group’s events only; a hidden group is neither offered nor matched', async () => {
    const group = await createTestGroup({ name: 'Filtre groupe visible' })
    const hidden = await createTestGroup({ name: 'Filtre groupe caché', hidden: true, joinPolicy: 'invitation' })
    const mine = await createTestEvent({ title: 'Filtre : du groupe', groupId: group.id })
    const other = await createTestEvent({ title: 'Filtre : d’un autre' })
    const byGroup = await page(`/agenda?groupe=${group.slug}`)
    expect(byGroup.visible).toContain(`/agenda/${mine.id}"`)
    expect(byGroup.visible).not.toContain(`/agenda/${other.id}"`)
    expect(byGroup.visible).toMatch(new RegExp(`<option value="${group.slug}" selected="">`))
    expect(byGroup.visible).not.toContain(hidden.slug)
    // A hidden group's slug in the address filters nothing (and says nothing of the group).
    const probing = await page(`/agenda?groupe=${hidden.slug}`)
    expect(probing.visible).toContain(`/agenda/${other.id}"`)
  })

  test('20 events a page, with the pagination links', async () => {
    for (let i = 0; i < 21; i++) await createTestEvent({ title: `Pagination ${i}`, kind: 'reunion-reseau', communeInsee: null, territorySlug: 'audomarois' })
    const total = (await listEvents({ viewer: ANONYMOUS, kind: 'reunion-reseau', territorySlug: 'audomarois', limit: 1000 })).length
    expect(total).toBeGreaterThanOrEqual(21)
    const pages = Math.ceil(total / 20)
    const first = await page('/agenda?territoire=audomarois&type=reunion-reseau')
    expect(first.visible).toContain(`${total} événements à venir — page 1 sur ${pages}`)
    expect(first.visible.match(/class="resource-card"/g)).toHaveLength(20)
    expect(first.visible).toContain('href="/agenda?territoire=audomarois&amp;type=reunion-reseau&amp;page=2"')
    const second = await page('/agenda?territoire=audomarois&type=reunion-reseau&page=2')
    expect(second.visible).toContain(`page 2 sur ${pages}`)
    expect(second.visible).toMatch(/<span aria-current="page"><span class="visually-hidden">Page <\/span>2<\/span>/)
  })

  test('one event, one word: « 1 événement à venir »; none: « Aucun événement à venir »', async () => {
    // A kind and territory no other test uses (the database is the worker's, shared by the files it runs).
    expect((await page('/agenda?territoire=lens-lievin&type=autre')).visible).toContain('<h2 id="titre-resultats">Aucun événement à venir</h2>')
    await createTestEvent({ title: 'Seule', kind: 'autre', communeInsee: null, territorySlug: 'lens-lievin' })
    expect((await page('/agenda?territoire=lens-lievin&type=autre')).visible).toContain('<h2 id="titre-resultats">1 événement à venir</h2>')
    expect((await page('/agenda?territoire=lens-lievin&type=autre&quand=passes')).visible).toContain('<h2 id="titre-resultats">Aucun événement passé</h2>')
  })

  test('a cancelled event stays in the list, marked « Annulé »', async () => {
    const event = await createTestEvent({ title: 'Liste : annulé', kind: 'formation', communeInsee: null, territorySlug: 'montreuillois' })
    await cancelEvent({ id: event.id, actor: systemActor('tests') })
    const html = (await page('/agenda?territoire=montreuillois&type=formation')).visible
    expect(html).toMatch(new RegExp(`<strong>Annulé</strong>[\\s\\S]*href="/agenda/${event.id}"`))
  })
})

describe('the public feeds', () => {
  test('the agenda, the territory and the group feeds carry public events of their scope', async () => {
    const group = await createTestGroup()
    const inCalaisis = await createTestEvent({ groupId: group.id, communeInsee: null, territorySlug: 'calaisis' })
    const elsewhere = await createTestEvent()
    expect(await feedUids('/agenda.ics')).toEqual(expect.arrayContaining([inCalaisis.uid, elsewhere.uid]))
    const territory = await feedUids('/territoires/calaisis/agenda.ics')
    expect(territory).toContain(inCalaisis.uid)
    expect(territory).not.toContain(elsewhere.uid)
    expect(await feedUids(`/groupes/${group.slug}/agenda.ics`)).toEqual([inCalaisis.uid])
    expect((await page('/territoires/nulle-part/agenda.ics')).status).toBe(404)
    expect((await page('/groupes/inconnu/agenda.ics')).status).toBe(404)
  })

  test('a hidden group has no public feed', async () => {
    const hidden = await createTestGroup({ hidden: true, joinPolicy: 'invitation' })
    expect((await page(`/groupes/${hidden.slug}/agenda.ics`)).status).toBe(404)
  })
})

describe('a group-only event leaves no trace for non-members', () => {
  test('absent from the list and every feed for anonymous visitors and non-members; in the list for members, never in public feeds', async () => {
    const group = await createTestGroup()
    const secret = await createTestEvent({
      groupId: group.id,
      visibility: 'group',
      groupIds: [group.id],
      title: 'Réunion secrète du groupe',
      communeInsee: null,
      territorySlug: 'calaisis',
    })
    const members = await createTestEvent({ groupId: group.id, visibility: 'members', title: 'Réunion des membres connectés', communeInsee: null, territorySlug: 'calaisis' })
    const outsider = await login()
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    for (const cookie of [undefined, outsider.cookie]) {
      for (const url of ['/agenda', '/agenda?territoire=calaisis', '/agenda?quand=passes']) {
        expect((await page(url, cookie)).full).not.toContain('Réunion secrète du groupe')
      }
    }
    expect((await page('/agenda?territoire=calaisis', member.cookie)).visible).toContain(`href="/agenda/${secret.id}">Réunion secrète du groupe</a>`)
    expect((await page('/agenda?territoire=calaisis')).full).not.toContain('Réunion des membres connectés')
    expect((await page('/agenda?territoire=calaisis', outsider.cookie)).visible).toContain('Réunion des membres connectés')
    for (const cookie of [undefined, outsider.cookie, member.cookie]) {
      for (const url of ['/agenda.ics', '/territoires/calaisis/agenda.ics', `/groupes/${group.slug}/agenda.ics`]) {
        const answer = await page(url, cookie)
        expect(answer.full).not.toContain('Réunion secrète du groupe')
        expect(answer.full).not.toContain(secret.uid)
        expect(answer.full).not.toContain(members.uid)
      }
    }
  })
})
