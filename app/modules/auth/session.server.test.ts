import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import {
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_INACTIVITY_MS,
  SESSION_RENEW_INTERVAL_MS,
  createSession,
  getOptionalUser,
  invalidateUserSessions,
  listUserSessions,
  readSessionToken,
  validateSessionToken,
} from './session.server.ts'
import { hashToken } from './tokens.server.ts'

describe('sessions', () => {
  test('the token is 32 random bytes and only its SHA-256 is stored', async () => {
    const user = await createTestUser()
    const { token, session } = await createSession(user.id)
    expect(token).toMatch(/^[a-z2-7]{52}$/)
    const row = await db.selectFrom('sessions').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow()
    expect(row.tokenHash).toBe(hashToken(token))
    expect(JSON.stringify(row)).not.toContain(token)
  })

  test('a copy of the sessions table logs nobody in', async () => {
    const user = await createTestUser()
    await createSession(user.id)
    const rows = await db.selectFrom('sessions').selectAll().where('userId', '=', user.id).execute()
    for (const row of rows) {
      for (const stolen of [row.tokenHash, row.id]) {
        expect((await validateSessionToken(stolen)).user).toBeNull()
        const request = new Request('http://localhost/', { headers: { cookie: `essaim_session=${stolen}` } })
        expect(await getOptionalUser(request)).toBeNull()
      }
    }
  })

  test('a valid token finds its user through the cookie', async () => {
    const user = await createTestUser()
    const { token, cookie } = await createSession(user.id)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    const request = new Request('http://localhost/', { headers: { cookie: cookie.split(';')[0] } })
    expect(readSessionToken(request)).toBe(token)
    expect((await getOptionalUser(request))?.id).toBe(user.id)
  })

  test('inactivity of 7 days ends the session', async () => {
    const user = await createTestUser()
    const start = new Date('2026-01-01T10:00:00Z')
    const { token } = await createSession(user.id, { now: start })
    const almost = new Date(start.getTime() + SESSION_INACTIVITY_MS - 1000)
    expect((await validateSessionToken(token, almost)).user?.id).toBe(user.id)
    // last seen was renewed at `almost`, so 7 days after *that* it ends
    const after = new Date(almost.getTime() + SESSION_INACTIVITY_MS + 1)
    expect((await validateSessionToken(token, after)).user).toBeNull()
    expect(await db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute()).toHaveLength(0)
  })

  test('renewal happens at most once an hour and slides the window', async () => {
    const user = await createTestUser()
    const start = new Date('2026-02-01T10:00:00Z')
    const { token, session } = await createSession(user.id, { now: start })
    const soon = new Date(start.getTime() + SESSION_RENEW_INTERVAL_MS - 1)
    const first = await validateSessionToken(token, soon)
    expect(first.renewedCookie).toBeNull()
    expect(first.session?.lastSeenAt).toBe(session.lastSeenAt)
    const later = new Date(start.getTime() + SESSION_RENEW_INTERVAL_MS + 1)
    const second = await validateSessionToken(token, later)
    expect(second.renewedCookie).toContain(token)
    const row = await db.selectFrom('sessions').select('lastSeenAt').where('id', '=', session.id).executeTakeFirstOrThrow()
    expect(row.lastSeenAt).toBe(later.toISOString())
  })

  test('the absolute lifetime of 30 days ends the session even when active', async () => {
    const user = await createTestUser()
    const start = new Date('2026-03-01T10:00:00Z')
    const { token } = await createSession(user.id, { now: start })
    for (let day = 6; day < 30; day += 6) {
      expect((await validateSessionToken(token, new Date(start.getTime() + day * 86_400_000))).user).not.toBeNull()
    }
    const end = new Date(start.getTime() + SESSION_ABSOLUTE_LIFETIME_MS)
    expect((await validateSessionToken(token, end)).user).toBeNull()
  })

  test('revoking all sessions but one', async () => {
    const user = await createTestUser()
    const a = await createSession(user.id)
    const b = await createSession(user.id)
    await invalidateUserSessions(user.id, { except: a.session.id })
    expect((await validateSessionToken(a.token)).user).not.toBeNull()
    expect((await validateSessionToken(b.token)).user).toBeNull()
    expect((await listUserSessions(user.id)).map((s) => s.id)).toEqual([a.session.id])
  })
})
