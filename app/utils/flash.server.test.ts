import { afterEach, describe, expect, test } from 'vitest'
import { resetEnvCache } from './env.server.ts'
import { flashCookie, readFlash } from './flash.server.ts'

const saved = process.env.PUBLIC_URL
afterEach(() => {
  process.env.PUBLIC_URL = saved
  resetEnvCache()
})

function setPublicUrl(url: string) {
  process.env.PUBLIC_URL = url
  resetEnvCache()
}

describe('flash cookie', () => {
  test('under https it is Secure, like the session cookie (set and cleared)', () => {
    setPublicUrl('https://essaim.example.fr')
    expect(flashCookie('logged-in')).toMatch(/; Secure(;|$)/)
    const { headers } = readFlash(new Request('https://essaim.example.fr/', { headers: { cookie: 'essaim_flash=logged-in' } }))
    expect(new Headers(headers).get('set-cookie')).toMatch(/; Secure(;|$)/)
  })

  test('over plain http (local trial) it is not Secure, or the browser would drop it', () => {
    setPublicUrl('http://localhost:3000')
    expect(flashCookie('logged-in')).toBe('essaim_flash=logged-in; Path=/; HttpOnly; SameSite=Lax; Max-Age=60')
  })
})
