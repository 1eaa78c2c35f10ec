// `npm start`: build when the build is missing or stale, then serve (server.ts migrates and seeds at start).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { STAMP_FILE, computeSourceHash } from './source-hash.ts'
import { loadDotEnv } from './load-env.ts'

loadDotEnv()
const hash = computeSourceHash()
const built = fs.existsSync('build/server/index.js') && fs.existsSync(STAMP_FILE)
if (!built || fs.readFileSync(STAMP_FILE, 'utf8') !== hash) {
  console.log(built ? 'Les sources ont changé : nouvelle construction…' : 'Première construction de l’application…')
  const result = spawnSync('npx', ['remix', 'vite:build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (result.status !== 0) process.exit(result.status ?? 1)
  fs.writeFileSync(STAMP_FILE, hash)
}

// A local `npm start` (no PUBLIC_URL) is a trial run: demo data unless SEED_DEMO=false. These defaults are written
// into process.env before server.ts validates the whole configuration (app/utils/env.server.ts).
// A real deployment sets PUBLIC_URL and gets demo data only with SEED_DEMO=true.
process.env.NODE_ENV ??= 'production'
if (process.env.SEED_DEMO === undefined && !process.env.PUBLIC_URL) process.env.SEED_DEMO = 'true'
await import('../server.ts')
