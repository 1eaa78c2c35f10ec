// npm run bench:load — mixed load against the production build, open loop: requests start on a fixed schedule
// (RATE per second, whatever the server's answers are doing), so a slow server gets a queue, not fewer requests,
// and each latency runs from the moment its request was due (no coordinated omission).
//   70 % reads (home, /ressources, resource pages, a group page, /agenda; half of them logged in),
//   20 % search (/recherche?q=… and /api/v1/search?q=…),
//   10 % writes by logged-in people (reactions « utile » toggled, comments), same-origin forms with their Origin.
// Prints the total, the answers other than 2xx/3xx (target 0), p50/p95/p99 per kind of route, the rate achieved and
// the peak resident memory of the server (every process of its group: the cluster's primary and its processes).
// Asserts nothing (benchmarks are measurements, not tests).
//
//   BENCH_SECONDS=60 BENCH_RATE=50 WEB_CONCURRENCY=2 npm run bench:load
//
// Needs the production build (`npm run build`).

import os from 'node:os'
import path from 'node:path'
import { groupRss, requireBuild, scratchDir, start } from './lib.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60)
const RATE = Number(process.env.BENCH_RATE ?? 50)
const PROCESSES = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism())
/** People writing: comments are limited to 10 a minute per person (COMMENTS_PER_MINUTE). */
const WRITERS = 24
requireBuild()
const dir = scratchDir('essaim-bench-load-')

const port = 3904
const origin = `http://localhost:${port}`
// Node itself with tsx's loader (not `npx tsx`): the process group holds only the server's processes.
const app = start(
  process.execPath,
  ['--import', 'tsx', 'server.ts'],
  {
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: '',
    SMTP_URL: '',
    MEILISEARCH_URL: '',
    DATA_DIR: path.join(dir, 'data'),
    SEED_DEMO: 'true',
    WEB_CONCURRENCY: String(PROCESSES),
  },
  `${origin}/healthz`,
)
await app.ready
// Every process answers before measuring (the primary reports readiness when the first one listens).
if (PROCESSES > 1) await new Promise((resolve) => setTimeout(resolve, 3000))

// The people who write (verified members, authors of nothing), published public resources, a territory group.
process.env.DATA_DIR = path.join(dir, 'data')
process.env.NODE_ENV = 'production'
process.env.PUBLIC_URL = origin
const { db, closeDb } = await import('../db/client.server.ts')
const { createSession } = await import('../app/modules/auth/session.server.ts')
const { createTestUser } = await import('../tests/factories/users.ts')
const cookies: string[] = []
for (let i = 0; i < WRITERS; i++) {
  const user = await createTestUser({ name: `Charge ${i + 1}` })
  cookies.push((await createSession(user.id)).cookie.split(';')[0])
}
const resources = await db
  .selectFrom('resources')
  .select('slug')
  .where('status', '=', 'published')
  .where('visibility', '=', 'public')
  .where('deletedAt', 'is', null)
  .where('hiddenAt', 'is', null)
  .orderBy('publishedAt', 'desc')
  .limit(20)
  .execute()
const group = await db.selectFrom('groups').select('slug').where('kind', '=', 'territory').orderBy('slug').executeTakeFirstOrThrow()
await closeDb()
if (resources.length === 0) throw new Error('Aucune ressource publiée dans les données de démonstration')

// A small deterministic generator: the same mix in every run.
let seed = 0x9e3779b9
const random = () => {
  seed ^= seed << 13
  seed ^= seed >>> 17
  seed ^= seed << 5
  return (seed >>> 0) / 2 ** 32
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]

const WORDS = ['emploi', 'insertion', 'formation', 'association', 'financement', 'bénévolat', 'coopérative', 'alimentation', 'mobilité', 'logement']
type Kind = 'accueil' | 'liste' | 'ressource' | 'groupe' | 'agenda' | 'recherche' | 'api recherche' | 'réaction' | 'commentaire'
const KINDS: Kind[] = ['accueil', 'liste', 'ressource', 'groupe', 'agenda', 'recherche', 'api recherche', 'réaction', 'commentaire']
type Planned = { kind: Kind; url: string; init: RequestInit }

const writeHeaders = (cookie: string) => ({ cookie, origin, 'content-type': 'application/x-www-form-urlencoded' })
let writer = 0
function plan(): Planned {
  const draw = random()
  const cookie = random() < 0.5 ? pick(cookies) : undefined
  const read = (kind: Kind, url: string): Planned => ({ kind, url, init: { headers: cookie ? { cookie } : {} } })
  if (draw < 0.7) {
    const which = random()
    if (which < 0.2) return read('accueil', '/')
    if (which < 0.4) return read('liste', '/ressources')
    if (which < 0.7) return read('ressource', `/ressources/${pick(resources).slug}`)
    if (which < 0.85) return read('groupe', `/territoires/${group.slug}`)
    return read('agenda', '/agenda')
  }
  if (draw < 0.9) {
    const q = encodeURIComponent(pick(WORDS))
    return random() < 0.5 ? read('recherche', `/recherche?q=${q}`) : read('api recherche', `/api/v1/search?q=${q}`)
  }
  // Writers in turn (at most RATE × 0.1 × 0.4 × 60 / WRITERS comments a minute each).
  const by = cookies[writer++ % cookies.length]
  const slug = pick(resources).slug
  if (random() < 0.6) {
    return { kind: 'réaction', url: `/ressources/${slug}`, init: { method: 'POST', headers: writeHeaders(by), body: 'intent=react&kind=useful' } }
  }
  const bodyText = `Commentaire de charge ${Math.floor(random() * 1e9)} : merci pour cette ressource.`
  return { kind: 'commentaire', url: `/ressources/${slug}`, init: { method: 'POST', headers: writeHeaders(by), body: new URLSearchParams({ intent: 'comment', bodyText }).toString() } }
}

