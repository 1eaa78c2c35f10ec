import type SQLite from 'better-sqlite3'
import { getSqlite } from '#db/client.server.ts'

// Sliding-window limiter kept in the database (`rate_limit_hits`), so every process behind the port (server.ts,
// WEB_CONCURRENCY) counts the same hits: with one counter per process, N processes would allow N times the limit.
// better-sqlite3 is synchronous: one short immediate transaction per counted request (authentication forms only).

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number; remaining: number }

type Statements = {
  forget: SQLite.Statement<[string, number]>
  window: SQLite.Statement<[string], { hits: number; oldest: number | null }>
  add: SQLite.Statement<[string, number]>
  forgetAll: SQLite.Statement<[number]>
  clear: SQLite.Statement<[]>
  hit: (key: string, limit: number, windowMs: number, now: number) => RateLimitResult
}

const prepared = new WeakMap<SQLite.Database, Statements>()
/** Hits older than this are erased for every key from time to time (windows are a minute long). */
const KEEP_MS = 60 * 60 * 1000
let sinceSweep = 0

function statements(): Statements {
  const sqlite = getSqlite()
  let found = prepared.get(sqlite)
  if (!found) {
    const forget = sqlite.prepare<[string, number]>('delete from rate_limit_hits where key = ? and at <= ?')
    const window = sqlite.prepare<[string], { hits: number; oldest: number | null }>(
      'select count(*) as hits, min(at) as oldest from rate_limit_hits where key = ?',
    )
    const add = sqlite.prepare<[string, number]>('insert into rate_limit_hits (key, at) values (?, ?)')
    const hit = sqlite.transaction((key: string, limit: number, windowMs: number, now: number): RateLimitResult => {
      forget.run(key, now - windowMs)
      const { hits, oldest } = window.get(key) ?? { hits: 0, oldest: null }
      if (hits >= limit) {
        return { allowed: false, retryAfterSeconds: Math.ceil(((oldest ?? now) + windowMs - now) / 1000), remaining: 0 }
      }
      add.run(key, now)
      return { allowed: true, retryAfterSeconds: 0, remaining: limit - hits - 1 }
    })
    found = {
      forget,
      window,
      add,
      forgetAll: sqlite.prepare<[number]>('delete from rate_limit_hits where at < ?'),
      clear: sqlite.prepare<[]>('delete from rate_limit_hits'),
      hit: (key, limit, windowMs, now) => hit.immediate(key, limit, windowMs, now),
    }
    prepared.set(sqlite, found)
  }
  return found
}

export function hitRateLimit(key: string, limit: number, windowMs: number, now = Date.now()): RateLimitResult {
  const s = statements()
  if (++sinceSweep >= 500) {
    sinceSweep = 0
    s.forgetAll.run(now - Math.max(KEEP_MS, windowMs))
  }
  return s.hit(key, limit, windowMs, now)
}

export function resetRateLimits() {
  statements().clear.run()
}

/**
 * Throws a 429 (rendered as the French "Trop de tentatives" page by the error boundary) when this IP has posted more
 * than the allowed number of times this minute to the authentication forms.
 */
export function enforceAuthRateLimit(clientIp: string, limitPerMinute: number) {
  const result = hitRateLimit(`auth:${clientIp}`, limitPerMinute, 60_000)
  if (!result.allowed) {
    throw new Response('Trop de tentatives', {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'Retry-After': String(result.retryAfterSeconds) },
    })
  }
}
