import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, pageGet, readPage } from '#tests/helpers/remix-app.ts'

// A group's « Agenda » tab (/groupes/:slug/evenements, /territoires/:slug/evenements): its upcoming events the viewer
// may read, through the events policy.

const app = createTestApp(GROUP_PAGE_ROUTES)

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, ...(await readPage(response)) }
}

async function login() {
  const user = await createTestUser()
  return { user, cookie: (await createSession(user.id)).cookie.split(';')[0] }
}

const days = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000).toISOString()

describe('the events tab of a group', () => {
  test('its upcoming events; a group-only one for its members only; the calendar to subscribe to; the tab is current', async () => {
    const group = await createTestGroup({ name: 'Groupe de l’agenda' })
    const open = await createTestEvent({ title: 'Séance ouverte du groupe', groupId: group.id })
    const closed = await createTestEvent({ title: 'Séance réservée du groupe', groupId: group.id, visibility: 'group', groupIds: [group.id] })
    const past = await createTestEvent({ title: 'Séance passée du groupe', groupId: group.id, startsAt: days(-10), endsAt: days(-9.9) })
    const elsewhere = await createTestEvent({ title: 'Séance d’un autre groupe' })
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)

    const visitor = await page(`/groupes/${group.slug}/evenements`)
    expect(visitor.status).toBe(200)
    expect(visitor.visible).toContain(`href="/agenda/${open.id}"`)
    expect(visitor.visible).not.toContain(closed.id)
    expect(visitor.visible).not.toContain(past.id)
    expect(visitor.visible).not.toContain(elsewhere.id)
    expect(visitor.visible).toContain('1 événement à venir')
    expect(visitor.visible).toContain(`href="/groupes/${group.slug}/agenda.ics"`)
    expect(visitor.visible).toContain(`href="/agenda?groupe=${group.slug}&amp;quand=passes"`)
    expect(visitor.visible).toMatch(new RegExp(`<a [^>]*aria-current="page"[^>]*href="/groupes/${group.slug}/evenements">Agenda</a>`))

    const outsider = await login()
    expect((await page(`/groupes/${group.slug}/evenements`, outsider.cookie)).visible).not.toContain(closed.id)
    const seen = await page(`/groupes/${group.slug}/evenements`, member.cookie)
    expect(seen.visible).toContain(`href="/agenda/${closed.id}"`)
    expect(seen.visible).toContain('2 événements à venir')
  })

  test('a members-only group: no public calendar link; a territory group has its tab under /territoires', async () => {
    const group = await createTestGroup({ pageVisibility: 'members' })
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    const tab = await page(`/groupes/${group.slug}/evenements`, member.cookie)
    expect(tab.status).toBe(200)
    expect(tab.visible).toContain('Aucun événement à venir')
    expect(tab.visible).not.toContain('agenda.ics')
    expect((await page(`/groupes/${group.slug}/evenements`)).status).toBe(404)

    const calaisis = await territoryGroup('calaisis')
    const session = await createTestEvent({ title: 'Séance du Calaisis au calendrier', groupId: calaisis.id })
    const territory = await page('/territoires/calaisis/evenements')
    expect(territory.status).toBe(200)
    expect(territory.visible).toContain(`href="/agenda/${session.id}"`)
    expect(territory.visible).toContain('href="/territoires/calaisis/agenda.ics"')
  })
})
