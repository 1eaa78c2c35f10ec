import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { cookieValue, createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { resetLoginThrottleMemory } from '#app/modules/auth/login-throttle.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import * as route from './connexion.tsx'

const app = createTestApp({ 'routes/connexion': { path: 'connexion', module: route } })

beforeEach(() => {
  resetRateLimits()
  resetLoginThrottleMemory()
})

function login(fields: Record<string, string>, url = '/connexion', ip?: string) {
  return app(formPost(url, { website: '', redirectTo: '', ...fields }), ip)
}

describe('/connexion', () => {
  test('the form: email, password, hidden redirectTo from the query string, honeypot, button', async () => {
    const html = (await readPage(await app(pageGet('/connexion?redirectTo=%2Fcompte%3Fonglet%3D1')))).visible
    for (const name of ['email', 'password', 'website']) expect(html).toContain(`name="${name}"`)
    expect(html).toContain('<input type="hidden" name="redirectTo" value="/compte?onglet=1"/>')
    expect(html).toContain('Se connecter</button>')
    expect(html).toContain('href="/mot-de-passe-oublie"')
  })

  test.each(['//evil.com', 'https://evil.com', '/\\evil', 'javascript:alert(1)'])(
    'an unsafe redirectTo in the query string (%s) is not put in the form',
    async (redirectTo) => {
      const html = (await readPage(await app(pageGet(`/connexion?redirectTo=${encodeURIComponent(redirectTo)}`)))).visible
      expect(html).toContain('<input type="hidden" name="redirectTo" value=""/>')
    },
  )

  test('a logged-in visitor is sent to /compte', async () => {
    const user = await createTestUser()
    const { cookie } = await createSession(user.id)
    const response = await app(pageGet('/connexion', cookie.split(';')[0]))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/compte')
  })

  test('success: a new session for every login, with the device, flash and redirect', async () => {
    const user = await createTestUser()
    const agent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36'
    const request = formPost('/connexion', { email: ` ${user.email.toUpperCase()} `, password: user.password, website: '', redirectTo: '/compte' })
    request.headers.set('user-agent', agent)
    const first = await app(request)
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe('/compte')
    expect(cookieValue(first, 'essaim_flash')).toBe('essaim_flash=logged-in')
    const second = await login({ email: user.email, password: user.password })
    expect(second.headers.get('location')).toBe('/')
    expect(cookieValue(first, 'essaim_session')).not.toBe(cookieValue(second, 'essaim_session'))
    const sessions = await db.selectFrom('sessions').select('userAgent').where('userId', '=', user.id).orderBy('createdAt').execute()
    expect(sessions.map((s) => s.userAgent)).toEqual(['Chrome sur Windows', 'Appareil inconnu'])
  })

  test.each([
    ['/compte', '/compte'],
    ['/ressources?page=2#liste', '/ressources?page=2#liste'],
    ['//evil.com', '/'],
    ['https://evil.com', '/'],
    ['/\\evil', '/'],
    ['javascript:alert(1)', '/'],
  ])('redirectTo %s → %s', async (redirectTo, location) => {
    const user = await createTestUser()
    const response = await login({ email: user.email, password: user.password, redirectTo })
    expect(response.headers.get('location')).toBe(location)
  })

  test('wrong password and unknown address: the same French answer, no password sent back', async () => {
    const user = await createTestUser()
    const wrong = await login({ email: user.email, password: 'mauvais mot de passe' })
    const unknown = await login({ email: 'personne-inconnue@exemple.fr', password: 'mauvais mot de passe' })
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    const [a, b] = [(await readPage(wrong)).full, (await readPage(unknown)).full]
    expect(a).toContain('Adresse électronique ou mot de passe incorrect.')
    expect(b).toContain('Adresse électronique ou mot de passe incorrect.')
    expect(a).not.toContain('mauvais mot de passe')
    expect(b).not.toContain('mauvais mot de passe')
    // The pages differ only by the address typed in.
    expect(a.replaceAll(user.email, 'X')).toBe(b.replaceAll('personne-inconnue@exemple.fr', 'X'))
    expect(wrong.headers.getSetCookie()).toEqual([])
  })

  test('empty fields: 400 with French messages', async () => {
    const response = await login({ email: '', password: '' })
    expect(response.status).toBe(400)
    const html = (await readPage(response)).visible
    expect(html).toContain('Saisissez votre adresse électronique.')
    expect(html).toContain('Saisissez votre mot de passe.')
  })

  test('a filled honeypot is a 400 and logs nobody in', async () => {
    const user = await createTestUser()
    const response = await login({ email: user.email, password: user.password, website: 'x' })
    expect(response.status).toBe(400)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  test('the 11th POST in a minute from one address gets the French 429 page', async () => {
    const user = await createTestUser()
    for (let i = 0; i < 10; i++) expect((await login({ email: user.email, password: '' }, '/connexion', '192.0.2.21')).status).toBe(400)
    const response = await login({ email: user.email, password: user.password }, '/connexion', '192.0.2.21')
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await readPage(response)).visible).toContain('Trop de tentatives')
    expect(await db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute()).toHaveLength(0)
  })
})
