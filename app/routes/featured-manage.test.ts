import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { listAuditEntries } from '#app/modules/audit/audit.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { readEndDate, slugFromInput } from '#app/modules/curation/featured-route.server.ts'
import { addTestGroupMember, createTestGroup, restrictToGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, formPost, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'
import * as home from './_index.tsx'
import * as adminFeatured from './admin.une.tsx'

// Managing « À la une »: /admin/une (admins only) and the « À la une du groupe » section of the Coordination tab
// (its coordinators and admins), through real requests and a real database.

const asRoute = (module: unknown) => module as TestRoute['module']
const app = createTestApp({
  'routes/_index': { index: true, module: asRoute(home) },
  'routes/admin.une': { path: 'admin/une', module: asRoute(adminFeatured) },
  ...GROUP_PAGE_ROUTES,
})

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  const { full, visible } = await readPage(response)
  return { status: response.status, full, visible: visible.replaceAll('<!-- -->', '') }
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  const { full, visible } = await readPage(response)
  return { status: response.status, location: response.headers.get('location'), full, visible: visible.replaceAll('<!-- -->', '') }
}

async function featuredSlugs(groupId: string | null) {
  const rows = await db
    .selectFrom('featuredResources')
    .innerJoin('resources', 'resources.id', 'featuredResources.resourceId')
    .select(['resources.slug', 'featuredResources.id', 'featuredResources.endsAt'])
    .where('featuredResources.groupId', groupId === null ? 'is' : '=', groupId)
    .orderBy('featuredResources.position')
    .execute()
  return rows
}

describe('reading what was pasted', () => {
  test('an address, a path or a slug; anything else is refused', () => {
    expect(slugFromInput('https://essaim.example/ressources/jardin-partage?x=1')).toBe('jardin-partage')
    expect(slugFromInput('/ressources/jardin-partage/')).toBe('jardin-partage')
    expect(slugFromInput('jardin-partage')).toBe('jardin-partage')
    expect(slugFromInput('https://essaim.example/structures/jardin')).toBeNull()
    expect(slugFromInput('<script>')).toBeNull()
  })

  test('an end date: the date input or jj/mm/aaaa, to the end of that day in Paris; a past day refused', () => {
    const now = new Date('2026-12-03T12:00:00Z')
    expect(readEndDate('', now)).toEqual({ ok: true, endsAt: null })
    expect(readEndDate('2026-12-03', now)).toEqual({ ok: true, endsAt: '2026-12-03T22:59:00.000Z' })
    expect(readEndDate('15/1/2027', now)).toEqual({ ok: true, endsAt: '2027-01-15T22:59:00.000Z' })
    expect(readEndDate('2026-12-02', now)).toEqual({ ok: false, message: 'Cette date est passée : choisissez aujourd’hui ou une date à venir.' })
    expect(readEndDate('31/02/2027', now)).toEqual({ ok: false, message: 'Date de fin invalide : écrivez-la sous la forme jj/mm/aaaa.' })
    expect(readEndDate('demain', now).ok).toBe(false)
  })
})

