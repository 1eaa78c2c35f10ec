import type { Page } from '@playwright/test'
import { createSession, createTestUser, db } from './db.ts'
import { BASE_URL, SESSION_COOKIE, expect, test } from './fixtures.ts'

// The group pages in the browser (issue 12, item 3), with axe on every page visited (fixtures.ts): /groupes,
// /territoires with its tiles and table, a territory group's page and its members tab, a thematic group's page, a
// members-only group that is a 404 for others, and reflow at 320 px. Workers share one server and one database:
// every name carries a suffix drawn when the worker loads this file.

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

type Created = { thematic: { slug: string; name: string }; reserved: { id: string; slug: string; name: string }; member: { id: string } }
let created: Created | undefined

/** A public thematic group with a coordinator (public profile) and a group-only resource; a members-only group. */
async function fixtures(): Promise<Created> {
  if (created) return created
  const [{ addTestGroupMember, createTestGroup, restrictToGroup }, { createTestResource }, { ensureProfile }] = await Promise.all([
    import('#tests/factories/group-pages.ts'),
    import('#tests/factories/resources.ts'),
    import('#app/modules/people/people.server.ts'),
  ])
  const thematic = await createTestGroup({ name: `Tiers-lieux ${suffix}`, description: 'Les tiers-lieux du Pas-de-Calais et leurs pratiques.' })
  const reserved = await createTestGroup({ name: `Cercle réservé ${suffix}`, pageVisibility: 'members' })
  const coordinator = await createTestUser({ name: `Coordinatrice ${suffix}` })
  await ensureProfile(coordinator)
  await db.updateTable('profiles').set({ visibility: 'public' }).where('userId', '=', coordinator.id).execute()
  await addTestGroupMember(thematic.id, coordinator.id, 'coordinator')
  const member = await createTestUser({ name: `Membre ${suffix}` })
  await addTestGroupMember(thematic.id, member.id)
  await addTestGroupMember(reserved.id, member.id)
  const resource = await createTestResource({ author: coordinator, type: 'bonne-pratique', overrides: { title: `Pratique réservée ${suffix}` } })
  await restrictToGroup(resource.id, thematic.id)
  created = { thematic, reserved, member }
  return created
}

/** Visits a page and checks nothing is wider than the viewport (the page never scrolls sideways). */
async function expectNoSideScroll(page: Page, url: string) {
  const response = await page.goto(url)
  expect(response?.status(), url).toBeLessThan(400)
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }))
  expect(widths.scroll, `${url} : ${widths.scroll} px de large pour ${widths.viewport} px d’écran`).toBeLessThanOrEqual(widths.viewport)
}

