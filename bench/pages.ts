// npm run bench:pages — requests per second of the main pages, against the production build, in one run:
//   - a node:http « hello » (the ceiling of this machine),
//   - a bare Remix 2 app's empty route (bench/bare-remix, built in this run: what the framework costs),
//   - the app's empty route /banc-d-essai (an empty page inside Essaim's root; present only because this benchmark
//     starts the server with BENCH_EMPTY_ROUTE=true),
//   - the main pages, anonymous and logged in, each ÷ the app's empty route,
//   - the empty route and a resource page with 1 and 2 processes behind the port (WEB_CONCURRENCY).
// Prints ratios beside their targets; asserts nothing (benchmarks are measurements, not tests).
//
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=8 npm run bench:pages
//
// Needs the production build (`npm run build`).

import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { requireBuild, root, scratchDir, start } from './lib.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
requireBuild()
const dir = scratchDir('essaim-bench-pages-')

type Result = { name: string; rps: number; p50: number; p99: number; errors: number }

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  // Warm-up (JIT, caches), then the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers })
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers })
  const errors = r.errors + r.timeouts + r.non2xx
  const result = { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors }
  console.log(`  ${name.padEnd(42)} ${result.rps.toFixed(0).padStart(7)} req/s   p50 ${result.p50} ms   p99 ${result.p99} ms${errors ? `   ${errors} erreurs` : ''}`)
  return result
}

console.log(`Banc d’essai des pages : ${CONNECTIONS} connexions, ${SECONDS} s par mesure, ${os.availableParallelism()} cœurs, Node ${process.version}\n`)

// 1. node:http hello, in its own process (the bench process runs autocannon).
const helloPort = 3901
const hello = start(
  process.execPath,
  ['-e', `require('node:http').createServer((q, s) => s.end('hello')).listen(${helloPort})`],
  {},
  `http://localhost:${helloPort}/`,
)
await hello.ready
const helloResult = await measure('node:http hello', `http://localhost:${helloPort}/`)
await hello.stop()

// 2. The bare Remix app, built now.
// Inside the project, so its imports resolve to node_modules (ignored by git, like every build/).
const bareBuild = path.join(root, 'bench/bare-remix/build')
const built = spawnSync('npx', ['remix', 'vite:build', '--config', 'bench/bare-remix/vite.config.ts'], {
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production', BARE_REMIX_BUILD_DIR: bareBuild },
  encoding: 'utf8',
})
if (built.status !== 0) throw new Error(`La construction de l’application Remix nue a échoué :\n${built.stdout}\n${built.stderr}`)
const barePort = 3902
const bare = start('npx', ['tsx', 'bench/bare-remix/serve.ts'], { NODE_ENV: 'production', PORT: String(barePort), BARE_REMIX_BUILD_DIR: bareBuild }, `http://localhost:${barePort}/`)
await bare.ready
const bareResult = await measure('Remix 2 nu, route vide', `http://localhost:${barePort}/`)
await bare.stop()

// 3. Essaim: demo data, one process, then two.
const appPort = 3903
const origin = `http://localhost:${appPort}`
const appEnv = (processes: number): Record<string, string> => ({
  NODE_ENV: 'production',
  PORT: String(appPort),
  PUBLIC_URL: '',
  SMTP_URL: '',
  MEILISEARCH_URL: '',
  DATA_DIR: path.join(dir, 'data'),
  SEED_DEMO: 'true',
  BENCH_EMPTY_ROUTE: 'true',
  WEB_CONCURRENCY: String(processes),
})
let app = start('npx', ['tsx', 'server.ts'], appEnv(1), `${origin}/banc-d-essai`)
await app.ready

// A logged-in member of the demo data, a published public resource, a territory group.
process.env.DATA_DIR = path.join(dir, 'data')
process.env.NODE_ENV = 'production'
process.env.PUBLIC_URL = origin
const { db, closeDb } = await import('../db/client.server.ts')
const { createSession } = await import('../app/modules/auth/session.server.ts')
const member = await db.selectFrom('users').select('id').where('role', '=', 'member').where('emailVerifiedAt', 'is not', null).orderBy('createdAt').executeTakeFirstOrThrow()
const cookie = (await createSession(member.id)).cookie.split(';')[0]
const resource = await db
  .selectFrom('resources')
  .select('slug')
  .where('status', '=', 'published')
  .where('visibility', '=', 'public')
  .where('deletedAt', 'is', null)
  .orderBy('publishedAt', 'desc')
  .executeTakeFirstOrThrow()
const group = await db.selectFrom('groups').select(['slug', 'kind']).where('kind', '=', 'territory').orderBy('slug').executeTakeFirstOrThrow()
await closeDb()
const groupPath = `/territoires/${group.slug}`

const pages: [string, string][] = [
  ['accueil /', '/'],
  ['liste /ressources', '/ressources'],
  ['une ressource', `/ressources/${resource.slug}`],
  ['recherche /recherche?q=emploi', '/recherche?q=emploi'],
  ['une page de groupe', groupPath],
  ['agenda /agenda', '/agenda'],
]

console.log('\nEssaim, 1 processus')
const empty = await measure('route vide de l’application', `${origin}/banc-d-essai`)
await measure('/healthz', `${origin}/healthz`)
const anonymous: Result[] = []
for (const [name, pathname] of pages) anonymous.push(await measure(`${name} (anonyme)`, `${origin}${pathname}`))
const logged: Result[] = []
for (const [name, pathname] of pages) logged.push(await measure(`${name} (connecté)`, `${origin}${pathname}`, { cookie }))
await app.stop()

console.log('\nEssaim, 2 processus')
app = start('npx', ['tsx', 'server.ts'], appEnv(2), `${origin}/banc-d-essai`)
await app.ready
// Every process answers before measuring (the primary reports readiness when the first one listens).
await new Promise((resolve) => setTimeout(resolve, 3000))
const empty2 = await measure('route vide de l’application', `${origin}/banc-d-essai`)
const resource2 = await measure('une ressource (anonyme)', `${origin}/ressources/${resource.slug}`)
await app.stop()

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0)
const line = (label: string, value: number, target?: string) =>
  console.log(`  ${label.padEnd(52)} ${value.toFixed(value < 0.1 ? 4 : 2).padStart(6)}${target ? `   (cible ${target})` : ''}`)
console.log('\nRapports (mesurés dans ce passage)')
line('route vide ÷ node:http hello', ratio(empty.rps, helloResult.rps))
line('route vide de l’application ÷ Remix 2 nu', ratio(empty.rps, bareResult.rps), '≥ 0,7')
for (const [i, [name]] of pages.entries()) {
  line(`${name} (anonyme) ÷ route vide`, ratio(anonymous[i].rps, empty.rps), name === 'une ressource' ? '≥ 0,7' : undefined)
  line(`${name} (connecté) ÷ route vide`, ratio(logged[i].rps, empty.rps))
}
line('route vide, 2 processus ÷ 1 processus', ratio(empty2.rps, empty.rps), '≥ 1,7')
line('une ressource, 2 processus ÷ 1 processus', ratio(resource2.rps, anonymous[2].rps), '≥ 1,7')
const errors = [helloResult, bareResult, empty, ...anonymous, ...logged, empty2, resource2].reduce((n, r) => n + r.errors, 0)
console.log(`\nRéponses en erreur (hors 2xx) : ${errors}`)
process.exit(0)
