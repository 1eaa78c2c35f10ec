import { redirect } from '@remix-run/node'
import { type FlashKey, flashCookie } from './flash.server.ts'

export function notFound(): never {
  throw new Response(null, { status: 404, statusText: 'Not Found' })
}

/** What a 400 says where no error page renders it (a resource route answering a form: /abonnements). */
export const BAD_REQUEST_TEXT = 'Demande invalide : le formulaire envoyé est incomplet ou a été modifié. Revenez à la page et réessayez.'

/** A 400. Pages show the French error page; resource routes send this French sentence as the body. */
export function badRequest(): never {
  throw new Response(BAD_REQUEST_TEXT, { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** Redirect with a one-shot message, plus any other Set-Cookie the caller needs (a session cookie, say). */
export function redirectWithFlash(to: string, key: FlashKey, extraCookies: string[] = []) {
  const headers = new Headers()
  headers.append('Set-Cookie', flashCookie(key))
  for (const cookie of extraCookies) headers.append('Set-Cookie', cookie)
  return redirect(to, { headers })
}

/**
 * A `redirectTo` taken from a query string or form is followed only if it is a local path: it starts with a single
 * `/`, not `//` or `/\` (protocol-relative), and has no scheme or control characters. The check is made again on
 * the normalised result: dot segments (`/.//evil.test/`, `/%2e%2e//evil.test/`, `/a/..//evil.test/`) normalise to
 * `//evil.test/`, which a browser reads as another site.
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback
  try {
    const url = new URL(value, 'http://essaim.invalid')
    if (url.origin !== 'http://essaim.invalid') return fallback
    const path = url.pathname + url.search + url.hash
    if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback
    return path
  } catch {
    return fallback
  }
}

/**
 * The loader of a resource route that only receives POSTs (uploads, autosaves): reading its address gets a 405 in
 * French. Without a loader, Remix answers a GET with a 400 « Unexpected Server Error » and logs an error.
 */
export function postOnlyLoader(): Response {
  return Response.json(
    { ok: false, error: 'Cette adresse reçoit des formulaires envoyés par Essaim : elle ne se consulte pas.' },
    { status: 405, headers: { Allow: 'POST', 'Cache-Control': 'no-store' } },
  )
}
