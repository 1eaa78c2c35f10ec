import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { cookieValue, createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { PASSWORD_RESET_TTL_MS, requestPasswordReset } from '#app/modules/auth/accounts.server.ts'
import { verifyPassword } from '#app/modules/auth/password.server.ts'
import { createSession, validateSessionToken } from '#app/modules/auth/session.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import * as route from './reinitialiser-mot-de-passe.tsx'

const app = createTestApp({ 'routes/reinitialiser-mot-de-passe': { path: 'reinitialiser-mot-de-passe', module: route } })
const NEW_PASSWORD = 'une autre phrase bien longue'

beforeEach(() => resetRateLimits())

async function userWithResetToken(overrides: { emailVerifiedAt?: string | null } = {}) {
  const user = await createTestUser(overrides)
  await requestPasswordReset(user.email)
  const email = await db.selectFrom('emailOutbox').select('textBody').where('toAddress', '=', user.email).executeTakeFirstOrThrow()
  return { user, token: /token=([a-z2-7]{52})/.exec(email.textBody)![1] }
}

async function passwordHashOf(userId: string) {
  return (await db.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirstOrThrow()).passwordHash
}

describe('/reinitialiser-mot-de-passe', () => {
  test('GET with a valid link shows the form and changes nothing', async () => {
    const { user, token } = await userWithResetToken()
    for (let i = 0; i < 2; i++) {
      const html = (await readPage(await app(pageGet(`/reinitialiser-mot-de-passe?token=${token}`)))).visible
      expect(html).toContain(`<input type="hidden" name="token" value="${token}"/>`)
      expect(html).toContain('name="password"')
      expect(html).toContain('name="confirmPassword"')
    }
    const row = await db.selectFrom('authTokens').select('usedAt').where('userId', '=', user.id).executeTakeFirstOrThrow()
    expect(row.usedAt).toBeNull()
  })

  test('GET with an unknown or expired link explains and offers to ask again', async () => {
    const { user, token } = await userWithResetToken()
    const past = new Date(Date.now() - PASSWORD_RESET_TTL_MS - 1000).toISOString()
    await db.updateTable('authTokens').set({ expiresAt: past }).where('userId', '=', user.id).execute()
    const expired = (await readPage(await app(pageGet(`/reinitialiser-mot-de-passe?token=${token}`)))).visible
    expect(expired).toContain('Ce lien a expiré')
    expect(expired).toContain('href="/mot-de-passe-oublie"')
    expect(expired).not.toContain('name="password"')
    const unknown = (await readPage(await app(pageGet('/reinitialiser-mot-de-passe?token=abc')))).visible
    expect(unknown).toContain('Ce lien n’est pas valide.')
  })

  test('mismatching or common passwords: 400, French messages, the link still works', async () => {
    const { user, token } = await userWithResetToken()
    const url = `/reinitialiser-mot-de-passe?token=${token}`
    const mismatch = await app(formPost(url, { token, password: NEW_PASSWORD, confirmPassword: 'autre chose encore' }))
    expect(mismatch.status).toBe(400)
    const { visible, full } = await readPage(mismatch)
    expect(visible).toContain('Les deux mots de passe ne sont pas identiques.')
    expect(visible).toContain(`<input type="hidden" name="token" value="${token}"/>`)
    expect(full).not.toContain(NEW_PASSWORD)
    // Posted without ?token= in the address, the form still comes back with its messages.
    const common = await app(formPost('/reinitialiser-mot-de-passe', { token, password: 'motdepasse123456', confirmPassword: 'motdepasse123456' }))
    expect((await readPage(common)).visible).toContain('Ce mot de passe fait partie des plus utilisés')
    const row = await db.selectFrom('authTokens').select('usedAt').where('userId', '=', user.id).executeTakeFirstOrThrow()
    expect(row.usedAt).toBeNull()
  })

  test('success: new password, every session closed, address verified, redirect to log in; the link is then used', async () => {
    const { user, token } = await userWithResetToken({ emailVerifiedAt: null })
    const a = await createSession(user.id)
    const b = await createSession(user.id)
    const response = await app(
      formPost(`/reinitialiser-mot-de-passe?token=${token}`, { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, a.cookie.split(';')[0]),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/connexion')
    expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=password-reset')
    expect(cookieValue(response, 'essaim_session')).toBe('essaim_session=')
    expect(await verifyPassword(await passwordHashOf(user.id), NEW_PASSWORD)).toBe(true)
    expect((await validateSessionToken(a.token)).user).toBeNull()
    expect((await validateSessionToken(b.token)).user).toBeNull()
    const row = await db.selectFrom('users').select('emailVerifiedAt').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.emailVerifiedAt).not.toBeNull()

    const again = await app(formPost('/reinitialiser-mot-de-passe', { token, password: 'encore une autre phrase', confirmPassword: 'encore une autre phrase' }))
    expect(again.status).toBe(400)
    expect((await readPage(again)).visible).toContain('Ce lien a déjà servi')
    expect(await verifyPassword(await passwordHashOf(user.id), NEW_PASSWORD)).toBe(true)
  })

  test('an expired link (after 1 hour) does not change the password', async () => {
    const { user, token } = await userWithResetToken()
    const past = new Date(Date.now() - 1).toISOString()
    await db.updateTable('authTokens').set({ expiresAt: past }).where('userId', '=', user.id).execute()
    const response = await app(formPost('/reinitialiser-mot-de-passe', { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))
    expect(response.status).toBe(400)
    expect((await readPage(response)).visible).toContain('Ce lien a expiré')
    expect(await verifyPassword(await passwordHashOf(user.id), user.password)).toBe(true)
  })

  test('the 11th POST in a minute gets the French 429 page', async () => {
    const fields = { token: 'x', password: '', confirmPassword: '' }
    for (let i = 0; i < 10; i++) expect((await app(formPost('/reinitialiser-mot-de-passe', fields), '192.0.2.51')).status).toBe(400)
    const response = await app(formPost('/reinitialiser-mot-de-passe', fields), '192.0.2.51')
    expect(response.status).toBe(429)
    expect((await readPage(response)).visible).toContain('Trop de tentatives')
  })
})
