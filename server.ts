import cluster from 'node:cluster'
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

// Several processes behind one port (production; WEB_CONCURRENCY, default one per core): the primary process
// migrates and seeds once, then forks the processes that serve; it serves nothing itself. Exactly one of them runs
// the shared background jobs (outboxes on an interval, clean-ups, scheduled jobs); the primary replaces a process
// that dies, with the same role. One process (development, WEB_CONCURRENCY=1): everything here, as before.
const processes = env.webConcurrency
if (cluster.isPrimary) {
  const { bootstrap } = await import('./scripts/bootstrap.ts')
  const { startWhenStorageAllows } = await import('./scripts/storage-wait.ts')
  // A full or read-only DATA_DIR: a French 503 page on the port and a retry, not a crash (nor a restart loop).
  await startWhenStorageAllows(() => bootstrap(env, console.log), { port: env.port, dataDir: env.dataDir })
  if (processes > 1) {
    superviseProcesses(processes)
  } else {
    await serve({ background: true, log: true })
  }
} else {
  await serve({ background: process.env.ESSAIM_BACKGROUND === '1', log: false })
}

function superviseProcesses(count: number) {
  let stopping = false
  const roles = new Map<number, boolean>()
  const deaths: number[] = []
  const fork = (background: boolean) => {
    const worker = cluster.fork({ ESSAIM_BACKGROUND: background ? '1' : '0' })
    roles.set(worker.id, background)
  }
  // The processes run this file (not `npm start`'s build check), with the same Node options (tsx's loader).
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) })
  let listening = 0
  cluster.on('listening', () => {
    if (++listening === count) {
      console.log(`Essaim écoute sur ${env.publicUrl.origin} (port ${env.port}, ${env.nodeEnv}, ${count} processus)`)
    }
  })
  cluster.on('exit', (worker, code, signal) => {
    const background = roles.get(worker.id) ?? false
    roles.delete(worker.id)
    if (stopping) {
      if (roles.size === 0) process.exit(0)
      return
    }
    // A process that keeps dying (a broken build, a full disk) must not be restarted in a tight loop.
    const now = Date.now()
    deaths.push(now)
    while (deaths.length > 0 && deaths[0] < now - 60_000) deaths.shift()
    if (deaths.length > 10) {
      console.error('Les processus s’arrêtent sans cesse : arrêt du serveur. Voir les messages ci-dessus.')
      process.exit(1)
    }
    console.error(`Processus ${worker.process.pid} arrêté (${signal ?? `code ${code}`}) : relancé.`)
    setTimeout(() => fork(background), 500)
  })
  for (let i = 0; i < count; i++) fork(i === 0)
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal} reçu : arrêt propre…`)
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    setTimeout(() => process.exit(0), 6000).unref()
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

async function serve(options: { background: boolean; log: boolean }) {
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

  if (!fs.existsSync(env.dataDir)) fs.mkdirSync(env.dataDir, { recursive: true })
  const server = app.listen(env.port, () => {
    if (options.log) console.log(`Essaim écoute sur ${env.publicUrl.origin} (port ${env.port}, ${env.nodeEnv})`)
    if (options.background) {
      const mailLine = entry.emailDeliveryLine(env)
      if (env.emailDelivery === 'disabled') console.warn(mailLine)
      else console.log(mailLine)
    }
  })
  const stopWorkers = entry.startBackgroundWorkers({ background: options.background })

  let stopping = false
  function shutdown(signal: string) {
    if (stopping) return
    stopping = true
    if (options.log) console.log(`${signal} reçu : arrêt propre…`)
    const stopped = stopWorkers()
    server.close(() => void stopped.finally(() => process.exit(0)))
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}
