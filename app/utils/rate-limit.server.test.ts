import { afterEach, describe, expect, test } from 'vitest'
import { enforceAuthRateLimit, hitRateLimit, resetRateLimits } from './rate-limit.server.ts'

afterEach(() => resetRateLimits())

describe('hitRateLimit', () => {
  test('allows `limit` hits in the window, then refuses with the time to wait', () => {
    const start = 1_000_000
    for (let i = 0; i < 3; i++) {
      const result = hitRateLimit('k', 3, 60_000, start + i * 1000)
      expect(result).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 - i })
    }
    const refused = hitRateLimit('k', 3, 60_000, start + 10_000)
    expect(refused.allowed).toBe(false)
    expect(refused.remaining).toBe(0)
    // the oldest hit leaves the window 60 s after `start`
    expect(refused.retryAfterSeconds).toBe(50)
  })

  test('the window slides: old hits stop counting', () => {
    const start = 2_000_000
    hitRateLimit('k', 2, 60_000, start)
    hitRateLimit('k', 2, 60_000, start + 30_000)
    expect(hitRateLimit('k', 2, 60_000, start + 59_999).allowed).toBe(false)
    expect(hitRateLimit('k', 2, 60_000, start + 60_001).allowed).toBe(true)
    expect(hitRateLimit('k', 2, 60_000, start + 60_002).allowed).toBe(false)
  })

  test('refused hits are not counted', () => {
    const start = 3_000_000
    hitRateLimit('k', 1, 60_000, start)
    for (let i = 1; i < 20; i++) expect(hitRateLimit('k', 1, 60_000, start + i).allowed).toBe(false)
    expect(hitRateLimit('k', 1, 60_000, start + 60_001).allowed).toBe(true)
  })

  test('keys are independent', () => {
    expect(hitRateLimit('a', 1, 60_000, 0).allowed).toBe(true)
    expect(hitRateLimit('a', 1, 60_000, 1).allowed).toBe(false)
    expect(hitRateLimit('b', 1, 60_000, 1).allowed).toBe(true)
  })
})

describe('enforceAuthRateLimit', () => {
  test('throws a 429 with Retry-After once the per-IP limit is reached', () => {
    for (let i = 0; i < 10; i++) enforceAuthRateLimit('203.0.113.7', 10)
    let thrown: unknown
    try {
      enforceAuthRateLimit('203.0.113.7', 10)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Response)
    const response = thrown as Response
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
    // another address is not affected
    expect(() => enforceAuthRateLimit('203.0.113.8', 10)).not.toThrow()
  })
})

describe('several processes', () => {
  test('hits counted by another process count here (one limit for every process behind the port)', async () => {
    const { execFileSync } = await import('node:child_process')
    const now = Date.now()
    // Another process, same DATA_DIR: it uses two of the three allowed hits.
    const script = `const { hitRateLimit } = await import(${JSON.stringify(new URL('./rate-limit.server.ts', import.meta.url).href)});
      for (let i = 0; i < 2; i++) hitRateLimit('shared', 3, 60000, ${now} + i);
      process.exit(0)`
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: process.env, stdio: 'pipe' })
    expect(hitRateLimit('shared', 3, 60_000, now + 10)).toMatchObject({ allowed: true, remaining: 0 })
    expect(hitRateLimit('shared', 3, 60_000, now + 11).allowed).toBe(false)
  })
})