test('la liste des groupes mène à un groupe thématique et à ses membres', async ({ page }) => {
  const { thematic } = await fixtures()
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Groupes' }).click()
  await expect(page).toHaveURL(/\/groupes$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les groupes du réseau')
  await expect(page.getByRole('region', { name: 'Les groupes des territoires' }).getByRole('heading', { level: 3 })).toHaveCount(9)
  await page.getByRole('link', { name: thematic.name }).click()
  await expect(page).toHaveURL(new RegExp(`/groupes/${thematic.slug}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(thematic.name)
  const tabs = page.getByRole('navigation', { name: `Rubriques du groupe ${thematic.name}` })
  await expect(tabs.getByRole('link', { name: 'Ressources' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('region', { name: 'En chiffres' })).toContainText('2 membres')
  // The group-only resource is not shown to an anonymous visitor, nor counted.
  await expect(page.getByRole('main')).not.toContainText(`Pratique réservée ${suffix}`)
  await expect(page.getByRole('region', { name: 'En chiffres' })).toContainText('0 ressource')
  await tabs.getByRole('link', { name: 'Membres' }).click()
  await expect(page).toHaveURL(new RegExp(`/groupes/${thematic.slug}/membres$`))
  await expect(tabs.getByRole('link', { name: 'Membres' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('region', { name: 'Coordination' })).toContainText(`Coordinatrice ${suffix}`)
  await expect(page.getByRole('navigation', { name: 'Fil d’Ariane' })).toContainText('Membres')
})

test('un membre voit la ressource réservée au groupe et son rôle', async ({ page, context }) => {
  const { thematic, member } = await fixtures()
  const { token } = await createSession(member.id, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36' })
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: BASE_URL, httpOnly: true, sameSite: 'Lax' }])
  await page.goto(`/groupes/${thematic.slug}`)
  await expect(page.getByRole('main')).toContainText('Vous êtes membre')
  await expect(page.getByRole('link', { name: `Pratique réservée ${suffix}` })).toBeVisible()
  await expect(page.getByRole('main')).toContainText('Réservée aux membres du groupe')
  await expect(page.getByRole('region', { name: 'En chiffres' })).toContainText('1 bonne pratique')
})

test('un groupe réservé à ses membres est une page 404 pour les autres', async ({ page, login }) => {
  const { reserved } = await fixtures()
  const response = await page.goto(`/groupes/${reserved.slug}`)
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable')
  await login()
  const again = await page.goto(`/groupes/${reserved.slug}`)
  expect(again?.status()).toBe(404)
  await expect(page.getByRole('main')).not.toContainText(reserved.name)
})

test('les territoires côte à côte, puis la page du groupe du Calaisis et ses membres', async ({ page }) => {
  await page.goto('/territoires')
  const tiles = page.getByRole('region', { name: 'Les territoires' })
  await expect(tiles.getByRole('heading', { level: 3 })).toHaveCount(9)
  await expect(tiles.getByRole('list', { name: 'Chiffres du groupe Calaisis' })).toContainText(/\d+ membres?/)
  await expect(page.getByRole('table', { name: /neuf territoires/ }).getByRole('columnheader', { name: 'Appels à projets ouverts' })).toBeVisible()
  await tiles.getByRole('link', { name: 'Calaisis' }).click()
  await expect(page).toHaveURL(/\/territoires\/calaisis$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Territoire Calaisis')
  const tabs = page.getByRole('navigation', { name: 'Rubriques du groupe Calaisis' })
  await expect(tabs.getByRole('link', { name: 'Ressources' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('region', { name: 'En chiffres' })).toContainText(/\d+ structures?/)
  await expect(page.getByRole('main')).toContainText('Calais')
  await tabs.getByRole('link', { name: 'Membres' }).click()
  await expect(page).toHaveURL(/\/territoires\/calaisis\/membres$/)
  await expect(page.getByRole('heading', { level: 2, name: 'Coordination' })).toBeVisible()
})

test.describe('sans JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('les onglets d’un groupe sont des liens', async ({ page }) => {
    const { thematic } = await fixtures()
    await page.goto(`/groupes/${thematic.slug}`)
    await page.getByRole('navigation', { name: `Rubriques du groupe ${thematic.name}` }).getByRole('link', { name: 'Membres' }).click()
    await expect(page).toHaveURL(new RegExp(`/groupes/${thematic.slug}/membres$`))
    await expect(page.getByRole('region', { name: 'Coordination' })).toContainText(`Coordinatrice ${suffix}`)
  })
})

test('à 320 px de large, les pages de groupes ne défilent pas de côté', async ({ page }) => {
  const { thematic } = await fixtures()
  await page.setViewportSize({ width: 320, height: 640 })
  for (const url of ['/groupes', '/territoires', '/territoires/calaisis', '/territoires/calaisis/membres', `/groupes/${thematic.slug}`, `/groupes/${thematic.slug}/membres`]) {
    await expectNoSideScroll(page, url)
  }
})

// ——— Membership actions, the Coordination tab and the invitation page (issue 12) ———

/** A group on request with a coordinator, and a pending request (set up through the modules, straight in the database). */
async function groupWithRequest(label: string) {
  const [{ addTestGroupMember, createTestGroup }, { requestToJoin }, { viewerForUser }] = await Promise.all([
    import('#tests/factories/group-pages.ts'),
    import('#app/modules/groups/memberships.server.ts'),
    import('#app/modules/auth/viewer.server.ts'),
  ])
  const group = await createTestGroup({ name: `Groupe sur demande ${label} ${suffix}`, joinPolicy: 'request' })
  const requester = await createTestUser({ name: `Demandeuse ${label} ${suffix}` })
  const result = await requestToJoin({ groupId: group.id, actor: await viewerForUser(requester), message: 'Je porte un projet de tiers-lieu.' })
  if (!result.ok) throw new Error(`request: ${JSON.stringify(result)}`)
  return { group, requester, addCoordinator: (userId: string) => addTestGroupMember(group.id, userId, 'coordinator') }
}

async function roleIn(groupId: string, userId: string) {
  return (await db.selectFrom('groupMemberships').select('role').where('groupId', '=', groupId).where('userId', '=', userId).executeTakeFirst())?.role ?? null
}

/** An invitation to a group for a new address; returns the link's path. */
async function invitationLink(label: string) {
  const [{ addTestGroupMember, createTestGroup }, { inviteByEmail }, { viewerForUser }] = await Promise.all([
    import('#tests/factories/group-pages.ts'),
    import('#app/modules/groups/memberships.server.ts'),
    import('#app/modules/auth/viewer.server.ts'),
  ])
  const group = await createTestGroup({ name: `Groupe sur invitation ${label} ${suffix}`, joinPolicy: 'invitation' })
  const coordinator = await createTestUser()
  await addTestGroupMember(group.id, coordinator.id, 'coordinator')
  const email = `invite-${label}-${suffix}@exemple.fr`
  const result = await inviteByEmail({ groupId: group.id, actor: await viewerForUser(coordinator), email })
  if (!result.ok) throw new Error(`invite: ${JSON.stringify(result)}`)
  return { group, email, path: `/groupes/invitations/${result.token}` }
}

async function coordinatorApproves(page: Page, login: (overrides?: Parameters<typeof createTestUser>[0]) => Promise<{ id: string }>, label: string) {
  const { group, requester, addCoordinator } = await groupWithRequest(label)
  const coordinator = await login()
  await addCoordinator(coordinator.id)
  await page.goto(`/groupes/${group.slug}`)
  const tabs = page.getByRole('navigation', { name: `Rubriques du groupe ${group.name}` })
  await tabs.getByRole('link', { name: 'Coordination' }).click()
  await expect(page).toHaveURL(new RegExp(`/groupes/${group.slug}/coordination$`))
  await expect(tabs.getByRole('link', { name: 'Coordination' })).toHaveAttribute('aria-current', 'page')
  const requests = page.getByRole('region', { name: 'Demandes pour rejoindre le groupe' })
  await expect(requests).toContainText(requester.name)
  await expect(requests).toContainText('Je porte un projet de tiers-lieu.')
  await requests.getByLabel(`Message à ${requester.name} avec votre réponse (facultatif)`).fill('Bienvenue dans le groupe !')
  await requests.getByRole('button', { name: `Accepter la demande de ${requester.name}` }).click()
  await expect(page.getByText('La demande est acceptée')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Demandes pour rejoindre le groupe' })).toContainText('Aucune demande en attente.')
  await expect(page.getByRole('region', { name: 'Membres', exact: true })).toContainText(requester.name)
  expect(await roleIn(group.id, requester.id)).toBe('member')
}

async function invitationAccepted(page: Page, login: (overrides?: Parameters<typeof createTestUser>[0]) => Promise<{ id: string }>, label: string) {
  const { group, email, path } = await invitationLink(label)
  await page.goto(path)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invitation à rejoindre un groupe')
  await expect(page.getByRole('main')).toContainText(group.name)
  await expect(page.getByRole('main')).not.toContainText(email)
  await expect(page.getByRole('link', { name: 'connectez-vous', exact: true })).toHaveAttribute('href', `/connexion?redirectTo=${encodeURIComponent(path)}`)
  const invitee = await login({ email })
  await page.goto(path)
  await page.getByRole('button', { name: `Rejoindre le groupe ${group.name}` }).click()
  await expect(page).toHaveURL(new RegExp(`/groupes/${group.slug}$`))
  await expect(page.getByText('Vous êtes désormais membre du groupe')).toBeVisible()
  expect(await roleIn(group.id, invitee.id)).toBe('member')
}

test('une coordinatrice accepte une demande depuis l’onglet Coordination', async ({ page, login }) => {
  await coordinatorApproves(page, login, 'js')
})

test('une invitation à un groupe s’accepte avec le compte de l’adresse invitée', async ({ page, login }) => {
  await invitationAccepted(page, login, 'js')
})

test('rejoindre un groupe ouvert, puis le quitter après confirmation', async ({ page, login }) => {
  const { createTestGroup } = await import('#tests/factories/group-pages.ts')
  const group = await createTestGroup({ name: `Groupe ouvert ${suffix}` })
  const person = await login()
  await page.goto(`/groupes/${group.slug}`)
  await page.getByRole('button', { name: 'Rejoindre le groupe' }).click()
  await expect(page.getByText('Vous êtes désormais membre du groupe')).toBeVisible()
  expect(await roleIn(group.id, person.id)).toBe('member')
  // Let the revalidation after the join settle, as a person reading the message would: a click in the same
  // millisecond aborts Remix's in-flight data request, which surfaced once as an uncaught « signal is aborted ».
  await page.waitForLoadState('networkidle')
  await page.getByRole('button', { name: 'Quitter le groupe' }).click()
  await expect(page.getByText('Voulez-vous vraiment quitter le groupe')).toBeVisible()
  await page.waitForLoadState('networkidle')
  await page.getByRole('button', { name: 'Oui, quitter le groupe' }).click()
  await expect(page.getByText('Vous ne faites plus partie de ce groupe.')).toBeVisible()
  expect(await roleIn(group.id, person.id)).toBeNull()
})

test.describe('sans JavaScript : coordination et invitation', () => {
  test.use({ javaScriptEnabled: false })

  test('une coordinatrice accepte une demande', async ({ page, login }) => {
    await coordinatorApproves(page, login, 'nojs')
  })

  test('une invitation s’accepte', async ({ page, login }) => {
    await invitationAccepted(page, login, 'nojs')
  })
})

test('un groupe réservé à ses membres se rejoint depuis la liste des groupes', async ({ page, login }) => {
  const { reserved } = await fixtures()
  const person = await login()
  await page.goto('/groupes')
  await page.getByRole('link', { name: `Rejoindre le groupe ${reserved.name}` }).click()
  await expect(page).toHaveURL(new RegExp(`/groupes/${reserved.slug}/adhesion$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rejoindre le groupe ${reserved.name}`)
  await page.getByRole('button', { name: 'Rejoindre le groupe' }).click()
  await expect(page).toHaveURL(new RegExp(`/groupes/${reserved.slug}$`))
  await expect(page.getByText('Vous êtes désormais membre du groupe')).toBeVisible()
  expect(await roleIn(reserved.id, person.id)).toBe('member')
})
