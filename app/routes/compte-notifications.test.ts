import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { getEmailSettings } from '#app/modules/notifications/email-settings.server.ts'
import { DEFAULT_EMAIL_FREQUENCY } from '#app/modules/notifications/email-settings.ts'
import { NOTIFICATION_KINDS } from '#app/modules/notifications/kinds.ts'
import { buildPersonalDataExport } from '#app/modules/privacy/sections.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import * as route from './compte.notifications.tsx'

// /compte/notifications: a no-JS form, one fieldset per kind with its legend; defaults shown; a change is stored; a
// bad value is a French 400 with the choices kept; anonymous visitors are sent to log in; the export holds it.

const app = createTestApp({ 'routes/compte.notifications': { path: 'compte/notifications', module: route } })

async function loggedIn() {
  const user = await createTestUser()
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0]! }
}

const allFields = (overrides: Record<string, string> = {}) => ({ ...DEFAULT_EMAIL_FREQUENCY, ...overrides }) as Record<string, string>

describe('/compte/notifications', () => {
  test('anonymous → log in', async () => {
    const response = await app(pageGet('/compte/notifications'))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toMatch(/^\/connexion/)
  })

  test('shows the defaults in fieldsets with legends; saving stores the choices', async () => {
    const { user, cookie } = await loggedIn()
    const { visible } = await readPage(await app(pageGet('/compte/notifications', cookie)))
    expect(visible.match(/<fieldset/g)).toHaveLength(NOTIFICATION_KINDS.length)
    expect(visible).toContain('<legend>Décisions sur mes ressources</legend>')
    expect(visible).toContain('Dans le résumé hebdomadaire')
    expect(visible).toMatch(/id="[^"]*review_decision-immediate"[^>]*checked|checked[^>]*id="[^"]*review_decision-immediate"/)
    const saved = await app(formPost('/compte/notifications', allFields({ new_resource: 'daily', reaction: 'weekly' }), cookie))
    expect(saved.status).toBe(302)
    expect(saved.headers.getSetCookie().join()).toContain('essaim_flash=email-settings-saved')
    expect(await getEmailSettings(user.id)).toEqual({ ...DEFAULT_EMAIL_FREQUENCY, new_resource: 'daily', reaction: 'weekly' })
    const exported = (await buildPersonalDataExport(user.id)) as unknown as Record<string, unknown>
    expect(JSON.stringify(exported)).toContain('"kind":"new_resource","frequency":"daily"')
  })

  test('a value that is not a choice: French 400, nothing stored', async () => {
    const { user, cookie } = await loggedIn()
    const response = await app(formPost('/compte/notifications', allFields({ mention: 'toutes-les-heures' }), cookie))
    expect(response.status).toBe(400)
    expect((await readPage(response)).visible).toContain('Choisissez une fréquence.')
    expect(await getEmailSettings(user.id)).toEqual(DEFAULT_EMAIL_FREQUENCY)
  })
})
