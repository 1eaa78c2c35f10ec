import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { viewerForUser } from '#app/modules/auth/viewer.server.ts'
import { inviteByEmail } from '#app/modules/groups/memberships.server.ts'
import { maskEmail } from '#app/modules/structures/memberships.server.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'

// /groupes/invitations/:token (issue 12): the invitation link of a group, bound to the invited address.

const app = createTestApp(GROUP_PAGE_ROUTES)

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

async function post(url: string, cookie?: string) {
  const response = await app(formPost(url, {}, cookie))
  const { full, visible } = await readPage(response)
  return { status: response.status, location: response.headers.get('location'), flash: response.headers.get('set-cookie') ?? '', full, visible }
}

async function roleOf(groupId: string, userId: string) {
  return (await db.selectFrom('groupMemberships').select('role').where('groupId', '=', groupId).where('userId', '=', userId).executeTakeFirst())?.role ?? null
}

async function invitation(options: Parameters<typeof createTestGroup>[0] = {}) {
  const group = await createTestGroup({ name: 'Groupe invitant du test', joinPolicy: 'invitation', ...options })
  const coordinator = await createTestUser()
  await addTestGroupMember(group.id, coordinator.id, 'coordinator')
  const email = `invitee-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
  const result = await inviteByEmail({ groupId: group.id, actor: await viewerForUser(coordinator), email })
  if (!result.ok) throw new Error('expected an invitation')
  return { group, email, token: result.token, path: `/groupes/invitations/${result.token}` }
}

describe('/groupes/invitations/:token', () => {
  test('the invitee accepts: member of the group, redirected to its page with a flash', async () => {
    const { group, email, path } = await invitation()
    const invitee = await login({ email: email.toUpperCase() })
    const html = await page(path, invitee.cookie)
    expect(html.status).toBe(200)
    expect(html.visible).toContain('<title>Invitation à rejoindre un groupe — Essaim</title>')
    expect(html.visible).toContain('<meta name="referrer" content="same-origin"/>')
    expect(html.visible).toContain('<strong>Groupe invitant du test</strong> en tant que membre')
    expect(html.visible).toContain(maskEmail(email))
    expect(html.full).not.toContain(email)
    expect(html.visible).toContain('Rejoindre le groupe Groupe invitant du test')
    const accepted = await post(path, invitee.cookie)
    expect(accepted.status).toBe(302)
    expect(accepted.location).toBe(`/groupes/${group.slug}`)
    expect(accepted.flash).toContain('essaim_flash=group-invitation-accepted')
    expect(await roleOf(group.id, invitee.user.id)).toBe('member')
    // Used: the link says so, and a second POST changes nothing.
    expect((await page(path, invitee.cookie)).visible).toContain('Cette invitation a déjà servi.')
    const again = await post(path, invitee.cookie)
    expect(again.status).toBe(400)
    expect(again.visible).toContain('Cette invitation a déjà servi.')
  })

  test('anonymous: log-in and sign-up links returning here; a POST goes to the log-in page', async () => {
    const { path, email } = await invitation()
    const html = await page(path)
    expect(html.visible).toContain(`href="/connexion?redirectTo=${encodeURIComponent(path)}">connectez-vous</a>`)
    expect(html.visible).toContain(`href="/inscription?redirectTo=${encodeURIComponent(path)}">créez un compte</a>`)
    expect(html.full).not.toContain(email)
    const answer = await post(path)
    expect(answer.status).toBe(302)
    expect(answer.location).toBe(`/connexion?redirectTo=${encodeURIComponent(path)}`)
  })

  test('another account cannot accept; the invitee, unverified, cannot either', async () => {
    const { group, email, path } = await invitation()
    const other = await login()
    expect((await page(path, other.cookie)).visible).toContain('envoyée à une autre adresse que celle de votre compte')
    const refused = await post(path, other.cookie)
    expect(refused.status).toBe(403)
    expect(refused.visible).toContain('envoyée à une autre adresse que celle de votre compte')
    expect(await roleOf(group.id, other.user.id)).toBeNull()

    const invitee = await login({ email, emailVerifiedAt: null })
    expect((await page(path, invitee.cookie)).visible).toContain('Confirmez d’abord votre adresse électronique')
    const unverified = await post(path, invitee.cookie)
    expect(unverified.status).toBe(403)
    expect(await roleOf(group.id, invitee.user.id)).toBeNull()
  })

  test('a blocked invitee is told so and cannot get in', async () => {
    const { group, email, path } = await invitation()
    const invitee = await login({ email })
    await db.insertInto('groupBlocks').values({ groupId: group.id, userId: invitee.user.id, blockedBy: null, blockedAt: new Date().toISOString(), reason: '' }).execute()
    const html = (await page(path, invitee.cookie)).visible
    expect(html).toContain('Vous ne pouvez pas rejoindre ce groupe.')
    expect(html).not.toContain('Rejoindre le groupe Groupe')
    const refused = await post(path, invitee.cookie)
    expect(refused.status).toBe(403)
    expect(await roleOf(group.id, invitee.user.id)).toBeNull()
  })

  test('unknown, revoked and expired links say so in French; a hidden group gets no link to its page', async () => {
    expect((await page('/groupes/invitations/pas-un-jeton')).visible).toContain('Ce lien d’invitation n’est pas valide')
    const { token, path } = await invitation({ hidden: true })
    const live = (await page(path)).visible
    expect(live).toContain('Groupe invitant du test')
    expect(live).not.toContain('Voir la page du groupe')
    await db.updateTable('groupInvitations').set({ expiresAt: '2000-01-01T00:00:00.000Z' }).where('tokenHash', '=', hashToken(token)).execute()
    const expired = (await page(path)).visible
    expect(expired).toContain('Cette invitation a expiré (elle était valable 14 jours).')
    expect(expired).not.toContain('Groupe invitant du test</strong>')
    await db.updateTable('groupInvitations').set({ revokedAt: new Date().toISOString() }).where('tokenHash', '=', hashToken(token)).execute()
    expect((await page(path)).visible).toContain('Ce lien d’invitation n’est pas valide')
  })

  test('a public group gets a link to its page', async () => {
    const { group, path } = await invitation({ joinPolicy: 'invitation' })
    expect((await page(path)).visible).toContain(`href="/groupes/${group.slug}">Voir la page du groupe</a>`)
  })
})
