import { describe, expect, test } from 'vitest'
import { contentSecurityPolicy, isCrossSiteWrite } from './http-security.server.ts'

const publicUrl = new URL('https://essaim.example')

describe('isCrossSiteWrite', () => {
  test.each([
    // method, origin, sec-fetch-site, the request's own origin, cross-site?
    ['GET', 'https://evil.example', 'cross-site', 'https://essaim.example', false],
    ['HEAD', 'https://evil.example', 'cross-site', 'https://essaim.example', false],
    ['OPTIONS', 'https://evil.example', undefined, 'https://essaim.example', false],
    ['POST', 'https://essaim.example', 'same-origin', 'https://essaim.example', false],
    ['POST', 'https://essaim.example', undefined, 'https://essaim.example', false],
    ['POST', undefined, 'same-origin', 'https://essaim.example', false],
    ['POST', undefined, 'none', 'https://essaim.example', false],
    ['POST', undefined, undefined, 'https://essaim.example', false],
    ['POST', 'https://evil.example', undefined, 'https://essaim.example', true],
    ['POST', 'https://evil.example', 'cross-site', 'https://essaim.example', true],
    ['POST', undefined, 'cross-site', 'https://essaim.example', true],
    ['POST', undefined, 'same-site', 'https://essaim.example', true],
    ['POST', 'https://essaim.example', 'cross-site', 'https://essaim.example', true],
    ['POST', 'null', undefined, 'https://essaim.example', true],
    ['POST', 'not a url', undefined, 'https://essaim.example', true],
    ['POST', 'http://essaim.example', undefined, 'https://essaim.example:8443', true],
    ['POST', 'https://essaim.example.evil.example', undefined, 'https://essaim.example', true],
    ['PUT', 'https://evil.example', undefined, 'https://essaim.example', true],
    ['DELETE', 'https://evil.example', undefined, 'https://essaim.example', true],
    ['post', 'https://evil.example', undefined, 'https://essaim.example', true],
    // the scheme counts (probe F13): http on the https site, https on an http address
    ['POST', 'http://essaim.example', undefined, 'https://essaim.example', true],
    ['POST', 'https://127.0.0.1:3000', undefined, 'http://127.0.0.1:3000', true],
    ['POST', 'http://essaim.example', undefined, undefined, true],
    // the request's own origin is accepted (reached by IP while PUBLIC_URL names the host)
    ['POST', 'http://127.0.0.1:3000', 'same-origin', 'http://127.0.0.1:3000', false],
    ['POST', 'http://127.0.0.1:3000', undefined, 'http://localhost:3000', true],
  ] as const)('%s Origin=%s Sec-Fetch-Site=%s request origin=%s → %s', (method, origin, secFetchSite, requestOrigin, expected) => {
    expect(isCrossSiteWrite(method, { origin, secFetchSite, requestOrigin }, publicUrl)).toBe(expected)
  })
})

describe('contentSecurityPolicy', () => {
  const parse = (policy: string) =>
    new Map(
      policy.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/)
        return [name, values] as const
      }),
    )

  test('production: enforced directives, scripts only by nonce', () => {
    const csp = parse(contentSecurityPolicy('abc123', { isDev: false }))
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toContain("'nonce-abc123'")
    expect(csp.get('script-src')).toContain("'strict-dynamic'")
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'")
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'")
    expect(csp.get('style-src')).toEqual(["'self'", "'nonce-abc123'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.has('report-only')).toBe(false)
  })

  test('each nonce gives its own policy', () => {
    expect(contentSecurityPolicy('one', { isDev: false })).not.toBe(contentSecurityPolicy('two', { isDev: false }))
    expect(contentSecurityPolicy('two', { isDev: false })).toContain("'nonce-two'")
  })

  test('development keeps the protective directives and adds what Vite needs', () => {
    const csp = parse(contentSecurityPolicy('dev', { isDev: true }))
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toContain('ws:')
  })
})
