import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { actorOf, createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { acceptInvitation, inviteMember, maskEmail } from '#app/modules/structures/memberships.server.ts'
import * as invitation from './invitations.$token.tsx'

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const app = createTestApp({ 'routes/invitations.$token': { path: 'invitations/:token', module: invitation as unknown as RouteModule } })

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function roleOf(structureId: string, userId: string) {
  return (await db.selectFrom('structureMembers').select('role').where('structureId', '=', structureId).where('userId', '=', userId).executeTakeFirst())
    ?.role
}

async function ownerInvitation() {
  const { structure, owner } = await createTestStructure()
  const email = `invitee-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
  const result = await inviteMember({ structureId: structure.id, actor: await actorOf(owner), email, role: 'owner' })
  if (!result.ok) throw new Error('expected ok')
  return { structure, email, token: result.token, path: `/invitations/${result.token}` }
}

describe('an invitation is bound to the invited address', () => {
  test('another verified account holding the link cannot join, even by POST; the page does not show the address', async () => {
    const { structure, email, token, path } = await ownerInvitation()
    const other = await login()
    const page = await readPage(await app(pageGet(path, other.cookie)))
    expect(page.full).not.toContain(email)
    expect(page.visible).toContain(maskEmail(email))
    expect(maskEmail(email)).toMatch(/^i•••@exemple\.fr$/)
    expect(page.visible).toContain('seul le compte de l’adresse invitée peut l’accepter')
    expect(page.visible).not.toContain('Rejoindre')
    const anonymous = await readPage(await app(pageGet(path)))
    expect(anonymous.full).not.toContain(email)

    const refused = await app(formPost(path, {}, other.cookie))
    expect(refused.status).toBe(403)
    expect((await readPage(refused)).visible).toContain('envoyée à une autre adresse que celle de votre compte')
    expect(await roleOf(structure.id, other.user.id)).toBeUndefined()
    // The module checks it itself, not only the route.
    expect(await acceptInvitation(token, other.user)).toEqual({ ok: false, state: 'wrong-account' })
    expect(await roleOf(structure.id, other.user.id)).toBeUndefined()
    // The invitation is still usable by its invitee.
    const invitee = await login({ email: email.toUpperCase() })
    expect((await app(formPost(path, {}, invitee.cookie))).status).toBe(302)
    expect(await roleOf(structure.id, invitee.user.id)).toBe('owner')
  })

  test('the invited address, unconfirmed, cannot join; once confirmed, it can', async () => {
    const { structure, email, path } = await ownerInvitation()
    const invitee = await login({ email, emailVerifiedAt: null })
    const page = await readPage(await app(pageGet(path, invitee.cookie)))
    expect(page.visible).toContain('Confirmez d’abord votre adresse électronique')
    const refused = await app(formPost(path, {}, invitee.cookie))
    expect(refused.status).toBe(403)
    expect((await readPage(refused)).visible).toContain('Confirmez d’abord votre adresse électronique')
    expect(await roleOf(structure.id, invitee.user.id)).toBeUndefined()

    await db.updateTable('users').set({ emailVerifiedAt: new Date().toISOString() }).where('id', '=', invitee.user.id).execute()
    expect((await readPage(await app(pageGet(path, invitee.cookie)))).visible).toContain('Rejoindre')
    const accepted = await app(formPost(path, {}, invitee.cookie))
    expect(accepted.status).toBe(302)
    expect(accepted.headers.get('location')).toBe(`/structures/${structure.slug}`)
    expect(await roleOf(structure.id, invitee.user.id)).toBe('owner')
  })

  test('the page says until when, in French', async () => {
    const { path, token } = await ownerInvitation()
    await db.updateTable('structureInvitations').set({ expiresAt: '2099-12-01T08:00:00.000Z' }).where('tokenHash', '=', hashToken(token)).execute()
    const visible = (await readPage(await app(pageGet(path)))).visible.replaceAll('<!-- -->', '')
    expect(visible).toContain('valable jusqu’au 1er décembre 2099 à 9\u00a0h.')
  })
})
