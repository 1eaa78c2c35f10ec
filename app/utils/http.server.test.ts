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
  ])('anything else falls back: %j', (input) => {
    expect(safeRedirectPath(input)).toBe('/')
    expect(safeRedirectPath(input, '/compte')).toBe('/compte')
  })
})
