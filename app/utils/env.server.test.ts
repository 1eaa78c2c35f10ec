import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from './env.server.ts'

describe('parseEnv', () => {
  test('defaults: development on port 3000, ./data, localhost, demo data on', () => {
    const env = parseEnv({})
    expect(env.nodeEnv).toBe('development')
    expect(env.isProduction).toBe(false)
    expect(env.port).toBe(3000)
    expect(env.dataDir).toBe(path.resolve('./data'))
    expect(env.databaseFile).toBe(path.join(path.resolve('./data'), 'essaim.sqlite'))
    expect(env.publicUrl.href).toBe('http://localhost:3000/')
    expect(env.smtpUrl).toBeUndefined()
    expect(env.seedDemo).toBe(true)
    expect(env.authRateLimitPerMinute).toBe(10)
    expect(env.secureCookies).toBe(false)
  })

  test('empty strings count as unset', () => {
    const env = parseEnv({ PORT: '', SMTP_URL: ' ', SEED_DEMO: '', NODE_ENV: '' })
    expect(env.port).toBe(3000)
    expect(env.smtpUrl).toBeUndefined()
    expect(env.nodeEnv).toBe('development')
  })

  test('the default public URL follows PORT', () => {
    expect(parseEnv({ PORT: '8080' }).publicUrl.origin).toBe('http://localhost:8080')
  })

  test.each(['abc', '0', '70000', '3.5'])('a bad PORT (%s) names the variable', (port) => {
    expect(() => parseEnv({ PORT: port })).toThrow(EnvError)
    expect(() => parseEnv({ PORT: port })).toThrow(/PORT/)
  })

  test('bad SMTP_URL and NODE_ENV name their variable', () => {
    expect(() => parseEnv({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/)
    expect(() => parseEnv({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/)
    expect(() => parseEnv({ SEED_DEMO: 'yes' })).toThrow(/SEED_DEMO/)
  })

  test('production requires an https PUBLIC_URL, except on localhost', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'http://essaim.example' })).toThrow(/PUBLIC_URL/)
    const https = parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://essaim.example' })
    expect(https.isProduction).toBe(true)
    expect(https.secureCookies).toBe(true)
    for (const local of ['http://localhost:3100', 'http://127.0.0.1:3000']) {
      expect(parseEnv({ NODE_ENV: 'production', PUBLIC_URL: local }).publicUrl.href).toBe(`${local}/`)
    }
    expect(parseEnv({ NODE_ENV: 'production' }).publicUrl.hostname).toBe('localhost')
    // outside production plain http is fine
    expect(parseEnv({ NODE_ENV: 'development', PUBLIC_URL: 'http://essaim.example' }).secureCookies).toBe(false)
  })

  test('SEED_DEMO: on by default outside production, off in production, explicit value wins', () => {
    expect(parseEnv({ NODE_ENV: 'development' }).seedDemo).toBe(true)
    expect(parseEnv({ NODE_ENV: 'test' }).seedDemo).toBe(true)
    expect(parseEnv({ NODE_ENV: 'production' }).seedDemo).toBe(false)
    expect(parseEnv({ NODE_ENV: 'production', SEED_DEMO: 'true' }).seedDemo).toBe(true)
    expect(parseEnv({ NODE_ENV: 'development', SEED_DEMO: 'false' }).seedDemo).toBe(false)
  })

  test('AUTH_RATE_LIMIT_PER_MINUTE is a positive integer', () => {
    expect(parseEnv({ AUTH_RATE_LIMIT_PER_MINUTE: '500' }).authRateLimitPerMinute).toBe(500)
    expect(() => parseEnv({ AUTH_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/AUTH_RATE_LIMIT_PER_MINUTE/)
  })
})
