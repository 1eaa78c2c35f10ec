import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { cookieValue, createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { MESSAGES } from '#app/modules/auth/accounts.schema.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import * as route from './inscription.tsx'

const app = createTestApp({ 'routes/inscription': { path: 'inscription', module: route } })
const PASSWORD = 'un mot de passe solide 2026'

let counter = 0
function uniqueEmail() {
  counter++
  return `inscription-${counter}-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
}

function fields(overrides: Record<string, string> = {}) {
  return { email: uniqueEmail(), name: 'Camille Dupont', password: PASSWORD, charter: 'on', website: '', ...overrides }
}

beforeEach(() => resetRateLimits())

describe('/inscription', () => {
  test('the form: exact field names, charter link, honeypot, button', async () => {
    const response = await app(pageGet('/inscription'))
    expect(response.status).toBe(200)
    const html = (await readPage(response)).visible
    for (const name of ['email', 'name', 'password', 'charter', 'website']) expect(html).toContain(`name="${name}"`)
    expect(html).toContain('href="/conditions-utilisation"')
    expect(html).toContain('Créer mon compte')
    expect(html).toMatch(/<h1[^>]*>Créer un compte<\/h1>/)
  })

  test('the territory is optional; chosen, it is kept on the account (its group is then offered on /compte)', async () => {
    const html = (await readPage(await app(pageGet('/inscription')))).visible
    expect(html).toContain('Votre territoire (facultatif)')
    expect(html).toContain('<option value="calaisis">Calaisis</option>')
    const email = uniqueEmail()
    expect((await app(formPost('/inscription', fields({ email, territory: 'calaisis' })))).status).toBe(302)
    const row = await db
      .selectFrom('users')
      .innerJoin('territories', 'territories.id', 'users.territoryId')
      .select('territories.slug')
      .where('users.email', '=', email)
      .executeTakeFirstOrThrow()
    expect(row.slug).toBe('calaisis')
    const none = uniqueEmail()
    expect((await app(formPost('/inscription', fields({ email: none, territory: '' })))).status).toBe(302)
    expect((await db.selectFrom('users').select('territoryId').where('email', '=', none).executeTakeFirstOrThrow()).territoryId).toBeNull()
    const bad = await app(formPost('/inscription', fields({ territory: 'atlantide' })))
    expect(bad.status).toBe(400)
    expect((await readPage(bad)).visible).toContain('Ce territoire n’existe pas')
  })

  test('a logged-in visitor is sent to /compte', async () => {
    const user = await createTestUser()
    const { cookie } = await createSession(user.id)
    const response = await app(pageGet('/inscription', cookie.split(';')[0]))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/compte')
  })

  test('invalid input: 400, French messages next to the fields, values kept but never the password', async () => {
    const email = uniqueEmail()
    const response = await app(formPost('/inscription', fields({ email, name: 'Camille', password: 'trop court', charter: '' })))
    expect(response.status).toBe(400)
    const { visible: html, full } = await readPage(response)
    expect(html).toContain(MESSAGES.passwordTooShort)
    expect(html).toContain('Vous devez accepter les conditions d’utilisation pour créer un compte.')
    expect(html).toContain('Le formulaire contient 2 erreurs')
    expect(html).toContain(`value="${email}"`)
    expect(html).toContain('value="Camille"')
    expect(full).not.toContain('trop court')
    expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(0)
  })

  test('a common password is refused with a French explanation', async () => {
    const response = await app(formPost('/inscription', fields({ password: 'azertyuiop123' })))
    expect(response.status).toBe(400)
    const { visible, full } = await readPage(response)
    expect(visible).toContain('Ce mot de passe fait partie des plus utilisés')
    expect(full).not.toContain('azertyuiop123')
  })

  test('an address that already has an account: the answer of a new account, without a session (see enumeration.test.ts)', async () => {
    const existing = await createTestUser()
    const response = await app(formPost('/inscription', fields({ email: ` ${existing.email.toUpperCase()} ` })))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/compte')
    expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=signed-up')
    expect(cookieValue(response, 'essaim_session')).toBeUndefined()
    expect(await db.selectFrom('users').select('id').where('email', '=', existing.email).execute()).toHaveLength(1)
  })

  test('a filled honeypot is a 400 and creates nothing', async () => {
    const email = uniqueEmail()
    const response = await app(formPost('/inscription', fields({ email, website: 'http://spam.example' })))
    expect(response.status).toBe(400)
    expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(0)
  })

  test('success: member created, session cookie, flash, redirect to /compte', async () => {
    const email = uniqueEmail()
    const response = await app(formPost('/inscription', fields({ email: email.toUpperCase() })))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/compte')
    expect(cookieValue(response, 'essaim_flash')).toBe('essaim_flash=signed-up')
    expect(cookieValue(response, 'essaim_session')).toMatch(/^essaim_session=[a-z2-7]{52}$/)
    const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
    expect(user.role).toBe('member')
    expect(user.charterAcceptedAt).not.toBeNull()
    const outbox = await db.selectFrom('emailOutbox').select('template').where('toAddress', '=', email).execute()
    expect(outbox).toEqual([{ template: 'verify-email' }])
  })

  test('the 11th POST in a minute from one address gets the French 429 page', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await app(formPost('/inscription', fields({ password: 'court' })), '192.0.2.11')
      expect(response.status).toBe(400)
    }
    const response = await app(formPost('/inscription', fields()), '192.0.2.11')
    expect(response.status).toBe(429)
    expect((await readPage(response)).visible).toContain('Trop de tentatives')
    // Another address is not affected.
    expect((await app(formPost('/inscription', fields({ password: 'court' })), '192.0.2.12')).status).toBe(400)
  })
})
