import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
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
  app.use(rejectMalformedPaths())
  app.use(rejectCrossSiteWrites(env.publicUrl, { trustProxy: env.trustProxy }))
  if (options.viteMiddlewares) app.use(options.viteMiddlewares)
  for (const folder of options.staticFolders ?? []) {
    const serve = express.static(folder.path, folder.immutable ? { immutable: true, maxAge: '1y' } : { maxAge: '1h', index: false })
    if (folder.mount) app.use(folder.mount, serve)
    else if (isDev) app.use(serve)
    else app.use(onlyListedFiles(folder.path, serve))
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

/**
 * A folder mounted at the root is asked about every request, pages included: `serve-static` calls `stat` before
 * handing a page to Remix. Outside development the folders do not change while the server runs, so their files are
 * listed once and only those paths reach `serve-static` (the benchmark's profile showed the stats on every page).
 */
export function onlyListedFiles(folder: string, serve: RequestHandler): RequestHandler {
  const files = new Set<string>()
  if (fs.existsSync(folder)) {
    for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const relative = path.relative(folder, path.join(entry.parentPath ?? entry.path, entry.name))
      files.add(`/${relative.split(path.sep).join('/')}`)
    }
  }
  return (req, res, next) => {
    if (files.has(decodeURIComponent(req.path))) return serve(req, res, next)
    next()
  }
}

/** An address whose percent-encoding is broken (`/%E0%A4%A`) names no page: a 400 in French, before anything decodes it. */
export function rejectMalformedPaths(): RequestHandler {
  return (req, res, next) => {
    try {
      decodeURIComponent(req.path)
    } catch {
      res.status(400).type('text/plain; charset=utf-8').send('Adresse invalide : elle contient un encodage (%) incorrect.')
      return
    }
    next()
  }
}
