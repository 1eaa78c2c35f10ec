import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { addTestGroupMember, createTestGroup, restrictToGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'

// The Coordination tab (issue 12): requests, invitations, members, blocks, roles — for the group's coordinators and
// admins only, through real requests and a real database.

const app = createTestApp(GROUP_PAGE_ROUTES)

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  const { full, visible } = await readPage(response)
  // React separates adjacent text with comments: read the text as a person would.
  return { status: response.status, full, visible: visible.replaceAll('<!-- -->', '') }
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  return { status: response.status, location: response.headers.get('location'), flash: response.headers.get('set-cookie') ?? '', ...(await readPage(response)) }
}

async function roleOf(groupId: string, userId: string) {
  return (await db.selectFrom('groupMemberships').select('role').where('groupId', '=', groupId).where('userId', '=', userId).executeTakeFirst())?.role ?? null
}

async function pendingRequestId(groupId: string, userId: string) {
  return (
    await db
      .selectFrom('groupJoinRequests')
      .select('id')
      .where('groupId', '=', groupId)
      .where('userId', '=', userId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow()
  ).id
}

async function groupWithCoordinator(options: Parameters<typeof createTestGroup>[0] = {}) {
  const group = await createTestGroup(options)
  const coordinator = await login()
  await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
  return { group, coordinator, tab: `/groupes/${group.slug}/coordination` }
}

describe('who sees the Coordination tab', () => {
  test('its coordinators and admins; a member, an outsider, a coordinator of another group and anonymous get a 404', async () => {
    const { group, coordinator, tab } = await groupWithCoordinator({ name: 'Groupe coordonné du test' })
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    const other = await groupWithCoordinator()
    const outsider = await login()
    for (const [who, cookie] of [
      ['anonymous', undefined],
      ['outsider', outsider.cookie],
      ['member', member.cookie],
      ['coordinator of another group', other.coordinator.cookie],
    ] as const) {
      const denied = await page(tab, cookie)
      expect(denied.status, who).toBe(404)
      expect(denied.full, who).not.toContain('Demandes pour rejoindre le groupe')
      expect((await post(tab, { intent: 'invite', email: 'x@exemple.fr' }, cookie)).status, who).toBe(404)
      // The tab link is not shown either.
      expect((await page(`/groupes/${group.slug}`, cookie)).visible, who).not.toContain(`href="${tab}"`)
    }
    const own = await page(tab, coordinator.cookie)
    expect(own.status).toBe(200)
    expect(own.visible).toContain('<title>Coordination — Groupe coordonné du test — Groupes — Essaim</title>')
    expect(own.visible).toMatch(new RegExp(`<a [^>]*aria-current="page"[^>]*href="${tab}">Coordination</a>`))
    const admin = await login({ role: 'admin' })
    expect((await page(tab, admin.cookie)).status).toBe(200)
    expect(await db.selectFrom('groupInvitations').select('id').where('groupId', '=', group.id).execute()).toEqual([])
  })

  test('the territory page has the tab too', async () => {
    const group = await territoryGroup('ternois')
    const coordinator = await login()
    await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
    const html = await page('/territoires/ternois/coordination', coordinator.cookie)
    expect(html.status).toBe(200)
    expect(html.visible).toContain('Inviter une personne')
    expect((await page('/territoires/ternois/coordination', (await login()).cookie)).status).toBe(404)
  })
})

describe('requests', () => {
  test('request → approved by the coordinator (with a message) → the member sees the group-only resource', async () => {
    const { group, coordinator, tab } = await groupWithCoordinator({ joinPolicy: 'request', pageVisibility: 'members' })
    const resource = await createTestResource({ author: coordinator.user, type: 'bonne-pratique', overrides: { title: 'Pratique du groupe sur demande' } })
    await restrictToGroup(resource.id, group.id)
    const person = await login({ name: 'Camille Demandeuse' })
    // A members-only page: the request goes through the module here (the page is a 404 for non-members).
    const { requestToJoin } = await import('#app/modules/groups/memberships.server.ts')
    const { viewerForUser } = await import('#app/modules/auth/viewer.server.ts')
    expect((await requestToJoin({ groupId: group.id, actor: await viewerForUser(person.user), message: 'Je travaille sur ce sujet.' })).ok).toBe(true)

    const html = (await page(tab, coordinator.cookie)).visible
    expect(html).toContain('<strong>Camille Demandeuse</strong>')
    expect(html).toContain('<blockquote>Je travaille sur ce sujet.</blockquote>')
    const id = await pendingRequestId(group.id, person.user.id)
    const approved = await post(tab, { intent: 'approve', id, message: 'Bienvenue !' }, coordinator.cookie)
    expect(approved.status).toBe(302)
    expect(approved.location).toBe(tab)
    expect(approved.flash).toContain('essaim_flash=group-request-approved')
    expect(await roleOf(group.id, person.user.id)).toBe('member')
    const decided = await db.selectFrom('groupJoinRequests').select(['status', 'decisionMessage']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(decided).toEqual({ status: 'approved', decisionMessage: 'Bienvenue !' })
    const memberPage = await page(`/groupes/${group.slug}`, person.cookie)
    expect(memberPage.status).toBe(200)
    expect(memberPage.visible).toContain('Pratique du groupe sur demande')

    // Deciding again: a French message, not a 500.
    const again = await post(tab, { intent: 'refuse', id }, coordinator.cookie)
    expect(again.status).toBe(400)
    expect(again.visible).toContain('Cette demande n’est plus en attente')
  })

  test('refuse with an optional message: no membership; the requester may not read the members-only page', async () => {
    const { group, coordinator, tab } = await groupWithCoordinator({ joinPolicy: 'request' })
    const person = await login()
    await post(`/groupes/${group.slug}`, { intent: 'request', message: '' }, person.cookie)
    const id = await pendingRequestId(group.id, person.user.id)
    const refused = await post(tab, { intent: 'refuse', id, message: 'Le groupe est réservé aux élus.' }, coordinator.cookie)
    expect(refused.status).toBe(302)
    expect(refused.flash).toContain('essaim_flash=group-request-refused')
    expect(await roleOf(group.id, person.user.id)).toBeNull()
    const decided = await db.selectFrom('groupJoinRequests').select(['status', 'decisionMessage']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(decided).toEqual({ status: 'refused', decisionMessage: 'Le groupe est réservé aux élus.' })
    expect((await page(tab, coordinator.cookie)).visible).toContain('Aucune demande en attente.')
  })
})

describe('invitations', () => {
  test('a coordinator invites as member; errors in French next to the field; coordinator role is for admins only', async () => {
    const { group, coordinator, tab } = await groupWithCoordinator()
    const html = (await page(tab, coordinator.cookie)).visible
    expect(html).not.toContain('Rôle dans le groupe')
    const sent = await post(tab, { intent: 'invite', email: 'Invitee.Coord@Exemple.fr', role: 'member' }, coordinator.cookie)
    expect(sent.status).toBe(302)
    expect(sent.flash).toContain('essaim_flash=group-invitation-sent')
    expect((await page(tab, coordinator.cookie)).visible).toContain('invitee.coord@exemple.fr (membre)')

    const twice = await post(tab, { intent: 'invite', email: 'invitee.coord@exemple.fr', role: 'member' }, coordinator.cookie)
    expect(twice.status).toBe(400)
    expect(twice.visible).toContain('Une invitation est déjà en cours pour cette adresse.')
    const invalid = await post(tab, { intent: 'invite', email: 'pas-une-adresse', role: 'member' }, coordinator.cookie)
    expect(invalid.status).toBe(400)
    expect(invalid.visible).toContain('Indiquez une adresse électronique valide')
    expect(invalid.visible).toContain('value="pas-une-adresse"')
    const asCoordinator = await post(tab, { intent: 'invite', email: 'autre@exemple.fr', role: 'coordinator' }, coordinator.cookie)
    expect(asCoordinator.status).toBe(403)
    expect(asCoordinator.visible).toContain('Seule l’administration du réseau')

    const admin = await login({ role: 'admin' })
    expect((await page(tab, admin.cookie)).visible).toContain('Rôle dans le groupe')
    expect((await post(tab, { intent: 'invite', email: 'autre@exemple.fr', role: 'coordinator' }, admin.cookie)).status).toBe(302)
    const invitation = await db.selectFrom('groupInvitations').select(['id', 'role']).where('groupId', '=', group.id).where('email', '=', 'autre@exemple.fr').executeTakeFirstOrThrow()
    expect(invitation.role).toBe('coordinator')

    const revoked = await post(tab, { intent: 'revoke-invitation', id: invitation.id }, coordinator.cookie)
    expect(revoked.status).toBe(302)
    expect(revoked.flash).toContain('essaim_flash=group-invitation-revoked')
    const revokedAgain = await post(tab, { intent: 'revoke-invitation', id: invitation.id }, coordinator.cookie)
    expect(revokedAgain.status).toBe(400)
    expect(revokedAgain.visible).toContain('Cette invitation n’est plus en cours.')
  })
})

describe('members and blocks', () => {
  test('remove ends access on the next request; block with a reason; a blocked person cannot rejoin; unblock', async () => {
    const { group, coordinator, tab } = await groupWithCoordinator({ pageVisibility: 'members' })
    const person = await login({ name: 'Dominique Retirée' })
    await addTestGroupMember(group.id, person.user.id)
    expect((await page(`/groupes/${group.slug}`, person.cookie)).status).toBe(200)
    const removed = await post(tab, { intent: 'remove', userId: person.user.id }, coordinator.cookie)
    expect(removed.status).toBe(302)
    expect(removed.flash).toContain('essaim_flash=group-member-removed')
    expect((await page(`/groupes/${group.slug}`, person.cookie)).status).toBe(404)

    await addTestGroupMember(group.id, person.user.id)
    const blocked = await post(tab, { intent: 'block', userId: person.user.id, reason: 'Messages hors sujet répétés' }, coordinator.cookie)
    expect(blocked.status).toBe(302)
    expect(blocked.flash).toContain('essaim_flash=group-member-blocked')
    expect(await roleOf(group.id, person.user.id)).toBeNull()
    const list = (await page(tab, coordinator.cookie)).visible
    expect(list).toContain('Personnes bloquées')
    expect(list).toContain('« Messages hors sujet répétés »')

    await db.updateTable('groups').set({ pageVisibility: 'public' }).where('id', '=', group.id).execute()
    const rejoin = await post(`/groupes/${group.slug}`, { intent: 'join' }, person.cookie)
    expect(rejoin.status).toBe(403)
    expect(rejoin.visible).toContain('Vous ne pouvez pas rejoindre ce groupe.')
    expect(await roleOf(group.id, person.user.id)).toBeNull()

    const unblocked = await post(tab, { intent: 'unblock', userId: person.user.id }, coordinator.cookie)
    expect(unblocked.status).toBe(302)
    expect(unblocked.flash).toContain('essaim_flash=group-member-unblocked')
    expect((await post(`/groupes/${group.slug}`, { intent: 'join' }, person.cookie)).status).toBe(302)
    expect(await roleOf(group.id, person.user.id)).toBe('member')
  })

  test('a coordinator cannot touch another coordinator nor themselves; an admin appoints and demotes', async () => {
    const { group, coordinator, tab } = await groupWithCoordinator()
    const second = await login({ name: 'Alex Cocoordination' })
    await addTestGroupMember(group.id, second.user.id, 'coordinator')
    const member = await login({ name: 'Sam Membre' })
    await addTestGroupMember(group.id, member.user.id)
    const html = (await page(tab, coordinator.cookie)).visible
    expect(html).not.toContain('Nommer coordinateur ou coordinatrice')
    expect(html).toContain('Retirer du groupe<span class="visually-hidden"> : Sam Membre</span>')
    expect(html).not.toContain('Retirer du groupe<span class="visually-hidden"> : Alex Cocoordination</span>')

    const touch = await post(tab, { intent: 'remove', userId: second.user.id }, coordinator.cookie)
    expect(touch.status).toBe(403)
    expect(touch.visible).toContain('Seule l’administration du réseau')
    expect(await roleOf(group.id, second.user.id)).toBe('coordinator')
    const self = await post(tab, { intent: 'block', userId: coordinator.user.id, reason: '' }, coordinator.cookie)
    expect(self.status).toBe(400)
    expect(self.visible).toContain('Vous ne pouvez pas faire cela pour vous-même')
    const appoint = await post(tab, { intent: 'set-role', userId: member.user.id, role: 'coordinator' }, coordinator.cookie)
    expect(appoint.status).toBe(403)
    expect(await roleOf(group.id, member.user.id)).toBe('member')

    const admin = await login({ role: 'admin' })
    expect((await page(tab, admin.cookie)).visible).toContain('Nommer coordinateur ou coordinatrice<span class="visually-hidden"> : Sam Membre</span>')
    const appointed = await post(tab, { intent: 'set-role', userId: member.user.id, role: 'coordinator' }, admin.cookie)
    expect(appointed.status).toBe(302)
    expect(appointed.flash).toContain('essaim_flash=group-role-changed')
    expect(await roleOf(group.id, member.user.id)).toBe('coordinator')
    // The new coordinator has the tab on their next request.
    expect((await page(tab, member.cookie)).status).toBe(200)
    expect((await post(tab, { intent: 'set-role', userId: member.user.id, role: 'member' }, admin.cookie)).status).toBe(302)
    expect(await roleOf(group.id, member.user.id)).toBe('member')
    expect((await page(tab, member.cookie)).status).toBe(404)
    const audit = await db.selectFrom('auditLog').select('action').where('targetId', '=', group.id).execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['group.role-changed']))
  })

  test('a tampered form is a 400, never a 500', async () => {
    const { coordinator, tab } = await groupWithCoordinator()
    expect((await post(tab, { intent: 'set-role', userId: 'x', role: 'owner' }, coordinator.cookie)).status).toBe(400)
    expect((await post(tab, { intent: 'nope' }, coordinator.cookie)).status).toBe(400)
    expect((await post(tab, { intent: 'approve', id: 'inconnu' }, coordinator.cookie)).status).toBe(400)
    expect((await post(tab, { intent: 'remove', userId: 'inconnu' }, coordinator.cookie)).status).toBe(400)
  })
})
