import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { territoryGroupPhrase } from '#app/modules/groups/suggestion.ts'
import { territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import * as account from './compte._index.tsx'
import * as profile from './compte.profil.tsx'

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const asRoute = (module: unknown) => module as RouteModule

const app = createTestApp({
  'routes/compte._index': { path: 'compte', index: true, module: asRoute(account) },
  'routes/compte.profil': { path: 'compte/profil', module: asRoute(profile) },
})

async function territoryId(slug: string) {
  return (await db.selectFrom('territories').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
}

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function visible(url: string, cookie: string) {
  const response = await app(pageGet(url, cookie))
  expect(response.status).toBe(200)
  return (await readPage(response)).visible.replace(/<!-- -->/g, '')
}

describe('the territory group offered on the account pages', () => {
  test('the French phrase of each kind of territory name', () => {
    expect(territoryGroupPhrase('Calaisis')).toBe('le groupe du Calaisis')
    expect(territoryGroupPhrase('Arrageois')).toBe('le groupe de l’Arrageois')
    expect(territoryGroupPhrase('Lens-Liévin')).toBe('le groupe de Lens-Liévin')
    expect(territoryGroupPhrase('Hénin-Carvin')).toBe('le groupe d’Hénin-Carvin')
  })

  test('an open group: shown on /compte/profil and /compte, joined with the button, then gone', async () => {
    const person = await login({ territoryId: await territoryId('calaisis') })
    const group = await territoryGroup('calaisis')
    for (const url of ['/compte/profil', '/compte']) {
      const html = await visible(url, person.cookie)
      expect(html).toContain('Rejoindre le groupe du Calaisis')
      expect(html).toContain('name="intent" value="join-suggested-group"')
    }
    const response = await app(formPost('/compte/profil', { intent: 'join-suggested-group', groupId: group.id }, person.cookie))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/territoires/calaisis')
    expect(response.headers.get('set-cookie')).toContain('essaim_flash=group-joined')
    const membership = await db
      .selectFrom('groupMemberships')
      .select('role')
      .where('groupId', '=', group.id)
      .where('userId', '=', person.user.id)
      .executeTakeFirst()
    expect(membership).toEqual({ role: 'member' })
    for (const url of ['/compte/profil', '/compte']) expect(await visible(url, person.cookie)).not.toContain('Rejoindre le groupe')
    // A second click (double submission, stale page) joins nothing more and goes back to the profile.
    const again = await app(formPost('/compte/profil', { intent: 'join-suggested-group', groupId: group.id }, person.cookie))
    expect(again.headers.get('location')).toBe('/compte/profil')
  })

  test('no territory, an unconfirmed address, or a blocked person: no offer, and the POST joins nothing', async () => {
    const calaisis = await territoryId('calaisis')
    const group = await territoryGroup('calaisis')
    const noTerritory = await login()
    const unverified = await login({ territoryId: calaisis, emailVerifiedAt: null })
    const blocked = await login({ territoryId: calaisis })
    await db.insertInto('groupBlocks').values({ groupId: group.id, userId: blocked.user.id, blockedBy: null, blockedAt: new Date().toISOString() }).execute()
    for (const person of [noTerritory, unverified, blocked]) {
      expect(await visible('/compte/profil', person.cookie)).not.toContain('Rejoindre le groupe')
      const response = await app(formPost('/compte/profil', { intent: 'join-suggested-group', groupId: group.id }, person.cookie))
      expect(response.headers.get('location')).toBe('/compte/profil')
      expect(
        await db.selectFrom('groupMemberships').select('role').where('groupId', '=', group.id).where('userId', '=', person.user.id).executeTakeFirst(),
      ).toBeUndefined()
    }
  })

  test('a group on request: a link to its page (no button); none once a request is pending', async () => {
    const group = await territoryGroup('ternois')
    await db.updateTable('groups').set({ joinPolicy: 'request' }).where('id', '=', group.id).execute()
    try {
      const person = await login({ territoryId: await territoryId('ternois') })
      const html = await visible('/compte/profil', person.cookie)
      expect(html).toContain('Rejoindre le groupe du Ternois (sur demande)')
      expect(html).toContain('href="/territoires/ternois"')
      expect(html).not.toContain('value="join-suggested-group"')
      const refused = await app(formPost('/compte/profil', { intent: 'join-suggested-group', groupId: group.id }, person.cookie))
      expect(refused.headers.get('location')).toBe('/compte/profil')
      await db
        .insertInto('groupJoinRequests')
        .values({ id: `req-${person.user.id}`, groupId: group.id, userId: person.user.id, message: '', createdAt: new Date().toISOString(), decidedAt: null, decidedBy: null, decisionMessage: null })
        .execute()
      expect(await visible('/compte/profil', person.cookie)).not.toContain('Rejoindre le groupe')
    } finally {
      await db.updateTable('groups').set({ joinPolicy: 'open' }).where('id', '=', group.id).execute()
    }
  })
})
