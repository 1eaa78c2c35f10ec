import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { cookieValue, createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { EMAIL_VERIFICATION_TTL_MS, resendEmailVerification } from '#app/modules/auth/accounts.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import * as renvoyer from './confirmation-email.renvoyer.tsx'
import * as route from './confirmer-email.tsx'

const app = createTestApp({
  'routes/confirmer-email': { path: 'confirmer-email', module: route },
  'routes/confirmation-email.renvoyer': { path: 'confirmation-email/renvoyer', module: renvoyer },
})

beforeEach(() => resetRateLimits())

async function unverifiedUserWithToken() {
  const user = await createTestUser({ emailVerifiedAt: null })
  await resendEmailVerification(user.id)
  const email = await db.selectFrom('emailOutbox').select('textBody').where('toAddress', '=', user.email).executeTakeFirstOrThrow()
  return { user, token: /token=([a-z2-7]{52})/.exec(email.textBody)![1] }
}

async function verifiedAt(userId: string) {
  return (await db.selectFrom('users').select('emailVerifiedAt').where('id', '=', userId).executeTakeFirstOrThrow()).emailVerifiedAt
}

describe('/confirmer-email', () => {
  test('GET shows a confirm button and changes nothing (mail scanners prefetch links)', async () => {
    const { user, token } = await unverifiedUserWithToken()
    for (let i = 0; i < 3; i++) {
      const response = await app(pageGet(`/confirmer-email?token=${token}`))
      expect(response.status).toBe(200)
      const html = (await readPage(response)).visible
      expect(html).toContain('Confirmer mon adresse</button>')
      expect(html).toContain(`<input type="hidden" name="token" value="${token}"/>`)
    }
    expect(await verifiedAt(user.id)).toBeNull()
    const row = await db.selectFrom('authTokens').select('usedAt').where('userId', '=', user.id).executeTakeFirstOrThrow()
    expect(row.usedAt).toBeNull()
  })

  test('POST confirms once; the second time explains the link was used', async () => {
    const { user, token } = await unverifiedUserWithToken()
    const response = await app(formPost('/confirmer-email', { token }))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/connexion')
    expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=email-verified')
    expect(await verifiedAt(user.id)).not.toBeNull()
    const again = await app(formPost('/confirmer-email', { token }))
    expect(again.status).toBe(400)
    const html = (await readPage(again)).visible
    expect(html).toContain('Ce lien de confirmation a déjà servi')
  })

  test('logged in, the confirmation leads to the account page', async () => {
    const { user, token } = await unverifiedUserWithToken()
    const { cookie } = await createSession(user.id)
    const response = await app(formPost('/confirmer-email', { token }, cookie.split(';')[0]))
    expect(response.headers.get('location')).toBe('/compte')
  })

  test('an expired link is explained, and a logged-in member is offered a new one', async () => {
    const { user, token } = await unverifiedUserWithToken()
    const past = new Date(Date.now() - EMAIL_VERIFICATION_TTL_MS - 1000).toISOString()
    await db.updateTable('authTokens').set({ expiresAt: past }).where('userId', '=', user.id).execute()
    const { cookie } = await createSession(user.id)
    const page = (await readPage(await app(pageGet(`/confirmer-email?token=${token}`, cookie.split(';')[0])))).visible
    expect(page).toContain('Ce lien de confirmation a expiré')
    expect(page).toContain('action="/confirmation-email/renvoyer"')
    const response = await app(formPost('/confirmer-email', { token }))
    expect(response.status).toBe(400)
    expect((await readPage(response)).visible).toContain('Ce lien de confirmation a expiré')
    expect(await verifiedAt(user.id)).toBeNull()
  })

  test('an unknown or missing token is explained; anonymous visitors are told to log in for a new link', async () => {
    for (const url of ['/confirmer-email?token=nimportequoi', '/confirmer-email']) {
      const html = (await readPage(await app(pageGet(url)))).visible
      expect(html).toContain('Ce lien de confirmation n’est pas valide.')
      expect(html).toContain('href="/connexion?redirectTo=%2Fcompte"')
    }
  })

  test('the 11th POST in a minute gets the French 429 page', async () => {
    for (let i = 0; i < 10; i++) expect((await app(formPost('/confirmer-email', { token: 'x' }), '192.0.2.31')).status).toBe(400)
    const response = await app(formPost('/confirmer-email', { token: 'x' }), '192.0.2.31')
    expect(response.status).toBe(429)
    expect((await readPage(response)).visible).toContain('Trop de tentatives')
  })
})

describe('/confirmation-email/renvoyer', () => {
  test('anonymous: sent to log in', async () => {
    const response = await app(formPost('/confirmation-email/renvoyer', {}))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toMatch(/^\/connexion\?redirectTo=/)
  })

  test('sends a new link and voids the earlier one', async () => {
    const { user, token } = await unverifiedUserWithToken()
    const { cookie } = await createSession(user.id)
    const response = await app(formPost('/confirmation-email/renvoyer', {}, cookie.split(';')[0]))
    expect(response.headers.get('location')).toBe('/compte')
    expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=verification-sent')
    const emails = await db.selectFrom('emailOutbox').select('textBody').where('toAddress', '=', user.email).execute()
    expect(emails).toHaveLength(2)
    expect((await app(formPost('/confirmer-email', { token }))).status).toBe(400)
  })

  test('an already verified address gets no email', async () => {
    const user = await createTestUser()
    const { cookie } = await createSession(user.id)
    const response = await app(formPost('/confirmation-email/renvoyer', {}, cookie.split(';')[0]))
    expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=email-already-verified')
    expect(await db.selectFrom('emailOutbox').select('id').where('toAddress', '=', user.email).execute()).toHaveLength(0)
  })

  test('GET changes nothing and goes to the account page', async () => {
    const { user } = await unverifiedUserWithToken()
    const { cookie } = await createSession(user.id)
    const response = await app(pageGet('/confirmation-email/renvoyer', cookie.split(';')[0]))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/compte')
    expect(await db.selectFrom('emailOutbox').select('id').where('toAddress', '=', user.email).execute()).toHaveLength(1)
  })
})
