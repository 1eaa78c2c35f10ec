import { randomBytes } from 'node:crypto'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type RequestHandler } from 'express'
import type { Env } from './env.server.ts'
import {
  rejectCrossSiteWrites,
  rejectUnsupportedMethods,
  remixRequestHandler,
  securityHeaders,
  serverErrorHandler,
} from './http-security.server.ts'

/**
 * The Express application of server.ts, in the order that matters: headers, then the method and origin checks,
 * static files, and Remix (request bodies capped per route). server.ts takes it from the build (see
 * app/entry.server.tsx); tests build it around a test Remix build.
 */
export function createExpressApp(options: {
  env: Env
  build: ServerBuild | (() => Promise<ServerBuild>)
  /** Development: Vite's middlewares, in place of the built client files. */
  viteMiddlewares?: RequestHandler
  /** Folders served as they are, in order (built client assets first, then public/). */
  staticFolders?: { path: string; mount?: string; immutable?: boolean }[]
}) {
  const { env } = options
  const isDev = env.nodeEnv === 'development'
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', env.trustProxy ? 1 : false)
  app.use(compression())
  // A fresh nonce for every response; the CSP allows only scripts carrying it.
  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString('base64')
    next()
  })
  app.use(securityHeaders({ isDev, isProduction: env.isProduction, https: env.publicUrl.protocol === 'https:' }))
  app.use(rejectUnsupportedMethods())
  app.use(rejectCrossSiteWrites(env.publicUrl, { trustProxy: env.trustProxy }))
  if (options.viteMiddlewares) app.use(options.viteMiddlewares)
  for (const folder of options.staticFolders ?? []) {
    const serve = express.static(folder.path, folder.immutable ? { immutable: true, maxAge: '1y' } : { maxAge: '1h', index: false })
    if (folder.mount) app.use(folder.mount, serve)
    else app.use(serve)
  }
  app.all(
    '*',
    remixRequestHandler({
      build: options.build,
      mode: env.nodeEnv === 'test' ? 'production' : env.nodeEnv,
      getLoadContext: (req, res) => ({
        nonce: res.locals.nonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      }),
    }),
  )
  app.use(serverErrorHandler())
  return app
}
