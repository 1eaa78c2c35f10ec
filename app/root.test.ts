import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { addTestGroupMember, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestApp, pageGet } from '#tests/helpers/remix-app.ts'
import { SESSION_RENEW_INTERVAL_MS, createSession } from '#app/modules/auth/session.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import * as index from './routes/_index.tsx'

const app = createTestApp({ 'routes/_index': { path: '/', module: index } })

describe('root loader cookies', () => {
  beforeEach(() => resetRateLimits())

  test('a renewed session cookie and the flash-clearing cookie reach the document response', async () => {
    const user = await createTestUser()
    const { cookie, session } = await createSession(user.id, { now: new Date(Date.now() - SESSION_RENEW_INTERVAL_MS - 60_000) })
    const response = await app(pageGet('/', `${cookie.split(';')[0]}; essaim_flash=logged-in`))
    expect(response.status).toBe(200)
    const cookies = response.headers.getSetCookie()
    expect(cookies.some((c) => c.startsWith(`${cookie.split(';')[0]};`) && /Expires=/.test(c))).toBe(true)
    expect(cookies.some((c) => c.startsWith('essaim_flash=;') && c.includes('Max-Age=0'))).toBe(true)
    const html = await response.text()
    expect(html).toContain('Connexion réussie.')
    const row = await db.selectFrom('sessions').select('lastSeenAt').where('id', '=', session.id).executeTakeFirstOrThrow()
    expect(new Date(row.lastSeenAt).getTime()).toBeGreaterThan(Date.now() - 60_000)
  })

  test('the same cookies reach a single-fetch data response', async () => {
    const user = await createTestUser()
    const { cookie } = await createSession(user.id, { now: new Date(Date.now() - SESSION_RENEW_INTERVAL_MS - 60_000) })
    const response = await app(pageGet('/_root.data', `${cookie.split(';')[0]}; essaim_flash=logged-in`))
    expect(response.status).toBe(200)
    const cookies = response.headers.getSetCookie()
    expect(cookies.some((c) => c.startsWith(`${cookie.split(';')[0]};`))).toBe(true)
    expect(cookies.some((c) => c.startsWith('essaim_flash=;'))).toBe(true)
  })

  test('no cookie is set when nothing needs renewing', async () => {
    const user = await createTestUser()
    const { cookie } = await createSession(user.id)
    const response = await app(pageGet('/', cookie.split(';')[0]))
    expect(response.headers.getSetCookie()).toEqual([])
  })
})

describe('the header’s « Modération (n) »', () => {
  test('coordinators and admins see the link with their count; members do not', async () => {
    const coordinator = await createTestUser()
    await addTestGroupMember((await territoryGroup('artois')).id, coordinator.id, 'coordinator')
    const before = await app(pageGet('/', (await createSession(coordinator.id)).cookie.split(';')[0]))
    const n = Number(/Modération \((\d+)\)/.exec(await before.text())?.[1])
    expect(Number.isInteger(n)).toBe(true)
    await createTestResource({ author: await createTestUser(), type: 'initiative', status: 'pending', overrides: { territory: 'artois' } })
    const after = await app(pageGet('/', (await createSession(coordinator.id)).cookie.split(';')[0]))
    expect(await after.text()).toContain(`href="/moderation">Modération (${n + 1})</a>`)

    const member = await createTestUser()
    const page = await app(pageGet('/', (await createSession(member.id)).cookie.split(';')[0]))
    expect(await page.text()).not.toContain('Modération (')
  })
})
