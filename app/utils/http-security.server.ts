import type { NextFunction, Request, Response } from 'express'

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

/**
 * Cross-site request forgery defence (Lucia's guide): a state-changing request must come from our own origin.
 * Browsers send `Origin` (and `Sec-Fetch-Site`) with every POST; a request carrying neither is not a browser
 * form submission and cannot ride on a victim's cookies.
 */
export function isCrossSiteWrite(
  method: string,
  headers: { origin?: string; secFetchSite?: string; host?: string },
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
    // The request's own host is also accepted (e.g. http://127.0.0.1:3000 when PUBLIC_URL says localhost).
    if (headers.host && origin.host === headers.host) return false
    return true
  }
  return false
}

export function rejectCrossSiteWrites(publicUrl: URL) {
  return (req: Request, res: Response, next: NextFunction) => {
    const crossSite = isCrossSiteWrite(
      req.method,
      {
        origin: req.get('origin'),
        secFetchSite: req.get('sec-fetch-site'),
        host: req.get('host'),
      },
      publicUrl,
    )
    if (!crossSite) return next()
    res
      .status(403)
      .type('html')
      .send(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Requête refusée — Essaim</title></head>' +
          '<body><main><h1>Requête refusée</h1><p>Ce formulaire a été envoyé depuis un autre site. ' +
          'Pour votre sécurité, Essaim ne l’a pas pris en compte. Revenez sur <a href="/">Essaim</a> et réessayez.</p>' +
          '</main></body></html>',
      )
  }
}
