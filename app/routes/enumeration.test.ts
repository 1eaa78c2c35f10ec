import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { cookieValue, createTestApp, formPost } from '#tests/helpers/remix-app.ts'
import { logIn, signUp } from '#app/modules/auth/accounts.server.ts'
import { getLoginThrottle, getUnknownAddressThrottle, resetLoginThrottleMemory } from '#app/modules/auth/login-throttle.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import * as profileRoute from './compte.profil.tsx'
import * as signUpRoute from './inscription.tsx'

// F9 of the security probe: neither the sign-up form, nor the email-change form, nor the login throttle may tell
// whether an address has an account.

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const app = createTestApp({
  'routes/inscription': { path: 'inscription', module: signUpRoute as unknown as RouteModule },
  'routes/compte.profil': { path: 'compte/profil', module: profileRoute as unknown as RouteModule },
})
const PASSWORD = 'un mot de passe solide 2026'
const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}@exemple.fr`

/** What an observer of the response sees, the session cookie aside (see the sign-up test). */
async function observable(response: Response) {
  return {
    status: response.status,
    location: response.headers.get('location'),
    flash: cookieValue(response, 'essaim_flash'),
    body: await response.text(),
  }
}

async function outbox(to: string) {
  return db.selectFrom('emailOutbox').select(['template', 'textBody']).where('toAddress', '=', to).execute()
}

beforeEach(() => {
  resetRateLimits()
  resetLoginThrottleMemory()
})

describe('sign-up', () => {
  test('a taken address gets the same answer as a free one; its owner is emailed; nothing is created', async () => {
    const existing = await createTestUser({ name: 'Thomas Delattre' })
    const form = (email: string) => ({ email, name: 'Camille Dupont', password: PASSWORD, charter: 'on', website: '' })
    const fresh = await app(formPost('/inscription', form(unique('libre'))))
    const taken = await app(formPost('/inscription', form(` ${existing.email.toUpperCase()} `)))
    expect(await observable(taken)).toEqual(await observable(fresh))
    expect((await observable(taken)).location).toBe('/compte')
    expect(await db.selectFrom('users').select('id').where('email', '=', existing.email).execute()).toHaveLength(1)
    const mails = await outbox(existing.email)
    expect(mails.map((m) => m.template)).toEqual(['sign-up-attempt'])
    expect(mails[0].textBody).toContain('/connexion')
    expect(mails[0].textBody).toContain('/mot-de-passe-oublie')
    expect(mails[0].textBody).toContain('Bonjour Thomas Delattre,')
    // No session is opened on someone else's account.
    expect(cookieValue(taken, 'essaim_session')).toBeUndefined()
  })

  test('exactly one account per address under concurrency', async () => {
    const email = unique('course')
    const results = await Promise.all(Array.from({ length: 5 }, () => signUp({ email, name: 'Course', password: PASSWORD })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(1)
    expect((await outbox(email)).filter((m) => m.template === 'sign-up-attempt')).toHaveLength(4)
  })
})

describe('email change', () => {
  test('a taken new address gets the same answer as a free one; its owner is told; nothing changes', async () => {
    const user = await createTestUser()
    const { cookie } = await createSession(user.id)
    const session = cookie.split(';')[0]
    const other = await createTestUser({ name: 'Julie Autre' })
    const free = unique('libre')
    const sent = await app(formPost('/compte/profil', { intent: 'email', newEmail: free, currentPassword: user.password }, session))
    const taken = await app(formPost('/compte/profil', { intent: 'email', newEmail: other.email.toUpperCase(), currentPassword: user.password }, session))
    expect(await observable(taken)).toEqual(await observable(sent))
    expect(taken.status).toBe(302)
    expect((await outbox(other.email)).map((m) => m.template)).toEqual(['email-change-attempt'])
    expect(await db.selectFrom('emailChangeRequests').select('newEmail').where('userId', '=', user.id).execute()).toEqual([{ newEmail: free }])
    expect((await db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email).toBe(user.email)
    expect((await db.selectFrom('users').select('email').where('id', '=', other.id).executeTakeFirstOrThrow()).email).toBe(other.email)
  })
})

describe('login throttle', () => {
  test('the same growing delays for an unknown address as for an existing account', async () => {
    const user = await createTestUser()
    const ghost = unique('ghost')
    const now = new Date()
    const sleeps: Record<'existing' | 'unknown', number[]> = { existing: [], unknown: [] }
    for (let i = 0; i < 8; i++) {
      await logIn({ email: user.email, password: `faux ${i}`, clientIp: '10.9.0.1', now, sleep: async (ms) => void sleeps.existing.push(ms) })
      await logIn({ email: ghost, password: `faux ${i}`, clientIp: '10.9.0.1', now, sleep: async (ms) => void sleeps.unknown.push(ms) })
    }
    expect(sleeps.existing).toEqual([1000, 2000, 4000])
    expect(sleeps.unknown).toEqual(sleeps.existing)
    expect(getUnknownAddressThrottle(` ${ghost.toUpperCase()}`, '10.9.0.2', now)).toEqual(await getLoginThrottle(user.id, '10.9.0.2', now))
    expect(getUnknownAddressThrottle(` ${ghost.toUpperCase()}`, '10.9.0.2', now).delayMs).toBe(8000)
  })
})
