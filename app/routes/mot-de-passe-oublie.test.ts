import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import * as route from './mot-de-passe-oublie.tsx'

const app = createTestApp({ 'routes/mot-de-passe-oublie': { path: 'mot-de-passe-oublie', module: route } })

beforeEach(() => resetRateLimits())

function headersOf(response: Response) {
  return [...response.headers.entries()].filter(([name]) => name !== 'set-cookie')
}

describe('/mot-de-passe-oublie', () => {
  test('the form', async () => {
    const html = (await readPage(await app(pageGet('/mot-de-passe-oublie')))).visible
    expect(html).toContain('name="email"')
    expect(html).toContain('name="website"')
    expect(html).toMatch(/<h1[^>]*>Mot de passe oublié<\/h1>/)
  })

  test('the same answer whether or not the address has an account; only a member gets an email', async () => {
    const user = await createTestUser()
    const unknown = `inconnu-${Date.now()}@exemple.fr`
    const known = await app(formPost('/mot-de-passe-oublie', { email: user.email, website: '' }))
    const other = await app(formPost('/mot-de-passe-oublie', { email: unknown, website: '' }))
    expect(known.status).toBe(302)
    expect(other.status).toBe(known.status)
    expect((await readPage(other)).full).toBe((await readPage(known)).full)
    expect(headersOf(other)).toEqual(headersOf(known))
    expect(other.headers.getSetCookie()).toEqual(known.headers.getSetCookie())
    expect(known.headers.get('location')).toBe('/mot-de-passe-oublie')

    // The page that follows shows the same message in both cases.
    const flash = known.headers.getSetCookie()[0].split(';')[0]
    const page = (await readPage(await app(pageGet('/mot-de-passe-oublie', flash)))).visible
    expect(page).toContain('Si un compte existe avec cette adresse, un lien pour choisir un nouveau mot de passe')

    const sent = await db.selectFrom('emailOutbox').select(['toAddress', 'template']).where('toAddress', 'in', [user.email, unknown]).execute()
    expect(sent).toEqual([{ toAddress: user.email, template: 'reset-password' }])
  })

  test('an invalid address: 400 with a French message and the value kept', async () => {
    const response = await app(formPost('/mot-de-passe-oublie', { email: 'pas une adresse', website: '' }))
    expect(response.status).toBe(400)
    const html = (await readPage(response)).visible
    expect(html).toContain('Saisissez une adresse électronique valide')
    expect(html).toContain('value="pas une adresse"')
  })

  test('a filled honeypot is a 400 and sends nothing', async () => {
    const user = await createTestUser()
    const response = await app(formPost('/mot-de-passe-oublie', { email: user.email, website: 'spam' }))
    expect(response.status).toBe(400)
    expect(await db.selectFrom('emailOutbox').select('id').where('toAddress', '=', user.email).execute()).toHaveLength(0)
  })

  test('the 11th POST in a minute gets the French 429 page', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await app(formPost('/mot-de-passe-oublie', { email: 'x', website: '' }), '192.0.2.41')).status).toBe(400)
    }
    const response = await app(formPost('/mot-de-passe-oublie', { email: 'x', website: '' }), '192.0.2.41')
    expect(response.status).toBe(429)
    expect((await readPage(response)).visible).toContain('Trop de tentatives')
  })
})
