import { describe, expect, test } from 'vitest'
import { createTestUser } from '#tests/factories/users.ts'
import { cookieValue, createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { createSession, validateSessionToken } from '#app/modules/auth/session.server.ts'
import * as route from './deconnexion.tsx'

const app = createTestApp({ 'routes/deconnexion': { path: 'deconnexion', module: route } })

describe('/deconnexion', () => {
  test('GET only shows the button: the session stays open', async () => {
    const user = await createTestUser()
    const { cookie, token } = await createSession(user.id)
    const response = await app(pageGet('/deconnexion', cookie.split(';')[0]))
    expect(response.status).toBe(200)
    const html = (await readPage(response)).visible
    expect(html).toMatch(/<form method="post"[^>]*><button type="submit" class="button">Se déconnecter<\/button><\/form>/)
    expect((await validateSessionToken(token)).user?.id).toBe(user.id)
  })

  test('GET when logged out says so', async () => {
    const html = (await readPage(await app(pageGet('/deconnexion')))).visible
    expect(html).toContain('Aucune session n’est ouverte sur ce navigateur.')
  })

  test('POST closes this session only, clears the cookie and redirects home with a message', async () => {
    const user = await createTestUser()
    const here = await createSession(user.id)
    const elsewhere = await createSession(user.id)
    const response = await app(formPost('/deconnexion', {}, here.cookie.split(';')[0]))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/')
    expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=logged-out')
    expect(response.headers.getSetCookie().some((c) => c.startsWith('essaim_session=;') && c.includes('Max-Age=0'))).toBe(true)
    expect((await validateSessionToken(here.token)).user).toBeNull()
    expect((await validateSessionToken(elsewhere.token)).user?.id).toBe(user.id)
  })

  test('POST without a session still clears the cookie', async () => {
    const response = await app(formPost('/deconnexion', {}))
    expect(response.status).toBe(302)
    expect(cookieValue(response, 'essaim_session')).toBe('essaim_session=')
  })
})
