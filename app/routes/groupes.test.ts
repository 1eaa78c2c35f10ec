import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { ensureProfile } from '#app/modules/people/people.server.ts'
import { addTestGroupMember, createTestGroup, restrictToGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, pageGet, readPage } from '#tests/helpers/remix-app.ts'

const app = createTestApp(GROUP_PAGE_ROUTES)

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function visible(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, ...(await readPage(response)) }
}

/** The figures panel of a group page, as text. */
function figuresPanel(html: string): string {
  const start = html.indexOf('id="titre-chiffres"')
  return html.slice(start, html.indexOf('</section>', start)).replace(/<[^>]+>/g, ' ')
}

describe('/groupes', () => {
  test('territory groups first, then thematic ones, with their figures and French plurals', async () => {
    const group = await createTestGroup({ name: 'Tiers-lieux du test' })
    const one = await createTestUser()
    await addTestGroupMember(group.id, one.id)
    const { status, visible: html } = await visible('/groupes')
    expect(status).toBe(200)
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1)
    expect(html).toContain('<title>Les groupes du réseau — Essaim</title>')
    const territories = html.indexOf('Les groupes des territoires')
    const thematic = html.indexOf('Les groupes thématiques')
    expect(territories).toBeGreaterThan(0)
    expect(thematic).toBeGreaterThan(territories)
    expect(html.indexOf('href="/territoires/calaisis"')).toBeGreaterThan(territories)
    expect(html.indexOf('href="/territoires/calaisis"')).toBeLessThan(thematic)
    const card = html.slice(html.indexOf(`href="/groupes/${group.slug}"`))
    expect(card.slice(0, card.indexOf('</li></ul>'))).toContain('<li>1 membre</li>')
    await addTestGroupMember(group.id, (await createTestUser()).id)
    const again = (await visible('/groupes')).visible
    const card2 = again.slice(again.indexOf(`href="/groupes/${group.slug}"`))
    expect(card2.slice(0, card2.indexOf('</li></ul>'))).toContain('<li>2 membres</li>')
  })

  test('a hidden group: not listed to a verified non-member, listed to its member', async () => {
    const group = await createTestGroup({ name: 'Cercle discret du test', hidden: true })
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    const outsider = await login()
    expect((await visible('/groupes')).full).not.toContain('Cercle discret du test')
    expect((await visible('/groupes', outsider.cookie)).full).not.toContain('Cercle discret du test')
    const html = (await visible('/groupes', member.cookie)).visible
    expect(html).toContain(`<a data-discover="true" href="/groupes/${group.slug}">Cercle discret du test</a>`)
    expect(html).toContain('Vous êtes membre')
  })

  test('a members-only group: listed to verified people without a link, not to anonymous visitors', async () => {
    const group = await createTestGroup({ name: 'Groupe réservé du test', pageVisibility: 'members' })
    expect((await visible('/groupes')).full).not.toContain('Groupe réservé du test')
    const person = await login()
    const html = (await visible('/groupes', person.cookie)).visible
    expect(html).toContain('<h3>Groupe réservé du test</h3>')
    expect(html).not.toContain(`href="/groupes/${group.slug}"`)
    expect(html).toContain('Page réservée aux membres du groupe')
  })
})

describe('/groupes/:slug', () => {
  test('a public group: name, figures, tabs (aria-current), breadcrumb, resources', async () => {
    const group = await createTestGroup({ name: 'Alimentation durable du test' })
    const { status, visible: html } = await visible(`/groupes/${group.slug}`)
    expect(status).toBe(200)
    expect(html).toContain('<h1>Alimentation durable du test</h1>')
    expect(html).toContain('<title>Alimentation durable du test — Groupes — Essaim</title>')
    expect(html).toContain('<a data-discover="true" href="/groupes">Groupes</a>')
    expect(html).toMatch(/<nav aria-label="Rubriques du groupe Alimentation durable du test"/)
    expect(html).toMatch(new RegExp(`<a [^>]*aria-current="page"[^>]*href="/groupes/${group.slug}">Ressources</a>`))
    // Discussions are for the group's members: no tab for a visitor.
    expect(html).not.toContain(`href="/groupes/${group.slug}/discussions"`)
    expect(figuresPanel(html)).toContain('0 membre')
    expect(html).toContain('Aucune ressource n’est encore publiée pour ce groupe.')
  })

  test('a members-only group is a 404 for anonymous visitors and non-members, the page for its members', async () => {
    const group = await createTestGroup({ name: 'Fonds européens du test', pageVisibility: 'members' })
    const member = await login()
    await addTestGroupMember(group.id, member.user.id, 'coordinator')
    const outsider = await login()
    for (const cookie of [undefined, outsider.cookie]) {
      for (const path of ['', '/membres']) {
        const page = await visible(`/groupes/${group.slug}${path}`, cookie)
        expect(page.status, `${path} ${cookie ? 'outsider' : 'anonymous'}`).toBe(404)
        expect(page.full).not.toContain('Fonds européens du test')
        expect(page.full).toContain('<title>Groupe introuvable — Essaim</title>')
      }
    }
    const page = await visible(`/groupes/${group.slug}`, member.cookie)
    expect(page.status).toBe(200)
    expect(page.visible).toContain('Coordinateur ou coordinatrice')
  })

  test('a hidden group is a 404 for a verified non-member', async () => {
    const group = await createTestGroup({ hidden: true })
    const outsider = await login()
    expect((await visible(`/groupes/${group.slug}`, outsider.cookie)).status).toBe(404)
    const admin = await login({ role: 'admin' })
    expect((await visible(`/groupes/${group.slug}`, admin.cookie)).status).toBe(200)
  })

  test('a group-only resource is listed and counted for a member, absent from everything a non-member gets', async () => {
    const group = await createTestGroup()
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    const outsider = await login()
    const resource = await createTestResource({
      author: member.user,
      type: 'bonne-pratique',
      overrides: { title: 'Pratique confidentielle zéphyr du groupe' },
    })
    await restrictToGroup(resource.id, group.id)

    const forMember = await visible(`/groupes/${group.slug}`, member.cookie)
    expect(forMember.visible).toContain('Pratique confidentielle zéphyr du groupe')
    expect(forMember.visible).toContain('Réservée aux membres du groupe')
    expect(figuresPanel(forMember.visible)).toMatch(/1 ressource\b/)
    expect(figuresPanel(forMember.visible)).toContain('1 bonne pratique')

    for (const cookie of [undefined, outsider.cookie]) {
      const page = await visible(`/groupes/${group.slug}`, cookie)
      expect(page.full).not.toContain('zéphyr')
      expect(figuresPanel(page.visible)).toMatch(/0 ressource\b/)
      expect(figuresPanel(page.visible)).not.toContain('bonne pratique')
      expect((await visible('/groupes', cookie)).full).not.toContain('zéphyr')
    }
  })

  test('a territory group at /groupes/:slug redirects to its territory page', async () => {
    const response = await app(pageGet('/groupes/calaisis'))
    expect(response.status).toBe(301)
    expect(response.headers.get('Location')).toBe('/territoires/calaisis')
    expect((await app(pageGet('/groupes/groupe-inconnu'))).status).toBe(404)
  })
})

