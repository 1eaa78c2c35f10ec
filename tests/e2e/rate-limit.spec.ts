import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './fixtures.ts'

// The suite's server allows many log-in attempts (every test logs in from 127.0.0.1). The limit itself is checked
// against a second production server with the default configuration: 10 POSTs a minute per IP.
const PORT = Number(process.env.E2E_PORT || 3100) + 1
const ORIGIN = `http://localhost:${PORT}`
let server: ChildProcess | undefined
let dataDir: string
let output = ''

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(150_000)
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-e2e-limit-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(PORT),
    PUBLIC_URL: ORIGIN,
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    SMTP_URL: '',
    MEILISEARCH_URL: '',
  }
  delete env.AUTH_RATE_LIMIT_PER_MINUTE
  server = spawn('npx', ['tsx', 'server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  server.stdout?.on('data', (chunk) => {
    output += chunk
  })
  server.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const deadline = Date.now() + 120_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The second server stopped:\n${output}`)
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The second server did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
})

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve))
    process.kill(-server.pid, 'SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
  }
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
