import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { addTestGroupMember, createTestGroup, restrictToGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'

// The membership panel of the group pages (issue 12): join, request, withdraw, leave, per join policy, through the
// layouts' action with real requests and a real database.

const app = createTestApp(GROUP_PAGE_ROUTES)

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, ...(await readPage(response)) }
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  return { response, status: response.status, location: response.headers.get('location'), ...(await readPage(response.clone())) }
}

async function membership(groupId: string, userId: string) {
  return db.selectFrom('groupMemberships').select('role').where('groupId', '=', groupId).where('userId', '=', userId).execute()
}

describe('an open group', () => {
  test('a verified person joins with one button; a double POST makes one membership', async () => {
    const group = await createTestGroup({ name: 'Groupe ouvert du test' })
    const person = await login()
    const before = await page(`/groupes/${group.slug}`, person.cookie)
    expect(before.visible).toContain('Rejoindre le groupe')
    const [first, second] = await Promise.all([
      post(`/groupes/${group.slug}`, { intent: 'join' }, person.cookie),
      post(`/groupes/${group.slug}`, { intent: 'join' }, person.cookie),
    ])
    for (const answer of [first, second]) {
      expect(answer.status).toBe(302)
      expect(answer.location).toBe(`/groupes/${group.slug}`)
      expect(answer.response.headers.get('set-cookie')).toContain('essaim_flash=group-joined')
    }
    expect(await membership(group.id, person.user.id)).toEqual([{ role: 'member' }])
    const after = await page(`/groupes/${group.slug}`, person.cookie)
    expect(after.visible).toContain('<strong>Vous êtes membre</strong>')
    expect(after.visible).toContain('Quitter le groupe')
    expect(after.visible).not.toContain('Rejoindre le groupe')
  })

  test('anonymous visitors are asked to log in and come back; a POST sends them to the log-in page', async () => {
    const group = await createTestGroup()
    const html = (await page(`/groupes/${group.slug}/membres`)).visible
    expect(html).toContain(`href="/connexion?redirectTo=${encodeURIComponent(`/groupes/${group.slug}/membres`)}">Connectez-vous pour rejoindre</a>`)
    const answer = await post(`/groupes/${group.slug}`, { intent: 'join' })
    expect(answer.status).toBe(302)
    expect(answer.location).toMatch(/^\/connexion\?redirectTo=/)
  })

  test('an unverified person is told to confirm the address first, and cannot join by POST', async () => {
    const group = await createTestGroup()
    const person = await login({ emailVerifiedAt: null })
    expect((await page(`/groupes/${group.slug}`, person.cookie)).visible).toContain('Confirmez votre adresse électronique')
    const answer = await post(`/groupes/${group.slug}`, { intent: 'join' }, person.cookie)
    expect(answer.status).toBe(403)
    expect(answer.visible).toContain('Confirmez votre adresse électronique')
    expect(await membership(group.id, person.user.id)).toEqual([])
  })

  test('leaving asks first (works without JavaScript), then ends access to group-only resources on the next request', async () => {
    const group = await createTestGroup({ pageVisibility: 'members' })
    const person = await login()
    await addTestGroupMember(group.id, person.user.id)
    const author = await createTestUser()
    const resource = await createTestResource({ author, type: 'bonne-pratique', overrides: { title: 'Fiche réservée au groupe à quitter' } })
    await restrictToGroup(resource.id, group.id)
    expect((await page(`/groupes/${group.slug}`, person.cookie)).visible).toContain('Fiche réservée au groupe à quitter')

    const asked = await post(`/groupes/${group.slug}`, { intent: 'leave' }, person.cookie)
    expect(asked.status).toBe(200)
    expect(asked.visible).toContain('Voulez-vous vraiment quitter le groupe')
    expect(asked.visible).toContain('Oui, quitter le groupe')
    expect(await membership(group.id, person.user.id)).toHaveLength(1)

    const left = await post(`/groupes/${group.slug}`, { intent: 'leave', confirm: 'oui' }, person.cookie)
    expect(left.status).toBe(302)
    // A members-only page would be a 404 now: back to the list of groups.
    expect(left.location).toBe('/groupes')
    expect(left.response.headers.get('set-cookie')).toContain('essaim_flash=group-left')
    expect(await membership(group.id, person.user.id)).toEqual([])
    const after = await page(`/groupes/${group.slug}`, person.cookie)
    expect(after.status).toBe(404)
    expect(after.full).not.toContain('Fiche réservée au groupe à quitter')
  })

  test('the last coordinator may leave: the flash says the group has no coordination any more', async () => {
    const group = await createTestGroup()
    const person = await login()
    await addTestGroupMember(group.id, person.user.id, 'coordinator')
    const left = await post(`/groupes/${group.slug}`, { intent: 'leave', confirm: 'oui' }, person.cookie)
    expect(left.status).toBe(302)
    expect(left.location).toBe(`/groupes/${group.slug}`)
    expect(left.response.headers.get('set-cookie')).toContain('essaim_flash=group-left-last-coordinator')
    const again = await post(`/groupes/${group.slug}`, { intent: 'leave', confirm: 'oui' }, person.cookie)
    expect(again.status).toBe(400)
    expect(again.visible).toContain('Vous n’êtes pas membre de ce groupe.')
  })

  test('a blocked person sees why and cannot rejoin by POST', async () => {
    const group = await createTestGroup()
    const person = await login()
    await db.insertInto('groupBlocks').values({ groupId: group.id, userId: person.user.id, blockedBy: null, blockedAt: new Date().toISOString(), reason: 'test' }).execute()
    const html = (await page(`/groupes/${group.slug}`, person.cookie)).visible
    expect(html).toContain('Vous ne pouvez pas rejoindre ce groupe.')
    expect(html).not.toContain('Rejoindre le groupe</button>')
    const answer = await post(`/groupes/${group.slug}`, { intent: 'join' }, person.cookie)
    expect(answer.status).toBe(403)
    expect(answer.visible).toContain('Vous ne pouvez pas rejoindre ce groupe.')
    expect(await membership(group.id, person.user.id)).toEqual([])
  })
})

