import { redirect } from '@remix-run/node'
import { type Executor, db } from '#db/client.server.ts'
import type { Session, User } from '#db/schema.ts'
import { newId } from '#app/utils/ids.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { generateSecretToken, hashToken, hashesEqual } from './tokens.server.ts'

export const SESSION_ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
export const SESSION_INACTIVITY_MS = 7 * 24 * 60 * 60 * 1000
/** `last_seen_at` is written at most this often, so reading pages does not write to the database each time. */
export const SESSION_RENEW_INTERVAL_MS = 60 * 60 * 1000

export function sessionCookieName() {
  return getEnv().secureCookies ? '__Host-essaim_session' : 'essaim_session'
}

export function serializeSessionCookie(token: string, expiresAt: Date): string {
  const secure = getEnv().secureCookies ? '; Secure' : ''
  return `${sessionCookieName()}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`
}

export function clearSessionCookie(): string {
  const secure = getEnv().secureCookies ? '; Secure' : ''
  return `${sessionCookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get('cookie')
  if (!header) return null
  const name = sessionCookieName()
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) {
      const value = rest.join('=')
      return /^[a-z2-7]{52}$/.test(value) ? value : null
    }
  }
  return null
}

/** Short, human description of the device for the session list ("Firefox sur Linux"). */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Appareil inconnu'
  const browser =
    /Edg\//.test(userAgent)
      ? 'Edge'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\/|Chromium\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : 'Navigateur'
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : 'système inconnu'
  return `${browser} sur ${os}`
}

export async function createSession(
  userId: string,
  options: { userAgent?: string | null; now?: Date; trx?: Executor } = {},
): Promise<{ token: string; session: Session; cookie: string }> {
  const now = options.now ?? new Date()
  const token = generateSecretToken()
  const session: Session = {
    id: newId(now.getTime()),
    tokenHash: hashToken(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_LIFETIME_MS).toISOString(),
    lastSeenAt: now.toISOString(),
    userAgent: describeUserAgent(options.userAgent ?? null),
  }
  await (options.trx ?? db).insertInto('sessions').values(session).execute()
  return { token, session, cookie: serializeSessionCookie(token, sessionCookieExpiry(session)) }
}

/** The cookie lives until the earlier of the absolute end and the inactivity end. */
function sessionCookieExpiry(session: Session): Date {
  const inactivityEnd = new Date(session.lastSeenAt).getTime() + SESSION_INACTIVITY_MS
  return new Date(Math.min(inactivityEnd, new Date(session.expiresAt).getTime()))
}

export type SessionValidation =
  | { session: Session; user: User; renewedCookie: string | null }
  | { session: null; user: null; renewedCookie: null }

/**
 * Looks a token up by its hash, checks both expiries and slides the inactivity window (at most once an hour).
 * Expired sessions are deleted on sight.
 */
export async function validateSessionToken(token: string, now = new Date()): Promise<SessionValidation> {
  const tokenHash = hashToken(token)
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .selectAll('sessions')
    .select([
      'users.id as uId',
      'users.email',
      'users.name',
      'users.passwordHash',
      'users.role',
      'users.emailVerifiedAt',
      'users.charterAcceptedAt',
      'users.territoryId',
      'users.createdAt as uCreatedAt',
      'users.updatedAt as uUpdatedAt',
    ])
    .where('sessions.tokenHash', '=', tokenHash)
    .executeTakeFirst()
  const none = { session: null, user: null, renewedCookie: null } as const
  if (!row || !hashesEqual(row.tokenHash, tokenHash)) return none
  const nowMs = now.getTime()
  const lastSeen = new Date(row.lastSeenAt).getTime()
  if (nowMs >= new Date(row.expiresAt).getTime() || nowMs >= lastSeen + SESSION_INACTIVITY_MS) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute()
    return none
  }
  const session: Session = {
    id: row.id,
    tokenHash: row.tokenHash,
    userId: row.userId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastSeenAt: row.lastSeenAt,
    userAgent: row.userAgent,
  }
  const user: User = {
    id: row.uId,
    email: row.email,
    name: row.name,
    passwordHash: row.passwordHash,
    role: row.role,
    emailVerifiedAt: row.emailVerifiedAt,
    charterAcceptedAt: row.charterAcceptedAt,
    territoryId: row.territoryId,
    createdAt: row.uCreatedAt,
    updatedAt: row.uUpdatedAt,
  }
  let renewedCookie: string | null = null
  if (nowMs - lastSeen >= SESSION_RENEW_INTERVAL_MS) {
    session.lastSeenAt = now.toISOString()
    await db.updateTable('sessions').set({ lastSeenAt: session.lastSeenAt }).where('id', '=', session.id).execute()
    renewedCookie = serializeSessionCookie(token, sessionCookieExpiry(session))
  }
  return { session, user, renewedCookie }
}

/** Per-request memo so root and route loaders share one lookup. */
const requestCache = new WeakMap<Request, Promise<SessionValidation>>()

export function getSessionFromRequest(request: Request): Promise<SessionValidation> {
  let cached = requestCache.get(request)
  if (!cached) {
    const token = readSessionToken(request)
    cached = token
      ? validateSessionToken(token)
      : Promise.resolve({ session: null, user: null, renewedCookie: null } as const)
    requestCache.set(request, cached)
  }
  return cached
}

export async function getOptionalUser(request: Request): Promise<User | null> {
  return (await getSessionFromRequest(request)).user
}

/** Redirects to the log-in page (then back here) when nobody is logged in. */
export async function requireUser(request: Request): Promise<User> {
  const user = await getOptionalUser(request)
  if (user) return user
  const url = new URL(request.url)
  const redirectTo = `${url.pathname}${url.search}`
  throw redirect(`/connexion?redirectTo=${encodeURIComponent(redirectTo)}`)
}

export async function requireAdmin(request: Request): Promise<User> {
  const user = await requireUser(request)
  if (user.role !== 'admin') throw new Response(null, { status: 403, statusText: 'Forbidden' })
  return user
}

export async function invalidateSession(sessionId: string, trx: Executor = db) {
  await trx.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

export async function invalidateUserSessions(userId: string, options: { except?: string; trx?: Executor } = {}) {
  let query = (options.trx ?? db).deleteFrom('sessions').where('userId', '=', userId)
  if (options.except) query = query.where('id', '!=', options.except)
  await query.execute()
}

export async function listUserSessions(userId: string, now = new Date()) {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'userAgent'])
    .where('userId', '=', userId)
    .orderBy('lastSeenAt', 'desc')
    .execute()
  const nowMs = now.getTime()
  return rows.filter(
    (s) =>
      new Date(s.expiresAt).getTime() > nowMs && new Date(s.lastSeenAt).getTime() + SESSION_INACTIVITY_MS > nowMs,
  )
}

/** Removes expired sessions (called by the background worker). */
export async function deleteExpiredSessions(now = new Date()) {
  const inactiveBefore = new Date(now.getTime() - SESSION_INACTIVITY_MS).toISOString()
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<=', now.toISOString()), eb('lastSeenAt', '<=', inactiveBefore)]))
    .execute()
}