describe('members tab', () => {
  test('coordinators first, profile visibility respected, plurals', async () => {
    const group = await createTestGroup()
    const coordinator = await createTestUser({ name: 'Yasmine Coordination' })
    const publicMember = await createTestUser({ name: 'Armand Public' })
    const hidden1 = await createTestUser({ name: 'Béatrice Discrète' })
    const hidden2 = await createTestUser({ name: 'Cyril Discret' })
    for (const [user, visibility] of [
      [coordinator, 'public'],
      [publicMember, 'public'],
      [hidden1, 'hidden'],
      [hidden2, 'members'],
    ] as const) {
      await ensureProfile(user)
      await db.updateTable('profiles').set({ visibility }).where('userId', '=', user.id).execute()
      await addTestGroupMember(group.id, user.id, user === coordinator ? 'coordinator' : 'member')
    }
    const { status, visible: html, full } = await visible(`/groupes/${group.slug}/membres`)
    expect(status).toBe(200)
    expect(html).toContain(`<title>Membres — ${group.name} — Groupes — Essaim</title>`)
    expect(html).toMatch(/<span aria-current="page">Membres<\/span>/)
    expect(html).toMatch(new RegExp(`<a [^>]*aria-current="page"[^>]*href="/groupes/${group.slug}/membres">Membres</a>`))
    expect(html.indexOf('Yasmine Coordination')).toBeLessThan(html.indexOf('Armand Public'))
    expect(html.indexOf('Yasmine Coordination')).toBeGreaterThan(html.indexOf('id="titre-coordination"'))
    expect(full).not.toContain('Béatrice Discrète')
    expect(full).not.toContain('Cyril Discret')
    expect(html).toContain('2 autres membres ne sont pas affichés')
    expect(figuresPanel(html)).toContain('4 membres')

    const person = await login()
    const loggedIn = (await visible(`/groupes/${group.slug}/membres`, person.cookie)).visible
    expect(loggedIn).toContain('Cyril Discret')
    expect(loggedIn).not.toContain('Béatrice Discrète')
    expect(loggedIn).toContain('1 autre membre n’est pas affiché')
  })
})

describe('/territoires/:slug as the territory group’s page', () => {
  test('tabs, figures, and the group-only resources of its group for members only', async () => {
    const group = await territoryGroup('calaisis')
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    const resource = await createTestResource({
      author: member.user,
      type: 'initiative',
      overrides: { title: 'Initiative réservée quetzal du Calaisis', territory: 'calaisis' },
    })
    await restrictToGroup(resource.id, group.id)
    const anonymous = await visible('/territoires/calaisis')
    expect(anonymous.status).toBe(200)
    expect(anonymous.visible).toMatch(/<nav aria-label="Rubriques du groupe Calaisis"/)
    expect(anonymous.full).not.toContain('quetzal')
    const forMember = await visible('/territoires/calaisis', member.cookie)
    expect(forMember.visible).toContain('Initiative réservée quetzal du Calaisis')
    expect(forMember.visible).toContain('Vous êtes membre')
    const count = (html: string) => Number(/(\d+) initiatives?\b/.exec(figuresPanel(html))?.[1] ?? 0)
    expect(count(forMember.visible)).toBe(count(anonymous.visible) + 1)

    const members = await visible('/territoires/calaisis/membres')
    expect(members.status).toBe(200)
    expect(members.visible).toContain('<title>Membres — Territoire Calaisis — Essaim</title>')
    expect(members.visible).toMatch(/<a [^>]*aria-current="page"[^>]*href="\/territoires\/calaisis\/membres">Membres<\/a>/)
  })

  test('/territoires shows each territory’s group figures, as tiles and in the table', async () => {
    const { visible: html } = await visible('/territoires')
    expect(html.match(/<li class="territory-tile">/g)).toHaveLength(9)
    expect(html).toMatch(/<h3><a [^>]*href="\/territoires\/calaisis">Calaisis<\/a><\/h3>/)
    expect(html).toMatch(/<ul class="tile-figures" aria-label="Chiffres du groupe Calaisis"><li>\d+ membres?<\/li>/)
    expect(html).toContain('<th scope="col">Appels à projets ouverts</th>')
  })
})
