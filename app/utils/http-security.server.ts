import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import { createRequestHandler as createRemixRequestHandler } from '@remix-run/node'
// The adapter's own request/response conversion (its index exports only createRequestHandler).
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js'
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express'
import { STORAGE_UNAVAILABLE, isStorageUnavailable, simpleErrorPage } from './error-page.ts'

export { STORAGE_UNAVAILABLE, isStorageUnavailable, simpleErrorPage }

/** The Content-Security-Policy of one response: scripts only by this response's nonce. */
export function contentSecurityPolicy(nonce: string, options: { isDev: boolean }): string {
  const directives = [
    "default-src 'self'",
    options.isDev ? `script-src 'self' 'nonce-${nonce}' 'unsafe-inline'` : `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    options.isDev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    options.isDev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ]
  return directives.join('; ')
}

const REPLACED_BY_ROUTE = new Set(['content-security-policy', 'x-content-type-options'])

export function securityHeaders(options: { isDev: boolean; isProduction: boolean; https: boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = res.locals.nonce as string
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, options))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()',
    )
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    if (options.isProduction && options.https) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains')
    // A response that brings its own policy (an uploaded file, a logo: sandboxed) replaces the site's, instead of
    // a second header (Remix's adapter appends every header of the route's response).
    const append = res.append.bind(res)
    res.append = (field: string, value?: string | string[]) =>
      value !== undefined && REPLACED_BY_ROUTE.has(field.toLowerCase()) ? res.set(field, value) : append(field, value)
    next()
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])


export const METHOD_NOT_ALLOWED = {
  title: 'Méthode non permise',
  message: 'Cette adresse se consulte ou reçoit des formulaires, rien d’autre.',
}

/** The page, or JSON under /api/. */
function sendError(req: Request, res: Response, status: number, title: string, message: string) {
  if (res.headersSent) return
  res.status(status)
  res.setHeader('Cache-Control', 'no-store')
  if (req.path.startsWith('/api/')) {
    res.json({ ok: false, error: message })
    return
  }
  res.type('html').send(simpleErrorPage(title, message))
}

/** First value of a forwarded header (`X-Forwarded-Host: a, b` → `a`). */
function firstValue(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim()
  return first || undefined
}

/**
 * The origin (scheme, host, port) the browser used for this request. Behind a trusted proxy (TRUST_PROXY=true) it
 * comes from X-Forwarded-Proto and X-Forwarded-Host; otherwise from the connection and the Host header.
 */
export function requestOriginOf(req: Request, trustProxy: boolean): string | undefined {
  const host = (trustProxy ? firstValue(req.get('x-forwarded-host')) : undefined) ?? req.get('host')
  if (!host) return undefined
  // req.protocol follows X-Forwarded-Proto only when Express trusts the proxy.
  try {
    return new URL(`${req.protocol}://${host}`).origin
  } catch {
    return undefined
  }
}

/**
 * Cross-site request forgery defence (Lucia's guide): a state-changing request must come from our own origin.
 * Browsers send `Origin` (and `Sec-Fetch-Site`) with every POST; a request carrying neither is not a browser
 * form submission and cannot ride on a victim's cookies. The Origin is compared whole — scheme, host and port —
 * with PUBLIC_URL's origin, or with the origin the request itself was sent to (the site reached by its IP).
 */
export function isCrossSiteWrite(
  method: string,
  headers: { origin?: string; secFetchSite?: string; requestOrigin?: string },
  publicUrl: URL,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false
  if (headers.secFetchSite && !['same-origin', 'none'].includes(headers.secFetchSite)) return true
  if (headers.origin) {
    if (headers.origin === 'null') return true
    let origin: URL
    try {
      origin = new URL(headers.origin)
    } catch {
      return true
    }
    if (origin.origin === publicUrl.origin) return false
    if (headers.requestOrigin && origin.origin === headers.requestOrigin) return false
    return true
  }
  return false
}

