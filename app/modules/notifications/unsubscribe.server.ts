import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { getEnv } from '#app/utils/env.server.ts'
import { siteUrl } from '#app/modules/email/templates.server.ts'
import { isNotificationKind } from './kinds.ts'
import type { UnsubscribeScope } from './email-settings.ts'

// Signed unsubscribe links (issue 17 §5, RFC 8058). The token is the only credential of /desabonnement/:token: it
// names the person and what to stop (one kind, one digest, or all), carries an expiry, and is signed with HMAC-SHA256
// under UNSUBSCRIBE_SECRET. Nothing is stored: a token is valid while its signature holds and its date has not passed.
// Form: base64url(JSON {u, s, e}) "." base64url(HMAC of the first part).

/** A link in an email works for a year. */
export const UNSUBSCRIBE_TOKEN_DAYS = 365

export type UnsubscribeClaim = { userId: string; scope: UnsubscribeScope; expiresAt: Date }

let fileSecret: string | undefined

/** The key: UNSUBSCRIBE_SECRET, or (production without it) a random key created once in DATA_DIR. */
function secret(): string {
  const env = getEnv()
  if (env.unsubscribeSecret) return env.unsubscribeSecret
  if (fileSecret) return fileSecret
  const file = path.join(env.dataDir, 'cle-desabonnement')
  try {
    fileSecret = fs.readFileSync(file, 'utf8').trim()
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
    fileSecret = fs.readFileSync(file, 'utf8').trim()
  }
  return fileSecret
}

function sign(payload: string): Buffer {
  return createHmac('sha256', secret()).update(payload).digest()
}

function isScope(value: unknown): value is UnsubscribeScope {
  return value === 'all' || value === 'daily' || value === 'weekly' || isNotificationKind(value)
}

export function createUnsubscribeToken(userId: string, scope: UnsubscribeScope, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_TOKEN_DAYS * 86_400
  const payload = Buffer.from(JSON.stringify({ u: userId, s: scope, e: expires })).toString('base64url')
  return `${payload}.${sign(payload).toString('base64url')}`
}

/** The claim of a token whose signature holds and which has not expired; null otherwise (never throws). */
export function verifyUnsubscribeToken(token: string, now = new Date()): UnsubscribeClaim | null {
  if (token.length > 500) return null
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return null
  const given = Buffer.from(signature, 'base64url')
  const expected = sign(payload)
  // Compared in constant time, on equal lengths (timingSafeEqual throws otherwise).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  let claim: unknown
  try {
    claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!claim || typeof claim !== 'object') return null
  const { u: userId, s: scope, e: expires } = claim as Record<string, unknown>
  if (typeof userId !== 'string' || !isScope(scope) || typeof expires !== 'number') return null
  if (expires * 1000 <= now.getTime()) return null
  return { userId, scope, expiresAt: new Date(expires * 1000) }
}

/** The page of a token (a GET shows a button; the POST, one-click or the button, applies). */
export function unsubscribeUrl(userId: string, scope: UnsubscribeScope, now = new Date()): string {
  return siteUrl(`/desabonnement/${createUnsubscribeToken(userId, scope, now)}`)
}

/**
 * The RFC 2369 / RFC 8058 headers of an email to `userId`: List-Unsubscribe (the https one-click URL), its POST
 * marker, and a List-Id per kind of mail (one list per kind, as WoltLab suggests), under PUBLIC_URL's host.
 */
export function listHeaders(userId: string, scope: UnsubscribeScope, now = new Date()): Record<string, string> {
  const host = getEnv().publicUrl.hostname
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(userId, scope, now)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `Essaim ${scope} <${scope.replace(/_/g, '-')}.notifications.${host}>`,
  }
}
