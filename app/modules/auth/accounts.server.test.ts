import { beforeEach, describe, expect, test, vi } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import {
  EMAIL_VERIFICATION_TTL_MS,
  PASSWORD_RESET_TTL_MS,
  changePassword,
  checkAuthToken,
  logIn,
  requestPasswordReset,
  resendEmailVerification,
  resetPassword,
  revokeOtherSessions,
  revokeOwnSession,
  signUp,
  verifyEmail,
} from './accounts.server.ts'
import { MAX_FAILED_LOGINS_PER_HOUR, countRecentFailedLogins, recordFailedLogin, resetLoginThrottleMemory } from './login-throttle.server.ts'
import { verifyPassword } from './password.server.ts'
import { createSession, validateSessionToken } from './session.server.ts'
import { hashToken } from './tokens.server.ts'

const PASSWORD = 'un mot de passe solide 2026'
const NEW_PASSWORD = 'une autre phrase bien longue'

let counter = 0
function uniqueEmail() {
  counter++
  return `compte-${counter}-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
}

async function emailsTo(address: string) {
  return db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', address).orderBy('createdAt').execute()
}

function tokenIn(text: string): string {
  const match = /token=([a-z2-7]{52})/.exec(text)
  if (!match) throw new Error(`no token in ${text}`)
  return match[1]
}

beforeEach(() => resetLoginThrottleMemory())

describe('sign-up', () => {
  test('creates a member, a 24 h verification token (hash only), its email and a session, together', async () => {
    const email = uniqueEmail()
    const now = new Date()
    const result = await signUp({ email: `  ${email.toUpperCase()} `, name: ' Léa ', password: PASSWORD, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0', now })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const user = await db.selectFrom('users').selectAll().where('id', '=', result.user.id).executeTakeFirstOrThrow()
    expect(user).toMatchObject({ email, name: 'Léa', role: 'member', emailVerifiedAt: null, charterAcceptedAt: now.toISOString() })
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true)

    const [message] = await emailsTo(email)
    expect(message.template).toBe('verify-email')
    const token = tokenIn(message.textBody)
    const rows = await db.selectFrom('authTokens').selectAll().where('userId', '=', user.id).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ purpose: 'verify_email', tokenHash: hashToken(token), usedAt: null })
    expect(new Date(rows[0].expiresAt).getTime() - now.getTime()).toBe(EMAIL_VERIFICATION_TTL_MS)
    expect(JSON.stringify(rows)).not.toContain(token)

    const sessionToken = /essaim_session=([a-z2-7]{52})/.exec(result.cookie)![1]
    const validation = await validateSessionToken(sessionToken)
    expect(validation.user?.id).toBe(user.id)
    expect(validation.session?.userAgent).toBe('Firefox sur Linux')
  })

  test('a taken address changes nothing; its owner is told by email', async () => {
    const existing = await createTestUser()
    const before = await db.selectFrom('users').select('id').execute()
    const result = await signUp({ email: existing.email.toUpperCase(), name: 'Autre', password: PASSWORD })
    expect(result).toEqual({ ok: false, reason: 'email-taken' })
    expect(await db.selectFrom('users').select('id').execute()).toHaveLength(before.length)
    expect((await emailsTo(existing.email)).map((m) => m.template)).toEqual(['sign-up-attempt'])
  })

  test('the transaction is all or nothing: no user, token or email when the session cannot be written', async () => {
    const email = uniqueEmail()
    const spy = vi.spyOn(await import('./session.server.ts'), 'createSession')
    spy.mockRejectedValueOnce(new Error('disk full'))
    await expect(signUp({ email, name: 'Léa', password: PASSWORD })).rejects.toThrow()
    spy.mockRestore()
    expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(0)
    expect(await emailsTo(email)).toHaveLength(0)
  })
})

describe('email verification', () => {
  async function signedUp() {
    const email = uniqueEmail()
    const result = await signUp({ email, name: 'Léa', password: PASSWORD })
    if (!result.ok) throw new Error('sign-up failed')
    return { user: result.user, token: tokenIn((await emailsTo(email))[0].textBody) }
  }

  test('a token works once', async () => {
    const { user, token } = await signedUp()
    expect(await checkAuthToken(token, 'verify_email')).toBe('valid')
    expect(await verifyEmail(token)).toEqual({ status: 'verified', userId: user.id })
    const row = await db.selectFrom('users').select('emailVerifiedAt').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.emailVerifiedAt).not.toBeNull()
    expect(await verifyEmail(token)).toEqual({ status: 'used' })
    expect(await checkAuthToken(token, 'verify_email')).toBe('used')
  })

  test('a token expires after 24 hours', async () => {
    const { user, token } = await signedUp()
    const later = new Date(Date.now() + EMAIL_VERIFICATION_TTL_MS + 1000)
    expect(await verifyEmail(token, later)).toEqual({ status: 'expired' })
    const row = await db.selectFrom('users').select('emailVerifiedAt').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.emailVerifiedAt).toBeNull()
  })

  test('unknown tokens, the stored hash and reset tokens are refused', async () => {
    const { user, token } = await signedUp()
    const stored = await db.selectFrom('authTokens').select('tokenHash').where('userId', '=', user.id).executeTakeFirstOrThrow()
    expect(await verifyEmail(stored.tokenHash)).toEqual({ status: 'unknown' })
    expect(await verifyEmail('a'.repeat(52))).toEqual({ status: 'unknown' })
    expect(await verifyEmail('')).toEqual({ status: 'unknown' })
    expect(await checkAuthToken(token, 'reset_password')).toBe('unknown')
  })

  test('resending invalidates the earlier unused links', async () => {
    const { user, token } = await signedUp()
    expect(await resendEmailVerification(user.id)).toBe('sent')
    const messages = await emailsTo(user.email)
    expect(messages).toHaveLength(2)
    const fresh = tokenIn(messages[1].textBody)
    expect(fresh).not.toBe(token)
    expect(await verifyEmail(token)).toEqual({ status: 'unknown' })
    expect((await verifyEmail(fresh)).status).toBe('verified')
    expect(await resendEmailVerification(user.id)).toBe('already-verified')
    expect(await emailsTo(user.email)).toHaveLength(2)
  })
})

describe('log-in', () => {
  test('right password: a new session each time, failures cleared', async () => {
    const user = await createTestUser()
    await recordFailedLogin(user.id, '10.1.0.1')
    const first = await logIn({ email: ` ${user.email.toUpperCase()}`, password: user.password, clientIp: '10.1.0.1', userAgent: 'curl/8' })
    const second = await logIn({ email: user.email, password: user.password, clientIp: '10.1.0.1' })
    expect(first.ok && second.ok).toBe(true)
    if (!first.ok || !second.ok) return
    expect(first.cookie).not.toBe(second.cookie)
    expect(await db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute()).toHaveLength(2)
    expect(await countRecentFailedLogins(user.id)).toBe(0)
  })

  test('wrong password and unknown address look the same and both run Argon2', async () => {
    const user = await createTestUser()
    const argon2 = await import('./password.server.ts')
    const spy = vi.spyOn(argon2, 'verifyPassword')
    expect(await logIn({ email: user.email, password: 'pas le bon mot de passe', clientIp: '10.1.0.2' })).toEqual({ ok: false })
    expect(await logIn({ email: uniqueEmail(), password: 'pas le bon mot de passe', clientIp: '10.1.0.2' })).toEqual({ ok: false })
    expect(spy).toHaveBeenCalledTimes(2)
    spy.mockRestore()
    expect(await countRecentFailedLogins(user.id)).toBe(1)
  })

  test('growing delays from the 5th failure, computed from the table, with an injected sleep', async () => {
    const user = await createTestUser()
    const sleep = vi.fn(async (_ms: number) => {})
    for (let i = 0; i < 7; i++) await logIn({ email: user.email, password: `faux ${i}`, clientIp: '10.1.0.3', sleep })
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000, 2000])
    sleep.mockClear()
    const ok = await logIn({ email: user.email, password: user.password, clientIp: '10.1.0.3', sleep })
    expect(ok.ok).toBe(true)
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([4000])
  })

  test('no lock-out: after 100 failures from one address the owner still logs in from another', async () => {
    const user = await createTestUser()
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_HOUR - 1; i++) await recordFailedLogin(user.id, '203.0.113.66')
    const sleep = vi.fn(async (_ms: number) => {})
    expect((await logIn({ email: user.email, password: 'encore faux', clientIp: '203.0.113.66', sleep })).ok).toBe(false)
    expect(await countRecentFailedLogins(user.id)).toBe(MAX_FAILED_LOGINS_PER_HOUR)

    // The attacking address is not even checked any more, even with the right password…
    const argon2 = await import('./password.server.ts')
    const spy = vi.spyOn(argon2, 'verifyPassword')
    expect((await logIn({ email: user.email, password: user.password, clientIp: '203.0.113.66', sleep })).ok).toBe(false)
    expect(spy.mock.calls[0][0]).not.toBe(user.passwordHash)
    spy.mockRestore()

    // …while the member, elsewhere, logs in (after the capped delay) and the counter is cleared.
    sleep.mockClear()
    const result = await logIn({ email: user.email, password: user.password, clientIp: '198.51.100.20', sleep })
    expect(result.ok).toBe(true)
    expect(sleep).toHaveBeenCalledWith(60_000)
    expect(await countRecentFailedLogins(user.id)).toBe(0)
  })
})

describe('forgotten password', () => {
  test('an unknown address: nothing written, nothing sent', async () => {
    const email = uniqueEmail()
    const tokensBefore = await db.selectFrom('authTokens').select('id').execute()
    await requestPasswordReset(email)
    expect(await emailsTo(email)).toHaveLength(0)
    expect(await db.selectFrom('authTokens').select('id').execute()).toHaveLength(tokensBefore.length)
  })

  test('reset: 1 h token, single use, every session closed, email verified, notice sent', async () => {
    const user = await createTestUser({ emailVerifiedAt: null })
    const a = await createSession(user.id)
    const b = await createSession(user.id)
    const now = new Date()
    await requestPasswordReset(user.email.toUpperCase(), now)
    const [message] = await emailsTo(user.email)
    expect(message.template).toBe('reset-password')
    const token = tokenIn(message.textBody)
    const row = await db.selectFrom('authTokens').selectAll().where('tokenHash', '=', hashToken(token)).executeTakeFirstOrThrow()
    expect(row.purpose).toBe('reset_password')
    expect(new Date(row.expiresAt).getTime() - now.getTime()).toBe(PASSWORD_RESET_TTL_MS)

    expect(await resetPassword({ token, password: NEW_PASSWORD })).toEqual({ status: 'reset', userId: user.id })
    const updated = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(await verifyPassword(updated.passwordHash, NEW_PASSWORD)).toBe(true)
    expect(updated.emailVerifiedAt).not.toBeNull()
    expect((await validateSessionToken(a.token)).user).toBeNull()
    expect((await validateSessionToken(b.token)).user).toBeNull()
    expect((await emailsTo(user.email)).map((m) => m.template)).toEqual(['reset-password', 'password-changed'])

    expect(await resetPassword({ token, password: 'encore une autre phrase' })).toEqual({ status: 'used' })
  })

  test('a reset link expires after one hour', async () => {
    const user = await createTestUser()
    const now = new Date()
    await requestPasswordReset(user.email, now)
    const token = tokenIn((await emailsTo(user.email))[0].textBody)
    const later = new Date(now.getTime() + PASSWORD_RESET_TTL_MS)
    expect(await resetPassword({ token, password: NEW_PASSWORD, now: later })).toEqual({ status: 'expired' })
    const unchanged = await db.selectFrom('users').select('passwordHash').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(await verifyPassword(unchanged.passwordHash, user.password)).toBe(true)
  })

  test('using one link voids the other pending links', async () => {
    const user = await createTestUser()
    await requestPasswordReset(user.email)
    await requestPasswordReset(user.email)
    const [first, second] = (await emailsTo(user.email)).map((m) => tokenIn(m.textBody))
    expect((await resetPassword({ token: second, password: NEW_PASSWORD })).status).toBe('reset')
    expect(await resetPassword({ token: first, password: 'encore une autre phrase' })).toEqual({ status: 'used' })
  })
})

describe('account page operations', () => {
  test('changing the password closes every session and opens one for this browser', async () => {
    const user = await createTestUser()
    const a = await createSession(user.id)
    const b = await createSession(user.id)
    expect(await changePassword({ user, currentPassword: 'pas le bon', newPassword: NEW_PASSWORD })).toEqual({
      ok: false,
      reason: 'wrong-current-password',
    })
    expect((await validateSessionToken(a.token)).user).not.toBeNull()
    const result = await changePassword({ user, currentPassword: user.password, newPassword: NEW_PASSWORD, userAgent: 'Firefox/1 Windows' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect((await validateSessionToken(a.token)).user).toBeNull()
    expect((await validateSessionToken(b.token)).user).toBeNull()
    const fresh = /essaim_session=([a-z2-7]{52})/.exec(result.cookie)![1]
    expect((await validateSessionToken(fresh)).user?.id).toBe(user.id)
    expect((await emailsTo(user.email)).map((m) => m.template)).toEqual(['password-changed'])
  })

  test('one can close one’s own sessions, never someone else’s', async () => {
    const owner = await createTestUser()
    const other = await createTestUser()
    const mine = await createSession(owner.id)
    const theirs = await createSession(other.id)
    expect(await revokeOwnSession(owner.id, theirs.session.id)).toBe(false)
    expect((await validateSessionToken(theirs.token)).user?.id).toBe(other.id)
    expect(await revokeOwnSession(owner.id, mine.session.id)).toBe(true)
    expect((await validateSessionToken(mine.token)).user).toBeNull()
  })

  test('closing the other sessions keeps this one', async () => {
    const user = await createTestUser()
    const here = await createSession(user.id)
    await createSession(user.id)
    await createSession(user.id)
    expect(await revokeOtherSessions(user.id, here.session.id)).toBe(2)
    expect((await validateSessionToken(here.token)).user?.id).toBe(user.id)
  })
})