/**
 * RFC 8058 one-click unsubscribe: the mail client (or the mail provider's server) POSTs `List-Unsubscribe=One-Click` to
 * the link of the List-Unsubscribe header, from wherever it is, without cookies. The signed token in the path is the
 * only credential and the action can only stop emails, so this one route is exempt from the Origin check (and only
 * for POST to exactly /desabonnement/<token>). Anything else keeps the check.
 */
export function isOneClickUnsubscribe(method: string, path: string): boolean {
  return method.toUpperCase() === 'POST' && /^\/desabonnement\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(path)
}

export function rejectCrossSiteWrites(publicUrl: URL, options: { trustProxy: boolean }): RequestHandler {
  return (req, res, next) => {
    if (isOneClickUnsubscribe(req.method, req.path)) {
      // Remix's own Origin check must not see it either (see below).
      delete req.headers.origin
      return next()
    }
    const crossSite = isCrossSiteWrite(
      req.method,
      {
        origin: req.get('origin'),
        secFetchSite: req.get('sec-fetch-site'),
        requestOrigin: requestOriginOf(req, options.trustProxy),
      },
      publicUrl,
    )
    if (!crossSite) {
      // Checked here, whole (scheme included): Remix's own check compares the Origin's host with Host or
      // X-Forwarded-Host only and throws (an empty 500) behind a proxy that rewrites Host. It must not see a
      // request this check has already judged.
      if (!SAFE_METHODS.has(req.method)) delete req.headers.origin
      return next()
    }
    sendError(
      req,
      res,
      403,
      'Requête refusée',
      'Ce formulaire a été envoyé depuis un autre site. Pour votre sécurité, Essaim ne l’a pas pris en compte. Revenez sur Essaim et réessayez.',
    )
  }
}

/** What the site answers to: reading (GET, HEAD) and forms (POST). */
const SUPPORTED_METHODS = new Set(['GET', 'HEAD', 'POST'])

/** TRACE, TRACK, CONNECT, PUT, DELETE, OPTIONS… → 405 with a French page, before anything else reads the request. */
export function rejectUnsupportedMethods(): RequestHandler {
  return (req, res, next) => {
    if (SUPPORTED_METHODS.has(req.method)) return next()
    // The public read-only API is open to every origin: a browser's CORS preflight (sent for `If-None-Match`) gets
    // its answer — GET only, the conditional header allowed, nothing with credentials.
    if (req.method === 'OPTIONS' && /^\/api\/v1\//.test(req.path)) {
      res.setHeader('Access-Control-Allow-Origin', '*')
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD')
      res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, Accept')
      res.setHeader('Access-Control-Max-Age', '86400')
      res.setHeader('Allow', 'GET, HEAD')
      res.status(204).end()
      return
    }
    res.setHeader('Allow', 'GET, HEAD, POST')
    sendError(req, res, 405, METHOD_NOT_ALLOWED.title, METHOD_NOT_ALLOWED.message)
  }
}

const MB = 1024 * 1024
/** Every form: the largest legitimate one is a resource with a 200 KB rich-text body and its fields. */
export const FORM_BODY_LIMIT_BYTES = 1 * MB
/** Upload forms: one file of at most 10 MB plus the form's other fields and the multipart boundaries. */
export const UPLOAD_BODY_LIMIT_BYTES = 11 * MB

const UPLOAD_PATHS = [/^\/api\/uploads$/, /^\/ressources\/[^/]+\/modifier$/, /^\/structures\/[^/]+\/modifier$/]

/** The largest request body this route accepts: uploads at their own limit, everything else as a form. */
export function bodyLimitFor(path: string, contentType: string | undefined): number {
  const route = path.replace(/\.data$/, '').replace(/\/+$/, '') || '/'
  const multipart = (contentType ?? '').toLowerCase().startsWith('multipart/form-data')
  if (multipart && UPLOAD_PATHS.some((pattern) => pattern.test(route))) return UPLOAD_BODY_LIMIT_BYTES
  return FORM_BODY_LIMIT_BYTES
}

