import { describe, expect, test } from 'vitest'
import { isOneClickUnsubscribe } from '#app/utils/http-security.server.ts'
import { UNSUBSCRIBE_TOKEN_DAYS, createUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe.server.ts'

// Signed unsubscribe tokens: valid, tampered, expired, wrong scope; and the one route exempt from the Origin check.

describe('unsubscribe tokens', () => {
  const now = new Date('2027-01-10T10:00:00Z')

  test('valid: names the person and the scope, for a year', () => {
    const claim = verifyUnsubscribeToken(createUnsubscribeToken('u1', 'weekly', now), now)
    expect(claim?.userId).toBe('u1')
    expect(claim?.scope).toBe('weekly')
    expect(claim?.expiresAt.getTime()).toBe(now.getTime() + UNSUBSCRIBE_TOKEN_DAYS * 86_400_000)
    expect(verifyUnsubscribeToken(createUnsubscribeToken('u1', 'reply', now), now)?.scope).toBe('reply')
  })

  test('expired after a year', () => {
    const token = createUnsubscribeToken('u1', 'all', now)
    expect(verifyUnsubscribeToken(token, new Date(now.getTime() + 364 * 86_400_000))).not.toBeNull()
    expect(verifyUnsubscribeToken(token, new Date(now.getTime() + 366 * 86_400_000))).toBeNull()
  })

  test('tampered: another person, another scope, a changed signature, garbage → null, never a throw', () => {
    const token = createUnsubscribeToken('u1', 'reply', now)
    const [payload, signature] = token.split('.') as [string, string]
    const forge = (claim: object) => `${Buffer.from(JSON.stringify(claim)).toString('base64url')}.${signature}`
    const e = JSON.parse(Buffer.from(payload, 'base64url').toString()).e
    expect(verifyUnsubscribeToken(forge({ u: 'u2', s: 'reply', e }), now)).toBeNull()
    expect(verifyUnsubscribeToken(forge({ u: 'u1', s: 'all', e }), now)).toBeNull()
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`
    expect(verifyUnsubscribeToken(`${payload}.${flipped}`, now)).toBeNull()
    expect(verifyUnsubscribeToken(`${payload}.${signature.slice(0, 10)}`, now)).toBeNull()
    for (const junk of ['', '.', 'abc', 'a.b.c', `${payload}.${signature}.x`, '%%%.%%%']) expect(verifyUnsubscribeToken(junk, now)).toBeNull()
  })

  test('a well-signed token of an unknown scope is refused', async () => {
    const { createHmac } = await import('node:crypto')
    const { getEnv } = await import('#app/utils/env.server.ts')
    const payload = Buffer.from(JSON.stringify({ u: 'u1', s: 'everything', e: now.getTime() / 1000 + 1000 })).toString('base64url')
    const signature = createHmac('sha256', getEnv().unsubscribeSecret!).update(payload).digest('base64url')
    expect(verifyUnsubscribeToken(`${payload}.${signature}`, now)).toBeNull()
  })

  test('only POST to /desabonnement/<token> is exempt from the Origin check', () => {
    const token = createUnsubscribeToken('u1', 'all', now)
    expect(isOneClickUnsubscribe('POST', `/desabonnement/${token}`)).toBe(true)
    expect(isOneClickUnsubscribe('GET', `/desabonnement/${token}`)).toBe(false)
    expect(isOneClickUnsubscribe('POST', '/compte/notifications')).toBe(false)
    expect(isOneClickUnsubscribe('POST', `/desabonnement/${token}/autre`)).toBe(false)
    expect(isOneClickUnsubscribe('POST', '/compte/supprimer?x=/desabonnement/a.b')).toBe(false)
  })
})
