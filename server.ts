import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { loadDotEnv } from './scripts/load-env.ts'

loadDotEnv()

// Configuration and bootstrap (migrations, reference and demo data) run from the sources, before the application is
// loaded, and close what they opened. Everything that serves requests or runs in the background comes from ONE copy
// of the application — the Remix build (production) or Vite's module graph (development) — through the exports of
// app/entry.server.tsx. Importing app/ modules here as well would create a second instance of every in-process
// singleton (search statistics, the indexer's after-commit wake-up, the database client…).
const { getEnv, EnvError } = await import('./app/utils/env.server.ts')
let env: ReturnType<typeof getEnv>
try {
  env = getEnv()
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}

const { bootstrap } = await import('./scripts/bootstrap.ts')
await bootstrap(env, console.log)

const root = path.dirname(fileURLToPath(import.meta.url))
const viteDevServer =
  env.nodeEnv === 'development'
    ? await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))
    : undefined

const loadBuild = async (): Promise<ServerBuild> =>
  viteDevServer
    ? ((await viteDevServer.ssrLoadModule('virtual:remix/server-build')) as ServerBuild)
    : ((await import(path.join(root, 'build/server/index.js'))) as ServerBuild)
const initialBuild = await loadBuild()
const entry = initialBuild.entry.module as unknown as typeof import('./app/entry.server.tsx')

const app = entry.createExpressApp({
  env,
  // Development: Vite's graph, reloaded on change; production: the build loaded above.
  build: viteDevServer ? loadBuild : initialBuild,
  viteMiddlewares: viteDevServer?.middlewares,
  staticFolders: [
    ...(viteDevServer
      ? []
      : [
          { path: path.join(root, 'build/client/assets'), mount: '/assets', immutable: true },
          { path: path.join(root, 'build/client') },
        ]),
    { path: path.join(root, 'public') },
  ],
})

const server = app.listen(env.port, () => {
  console.log(`Essaim écoute sur ${env.publicUrl.origin} (port ${env.port}, ${env.nodeEnv})`)
  const mailLine = entry.emailDeliveryLine(env)
  if (env.emailDelivery === 'disabled') console.warn(mailLine)
  else console.log(mailLine)
})
const stopWorkers = entry.startBackgroundWorkers()

function shutdown(signal: string) {
  console.log(`${signal} reçu : arrêt propre…`)
  const stopped = stopWorkers()
  server.close(() => void stopped.finally(() => process.exit(0)))
  setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGINT', () => shutdown('SIGINT'))
process.on('SIGTERM', () => shutdown('SIGTERM'))

if (!fs.existsSync(env.dataDir)) fs.mkdirSync(env.dataDir, { recursive: true })
