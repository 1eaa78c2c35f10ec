import { describe, expect, test } from 'vitest'
import { createTestApp, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import * as connexion from '#app/routes/connexion.tsx'
import * as inscription from '#app/routes/inscription.tsx'

// The password fields come from one component: the browser's password manager gets the right hint everywhere, and the
// rule is said before a new password is typed.
const app = createTestApp({
  'routes/connexion': { path: 'connexion', module: connexion },
  'routes/inscription': { path: 'inscription', module: inscription },
})

function passwordInputs(html: string): string[] {
  return [...html.matchAll(/<input[^>]*type="password"[^>]*>/g)].map((m) => m[0])
}

describe('password fields', () => {
  test('sign-in: the current password, filled by the browser', async () => {
    const inputs = passwordInputs((await readPage(await app(pageGet('/connexion')))).visible)
    expect(inputs).toHaveLength(1)
    expect(inputs[0]).toContain('autoComplete="current-password"')
  })

  test('sign-up: a new password, its rule in a hint the field is described by', async () => {
    const html = (await readPage(await app(pageGet('/inscription')))).visible
    const inputs = passwordInputs(html)
    expect(inputs).toHaveLength(1)
    expect(inputs[0]).toContain('autoComplete="new-password"')
    const hintId = /aria-describedby="([^" ]*-hint)/.exec(inputs[0])?.[1]
    expect(hintId).toBeTruthy()
    expect(html).toMatch(new RegExp(`id="${hintId}"[^>]*>Au moins \\d+ caractères`))
  })
})
