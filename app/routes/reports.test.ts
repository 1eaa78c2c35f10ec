import type { JSONContent } from '@tiptap/core'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { createThread, reply } from '#app/modules/discussions/discussions.server.ts'
import { caseId, reportItem } from '#app/modules/reports/reports.server.ts'
import { FLASH_MESSAGES } from '#app/utils/flash.server.ts'
import { addTestGroupMember, createTestGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, formPost, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'
import * as decisionPage from './moderation.signalements.$id.tsx'
import * as readingPage from './ressources.$slug._index/route.tsx'
import * as reportPage from './signaler.$kind.$id.tsx'

// The « Signaler » form and the decision page through the real route modules, without JavaScript: French messages,
// typed input kept on a 400, 404 for what the viewer may not see, the flash after a report.

const asRoute = (module: unknown) => module as TestRoute['module']
const app = createTestApp({
  ...GROUP_PAGE_ROUTES,
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: asRoute(readingPage) },
  'routes/signaler.$kind.$id': { path: 'signaler/:kind/:id', module: asRoute(reportPage) },
  'routes/moderation.signalements.$id': { path: 'moderation/signalements/:id', module: asRoute(decisionPage) },
})

const doc = (text: string): JSONContent => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
const decode = (html: string) => html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function get(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  const page = await readPage(response)
  return { status: response.status, location: response.headers.get('location'), visible: decode(page.visible) }
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  const page = await readPage(response)
  return { status: response.status, location: response.headers.get('location'), setCookie: response.headers.get('set-cookie'), visible: decode(page.visible) }
}

describe('the « Signaler » form', () => {
  test('a resource page links to it; a report without JavaScript thanks the person; a second one says it is done', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, overrides: { territory: 'calaisis' } })
    const me = await login()
    const page = await get(`/ressources/${resource.slug}`, me.cookie)
    expect(page.visible).toContain(`href="/signaler/ressource/${resource.slug}">Signaler cette ressource</a>`)
    // Its author and anonymous visitors get no link.
    expect((await get(`/ressources/${resource.slug}`)).visible).not.toContain('Signaler cette ressource')

    const form = await get(`/signaler/ressource/${resource.slug}`, me.cookie)
    expect(form.status).toBe(200)
    expect(form.visible).toContain('<h1>Signaler un contenu</h1>')
    expect(form.visible).toContain('Informations fausses ou obsolètes')
    expect(form.visible).toContain('novalidate')

    const sent = await post(`/signaler/ressource/${resource.slug}`, { reason: 'misinformation', details: 'Le lien est mort' }, me.cookie)
    expect(sent.status).toBe(302)
    expect(sent.location).toBe(`/ressources/${resource.slug}`)
    expect(sent.setCookie).toContain('essaim_flash=report-sent')
    expect(FLASH_MESSAGES['report-sent']).toMatch(/^Merci pour votre signalement/)

    const again = await get(`/signaler/ressource/${resource.slug}`, me.cookie)
    expect(again.visible).toContain('Vous avez déjà signalé ce contenu.')
    const twice = await post(`/signaler/ressource/${resource.slug}`, { reason: 'spam', details: '' }, me.cookie)
    expect(twice.status).toBe(400)
    expect(twice.visible).toContain('Vous avez déjà signalé ce contenu.')
    expect(await db.selectFrom('reports').select('id').where('targetId', '=', resource.id).execute()).toHaveLength(1)
  })

  test('bad input: 400, French messages next to the fields, what was typed kept', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author })
    const me = await login()
    const noReason = await post(`/signaler/ressource/${resource.slug}`, { details: 'Mon texte à garder' }, me.cookie)
    expect(noReason.status).toBe(400)
    expect(noReason.visible).toContain('Choisissez le motif du signalement.')
    expect(noReason.visible).toContain('Mon texte à garder</textarea>')
    const other = await post(`/signaler/ressource/${resource.slug}`, { reason: 'other', details: '' }, me.cookie)
    expect(other.status).toBe(400)
    expect(other.visible).toContain('Précisez le motif : le texte est obligatoire pour « Autre ».')
    expect(other.visible).toMatch(/id="motif-other"[^>]*checked/)
  })

  test('404 for what the viewer may not see; the log-in page for anonymous visitors; its author is told why not', async () => {
    const author = await login()
    const draft = await createTestResource({ author: author.user, status: 'draft' })
    const me = await login()
    expect((await get(`/signaler/ressource/${draft.slug}`, me.cookie)).status).toBe(404)
    expect((await post(`/signaler/ressource/${draft.slug}`, { reason: 'spam' }, me.cookie)).status).toBe(404)
    expect((await get('/signaler/ressource/inconnue', me.cookie)).status).toBe(404)
    expect((await get('/signaler/commentaire/x', me.cookie)).status).toBe(404)
    const published = await createTestResource({ author: author.user })
    const anonymous = await get(`/signaler/ressource/${published.slug}`)
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/connexion\?redirectTo=/)
    expect((await get(`/signaler/ressource/${published.slug}`, author.cookie)).visible).toContain(
      'Vous ne pouvez pas signaler un contenu que vous avez publié.',
    )
  })

  test('a reply links to its form for other members; a non-member gets 404', async () => {
    const group = await createTestGroup({ pageVisibility: 'members' })
    const writer = await login()
    const reader = await login()
    await addTestGroupMember(group.id, writer.user.id)
    await addTestGroupMember(group.id, reader.user.id)
    const thread = await createThread({ actor: await actorOf(writer.user), groupId: group.id, title: 'Un fil', body: doc('Bonjour') })
    if (!thread.ok) throw new Error(thread.reason)
    const posted = await reply({ actor: await actorOf(writer.user), threadId: thread.threadId, body: doc('Une réponse') })
    if (!posted.ok) throw new Error(posted.reason)
    const page = await get(`/groupes/${group.slug}/discussions/${thread.threadId}`, reader.cookie)
    expect(page.visible).toContain(`href="/signaler/message/${posted.postId}">Signaler</a>`)
    expect((await get(`/groupes/${group.slug}/discussions/${thread.threadId}`, writer.cookie)).visible).not.toContain('/signaler/message/')
    const outsider = await login()
    expect((await get(`/signaler/message/${posted.postId}`, outsider.cookie)).status).toBe(404)
    const sent = await post(`/signaler/message/${posted.postId}`, { reason: 'abuse' }, reader.cookie)
    expect(sent.status).toBe(302)
    expect(sent.location).toBe(`/groupes/${group.slug}/discussions/${thread.threadId}#message-${posted.postId}`)
  })
})