describe('a group on request', () => {
  test('request with a message, « already pending », withdraw', async () => {
    const group = await createTestGroup({ joinPolicy: 'request' })
    const person = await login()
    const html = (await page(`/groupes/${group.slug}`, person.cookie)).visible
    expect(html).toContain('Message à la coordination (facultatif)')
    expect(html).toContain('Demander à rejoindre')
    const sent = await post(`/groupes/${group.slug}`, { intent: 'request', message: 'Je coordonne un tiers-lieu.' }, person.cookie)
    expect(sent.status).toBe(302)
    expect(sent.response.headers.get('set-cookie')).toContain('essaim_flash=group-join-requested')
    const request = await db.selectFrom('groupJoinRequests').select(['message', 'status']).where('groupId', '=', group.id).where('userId', '=', person.user.id).executeTakeFirstOrThrow()
    expect(request).toEqual({ message: 'Je coordonne un tiers-lieu.', status: 'pending' })
    expect(await membership(group.id, person.user.id)).toEqual([])

    const pending = (await page(`/groupes/${group.slug}`, person.cookie)).visible
    expect(pending).toContain('attend la réponse de la coordination')
    expect(pending).toContain('Retirer ma demande')
    const again = await post(`/groupes/${group.slug}`, { intent: 'request', message: '' }, person.cookie)
    expect(again.status).toBe(400)
    expect(again.visible).toContain('attend déjà la réponse de la coordination')

    const withdrawn = await post(`/groupes/${group.slug}`, { intent: 'withdraw' }, person.cookie)
    expect(withdrawn.status).toBe(302)
    expect(withdrawn.response.headers.get('set-cookie')).toContain('essaim_flash=group-request-withdrawn')
    expect((await page(`/groupes/${group.slug}`, person.cookie)).visible).toContain('Demander à rejoindre')
  })

  test('a message too long is refused next to the field, in French; joining directly is refused', async () => {
    const group = await createTestGroup({ joinPolicy: 'request' })
    const person = await login()
    const tooLong = await post(`/groupes/${group.slug}`, { intent: 'request', message: 'a'.repeat(1001) }, person.cookie)
    expect(tooLong.status).toBe(400)
    expect(tooLong.visible).toMatch(/Votre message ne doit pas dépasser 1\s000 caractères\./u)
    expect(tooLong.visible).toContain('>aaaa')
    expect(tooLong.visible).toContain('aria-invalid="true"')
    const join = await post(`/groupes/${group.slug}`, { intent: 'join' }, person.cookie)
    expect(join.status).toBe(403)
    expect(join.visible).toContain('n’accueille pas de nouveaux membres de cette façon')
    expect(await membership(group.id, person.user.id)).toEqual([])
  })
})

