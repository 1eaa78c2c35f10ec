import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { drainNotificationOutbox } from '#app/modules/notifications/fanout.server.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { type TestRoute, createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import * as follows from './abonnements.ts'
import * as accountFollows from './compte.abonnements.tsx'
import * as notifications from './notifications.tsx'
import * as resourcePage from './ressources.$slug._index/route.tsx'

// Routes of issue 17 §3–4: following and stopping (no-JS forms), /compte/abonnements, /notifications (mark read, mark
// all read, anonymous sent to log in), the bell's count in the header.

const app = createTestApp({
  'routes/abonnements': { path: 'abonnements', module: follows },
  'routes/compte.abonnements': { path: 'compte/abonnements', module: accountFollows },
  'routes/notifications': { path: 'notifications', module: notifications },
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: resourcePage as unknown as TestRoute['module'] },
})

async function loggedIn(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0]! }
}

describe('follow and stop', () => {
  test('anonymous visitors are sent to log in; no button for them on a resource page', async () => {
    const response = await app(formPost('/abonnements', { intent: 'follow', kind: 'territory', key: 'lens-lievin' }))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toMatch(/^\/connexion\?redirectTo=/)
    const author = await createTestUser()
    const resource = await createTestResource({ author })
    const { visible } = await readPage(await app(pageGet(`/ressources/${resource.slug}`)))
    expect(visible).not.toContain('Suivre cette ressource')
  })

  test('follow a resource from its page, back to the page with the stop button; stop it again', async () => {
    const { user, cookie } = await loggedIn()
    const author = await createTestUser()
    const resource = await createTestResource({ author })
    let page = await readPage(await app(pageGet(`/ressources/${resource.slug}`, cookie)))
    expect(page.visible).toContain('Suivre cette ressource')
    const followed = await app(
      formPost('/abonnements', { intent: 'follow', kind: 'resource', key: resource.id, redirectTo: `/ressources/${resource.slug}` }, cookie),
    )
    expect(followed.status).toBe(302)
    expect(followed.headers.get('location')).toBe(`/ressources/${resource.slug}`)
    page = await readPage(await app(pageGet(`/ressources/${resource.slug}`, cookie)))
    expect(page.visible).toContain('Ne plus suivre cette ressource')
    const list = await readPage(await app(pageGet('/compte/abonnements', cookie)))
    expect(list.visible).toContain('Ressources (1)')
    expect(list.visible).toContain(resource.title)
    await app(formPost('/abonnements', { intent: 'stop', kind: 'resource', key: resource.id }, cookie))
    const row = await db.selectFrom('follows').select(['stoppedAt']).where('userId', '=', user.id).executeTakeFirstOrThrow()
    expect(row.stoppedAt).not.toBeNull()
    expect((await readPage(await app(pageGet('/compte/abonnements', cookie)))).visible).toContain('Vous ne suivez encore rien.')
  })

  test('a group-only resource of a group one is not in is a 404 (nothing confirms it exists); an unknown kind a 400', async () => {
    const { cookie } = await loggedIn()
    const group = await createTestGroup()
    const author = await createTestUser()
    const resource = await createTestResource({ author, visibility: 'group', overrides: { groups: [group.slug] } })
    expect((await app(formPost('/abonnements', { intent: 'follow', kind: 'resource', key: resource.id }, cookie))).status).toBe(404)
    expect((await app(formPost('/abonnements', { intent: 'follow', kind: 'nimporte', key: 'x' }, cookie))).status).toBe(400)
    expect(await db.selectFrom('follows').select('id').where('targetKey', '=', resource.id).where('userId', '<>', author.id).execute()).toEqual([])
  })

  test('an unverified person cannot follow (a message says why); a saved search is one follow whatever its order', async () => {
    const unverified = await loggedIn({ emailVerifiedAt: null })
    const refused = await app(formPost('/abonnements', { intent: 'follow', kind: 'territory', key: 'lens-lievin' }, unverified.cookie))
    expect(refused.status).toBe(302)
    expect(refused.headers.getSetCookie().join()).toContain('essaim_flash=follow-unverified')
    const { user, cookie } = await loggedIn()
    await app(formPost('/abonnements', { intent: 'follow', kind: 'search', key: '?territory=lens-lievin&q=Tiers%20lieux&page=2' }, cookie))
    await app(formPost('/abonnements', { intent: 'follow', kind: 'search', key: 'q=tiers+lieux&territory=lens-lievin' }, cookie))
    const rows = await db.selectFrom('follows').select('targetKey').where('userId', '=', user.id).execute()
    expect(rows).toEqual([{ targetKey: 'q=tiers+lieux&territory=lens-lievin' }])
    expect((await readPage(await app(pageGet('/compte/abonnements', cookie)))).visible).toContain('« tiers lieux » · Lens')
  })

  test('« Tout arrêter » stops every follow of one kind, and an automatic follow stopped is not created again', async () => {
    const { user, cookie } = await loggedIn()
    for (const key of ['lens-lievin', 'ternois']) await app(formPost('/abonnements', { intent: 'follow', kind: 'territory', key }, cookie))
    await app(formPost('/abonnements', { intent: 'follow', kind: 'theme', key: 'financement' }, cookie))
    await app(formPost('/abonnements', { intent: 'stop-all', kind: 'territory' }, cookie))
    const active = await db.selectFrom('follows').select('targetKind').where('userId', '=', user.id).where('stoppedAt', 'is', null).execute()
    expect(active).toEqual([{ targetKind: 'theme' }])
    // Its own resource: followed automatically, marked so; stopped, writing again does not bring it back.
    const mine = await createTestResource({ author: user })
    expect((await readPage(await app(pageGet('/compte/abonnements', cookie)))).visible).toContain('automatique')
    await app(formPost('/abonnements', { intent: 'stop', kind: 'resource', key: mine.id }, cookie))
    const { autoFollow } = await import('#app/modules/follows/store.server.ts')
    await autoFollow(user.id, { kind: 'resource', key: mine.id })
    const row = await db.selectFrom('follows').select('stoppedAt').where('userId', '=', user.id).where('targetKey', '=', mine.id).executeTakeFirstOrThrow()
    expect(row.stoppedAt).not.toBeNull()
  })
})