describe('/admin/une', () => {
  test('admins only: anonymous, a member and a coordinator get a 404, on the page and on every form', async () => {
    const member = await login()
    const coordinator = await login()
    await addTestGroupMember((await territoryGroup('calaisis')).id, coordinator.user.id, 'coordinator')
    const author = await createTestUser()
    const resource = await createTestResource({ author, type: 'initiative' })
    for (const [who, cookie] of [
      ['anonymous', undefined],
      ['member', member.cookie],
      ['coordinator', coordinator.cookie],
    ] as const) {
      const denied = await page('/admin/une', cookie)
      expect(denied.status, who).toBe(404)
      expect(denied.full, who).not.toContain('Mettre une ressource à la une')
      expect((await post('/admin/une', { intent: 'featured-add', ressource: resource.slug }, cookie)).status, who).toBe(404)
    }
    expect((await featuredSlugs(null)).map((f) => f.slug)).not.toContain(resource.slug)
  })

  test('an admin adds by address, is told when it is already featured, reorders, dates and removes; all audited; the home page follows', async () => {
    const admin = await login({ role: 'admin' })
    const author = await createTestUser()
    const first = await createTestResource({ author, type: 'initiative', overrides: { title: 'Une recyclerie solidaire à Béthune' } })
    const second = await createTestResource({ author, type: 'bonne-pratique', overrides: { title: 'Un atelier vélo partagé à Arras' } })
    const before = await page('/admin/une', admin.cookie)
    expect(before.status).toBe(200)
    expect(before.visible).toContain('<h1>À la une de l’accueil</h1>')

    const added = await post('/admin/une', { intent: 'featured-add', ressource: `http://localhost:3000/ressources/${first.slug}`, fin: '' }, admin.cookie)
    expect(added.status).toBe(302)
    expect(added.location).toBe('/admin/une')
    // Found by a search on its title, added from the results.
    const search = await page('/admin/une?une=atelier+v%C3%A9lo', admin.cookie)
    expect(search.visible).toContain('Un atelier vélo partagé à Arras')
    expect((await post('/admin/une', { intent: 'featured-add', ressource: second.slug }, admin.cookie)).status).toBe(302)
    expect((await featuredSlugs(null)).map((f) => f.slug).filter((s) => s === first.slug || s === second.slug)).toEqual([first.slug, second.slug])
    expect((await page('/', undefined)).visible).toContain('Une recyclerie solidaire à Béthune')

    const again = await post('/admin/une', { intent: 'featured-add', ressource: `/ressources/${first.slug}` }, admin.cookie)
    expect(again.status).toBe(400)
    expect(again.visible).toContain('Cette ressource est déjà à la une.')
    // What was typed comes back.
    expect(again.full).toContain(`value="/ressources/${first.slug}"`)
    expect((await page('/admin/une?une=recyclerie', admin.cookie)).visible).toContain('Déjà à la une')

    const id = (await featuredSlugs(null)).find((f) => f.slug === second.slug)!.id
    expect((await post('/admin/une', { intent: 'featured-up', id }, admin.cookie)).status).toBe(302)
    const order = (await featuredSlugs(null)).map((f) => f.slug)
    expect(order.indexOf(second.slug)).toBeLessThan(order.indexOf(first.slug))

    const past = await post('/admin/une', { intent: 'featured-end', id, fin: '2020-01-01' }, admin.cookie)
    expect(past.status).toBe(400)
    expect(past.visible).toContain('Cette date est passée : choisissez aujourd’hui ou une date à venir.')
    expect(past.full).toContain('value="2020-01-01"')
    expect((await featuredSlugs(null)).find((f) => f.id === id)!.endsAt).toBeNull()
    const bad = await post('/admin/une', { intent: 'featured-add', ressource: 'https://ailleurs.example/page', fin: '' }, admin.cookie)
    expect(bad.status).toBe(400)
    expect(bad.visible).toContain('Cette adresse n’est pas celle d’une ressource d’Essaim')
    expect((await post('/admin/une', { intent: 'featured-end', id, fin: '2099-06-30' }, admin.cookie)).status).toBe(302)
    expect((await featuredSlugs(null)).find((f) => f.id === id)!.endsAt).toBe('2099-06-30T21:59:00.000Z')
    expect((await page('/admin/une', admin.cookie)).visible).toContain('jusqu’au <time dateTime="2099-06-30T21:59:00.000Z">30 juin 2099</time> inclus')

    expect((await post('/admin/une', { intent: 'featured-remove', id }, admin.cookie)).status).toBe(302)
    expect((await featuredSlugs(null)).map((f) => f.slug)).not.toContain(second.slug)
    const audit = (await listAuditEntries({ type: 'resource', id: second.id })).map((e) => e.action)
    expect(audit).toEqual(expect.arrayContaining(['resource.featured', 'resource.featured_moved', 'resource.featured_end_changed', 'resource.unfeatured']))
  })

  test('only public resources go on the home page', async () => {
    const admin = await login({ role: 'admin' })
    const author = await createTestUser()
    const members = await createTestResource({ author, type: 'initiative', visibility: 'members' })
    const refused = await post('/admin/une', { intent: 'featured-add', ressource: members.slug, fin: '' }, admin.cookie)
    expect(refused.status).toBe(400)
    expect(refused.visible).toContain('l’accueil ne met à la une que des ressources que tout le monde peut lire')
  })
})

describe('« À la une du groupe » in the Coordination tab', () => {
  test('a coordinator features a resource for the group, from both layouts; a member gets a 404; the group page shows it', async () => {
    const group = await createTestGroup({ name: 'Groupe des tiers-lieux du test' })
    const coordinator = await login()
    await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    const author = await createTestUser()
    const ours = await createTestResource({ author, type: 'initiative', overrides: { title: 'Une conciergerie rurale du groupe' } })
    await restrictToGroup(ours.id, group.id)
    const other = await createTestResource({ author, type: 'initiative' })
    await restrictToGroup(other.id, (await createTestGroup()).id)
    const tab = `/groupes/${group.slug}/coordination`

    const view = await page(tab, coordinator.cookie)
    expect(view.status).toBe(200)
    expect(view.visible).toContain('À la une du groupe')
    expect((await post(tab, { intent: 'featured-add', ressource: ours.slug, fin: '' }, member.cookie)).status).toBe(404)
    const refused = await post(tab, { intent: 'featured-add', ressource: other.slug, fin: '' }, coordinator.cookie)
    expect(refused.status).toBe(400)
    expect(refused.visible).toContain('Aucune ressource publiée que les membres du groupe peuvent lire ne correspond à cette adresse.')
    const added = await post(tab, { intent: 'featured-add', ressource: ours.slug, fin: '' }, coordinator.cookie)
    expect(added.status).toBe(302)
    expect(added.location).toBe(tab)
    expect((await featuredSlugs(group.id)).map((f) => f.slug)).toEqual([ours.slug])
    expect((await page(`/groupes/${group.slug}`, member.cookie)).visible).toContain('Une conciergerie rurale du groupe')
    const audit = await listAuditEntries({ type: 'resource', id: ours.id })
    expect(audit.map((e) => e.action)).toContain('resource.featured')

    // A territory's group: the same section and action.
    const calaisis = await territoryGroup('calaisis')
    const territoryCoordinator = await login()
    await addTestGroupMember(calaisis.id, territoryCoordinator.user.id, 'coordinator')
    const territoryTab = '/territoires/calaisis/coordination'
    expect((await page(territoryTab, territoryCoordinator.cookie)).visible).toContain('À la une du groupe')
    const resource = await createTestResource({ author, type: 'formation' })
    expect((await post(territoryTab, { intent: 'featured-add', ressource: resource.slug, fin: '01/01/2020' }, territoryCoordinator.cookie)).status).toBe(400)
    expect((await post(territoryTab, { intent: 'featured-add', ressource: resource.slug, fin: '' }, territoryCoordinator.cookie)).status).toBe(302)
    expect((await featuredSlugs(calaisis.id)).map((f) => f.slug)).toContain(resource.slug)
    // Not the other group's list.
    expect((await featuredSlugs(group.id)).map((f) => f.slug)).not.toContain(resource.slug)
  })
})