describe('an invitation-only group and the territory pages', () => {
  test('an invitation-only group says so and offers no button', async () => {
    const group = await createTestGroup({ joinPolicy: 'invitation' })
    const person = await login()
    const html = (await page(`/groupes/${group.slug}`, person.cookie)).visible
    expect(html).toContain('Ce groupe accueille ses membres sur invitation de sa coordination.')
    expect(html).not.toContain('Rejoindre le groupe</button>')
    expect((await post(`/groupes/${group.slug}`, { intent: 'join' }, person.cookie)).status).toBe(403)
  })

  test('the territory page has the same panel, posted to /territoires/:slug', async () => {
    const group = await territoryGroup('calaisis')
    const person = await login()
    const policy = await db.selectFrom('groups').select('joinPolicy').where('id', '=', group.id).executeTakeFirstOrThrow()
    expect(policy.joinPolicy).toBe('open')
    expect((await page('/territoires/calaisis', person.cookie)).visible).toContain('Rejoindre le groupe')
    const joined = await post('/territoires/calaisis', { intent: 'join' }, person.cookie)
    expect(joined.status).toBe(302)
    expect(joined.location).toBe('/territoires/calaisis')
    expect(await membership(group.id, person.user.id)).toEqual([{ role: 'member' }])
  })
})

describe('a group whose page is for its members: /groupes/:slug/adhesion', () => {
  test('listed with a link to ask; request → approved → the page and its group-only resource open', async () => {
    const group = await createTestGroup({ name: 'Cercle sur demande du test', joinPolicy: 'request', pageVisibility: 'members' })
    const coordinator = await login()
    await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
    const resource = await createTestResource({ author: coordinator.user, type: 'bonne-pratique', overrides: { title: 'Pratique du cercle sur demande' } })
    await restrictToGroup(resource.id, group.id)
    const person = await login()
    const list = (await page('/groupes', person.cookie)).visible
    expect(list).toContain(`href="/groupes/${group.slug}/adhesion">Demander à rejoindre le groupe`)
    const join = `/groupes/${group.slug}/adhesion`
    const html = await page(join, person.cookie)
    expect(html.status).toBe(200)
    expect(html.visible).toContain('Rejoindre le groupe Cercle sur demande du test')
    expect(html.visible).toContain('Demander à rejoindre')
    expect(html.full).not.toContain('Pratique du cercle sur demande')
    const sent = await post(join, { intent: 'request', message: 'Bonjour' }, person.cookie)
    expect(sent.status).toBe(302)
    expect(sent.location).toBe(join)
    expect((await page(join, person.cookie)).visible).toContain('attend la réponse de la coordination')

    const { approveRequest } = await import('#app/modules/groups/memberships.server.ts')
    const { viewerForUser } = await import('#app/modules/auth/viewer.server.ts')
    const request = await db.selectFrom('groupJoinRequests').select('id').where('groupId', '=', group.id).where('userId', '=', person.user.id).executeTakeFirstOrThrow()
    expect(await approveRequest({ requestId: request.id, actor: await viewerForUser(coordinator.user) })).toEqual({ ok: true })
    const now = await app(pageGet(join, person.cookie))
    expect(now.status).toBe(302)
    expect(now.headers.get('location')).toBe(`/groupes/${group.slug}`)
    expect((await page(`/groupes/${group.slug}`, person.cookie)).visible).toContain('Pratique du cercle sur demande')
  })

  test('a 404 for anonymous visitors, unverified accounts and hidden groups; no link for invitation-only groups', async () => {
    const reserved = await createTestGroup({ joinPolicy: 'open', pageVisibility: 'members' })
    const hidden = await createTestGroup({ hidden: true })
    const invitationOnly = await createTestGroup({ joinPolicy: 'invitation', pageVisibility: 'members' })
    const unverified = await login({ emailVerifiedAt: null })
    const person = await login()
    expect((await page(`/groupes/${reserved.slug}/adhesion`)).status).toBe(404)
    expect((await page(`/groupes/${reserved.slug}/adhesion`, unverified.cookie)).status).toBe(404)
    expect((await page(`/groupes/${hidden.slug}/adhesion`, person.cookie)).status).toBe(404)
    expect((await post(`/groupes/${hidden.slug}/adhesion`, { intent: 'join' }, person.cookie)).status).toBe(404)
    expect((await page('/groupes', person.cookie)).visible).not.toContain(`/groupes/${invitationOnly.slug}/adhesion`)
    // An open members-only group: join from there, then its page opens.
    const joined = await post(`/groupes/${reserved.slug}/adhesion`, { intent: 'join' }, person.cookie)
    expect(joined.status).toBe(302)
    expect(joined.location).toBe(`/groupes/${reserved.slug}`)
    expect((await page(`/groupes/${reserved.slug}`, person.cookie)).status).toBe(200)
  })
})
