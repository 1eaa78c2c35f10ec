import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import {
  FAILED_LOGIN_WINDOW_MS,
  MAX_FAILED_LOGINS_PER_HOUR,
  clearFailedLogins,
  countRecentFailedLogins,
  getLoginThrottle,
  loginDelayMs,
  recordFailedLogin,
  resetLoginThrottleMemory,
} from './login-throttle.server.ts'

describe('login delays', () => {
  test.each([
    [0, 0],
    [4, 0],
    [5, 1000],
    [6, 2000],
    [7, 4000],
    [10, 32_000],
    [11, 60_000],
    [100, 60_000],
  ])('%i failures in the hour → %i ms', (failures, delay) => {
    expect(loginDelayMs(failures)).toBe(delay)
  })
})

describe('failed logins table', () => {
  beforeEach(() => resetLoginThrottleMemory())

  test('counts the failures of the last hour only, and forgets older rows', async () => {
    const user = await createTestUser()
    const now = new Date('2026-05-01T12:00:00Z')
    const old = new Date(now.getTime() - FAILED_LOGIN_WINDOW_MS - 1000)
    await recordFailedLogin(user.id, '10.0.0.1', old)
    await recordFailedLogin(user.id, '10.0.0.1', old)
    expect(await countRecentFailedLogins(user.id, old)).toBe(2)
    await recordFailedLogin(user.id, '10.0.0.1', now)
    expect(await countRecentFailedLogins(user.id, now)).toBe(1)
    const rows = await db.selectFrom('failedLogins').select('id').where('userId', '=', user.id).execute()
    expect(rows).toHaveLength(1)
  })

  test('never more than 100 rows an hour for an account', async () => {
    const user = await createTestUser()
    const now = new Date()
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_HOUR + 5; i++) await recordFailedLogin(user.id, '10.0.0.2', now)
    expect(await countRecentFailedLogins(user.id, now)).toBe(MAX_FAILED_LOGINS_PER_HOUR)
  })

  test('beyond the cap only the addresses that failed are refused a check; others are still checked', async () => {
    const user = await createTestUser()
    const now = new Date()
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_HOUR - 1; i++) await recordFailedLogin(user.id, '10.0.0.3', now)
    expect((await getLoginThrottle(user.id, '10.0.0.3', now)).refuseCheck).toBe(false)
    await recordFailedLogin(user.id, '10.0.0.3', now)
    expect(await getLoginThrottle(user.id, '10.0.0.3', now)).toEqual({ failures: 100, delayMs: 60_000, refuseCheck: true })
    expect(await getLoginThrottle(user.id, '192.0.2.7', now)).toEqual({ failures: 100, delayMs: 60_000, refuseCheck: false })
  })

  test('clearing forgets both the rows and the addresses', async () => {
    const user = await createTestUser()
    const now = new Date()
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_HOUR; i++) await recordFailedLogin(user.id, '10.0.0.4', now)
    await clearFailedLogins(user.id)
    expect(await getLoginThrottle(user.id, '10.0.0.4', now)).toEqual({ failures: 0, delayMs: 0, refuseCheck: false })
  })
})
