import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { ENV_VARIABLES, EnvError, parseEnv } from './env.server.ts'

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

  test('TRUST_PROXY, MAIL_FROM, LEGAL_*, ACCESSIBILITY_EMAIL, PRIVACY_EMAIL: checked, a wrong value names its variable', () => {
    const defaults = parseEnv({ PUBLIC_URL: 'https://essaim.example.fr' })
    expect(defaults.trustProxy).toBe(false)
    expect(defaults.mailFrom).toBe('ne-pas-repondre@essaim.example.fr')
    expect(defaults.legal).toEqual({
      publisher: undefined,
      publicationDirector: undefined,
      host: undefined,
      accessibilityEmail: undefined,
      privacyEmail: undefined,
    })
    const set = parseEnv({
      TRUST_PROXY: 'true',
      MAIL_FROM: 'contact@essaim.example.fr',
      LEGAL_PUBLISHER: 'Association Essaim\\n62000 Arras',
      ACCESSIBILITY_EMAIL: 'a11y@essaim.example.fr',
    })
    expect(set.trustProxy).toBe(true)
    expect(set.mailFrom).toBe('contact@essaim.example.fr')
    expect(set.legal.publisher).toBe('Association Essaim\\n62000 Arras')
    expect(set.legal.accessibilityEmail).toBe('a11y@essaim.example.fr')
    for (const [name, value] of [
      ['TRUST_PROXY', 'yes'],
      ['TRUST_PROXY', '1'],
      ['MAIL_FROM', 'pas une adresse'],
      ['MAIL_FROM', 'Essaim <ne-pas-repondre@essaim.fr>'],
      ['ACCESSIBILITY_EMAIL', 'accessibilite'],
      ['PRIVACY_EMAIL', 'x@'],
      ['LEGAL_HOST', 'x'.repeat(2001)],
    ]) {
      expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`- ${name}:`))
    }
    expect(() => parseEnv({ PRIVACY_EMAIL: 'x@' })).toThrow(/PRIVACY_EMAIL/)
  })

  test('search intervals: 5 s by default, configurable', () => {
    const env = parseEnv({})
    expect([env.searchDrainIntervalMs, env.searchStatsFlushIntervalMs]).toEqual([5000, 5000])
    const set = parseEnv({ SEARCH_DRAIN_INTERVAL_MS: '3600000', SEARCH_STATS_FLUSH_INTERVAL_MS: '200' })
    expect([set.searchDrainIntervalMs, set.searchStatsFlushIntervalMs]).toEqual([3_600_000, 200])
    expect(() => parseEnv({ SEARCH_DRAIN_INTERVAL_MS: 'vite' })).toThrow(/SEARCH_DRAIN_INTERVAL_MS/)
  })

  test.each([
    // where emails go: SMTP; a local trial run (no PUBLIC_URL) or development/tests → the mailbox; a deployment → disabled
    [{ SMTP_URL: 'smtp://mail.example.fr:587', NODE_ENV: 'production', PUBLIC_URL: 'https://essaim.example.fr' }, 'smtp'],
    [{ NODE_ENV: 'production' }, 'dev-mailbox'],
    [{ NODE_ENV: 'development', PUBLIC_URL: 'http://essaim.example.fr' }, 'dev-mailbox'],
    [{ NODE_ENV: 'test', PUBLIC_URL: 'http://localhost:3000' }, 'dev-mailbox'],
    [{ NODE_ENV: 'production', PUBLIC_URL: 'https://essaim.example.fr' }, 'disabled'],
    [{ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:3100' }, 'disabled'],
  ])('email delivery %o → %s', (source, expected) => {
    expect(parseEnv(source).emailDelivery).toBe(expected)
  })
})

const root = path.resolve(import.meta.dirname, '../..')

/**
 * Files that may read process.env, and why. Everything else reads the validated configuration through getEnv().
 * Not scanned: tests (*.test.ts, tests/), bench/, and the tool configurations (vite, vitest, playwright).
 */
const PROCESS_ENV_READERS: Record<string, string> = {
  'app/utils/env.server.ts': 'the schema itself',
  'scripts/load-env.ts': 'fills process.env from .env before the schema reads it',
  'scripts/start.ts': 'sets the defaults of `npm start` (NODE_ENV, SEED_DEMO) before server.ts validates them',
  'scripts/ensure-browser.ts': 'CHROMIUM_PATH of the end-to-end test tooling, not a setting of the application',
  'server.ts': 'ESSAIM_BACKGROUND, the role the primary process hands each process it forks (internal, not a setting)',
}

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(relative)
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : []
  })
}

describe('every environment variable goes through the schema', () => {
  test('nothing outside env.server.ts reads process.env (a few scripts excepted, each for a stated reason)', () => {
    const files = [...['app', 'db', 'search', 'scripts'].flatMap(sources), 'server.ts']
    const readers = files.filter((file) => /process\.env\b|import\.meta\.env\b/.test(fs.readFileSync(path.join(root, file), 'utf8')))
    expect(readers.sort()).toEqual(Object.keys(PROCESS_ENV_READERS).sort())
  })

  test('the configuration table of the README lists exactly the variables of the schema', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## Configuration'))
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| variable')))
    const documented = [...table.matchAll(/^\|([^|]+)\|/gm)].flatMap((row) => [...row[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]))
    expect(documented.sort()).toEqual([...ENV_VARIABLES].sort())
  })

  test('.env.example shows every variable of the schema', () => {
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8')
    const shown = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1])
    expect(shown.sort()).toEqual([...ENV_VARIABLES].sort())
  })
})