describe('the decision page', () => {
  async function reported() {
    const author = await createTestUser()
    const resource = await createTestResource({ author, overrides: { territory: 'calaisis', title: 'Une pratique signalée' } })
    for (let i = 0; i < 3; i++) {
      await reportItem({ actor: await actorOf(await createTestUser({ name: `Rapporteur ${i}` })), kind: 'resource', targetId: resource.id, reason: 'spam', details: i === 0 ? 'Publicité déguisée' : '', threshold: 3 })
    }
    return { resource, author, url: `/moderation/signalements/${caseId('resource', resource.id)}` }
  }

  test('coordinators of its territory decide; the reporters are not named; a note over 1 000 characters is refused in French', async () => {
    const { resource, url, author } = await reported()
    // While hidden: a 404 to others, the banner to its author.
    expect((await get(`/ressources/${resource.slug}`)).status).toBe(404)
    const { cookie: authorCookie } = await createSession(author.id)
    expect((await get(`/ressources/${resource.slug}`, authorCookie.split(';')[0])).visible).toContain('Masqué en attente de modération')
    const coordinator = await login()
    await addTestGroupMember((await territoryGroup('calaisis')).id, coordinator.user.id, 'coordinator')
    const page = await get(url, coordinator.cookie)
    expect(page.status).toBe(200)
    expect(page.visible).toContain('<h1>Ressource signalée : Une pratique signalée</h1>')
    expect(page.visible).toContain('3 signalements de 3 personnes')
    expect(page.visible).toContain('« Publicité déguisée »')
    expect(page.visible).toContain('masqué en attente de modération')
    expect(page.visible).not.toContain('Rapporteur')

    const tooLong = await post(url, { decision: 'restore', note: 'x'.repeat(1001) }, coordinator.cookie)
    expect(tooLong.status).toBe(400)
    expect(tooLong.visible).toContain('La note ne doit pas dépasser 1 000 caractères.')
    expect(tooLong.visible).toContain(`${'x'.repeat(1001)}</textarea>`)
    const noDecision = await post(url, { note: 'ok' }, coordinator.cookie)
    expect(noDecision.status).toBe(400)
    expect(noDecision.visible).toContain('Choisissez « Rétablir » ou « Retirer ».')

    const done = await post(url, { decision: 'restore', note: 'Rien à redire' }, coordinator.cookie)
    expect(done.status).toBe(302)
    expect(done.location).toBe('/moderation')
    expect(done.setCookie).toContain('essaim_flash=report-decided')
    expect((await get(`/ressources/${resource.slug}`)).status).toBe(200)
    expect((await get(`/ressources/${resource.slug}`)).visible).not.toContain('Masqué en attente de modération')
    // Decided: the case is closed.
    expect((await get(url, coordinator.cookie)).status).toBe(404)
  })

  test('404 for a coordinator of another territory, a member, and a made-up id', async () => {
    const { url } = await reported()
    const artois = await login()
    await addTestGroupMember((await territoryGroup('artois')).id, artois.user.id, 'coordinator')
    const member = await login()
    expect((await get(url, artois.cookie)).status).toBe(404)
    expect((await post(url, { decision: 'remove' }, artois.cookie)).status).toBe(404)
    expect((await get(url, member.cookie)).status).toBe(404)
    const admin = await login({ role: 'admin' })
    expect((await get('/moderation/signalements/n-importe-quoi', admin.cookie)).status).toBe(404)
    expect((await get(url, admin.cookie)).status).toBe(200)
  })
})
