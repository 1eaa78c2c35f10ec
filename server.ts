import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { loadDotEnv } from './scripts/load-env.ts'

loadDotEnv()

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
const { securityHeaders, rejectCrossSiteWrites } = await import('./app/utils/http-security.server.ts')
const { startBackgroundWorkers } = await import('./app/utils/workers.server.ts')

await bootstrap(env, console.log)

const root = path.dirname(fileURLToPath(import.meta.url))
const isDev = env.nodeEnv === 'development'

const viteDevServer = isDev
  ? await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))
  : undefined

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', process.env.TRUST_PROXY === 'true' ? 1 : false)
app.use(compression())

// A fresh nonce for every response; the CSP allows only scripts carrying it.
app.use((_req, res, next) => {
  res.locals.nonce = randomBytes(16).toString('base64')
  next()
})
app.use(securityHeaders({ isDev, isProduction: env.isProduction, https: env.publicUrl.protocol === 'https:' }))
app.use(rejectCrossSiteWrites(env.publicUrl))

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h', index: false }))
}
app.use(express.static(path.join(root, 'public'), { maxAge: '1h', index: false }))

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  : ((await import(path.join(root, 'build/server/index.js'))) as ServerBuild)

app.all(
  '*',
  createRequestHandler({
    build,
    mode: env.nodeEnv === 'test' ? 'production' : env.nodeEnv,
    getLoadContext: (req, res) => ({
      nonce: res.locals.nonce as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    }),
  }),
)

const server = app.listen(env.port, () => {
  console.log(`Essaim écoute sur ${env.publicUrl.origin} (port ${env.port}, ${env.nodeEnv})`)
})
const stopWorkers = startBackgroundWorkers()

function shutdown(signal: string) {
  console.log(`${signal} reçu : arrêt propre…`)
  const stopped = stopWorkers()
  server.close(() => void stopped.finally(() => process.exit(0)))
  setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGINT', () => shutdown('SIGINT'))
process.on('SIGTERM', () => shutdown('SIGTERM'))

if (!fs.existsSync(env.dataDir)) fs.mkdirSync(env.dataDir, { recursive: true })