type Outcome = { kind: Kind; status: number; latency: number; error?: string; url: string }
const outcomes: Outcome[] = []
async function run(planned: Planned, due: number) {
  let status = 0
  let error: string | undefined
  try {
    const response = await fetch(`${origin}${planned.url}`, { ...planned.init, redirect: 'manual', signal: AbortSignal.timeout(30_000) })
    await response.arrayBuffer()
    status = response.status
  } catch (e) {
    error = e instanceof Error ? e.message : String(e)
  }
  outcomes.push({ kind: planned.kind, status, latency: performance.now() - due, error, url: planned.url })
}

// Warm-up: each kind of page once, one after the other (JIT, caches), not counted.
for (const url of ['/', '/ressources', `/ressources/${resources[0].slug}`, `/territoires/${group.slug}`, '/agenda', '/recherche?q=emploi', '/api/v1/search?q=emploi']) {
  await (await fetch(`${origin}${url}`)).arrayBuffer()
}

console.log(`Charge mixte : ${RATE} req/s pendant ${SECONDS} s en boucle ouverte, ${PROCESSES} processus, ${os.availableParallelism()} cœurs, Node ${process.version}`)
// A shared machine: its load when the run starts says how much of it the server had.
console.log(`Charge moyenne de la machine au départ (1 min) : ${os.loadavg()[0].toFixed(1)}\n`)
let peakRss = groupRss(app.child.pid ?? 0)
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, groupRss(app.child.pid ?? 0))
}, 200)
const total = Math.round(SECONDS * RATE)
const interval = 1000 / RATE
const t0 = performance.now()
const inFlight: Promise<void>[] = []
let maxLag = 0
for (let i = 0; i < total; i++) {
  const due = t0 + i * interval
  const wait = due - performance.now()
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
  maxLag = Math.max(maxLag, performance.now() - due)
  inFlight.push(run(plan(), due))
}
const lastStart = performance.now()
await Promise.all(inFlight)
const elapsed = (performance.now() - t0) / 1000
clearInterval(sampler)
peakRss = Math.max(peakRss, groupRss(app.child.pid ?? 0))
await app.stop()

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0)
const failed = outcomes.filter((o) => o.error || o.status < 200 || o.status >= 400)
console.log(`  ${'route'.padEnd(16)} ${'requêtes'.padStart(8)}  ${'p50'.padStart(8)}  ${'p95'.padStart(8)}  ${'p99'.padStart(8)}  erreurs`)
for (const kind of [...KINDS, 'toutes' as const]) {
  const mine = outcomes.filter((o) => kind === 'toutes' || o.kind === kind)
  const sorted = mine.map((o) => o.latency).sort((a, b) => a - b)
  const ms = (p: number) => `${percentile(sorted, p).toFixed(1)} ms`.padStart(8)
  const errors = mine.filter((o) => failed.includes(o)).length
  console.log(`  ${kind.padEnd(16)} ${String(mine.length).padStart(8)}  ${ms(50)}  ${ms(95)}  ${ms(99)}  ${errors}`)
}
const share = (kinds: Kind[]) => ((100 * outcomes.filter((o) => kinds.includes(o.kind)).length) / outcomes.length).toFixed(0)
console.log(`\n  mélange : lectures ${share(['accueil', 'liste', 'ressource', 'groupe', 'agenda'])} %, recherche ${share(['recherche', 'api recherche'])} %, écritures ${share(['réaction', 'commentaire'])} %   (cible 70 / 20 / 10)`)
console.log(`  requêtes envoyées                                  ${String(outcomes.length).padStart(8)}   (cible ${total})`)
console.log(`  réponses hors 2xx/3xx                              ${String(failed.length).padStart(8)}   (cible 0)`)
console.log(`  débit atteint                                      ${(outcomes.length / elapsed).toFixed(1).padStart(8)} req/s   (cible ${RATE}; départs en ${((lastStart - t0) / 1000).toFixed(1)} s, retard max d’un départ ${maxLag.toFixed(0)} ms)`)
console.log(`  mémoire résidente max du serveur (${PROCESSES > 1 ? `${PROCESSES} processus et le principal` : '1 processus'}) ${(peakRss / 2 ** 20).toFixed(0).padStart(6)} Mo`)
const byCause = new Map<string, number>()
for (const o of failed) {
  const cause = `${o.kind} ${o.error ?? o.status}`
  byCause.set(cause, (byCause.get(cause) ?? 0) + 1)
}
for (const [cause, count] of byCause) console.log(`    ${count} × ${cause} (${failed.find((o) => `${o.kind} ${o.error ?? o.status}` === cause)?.url})`)
process.exit(0)
