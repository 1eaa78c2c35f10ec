import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { cookieValue, createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { verifyPassword } from '#app/modules/auth/password.server.ts'
import { createSession, validateSessionToken } from '#app/modules/auth/session.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import * as route from './compte._index.tsx'

const app = createTestApp({ 'routes/compte._index': { path: 'compte', module: route } })
const NEW_PASSWORD = 'une autre phrase bien longue'

beforeEach(() => resetRateLimits())

async function loggedIn(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const session = await createSession(user.id, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0' })
  return { user, session, cookie: session.cookie.split(';')[0] }
}

describe('/compte', () => {
  test('anonymous visitors are sent to log in, then back here', async () => {
    const response = await app(pageGet('/compte'))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/connexion?redirectTo=%2Fcompte')
    const post = await app(formPost('/compte', { intent: 'revoke-others' }))
    expect(post.status).toBe(302)
  })

  test('shows name, address, role, verification state with a resend button, member since (Paris time), sessions', async () => {
    const { user, cookie } = await loggedIn({ emailVerifiedAt: null, createdAt: '2026-03-31T22:30:00.000Z', name: 'Léa <Martin>' })
    await createSession(user.id, { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1' })
    const response = await app(pageGet('/compte', cookie))
    expect(response.status).toBe(200)
    const { visible } = await readPage(response)
    expect(visible).toContain('Léa &lt;Martin&gt;')
    expect(visible).toContain(user.email)
    expect(visible).toContain('Membre')
    expect(visible).toContain('Adresse non confirmée')
    expect(visible).toContain('action="/confirmation-email/renvoyer"')
    // 22:30 UTC on 31 March is already 1 April in Paris.
    expect(visible).toContain('1er avril 2026')
    expect(visible).toContain('Firefox sur Linux')
    expect(visible).toContain('Safari sur iOS')
    expect(visible.match(/cette session/g)).toHaveLength(1)
    expect(visible).toContain('Fermer toutes les autres sessions')
    for (const name of ['currentPassword', 'newPassword', 'confirmPassword']) expect(visible).toContain(`name="${name}"`)
    expect(visible).toContain('<input type="hidden" name="intent" value="change-password"/>')
  })

  test('a verified member sees no resend button', async () => {
    const { cookie } = await loggedIn()
    const { visible } = await readPage(await app(pageGet('/compte', cookie)))
    expect(visible).toContain('Adresse confirmée')
    expect(visible).not.toContain('action="/confirmation-email/renvoyer"')
    expect(visible).toContain('Aucune autre session n’est ouverte.')
  })

  describe('change password', () => {
    test('wrong current password: 400, French message, nothing changes, no password sent back', async () => {
      const { user, session, cookie } = await loggedIn()
      const response = await app(
        formPost('/compte', { intent: 'change-password', currentPassword: 'pas le bon', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, cookie),
      )
      expect(response.status).toBe(400)
      const { visible, full } = await readPage(response)
      expect(visible).toContain('Le mot de passe actuel est incorrect.')
      expect(full).not.toContain(NEW_PASSWORD)
      expect(full).not.toContain('pas le bon')
      expect((await validateSessionToken(session.token)).user?.id).toBe(user.id)
    })

    test('invalid new password: 400 with French messages', async () => {
      const { cookie } = await loggedIn()
      const response = await app(
        formPost('/compte', { intent: 'change-password', currentPassword: 'x', newPassword: 'court', confirmPassword: 'autre' }, cookie),
      )
      expect(response.status).toBe(400)
      const { visible } = await readPage(response)
      expect(visible).toContain('Votre mot de passe doit contenir au moins 12 caractères.')
      expect(visible).toContain('Les deux mots de passe ne sont pas identiques.')
    })

    test('success: every session revoked, a new one for this browser, a notice email, a flash', async () => {
      const { user, session, cookie } = await loggedIn()
      const other = await createSession(user.id)
      const response = await app(
        formPost('/compte', { intent: 'change-password', currentPassword: user.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, cookie),
      )
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe('/compte')
      expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=password-changed')
      const fresh = cookieValue(response, 'essaim_session')!.split('=')[1]
      expect((await validateSessionToken(session.token)).user).toBeNull()
      expect((await validateSessionToken(other.token)).user).toBeNull()
      expect((await validateSessionToken(fresh)).user?.id).toBe(user.id)
      const row = await db.selectFrom('users').select('passwordHash').where('id', '=', user.id).executeTakeFirstOrThrow()
      expect(await verifyPassword(row.passwordHash, NEW_PASSWORD)).toBe(true)
      const sent = await db.selectFrom('emailOutbox').select('template').where('toAddress', '=', user.email).execute()
      expect(sent).toEqual([{ template: 'password-changed' }])
    })
  })

  describe('sessions', () => {
    test('revoking one of one’s own sessions', async () => {
      const { user, session, cookie } = await loggedIn()
      const other = await createSession(user.id)
      const response = await app(formPost('/compte', { intent: 'revoke-session', sessionId: other.session.id }, cookie))
      expect(response.status).toBe(302)
      expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=session-revoked')
      expect((await validateSessionToken(other.token)).user).toBeNull()
      expect((await validateSessionToken(session.token)).user?.id).toBe(user.id)
    })

    test('someone else’s session id: 404 and nothing happens', async () => {
      const { cookie } = await loggedIn()
      const stranger = await createTestUser()
      const theirs = await createSession(stranger.id)
      const response = await app(formPost('/compte', { intent: 'revoke-session', sessionId: theirs.session.id }, cookie))
      expect(response.status).toBe(404)
      expect((await validateSessionToken(theirs.token)).user?.id).toBe(stranger.id)
    })

    test('revoking this very session logs out', async () => {
      const { session, cookie } = await loggedIn()
      const response = await app(formPost('/compte', { intent: 'revoke-session', sessionId: session.session.id }, cookie))
      expect(response.headers.get('location')).toBe('/')
      expect(cookieValue(response, 'essaim_session')).toBe('essaim_session=')
      expect((await validateSessionToken(session.token)).user).toBeNull()
    })

    test('« Fermer toutes les autres sessions » keeps this one only', async () => {
      const { user, session, cookie } = await loggedIn()
      const a = await createSession(user.id)
      const b = await createSession(user.id)
      const stranger = await createTestUser()
      const theirs = await createSession(stranger.id)
      const response = await app(formPost('/compte', { intent: 'revoke-others' }, cookie))
      expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=sessions-revoked')
      expect((await validateSessionToken(a.token)).user).toBeNull()
      expect((await validateSessionToken(b.token)).user).toBeNull()
      expect((await validateSessionToken(session.token)).user?.id).toBe(user.id)
      expect((await validateSessionToken(theirs.token)).user?.id).toBe(stranger.id)
    })

    test('an unknown intent is a 400', async () => {
      const { cookie } = await loggedIn()
      expect((await app(formPost('/compte', { intent: 'delete-everything' }, cookie))).status).toBe(400)
    })
  })
})
