import { createHash } from 'node:crypto'
import type SQLite from 'better-sqlite3'
import { type Executor, db, getSqlite } from '#db/client.server.ts'

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
//    and logs in with the right password (after the capped delay). The tainted addresses are kept in the database
//    (`login_failure_ips`), so every process behind the port (WEB_CONCURRENCY) knows them; the per-IP limit of the
//    auth forms (10 a minute) still applies. A member who made the 100 mistakes themselves can always
//    choose a new password through « Mot de passe oublié », which clears the counter.
// A successful login clears the account's failures.
// 4. No account enumeration: an address without an account is throttled exactly the same way, so the delays do not
//    tell whether it is registered. Its failures are kept in `login_failure_ips` too (there is no user row to refer
//    to), keyed by the SHA-256 of the normalised address: shared by every process, like an account's, so the delays
//    agree whichever process answers.

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

// `login_failure_ips`: one row per failure that must be remembered outside `failed_logins` — (key, ip, at), the key
// being an account id or the emailThrottleKey of an address without account. Synchronous (better-sqlite3), so the
// checks below stay plain functions. At most MAX_FAILED_LOGINS_PER_HOUR rows per key and hour, plus one per new address.
type Statements = {
  ipFailed: SQLite.Statement<[string, string, number], 1>
  failures: SQLite.Statement<[string, number], { n: number }>
  ipRow: SQLite.Statement<[string, string], { rowid: number }>
  touch: SQLite.Statement<[number, number]>
  add: SQLite.Statement<[string, string, number]>
  forget: SQLite.Statement<[string, number]>
  forgetKey: SQLite.Statement<[string]>
  forgetAll: SQLite.Statement<[]>
}
const prepared = new WeakMap<SQLite.Database, Statements>()

function statements(): Statements {
  const sqlite = getSqlite()
  let found = prepared.get(sqlite)
  if (!found) {
    found = {
      ipFailed: sqlite.prepare('select 1 from login_failure_ips where key = ? and ip = ? and at > ? limit 1').pluck(),
      failures: sqlite.prepare('select count(*) as n from login_failure_ips where key = ? and at > ?'),
      ipRow: sqlite.prepare('select rowid from login_failure_ips where key = ? and ip = ? order by at desc limit 1'),
      touch: sqlite.prepare('update login_failure_ips set at = ? where rowid = ?'),
      add: sqlite.prepare('insert into login_failure_ips (key, ip, at) values (?, ?, ?)'),
      forget: sqlite.prepare('delete from login_failure_ips where key = ? and at <= ?'),
      forgetKey: sqlite.prepare('delete from login_failure_ips where key = ?'),
      forgetAll: sqlite.prepare('delete from login_failure_ips'),
    } as Statements
    prepared.set(sqlite, found)
  }
  return found
}

function ipFailedRecently(key: string, ip: string, nowMs: number): boolean {
  return statements().ipFailed.get(key, ip, nowMs - FAILED_LOGIN_WINDOW_MS) !== undefined
}

function recentFailures(key: string, nowMs: number): number {
  return statements().failures.get(key, nowMs - FAILED_LOGIN_WINDOW_MS)?.n ?? 0
}

/** Remembers a failure from `ip`: a new row while under the hourly cap, else only the address (one row per address). */
function rememberFailure(key: string, ip: string, nowMs: number) {
  const s = statements()
  getSqlite()
    .transaction(() => {
      s.forget.run(key, nowMs - FAILED_LOGIN_WINDOW_MS)
      if (recentFailures(key, nowMs) < MAX_FAILED_LOGINS_PER_HOUR) {
        s.add.run(key, ip, nowMs)
        return
      }
      const row = s.ipRow.get(key, ip)
      if (row) s.touch.run(nowMs, row.rowid)
      else s.add.run(key, ip, nowMs)
    })
    .immediate()
}

/** Tests only: forget the remembered addresses and the failures of addresses without account. */
export function resetLoginThrottleMemory() {
  statements().forgetAll.run()
}

/** The key of a submitted address: the SHA-256 of its normalised form (the address itself is not kept). */
export function emailThrottleKey(email: string): string {
  return `email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`
}

/** Same answer as getLoginThrottle, for an address that has no account. */
export function getUnknownAddressThrottle(email: string, ip: string, now = new Date()): LoginThrottle {
  const key = emailThrottleKey(email)
  const failures = Math.min(recentFailures(key, now.getTime()), MAX_FAILED_LOGINS_PER_HOUR)
  return {
    failures,
    delayMs: loginDelayMs(failures),
    refuseCheck: failures >= MAX_FAILED_LOGINS_PER_HOUR && ipFailedRecently(key, ip, now.getTime()),
  }
}

export function recordUnknownAddressFailure(email: string, ip: string, now = new Date()) {
  rememberFailure(emailThrottleKey(email), ip, now.getTime())
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
  rememberFailure(userId, ip, now.getTime())
  await db.transaction().execute(async (trx) => {
    const since = new Date(now.getTime() - FAILED_LOGIN_WINDOW_MS).toISOString()
    await trx.deleteFrom('failedLogins').where('userId', '=', userId).where('attemptedAt', '<=', since).execute()
    if ((await countRecentFailedLogins(userId, now, trx)) >= MAX_FAILED_LOGINS_PER_HOUR) return
    await trx.insertInto('failedLogins').values({ userId, attemptedAt: now.toISOString() }).execute()
  })
}

export async function clearFailedLogins(userId: string, trx: Executor = db) {
  statements().forgetKey.run(userId)
  await trx.deleteFrom('failedLogins').where('userId', '=', userId).execute()
}