function sendTooLarge(req: Request, res: Response, limit: number) {
  // The rest of the body is not read: Node discards it and closes the connection after this answer.
  res.setHeader('Connection', 'close')
  const size = limit >= UPLOAD_BODY_LIMIT_BYTES ? '10 Mo par fichier' : '1 Mo pour un formulaire'
  sendError(
    req,
    res,
    413,
    'Envoi trop volumineux',
    `Le contenu envoyé dépasse la taille permise (${size}). Réduisez-le puis réessayez.`,
  )
}

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError'
}

/** Requests whose body went over the cap while Remix was reading it: entry.server.tsx renders nothing for them. */
const oversizedRequests = new WeakSet<globalThis.Request>()

export function isOversizedRequest(request: globalThis.Request): boolean {
  return oversizedRequests.has(request)
}

/** Requests whose loader or action met a storage failure (entry.server.tsx's handleError marks them). */
const storageFailures = new WeakSet<globalThis.Request>()

export function markStorageFailure(request: globalThis.Request) {
  storageFailures.add(request)
}

function sendStorageUnavailable(req: Request, res: Response) {
  res.setHeader('Retry-After', '300')
  sendError(req, res, 503, STORAGE_UNAVAILABLE.title, STORAGE_UNAVAILABLE.message)
}

/**
 * The Remix request handler of the Express app (in place of @remix-run/express's, which it reuses): the request
 * body is capped per route before any loader or action reads it — by Content-Length up front, and by counting the
 * bytes as they stream (a chunked body has no Content-Length). Past the cap: 413, and the action's failed read is
 * never answered.
 */
export function remixRequestHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode: string
  getLoadContext: (req: Request, res: Response) => AppLoadContext
}): RequestHandler {
  const handleRequest = createRemixRequestHandler(options.build, options.mode)
  return async (req, res, next) => {
    try {
      const limit = bodyLimitFor(req.path, req.get('content-type'))
      const declared = Number(req.get('content-length') ?? 0)
      if (Number.isFinite(declared) && declared > limit) return sendTooLarge(req, res, limit)
      const original = createRemixRequest(req, res)
      let request = original
      if (original.body) {
        let received = 0
        const counter = new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            received += chunk.byteLength
            if (received > limit) {
              oversizedRequests.add(request)
              controller.error(new BodyTooLargeError('request body over the limit'))
            } else controller.enqueue(chunk)
          },
        })
        // preventCancel: the connection stays open for the 413 (Node then discards the rest and closes it).
        const body = original.body.pipeThrough(counter, { preventCancel: true })
        request = new Request(original, { body, duplex: 'half' } as RequestInit)
      }
      const response = await handleRequest(request, options.getLoadContext(req, res))
      if (oversizedRequests.has(request)) {
        await response.body?.cancel().catch(() => {})
        return sendTooLarge(req, res, limit)
      }
      // The page Remix rendered for it would be a 500 « erreur inattendue »: a French 503 says what happens instead.
      if (storageFailures.has(request)) {
        await response.body?.cancel().catch(() => {})
        return sendStorageUnavailable(req, res)
      }
      await sendRemixResponse(res, response)
    } catch (error) {
      next(error)
    }
  }
}

/** Last resort: an error no route turned into a page is a French 500, its details in the log only. */
export function serverErrorHandler(): ErrorRequestHandler {
  return (error, req, res, _next) => {
    console.error(error instanceof Error ? error.stack : error)
    if (res.headersSent) {
      res.end()
      return
    }
    if (isStorageUnavailable(error)) return sendStorageUnavailable(req, res)
    sendError(req, res, 500, 'Erreur du serveur', 'Une erreur inattendue est survenue. Réessayez dans un instant.')
  }
}