describe('/notifications and the bell', () => {
  test('anonymous visitors are sent to log in', async () => {
    const response = await app(pageGet('/notifications'))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/connexion?redirectTo=%2Fnotifications')
    expect((await app(formPost('/notifications', { intent: 'read-all' }))).status).toBe(302)
  })

  test('the bell counts, the list links, mark one read then all; the count follows a member who leaves', async () => {
    const { user, cookie } = await loggedIn()
    const group = await createTestGroup()
    await addTestGroupMember(group.id, user.id)
    await app(formPost('/abonnements', { intent: 'follow', kind: 'territory', key: 'henin-carvin' }, cookie))
    await app(formPost('/abonnements', { intent: 'follow', kind: 'group', key: group.id }, cookie))
    const author = await createTestUser()
    const open = await createTestResource({ author, overrides: { territory: 'henin-carvin' } })
    const restricted = await createTestResource({ author, visibility: 'group', overrides: { territory: 'henin-carvin', groups: [group.slug] } })
    await drainNotificationOutbox()

    let page = await readPage(await app(pageGet('/notifications', cookie)))
    expect(page.full).toContain('aria-label="Notifications, 2 non lues"')
    expect(page.visible).toContain(`href="/ressources/${open.slug}"`)
    expect(page.visible).toContain(`href="/ressources/${restricted.slug}"`)
    expect(page.visible).toContain('2 non lues.')

    const id = (await db.selectFrom('notifications').select('id').where('userId', '=', user.id).where('targetId', '=', open.id).executeTakeFirstOrThrow()).id
    const read = await app(formPost('/notifications', { intent: 'read', id }, cookie))
    expect(read.status).toBe(302)
    page = await readPage(await app(pageGet('/notifications', cookie)))
    expect(page.full).toContain('aria-label="Notifications, 1 non lue"')

    // Left the group: the group-only one disappears from the list and from the count.
    await db.deleteFrom('groupMemberships').where('groupId', '=', group.id).where('userId', '=', user.id).execute()
    page = await readPage(await app(pageGet('/notifications', cookie)))
    expect(page.full).toContain('aria-label="Notifications, aucune non lue"')
    expect(page.visible).not.toContain(restricted.slug)
    expect(page.visible).toContain(open.slug)

    // Someone else cannot mark mine read; « Tout marquer comme lu » marks mine.
    const other = await loggedIn()
    await addTestGroupMember(group.id, user.id)
    await app(formPost('/notifications', { intent: 'read-all' }, other.cookie))
    expect((await readPage(await app(pageGet('/notifications', cookie)))).full).toContain('aria-label="Notifications, 1 non lue"')
    await app(formPost('/notifications', { intent: 'read-all' }, cookie))
    expect((await readPage(await app(pageGet('/notifications', cookie)))).full).toContain('aria-label="Notifications, aucune non lue"')
  })
})
