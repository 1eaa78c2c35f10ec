import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { addTestGroupMember, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { db } from '#db/client.server.ts'
import { createTestApp, formPost, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'
import * as queuePage from './moderation._index.tsx'
import * as reviewPage from './moderation.relecture.$id.tsx'

// The /moderation queue page through the real route module, without JavaScript: scoping, filters, empty state, 404.

const app = createTestApp({
  'routes/moderation._index': { path: 'moderation', index: true, module: queuePage as unknown as TestRoute['module'] },
  'routes/moderation.relecture.$id': { path: 'moderation/relecture/:id', module: reviewPage as unknown as TestRoute['module'] },
})
const decode = (html: string) => html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function get(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  const page = await readPage(response)
  return { status: response.status, visible: decode(page.visible) }
}

async function pending(territory: string, title: string) {
  return createTestResource({ author: await createTestUser(), type: 'initiative', status: 'pending', overrides: { territory, title } })
}

describe('/moderation', () => {
  test('a coordinator sees the pending resources of their territory only, and filters', async () => {
    const me = await login()
    await addTestGroupMember((await territoryGroup('artois')).id, me.user.id, 'coordinator')
    const mine = await pending('artois', 'Épicerie solidaire à relire')
    await pending('calaisis', 'Ressource du Calaisis à relire')
    const page = await get('/moderation', me.cookie)
    expect(page.status).toBe(200)
    expect(page.visible).toContain('<h1>Modération</h1>')
    expect(page.visible).toContain(`href="/moderation/relecture/${mine.id}">Épicerie solidaire à relire</a>`)
    expect(page.visible).not.toContain('Ressource du Calaisis à relire')
    expect(page.visible).toMatch(/\d+ éléments? en attente/)

    const reportsOnly = await get('/moderation?type=signalement&territoire=artois', me.cookie)
    expect(reportsOnly.visible).not.toContain('Épicerie solidaire à relire')
    expect(reportsOnly.visible).toContain('Rien à relire pour le moment.')
    expect(reportsOnly.visible).toMatch(/<option value="signalement" selected="">/)
  })

  test('an admin sees every territory; members and anonymous visitors get no page', async () => {
    const other = await pending('calaisis', 'Ressource du Calaisis pour l’admin')
    const admin = await login({ role: 'admin' })
    expect((await get('/moderation?territoire=calaisis', admin.cookie)).visible).toContain(`href="/moderation/relecture/${other.id}"`)
    const member = await login()
    expect((await get('/moderation', member.cookie)).status).toBe(404)
    expect((await get('/moderation')).status).not.toBe(200)
  })
})

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  const page = await readPage(response)
  return { status: response.status, location: response.headers.get('location'), visible: decode(page.visible) }
}

describe('/moderation/relecture/:id', () => {
  test('shows the resource and its author; a refusal without a note is a French 400 that keeps the form; approving redirects', async () => {
    const me = await login()
    await addTestGroupMember((await territoryGroup('artois')).id, me.user.id, 'coordinator')
    const resource = await pending('artois', 'Jardin partagé à relire')
    const url = `/moderation/relecture/${resource.id}`
    const page = await get(url, me.cookie)
    expect(page.status).toBe(200)
    expect(page.visible).toContain('Relecture : Jardin partagé à relire')
    expect(page.visible).toContain('Demander des modifications')
    expect(page.visible).toContain('noValidate'.toLowerCase())

    const refused = await post(url, { decision: 'refuse', note: '   ' }, me.cookie)
    expect(refused.status).toBe(400)
    expect(refused.visible).toContain('Expliquez en quelques mots ce que vous demandez')
    const tooLong = await post(url, { decision: 'request-changes', note: `Trop long ${'x'.repeat(2000)}` }, me.cookie)
    expect(tooLong.status).toBe(400)
    expect(tooLong.visible).toContain('Trop long xxx')

    const approved = await post(url, { decision: 'approve', note: '' }, me.cookie)
    expect(approved.status).toBe(302)
    expect(approved.location).toBe('/moderation')
    expect((await db.selectFrom('resources').select('status').where('id', '=', resource.id).executeTakeFirstOrThrow()).status).toBe('published')
    // Decided: no longer a review page.
    expect((await get(url, me.cookie)).status).toBe(404)
  })

  test('404 for a coordinator of another territory and for members, on GET and POST', async () => {
    const resource = await pending('calaisis', 'Ressource du Calaisis, hors de portée')
    const artois = await login()
    await addTestGroupMember((await territoryGroup('artois')).id, artois.user.id, 'coordinator')
    const member = await login()
    const url = `/moderation/relecture/${resource.id}`
    for (const who of [artois, member]) {
      expect((await get(url, who.cookie)).status).toBe(404)
      expect((await post(url, { decision: 'approve', note: '' }, who.cookie)).status).toBe(404)
    }
    expect((await db.selectFrom('resources').select('status').where('id', '=', resource.id).executeTakeFirstOrThrow()).status).toBe('pending')
  })
})
