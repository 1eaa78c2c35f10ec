import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { type ExtraServer, startExtraServer } from './extra-server.ts'
import { expect, test } from './fixtures.ts'

// The built production server, started as `npm start` starts it (production mode, no PUBLIC_URL, no SMTP_URL),
// with the search indexer's interval drain set to an hour and the statistics flushed every 300 ms. It checks that
// the server runs ONE copy of the application: the routes' query counts are the ones the workers flush, and a
// publication wakes the indexer through the after-commit listener (not the interval). It runs with two processes
// behind the port (WEB_CONCURRENCY=2, what `npm start` does on two cores): one runs the background jobs, both serve,
// both see every change of the search index, and a process that dies is replaced with its role.
const PORT = Number(process.env.E2E_PORT || 3100) + 2
const ORIGIN = `http://localhost:${PORT}`
let server: ExtraServer | undefined
let dataDir: string
const output = () => server?.output() ?? ''

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(150_000)
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-e2e-server-'))
  server = await startExtraServer(PORT, {
    PUBLIC_URL: '',
    DATA_DIR: dataDir,
    SEARCH_DRAIN_INTERVAL_MS: String(60 * 60 * 1000),
    SEARCH_STATS_FLUSH_INTERVAL_MS: '300',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    WEB_CONCURRENCY: '2',
    REVIEW_THRESHOLD: '0',
  })
})

test.afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

function readStats(): { query: string; searches: number }[] {
  const sqlite = new SQLite(path.join(dataDir, 'essaim.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return sqlite.prepare('select query, searches from search_query_stats order by query').all() as { query: string; searches: number }[]
  } finally {
    sqlite.close()
  }
}

/** A browser-like form POST (same origin), keeping the session cookie. */
async function post(pathname: string, fields: Record<string, string>, cookie = '') {
  return fetch(`${ORIGIN}${pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie },
    body: new URLSearchParams(fields),
  })
}

const mailLines = () => output().split(`boîte de développement ${ORIGIN}/dev/emails`).length - 1

test('le journal de démarrage dit où vont les courriels', async () => {
  // Two processes serve; only the one that runs the background jobs (the email outbox among them) says it.
  await expect.poll(() => output().includes('(port') && mailLines() > 0, { timeout: 20_000 }).toBe(true)
  expect(output()).toContain('2 processus)')
  expect(mailLines()).toBe(1)
  const health = await (await fetch(`${ORIGIN}/healthz`)).json()
  expect(health.emailOutbox.delivery).toBe('dev-mailbox')
})

test('les recherches faites par les pages sont comptées et enregistrées (statistiques de /admin/recherche)', async () => {
  await fetch(`${ORIGIN}/recherche?q=${encodeURIComponent('compostage partagé')}`)
  await fetch(`${ORIGIN}/recherche?q=${encodeURIComponent('compostage partagé')}`)
  await fetch(`${ORIGIN}/api/v1/search?q=${encodeURIComponent('monnaie locale')}`)
  await expect
    .poll(readStats, { timeout: 5_000 })
    .toEqual([
      { query: 'compostage partagé', searches: 2 },
      { query: 'monnaie locale', searches: 1 },
    ])
})

test('une ressource publiée par le formulaire se trouve aussitôt, sans attendre la vidange périodique', async () => {
  // A newcomer: sign up, read the confirmation mail in /dev/emails, confirm.
  const email = `publication-${Date.now()}@exemple.fr`
  const signUp = await post('/inscription', { email, name: 'Alix Testeur', password: 'une phrase de passe assez longue', charter: 'on' })
  expect(signUp.status).toBe(302)
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c.startsWith('essaim_session='))
    .join('; ')
  expect(cookie).not.toBe('')
  const list = await (await fetch(`${ORIGIN}/dev/emails`)).text()
  const mailPath = /href="(\/dev\/emails\/[^"]+)"/.exec(list)?.[1]
  expect(mailPath).toBeDefined()
  const mail = await (await fetch(`${ORIGIN}${mailPath}`)).text()
  const token = new RegExp(`${ORIGIN}/confirmer-email\\?token=([\\w-]+)`).exec(mail)?.[1]
  expect(token).toBeDefined()
  expect((await post('/confirmer-email', { token: token ?? '' }, cookie)).status).toBe(302)

  // Publish through the creation form's action.
  const word = `zorglub${Date.now().toString(36)}`
  const body = JSON.stringify({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: `Une initiative autour du ${word} dans le quartier.` }] }],
  })
  const form = new URLSearchParams({
    intent: 'publish',
    type: 'initiative',
    title: `Atelier ${word}`,
    summary: 'Un atelier de quartier ouvert à toutes et à tous.',
    body,
    territory: 'arrageois',
    themes: 'financement',
    visibility: 'public',
    startDate: '2025-09-01',
  })
  const published = await fetch(`${ORIGIN}/ressources/nouvelle`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie },
    body: form,
  })
  expect(published.status, await published.clone().text()).toBe(302)
  const publishedAt = Date.now()
  let foundAfter = Number.POSITIVE_INFINITY
  while (Date.now() - publishedAt < 3_000) {
    const result = await (await fetch(`${ORIGIN}/api/v1/search?q=${word}`)).json()
    if (result.total > 0) {
      foundAfter = Date.now() - publishedAt
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  expect(foundAfter).toBeLessThanOrEqual(1_000)
  // Requests alternate between the two processes: each one's copy of the index attributes follows the change log.
  for (let i = 0; i < 6; i++) {
    const result = await (await fetch(`${ORIGIN}/api/v1/search?q=${word}`)).json()
    expect(result.total, `request ${i + 1}`).toBe(1)
  }
})

test('un processus arrêté brutalement est remplacé, avec son rôle ; le site répond pendant ce temps', async () => {
  const serverFile = path.resolve('server.ts')
  const listed = spawnSync('pgrep', ['-g', String(server?.pid()), '-f', serverFile], { encoding: 'utf8' })
  const pids = listed.stdout.split('\n').filter(Boolean).map(Number).sort((a, b) => a - b)
  expect(pids.length, listed.stdout).toBe(2)
  // The first process forked runs the background jobs.
  process.kill(pids[0], 'SIGKILL')
  await expect.poll(() => output().includes(`Processus ${pids[0]} arrêté (SIGKILL) : relancé.`), { timeout: 10_000 }).toBe(true)
  // Requests in flight in the killed process are lost; once the primary knows, the other process answers everything.
  for (let i = 0; i < 5; i++) expect((await fetch(`${ORIGIN}/healthz`)).status).toBe(200)
  await expect.poll(mailLines, { timeout: 20_000 }).toBe(2)
})
