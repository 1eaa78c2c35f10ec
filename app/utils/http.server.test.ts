import { describe, expect, test } from 'vitest'
import { safeRedirectPath } from './http.server.ts'

describe('safeRedirectPath', () => {
  test.each([
    ['/compte', '/compte'],
    ['/territoires/audomarois?page=2#communes', '/territoires/audomarois?page=2#communes'],
    ['/', '/'],
    ['/a/../compte', '/compte'],
    ['/recherche?q=%C3%A9t%C3%A9', '/recherche?q=%C3%A9t%C3%A9'],
  ])('a local path is kept: %s', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected)
  })

  test.each([
    ['https://evil.example/'],
    ['http://evil.example'],
    ['//evil.example'],
    ['///evil.example'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['javascript:alert(1)'],
    ['data:text/html,hi'],
    ['compte'],
    ['/\tevil'],
    ['/\nevil'],
    ['/comp\u0000te'],
    ['/path\\with-backslash'],
    [''],
    [`/${'a'.repeat(2048)}`],
    [undefined],
    [null],
    [42],
    [['/compte']],
    // dot segments that normalise to a protocol-relative URL (probe F10)
    ['/.//evil.test/'],
    ['/..//evil.test/'],
    ['/%2e//evil.test/'],
    ['/%2E%2E//evil.test/'],
    ['/a/..//evil.test/'],
    ['/a/b/../..//evil.test/'],
    ['/%2e%2e/%2e%2e//evil.test/'],
  ])('anything else falls back: %j', (input) => {
    expect(safeRedirectPath(input)).toBe('/')
    expect(safeRedirectPath(input, '/compte')).toBe('/compte')
  })

  test.each(['/.//evil.test/', '/..//evil.test/', '/%2e//evil.test/', '/%2E%2E//evil.test/', '/a/..//evil.test/'])(
    'never gives a Location a browser reads as another site: %s',
    (input) => {
      const location = safeRedirectPath(input)
      expect(location.startsWith('//')).toBe(false)
      expect(new URL(location, 'https://essaim.example').origin).toBe('https://essaim.example')
    },
  )
})
