import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type ExtraServer, startExtraServer } from './extra-server.ts'
import { expect, test } from './fixtures.ts'

// The suite's server allows many log-in attempts (every test logs in from 127.0.0.1). The limit itself is checked
// against a second production server with the default configuration: 10 POSTs a minute per IP.
const PORT = Number(process.env.E2E_PORT || 3100) + 1
const ORIGIN = `http://localhost:${PORT}`
let server: ExtraServer | undefined
let dataDir: string

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(150_000)
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-e2e-limit-'))
  server = await startExtraServer(PORT, { PUBLIC_URL: ORIGIN, DATA_DIR: dataDir }, ['AUTH_RATE_LIMIT_PER_MINUTE'])
})

test.afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

test('11 envois en une minute sur /connexion depuis une même adresse → page 429 en français', async ({ page }) => {
  await page.goto(`${ORIGIN}/connexion`)
  // Ten attempts from this browser (same IP, same origin): refused credentials, not yet limited.
  const statuses = await page.evaluate(async () => {
    const result: number[] = []
    for (let i = 0; i < 10; i++) {
      const body = new URLSearchParams({ email: `essai-${i}@exemple.fr`, password: 'mauvais mot de passe' })
      result.push((await fetch('/connexion', { method: 'POST', body })).status)
    }
    return result
  })
  expect(statuses).toEqual(Array(10).fill(400))
  // The eleventh, through the form.
  await page.locator('input[name="email"]').fill('onzieme@exemple.fr')
  await page.locator('input[name="password"]').fill('mauvais mot de passe')
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/connexion')),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ])
  expect(response.status()).toBe(429)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trop de tentatives')
  await expect(page.getByRole('main')).toContainText('Patientez une minute')
})
