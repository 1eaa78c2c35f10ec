import { createHash } from 'node:crypto'
import { type Executor, db } from '#db/client.server.ts'

// Per-account throttling of password guesses.
//
// 1. Every wrong password for an existing account is written to `failed_logins` (at most
//    MAX_FAILED_LOGINS_PER_HOUR rows an hour per account: beyond that nothing more is written).
// 2. Once an account has 5 failures within the hour (more than FREE_FAILURES), each attempt on it waits before being
//    answered: 2^(n − 5) seconds for n failures (1 s, 2 s, 4 s…), capped at 60 s. The delay is computed from the table, so it survives restarts
//    and is shared by every IP address.
// 3. The cap. A lock-out ("no more logins for this account for an hour") is a weapon: anybody could keep a member out
//    by typing wrong passwords for their address. So the cap never refuses the real owner. Once an account has
//    reached 100 failures in the hour, we stop *checking* passwords sent from the IP addresses that produced wrong
//    passwords for it in the hour (they get the usual "incorrect" answer, whether their guess is right or not,
//    so they cannot learn anything more). Any other address — the member at home or at work — is still checked
//    and logs in with the right password (after the capped delay). The tainted addresses are kept in memory, like
//    the per-IP rate limiter: a restart forgets them, which only gives each of them one more check, and the per-IP
//    limit of the auth forms (10 a minute) still applies. A member who made the 100 mistakes themselves can always
//    choose a new password through « Mot de passe oublié », which clears the counter.
// A successful login clears the account's failures.
// 4. No account enumeration: an address without an account is throttled exactly the same way, so the delays do not
//    tell whether it is registered. Its failures are kept in memory (there is no user row to refer to), keyed by the
//    SHA-256 of the normalised address, in a bounded map.

export const FAILED_LOGIN_WINDOW_MS = 60 * 60 * 1000
export const MAX_FAILED_LOGINS_PER_HOUR = 100
export const FREE_FAILURES = 4
export const MAX_LOGIN_DELAY_MS = 60_000

export type Sleep = (ms: number) => Promise<void>

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Delay before answering an attempt on an account that has `failures` recent failures. */
export function loginDelayMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0
  return Math.min(1000 * 2 ** (failures - FREE_FAILURES - 1), MAX_LOGIN_DELAY_MS)
}

/** userId → (ip → time of the last failure from that ip). */
const failingIps = new Map<string, Map<string, number>>()

function ipFailedRecently(userId: string, ip: string, nowMs: number): boolean {
  const last = failingIps.get(userId)?.get(ip)
  return last !== undefined && last > nowMs - FAILED_LOGIN_WINDOW_MS
}

function rememberFailingIp(userId: string, ip: string, nowMs: number) {
  let ips = failingIps.get(userId)
  if (!ips) {
    ips = new Map()
    failingIps.set(userId, ips)
  }
  ips.set(ip, nowMs)
  if (failingIps.size > 10_000) {
    for (const [id, entries] of failingIps) {
      for (const [address, at] of entries) if (at <= nowMs - FAILED_LOGIN_WINDOW_MS) entries.delete(address)
      if (entries.size === 0) failingIps.delete(id)
    }
  }
}

/** Tests only: forget the addresses kept in memory. */
export function resetLoginThrottleMemory() {
  failingIps.clear()
  unknownFailures.clear()
}

/** The key of a submitted address: the SHA-256 of its normalised form (the address itself is not kept). */
export function emailThrottleKey(email: string): string {
  return `email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`
}

const MAX_UNKNOWN_KEYS = 50_000
/** emailThrottleKey → times of the recent failures (at most MAX_FAILED_LOGINS_PER_HOUR). */
const unknownFailures = new Map<string, number[]>()

function recentUnknownFailures(key: string, nowMs: number): number[] {
  const times = (unknownFailures.get(key) ?? []).filter((at) => at > nowMs - FAILED_LOGIN_WINDOW_MS)
  if (times.length === 0) unknownFailures.delete(key)
  else unknownFailures.set(key, times)
  return times
}

/** Same answer as getLoginThrottle, for an address that has no account. */
export function getUnknownAddressThrottle(email: string, ip: string, now = new Date()): LoginThrottle {
  const key = emailThrottleKey(email)
  const failures = recentUnknownFailures(key, now.getTime()).length
  return {
    failures,
    delayMs: loginDelayMs(failures),
    refuseCheck: failures >= MAX_FAILED_LOGINS_PER_HOUR && ipFailedRecently(key, ip, now.getTime()),
  }
}

export function recordUnknownAddressFailure(email: string, ip: string, now = new Date()) {
  const key = emailThrottleKey(email)
  const nowMs = now.getTime()
  rememberFailingIp(key, ip, nowMs)
  const times = recentUnknownFailures(key, nowMs)
  if (times.length >= MAX_FAILED_LOGINS_PER_HOUR) return
  unknownFailures.set(key, [...times, nowMs])
  if (unknownFailures.size > MAX_UNKNOWN_KEYS) {
    for (const [k, list] of unknownFailures) if (list.every((at) => at <= nowMs - FAILED_LOGIN_WINDOW_MS)) unknownFailures.delete(k)
    // Still full: forget the oldest keys (insertion order), never the one just written.
    for (const k of unknownFailures.keys()) {
      if (unknownFailures.size <= MAX_UNKNOWN_KEYS) break
      if (k !== key) unknownFailures.delete(k)
    }
  }
}

export async function countRecentFailedLogins(userId: string, now = new Date(), trx: Executor = db): Promise<number> {
  const since = new Date(now.getTime() - FAILED_LOGIN_WINDOW_MS).toISOString()
  const row = await trx
    .selectFrom('failedLogins')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('userId', '=', userId)
    .where('attemptedAt', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export type LoginThrottle = {
  failures: number
  delayMs: number
  /** True when the password must not even be checked (cap reached and this address already failed). */
  refuseCheck: boolean
}

export async function getLoginThrottle(userId: string, ip: string, now = new Date()): Promise<LoginThrottle> {
  const failures = await countRecentFailedLogins(userId, now)
  return {
    failures,
    delayMs: loginDelayMs(failures),
    refuseCheck: failures >= MAX_FAILED_LOGINS_PER_HOUR && ipFailedRecently(userId, ip, now.getTime()),
  }
}

export async function recordFailedLogin(userId: string, ip: string, now = new Date()) {
  rememberFailingIp(userId, ip, now.getTime())
  await db.transaction().execute(async (trx) => {
    const since = new Date(now.getTime() - FAILED_LOGIN_WINDOW_MS).toISOString()
    await trx.deleteFrom('failedLogins').where('userId', '=', userId).where('attemptedAt', '<=', since).execute()
    if ((await countRecentFailedLogins(userId, now, trx)) >= MAX_FAILED_LOGINS_PER_HOUR) return
    await trx.insertInto('failedLogins').values({ userId, attemptedAt: now.toISOString() }).execute()
  })
}

export async function clearFailedLogins(userId: string, trx: Executor = db) {
  failingIps.delete(userId)
  await trx.deleteFrom('failedLogins').where('userId', '=', userId).execute()
}
