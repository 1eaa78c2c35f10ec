import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { db } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { AGENDA_ROUTES } from '#tests/helpers/agenda-routes.ts'
import { createTestApp, formPost, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'
import { reportsQueueSource } from '#app/modules/reports/queue-source.server.ts'
import { caseId, reportItem } from '#app/modules/reports/reports.server.ts'
import { actorOf } from '#tests/factories/structures.ts'
import * as decisionPage from './moderation.signalements.$id.tsx'
import * as readingPage from './ressources.$slug._index/route.tsx'
import * as reportPage from './signaler.$kind.$id.tsx'

// Comments on resources and events, and reactions on resources, through the real route modules without JavaScript
// (issue 17, items 1 and 2): plain POST forms, French messages and the typed text kept on a 400, a 404 (and no count)
// for what the viewer may not read.

const asRoute = (module: unknown) => module as TestRoute['module']
const app = createTestApp({
  ...AGENDA_ROUTES,
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: asRoute(readingPage) },
  'routes/signaler.$kind.$id': { path: 'signaler/:kind/:id', module: asRoute(reportPage) },
  'routes/moderation.signalements.$id': { path: 'moderation/signalements/:id', module: asRoute(decisionPage) },
})

const decode = (html: string) =>
  html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function get(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  const page = await readPage(response)
  return { status: response.status, visible: decode(page.visible), full: page.full }
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  const page = await readPage(response)
  return { status: response.status, location: response.headers.get('location'), visible: decode(page.visible) }
}

async function commentsOf(filter: { resourceId?: string; eventId?: string }) {
  let query = db.selectFrom('comments').selectAll().orderBy('createdAt').orderBy('id')
  if (filter.resourceId) query = query.where('resourceId', '=', filter.resourceId)
  if (filter.eventId) query = query.where('eventId', '=', filter.eventId)
  return query.execute()
}

async function publicResource() {
  const author = await createTestUser()
  const resource = await createTestResource({ author, overrides: { territory: 'calaisis' } })
  return { author, resource, url: `/ressources/${resource.slug}` }
}

describe('comments on a resource', () => {
  test('a confirmed person comments without JavaScript; the page shows « Commentaires (1) », the article, its author and <time>', async () => {
    const { resource, url } = await publicResource()
    const me = await login({ name: 'Camille Martin' })
    const before = await get(url, me.cookie)
    expect(before.visible).toContain('Commentaires (0)')
    expect(before.visible).toContain('Publier le commentaire')

    const sent = await post(url, { intent: 'comment', bodyText: 'On l’a testé à Lens.\n\nÇa marche bien.' }, me.cookie)
    expect(sent.status).toBe(302)
    const [comment] = await commentsOf({ resourceId: resource.id })
    expect(comment?.bodyText).toContain('On l’a testé à Lens.')
    expect(sent.location).toBe(`${url}#commentaire-${comment?.id}`)

    const after = await get(url)
    expect(after.visible).toContain('Commentaires (1)')
    expect(after.visible).toMatch(new RegExp(`<article id="commentaire-${comment?.id}"[^>]*>`))
    expect(after.visible).toContain('<strong>Camille Martin</strong>')
    expect(after.visible).toMatch(/<time dateTime="[^"]+">/)
    expect(after.visible).toContain('<p>On l’a testé à Lens.</p><p>Ça marche bien.</p>')
    // Anonymous visitors read it, and are asked to log in to comment.
    expect(after.visible).toContain('Connectez-vous pour commenter')
    expect(after.visible).not.toContain('Publier le commentaire')
  })

  test('an empty comment is a 400 in French; a too long one keeps the typed text', async () => {
    const { url, resource } = await publicResource()
    const me = await login()
    const empty = await post(url, { intent: 'comment', bodyText: '   ' }, me.cookie)
    expect(empty.status).toBe(400)
    expect(empty.visible).toContain('Écrivez votre commentaire.')
    const long = `${'Très long. '.repeat(2000)}fin`
    const tooLong = await post(url, { intent: 'comment', bodyText: long }, me.cookie)
    expect(tooLong.status).toBe(400)
    expect(tooLong.visible).toContain('Le commentaire n’a pas été enregistré')
    expect(tooLong.visible).toContain('fin</textarea>')
    expect(await commentsOf({ resourceId: resource.id })).toHaveLength(0)
  })

  test('an unconfirmed account may not comment (403, French); anonymous posts are refused too', async () => {
    const { url, resource } = await publicResource()
    const unverified = await login({ emailVerifiedAt: null })
    const refused = await post(url, { intent: 'comment', bodyText: 'Bonjour' }, unverified.cookie)
    expect(refused.status).toBe(403)
    expect(refused.visible).toContain('adresse e-mail confirmée')
    expect((await get(url, unverified.cookie)).visible).toContain('Confirmez votre adresse e-mail pour commenter.')
    expect((await post(url, { intent: 'comment', bodyText: 'Bonjour' })).status).toBe(403)
    expect(await commentsOf({ resourceId: resource.id })).toHaveLength(0)
  })

  test('replies: one level only — a reply to a reply goes under the same top comment', async () => {
    const { url, resource } = await publicResource()
    const first = await login()
    const second = await login()
    await post(url, { intent: 'comment', bodyText: 'Qui a obtenu LEADER pour ça ?' }, first.cookie)
    const [top] = await commentsOf({ resourceId: resource.id })
    expect((await post(url, { intent: 'comment', commentId: top?.id ?? '', bodyText: 'Nous, en 2025.' }, second.cookie)).status).toBe(302)
    const reply = (await commentsOf({ resourceId: resource.id }))[1]
    expect(reply?.parentId).toBe(top?.id)
    expect((await post(url, { intent: 'comment', commentId: reply?.id ?? '', bodyText: 'Merci !' }, first.cookie)).status).toBe(302)
    const all = await commentsOf({ resourceId: resource.id })
    expect(all).toHaveLength(3)
    expect(all[2]?.parentId).toBe(top?.id)
    const page = await get(url)
    expect(page.visible).toContain('Commentaires (3)')
    expect(page.visible).toContain('class="comment-replies"')
  })

  test('edit own through ?modifier= (no JavaScript), shown « modifié » with the time; nobody else may edit', async () => {
    const { url, resource } = await publicResource()
    const me = await login()
    const other = await login()
    await post(url, { intent: 'comment', bodyText: 'Première version' }, me.cookie)
    const [comment] = await commentsOf({ resourceId: resource.id })
    const id = comment?.id ?? ''
    const form = await get(`${url}?modifier=${id}`, me.cookie)
    expect(form.visible).toContain('Modifier le commentaire')
    expect(form.visible).toContain('Première version</textarea>')
    expect(form.visible).toContain(`action="${url}?modifier=${id}"`)
    // Someone else's ?modifier= shows no form.
    expect((await get(`${url}?modifier=${id}`, other.cookie)).visible).not.toContain('Modifier le commentaire')

    // Posted from the ?modifier= page (the form's action keeps it): the form is shown again with the message.
    const bad = await post(`${url}?modifier=${id}`, { intent: 'comment-edit', commentId: id, bodyText: '' }, me.cookie)
    expect(bad.status).toBe(400)
    expect(bad.visible).toContain('Écrivez votre commentaire.')
    expect(bad.visible).toContain('Modifier le commentaire')
    const refused = await post(url, { intent: 'comment-edit', commentId: id, bodyText: 'Pirate' }, other.cookie)
    expect(refused.status).toBe(403)
    const done = await post(url, { intent: 'comment-edit', commentId: id, bodyText: 'Version corrigée' }, me.cookie)
    expect(done.status).toBe(302)
    const page = await get(url)
    expect(page.visible).toContain('Version corrigée')
    expect(page.visible).toMatch(/<time dateTime="[^"]+">modifié le [^<]+<\/time>/)
  })

  test('delete own: without replies it disappears; with replies it stays as « Commentaire supprimé », removed with its last reply', async () => {
    const { url, resource } = await publicResource()
    const me = await login()
    const other = await login()
    await post(url, { intent: 'comment', bodyText: 'Seul' }, me.cookie)
    const [alone] = await commentsOf({ resourceId: resource.id })
    expect((await post(url, { intent: 'comment-delete', commentId: alone?.id ?? '' }, other.cookie)).status).toBe(403)
    expect((await post(url, { intent: 'comment-delete', commentId: alone?.id ?? '' }, me.cookie)).status).toBe(302)
    expect(await commentsOf({ resourceId: resource.id })).toHaveLength(0)

    await post(url, { intent: 'comment', bodyText: 'Avec une réponse' }, me.cookie)
    const [top] = await commentsOf({ resourceId: resource.id })
    await post(url, { intent: 'comment', commentId: top?.id ?? '', bodyText: 'La réponse' }, other.cookie)
    await post(url, { intent: 'comment-delete', commentId: top?.id ?? '' }, me.cookie)
    const kept = await commentsOf({ resourceId: resource.id })
    expect(kept).toHaveLength(2)
    expect(kept[0]?.deletedAt).not.toBeNull()
    expect(kept[0]?.bodyText).toBe('')
    const page = await get(url)
    expect(page.visible).toContain('Commentaire supprimé')
    expect(page.visible).not.toContain('Avec une réponse')
    expect(page.visible).toContain('Commentaires (1)')
    await post(url, { intent: 'comment-delete', commentId: kept[1]?.id ?? '' }, other.cookie)
    expect(await commentsOf({ resourceId: resource.id })).toHaveLength(0)
  })

  test('coordinators of the territory hide with a reason (audit-logged) and show again; readers see « Commentaire masqué »', async () => {
    const { url, resource } = await publicResource()
    const me = await login()
    const reader = await login()
    const coordinator = await login()
    await addTestGroupMember((await territoryGroup('calaisis')).id, coordinator.user.id, 'coordinator')
    await post(url, { intent: 'comment', bodyText: 'Propos déplacés' }, me.cookie)
    const [comment] = await commentsOf({ resourceId: resource.id })
    const id = comment?.id ?? ''
    expect((await post(url, { intent: 'comment-hide', commentId: id, reason: 'Hors sujet' }, reader.cookie)).status).toBe(403)
    const noReason = await post(url, { intent: 'comment-hide', commentId: id, reason: '' }, coordinator.cookie)
    expect(noReason.status).toBe(400)
    expect(noReason.visible).toContain('Indiquez le motif du masquage.')
    expect((await post(url, { intent: 'comment-hide', commentId: id, reason: 'Hors sujet' }, coordinator.cookie)).status).toBe(302)

    const seen = await get(url, reader.cookie)
    expect(seen.visible).toContain('Commentaire masqué par la coordination')
    expect(seen.visible).not.toContain('Propos déplacés')
    expect(seen.visible).toContain('Commentaires (0)')
    const moderator = await get(url, coordinator.cookie)
    expect(moderator.visible).toContain('Propos déplacés')
    expect(moderator.visible).toContain('motif : Hors sujet')
    expect(moderator.visible).toContain('Rétablir ce commentaire')

    expect((await post(url, { intent: 'comment-unhide', commentId: id }, coordinator.cookie)).status).toBe(302)
    expect((await get(url, reader.cookie)).visible).toContain('Propos déplacés')
    const audit = await db.selectFrom('auditLog').select(['action', 'actorId']).where('targetId', '=', id).orderBy('createdAt').execute()
    expect(audit.map((a) => a.action)).toEqual(['comment.hide', 'comment.unhide'])
    expect(audit.every((a) => a.actorId === coordinator.user.id)).toBe(true)
  })

  test('a group-only resource: its comments are a 404 to others, with no count anywhere on the page', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, visibility: 'group' })
    const url = `/ressources/${resource.slug}`
    const member = await login()
    await addTestGroupMember((await territoryGroup('calaisis')).id, member.user.id)
    expect((await post(url, { intent: 'comment', bodyText: 'Entre nous' }, member.cookie)).status).toBe(302)
    expect((await get(url, member.cookie)).visible).toContain('Commentaires (1)')
    const outsider = await login()
    const page = await get(url, outsider.cookie)
    expect(page.status).toBe(404)
    expect(page.full).not.toContain('Commentaires (')
    expect(page.full).not.toContain('Entre nous')
    expect((await post(url, { intent: 'comment', bodyText: 'Intrus' }, outsider.cookie)).status).toBe(404)
    const [comment] = await commentsOf({ resourceId: resource.id })
    expect((await post(url, { intent: 'comment', commentId: comment?.id ?? '', bodyText: 'Intrus' }, outsider.cookie)).status).toBe(404)
    expect(await commentsOf({ resourceId: resource.id })).toHaveLength(1)
  })

  test('a comment of another item named in the form is a 404, and is not changed', async () => {
    const first = await publicResource()
    const second = await publicResource()
    const me = await login()
    await post(first.url, { intent: 'comment', bodyText: 'Sur la première' }, me.cookie)
    const [comment] = await commentsOf({ resourceId: first.resource.id })
    expect((await post(second.url, { intent: 'comment-edit', commentId: comment?.id ?? '', bodyText: 'Ailleurs' }, me.cookie)).status).toBe(404)
    expect((await commentsOf({ resourceId: first.resource.id }))[0]?.bodyText).toBe('Sur la première')
  })
})

describe('comments on an event', () => {
  test('comment on a public event; the group coordinator hides it; a group-only event is a 404 to others', async () => {
    const group = await createTestGroup()
    const event = await createTestEvent({ groupId: group.id })
    const url = `/agenda/${event.id}`
    const me = await login()
    expect((await post(url, { intent: 'comment', bodyText: 'J’y serai.' }, me.cookie)).status).toBe(302)
    const page = await get(url)
    expect(page.visible).toContain('Commentaires (1)')
    expect(page.visible).toContain('J’y serai.')
    const coordinator = await login()
    await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
    const [comment] = await commentsOf({ eventId: event.id })
    expect((await post(url, { intent: 'comment-hide', commentId: comment?.id ?? '', reason: 'Doublon' }, coordinator.cookie)).status).toBe(302)
    expect((await get(url)).visible).toContain('Commentaire masqué par la coordination')
    // The event's own intents still work.
    expect((await post(url, { intent: 'register' }, me.cookie)).status).toBe(302)

    const privateEvent = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id] })
    const privateUrl = `/agenda/${privateEvent.id}`
    const outsider = await login()
    expect((await get(privateUrl, outsider.cookie)).status).toBe(404)
    expect((await post(privateUrl, { intent: 'comment', bodyText: 'Intrus' }, outsider.cookie)).status).toBe(404)
    expect(await commentsOf({ eventId: privateEvent.id })).toHaveLength(0)
  })
})

describe('reactions on a resource', () => {
  test('« Utile »: one per person, undone by a second click; counts in French (singular, plural)', async () => {
    const { url, resource } = await publicResource()
    const a = await login()
    const b = await login()
    expect((await get(url)).visible).toContain('Connectez-vous pour indiquer')
    const first = await post(url, { intent: 'react', kind: 'useful' }, a.cookie)
    expect(first.status).toBe(302)
    expect(first.location).toBe(`${url}#reactions`)
    expect((await get(url)).visible).toContain('Utile pour 1 personne')
    await post(url, { intent: 'react', kind: 'useful' }, b.cookie)
    expect((await get(url)).visible).toContain('Utile pour 2 personnes')
    expect((await get(url, a.cookie)).visible).toContain('Utile (retirer)')
    await post(url, { intent: 'react', kind: 'useful' }, a.cookie)
    expect((await get(url)).visible).toContain('Utile pour 1 personne')
    const rows = await db.selectFrom('resourceReactions').select(['userId', 'kind']).where('resourceId', '=', resource.id).execute()
    expect(rows).toEqual([{ userId: b.user.id, kind: 'useful' }])
  })

  test('« Je l’ai testé » names one of one’s own structures only; the page lists « Testé par » with links', async () => {
    const { url, resource } = await publicResource()
    const me = await login()
    const { structure } = await createTestStructure({ owner: me.user, input: { name: 'La Ressourcerie du Calaisis' } })
    const { structure: foreign } = await createTestStructure()
    const form = await get(url, me.cookie)
    expect(form.visible).toContain('Au nom de (facultatif)')
    expect(form.visible).toContain('La Ressourcerie du Calaisis</option>')

    const refused = await post(url, { intent: 'react', kind: 'tested', structureId: foreign.id }, me.cookie)
    expect(refused.status).toBe(400)
    expect(refused.visible).toContain('Choisissez une de vos structures, ou aucune.')
    expect(await db.selectFrom('resourceReactions').selectAll().where('resourceId', '=', resource.id).execute()).toHaveLength(0)

    expect((await post(url, { intent: 'react', kind: 'tested', structureId: structure.id }, me.cookie)).status).toBe(302)
    const page = await get(url)
    expect(page.visible).toContain('Testé par 1 personne')
    expect(page.visible).toContain(`href="/structures/${structure.slug}">La Ressourcerie du Calaisis</a>`)
    // Someone else tests it without naming a structure.
    const other = await login()
    await post(url, { intent: 'react', kind: 'tested', structureId: '' }, other.cookie)
    expect((await get(url)).visible).toContain('Testé par 2 personnes')
  })

  test('not on one’s own resource (nor one’s structure’s), said in the page; not on a resource one may not read', async () => {
    const { url, author, resource } = await publicResource()
    const { cookie } = await createSession(author.id)
    const own = cookie.split(';')[0]
    expect((await get(url, own)).visible).toContain('Vous ne pouvez pas réagir à une ressource dont vous êtes l’auteur ou l’autrice')
    expect((await post(url, { intent: 'react', kind: 'useful' }, own)).status).toBe(403)

    const { structure } = await createTestStructure()
    const colleague = await login()
    await addTestMember(structure.id, colleague.user.id)
    await db.insertInto('resourceStructures').values({ resourceId: resource.id, structureId: structure.id }).execute()
    expect((await post(url, { intent: 'react', kind: 'useful' }, colleague.cookie)).status).toBe(403)

    const hidden = await createTestResource({ author, visibility: 'group' })
    const outsider = await login()
    expect((await post(`/ressources/${hidden.slug}`, { intent: 'react', kind: 'useful' }, outsider.cookie)).status).toBe(404)
    expect(await db.selectFrom('resourceReactions').selectAll().execute()).not.toContainEqual(expect.objectContaining({ resourceId: hidden.id }))
  })
})

describe('reports on comments', () => {
  test('« Signaler » sends it to the queue of the territory’s coordinators; after the threshold it is hidden; the decision restores it', async () => {
    const { url, resource } = await publicResource()
    const writer = await login()
    await post(url, { intent: 'comment', bodyText: 'Achetez mes produits' }, writer.cookie)
    const [comment] = await commentsOf({ resourceId: resource.id })
    const id = comment?.id ?? ''
    const reader = await login()
    const page = await get(url, reader.cookie)
    expect(page.visible).toContain(`href="/signaler/commentaire/${id}">Signaler</a>`)
    // Not for its author.
    expect((await get(url, writer.cookie)).visible).not.toContain(`/signaler/commentaire/${id}`)
    const sent = await post(`/signaler/commentaire/${id}`, { reason: 'spam' }, reader.cookie)
    expect(sent.status).toBe(302)
    expect(sent.location).toBe(`${url}#commentaire-${id}`)

    const coordinator = await login()
    await addTestGroupMember((await territoryGroup('calaisis')).id, coordinator.user.id, 'coordinator')
    const elsewhere = await login()
    await addTestGroupMember((await territoryGroup('arrageois')).id, elsewhere.user.id, 'coordinator')
    const queue = await reportsQueueSource.list(await actorOf(coordinator.user), {})
    const item = queue.find((q) => q.id === caseId('comment', id))
    expect(item?.title).toContain('Commentaire de')
    expect(item?.territory).toBe('calaisis')
    expect((await reportsQueueSource.list(await actorOf(elsewhere.user), {})).some((q) => q.id === caseId('comment', id))).toBe(false)

    for (let i = 0; i < 2; i++) {
      const result = await reportItem({ actor: await actorOf(await createTestUser()), kind: 'comment', targetId: id, reason: 'spam', details: '', threshold: 3 })
      expect(result).toEqual({ ok: true, hidden: i === 1 })
    }
    expect((await get(url, reader.cookie)).visible).toContain('Commentaire masqué par la coordination')
    const told = await db.selectFrom('emailOutbox').select('subject').where('toAddress', '=', writer.user.email).execute()
    expect(told.map((t) => t.subject)).toContain('Votre commentaire est masqué en attente de modération')

    const decision = `/moderation/signalements/${caseId('comment', id)}`
    expect((await get(decision, elsewhere.cookie)).status).toBe(404)
    const shown = await get(decision, coordinator.cookie)
    expect(shown.visible).toContain('Commentaire signalé')
    expect(shown.visible).toContain('Achetez mes produits')
    expect((await post(decision, { decision: 'restore', note: '' }, coordinator.cookie)).status).toBe(302)
    expect((await get(url, reader.cookie)).visible).toContain('Achetez mes produits')
  })

  test('a comment on a group-only resource: a 404 to report for others, and out of the queue of coordinators who cannot read it', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, visibility: 'group', overrides: { territory: 'calaisis' } })
    const member = await login()
    const other = await login()
    const group = await territoryGroup('calaisis')
    await addTestGroupMember(group.id, member.user.id)
    await addTestGroupMember(group.id, other.user.id)
    await post(`/ressources/${resource.slug}`, { intent: 'comment', bodyText: 'Entre membres' }, member.cookie)
    const [comment] = await commentsOf({ resourceId: resource.id })
    const id = comment?.id ?? ''
    const outsider = await login()
    expect((await get(`/signaler/commentaire/${id}`, outsider.cookie)).status).toBe(404)
    expect((await post(`/signaler/commentaire/${id}`, { reason: 'spam' }, other.cookie)).status).toBe(302)
    // A coordinator of the territory who is not in the audience group: cannot read it, so cannot decide on it.
    const privateGroup = await createTestGroup()
    const hidden = await createTestResource({ author, overrides: { territory: 'calaisis' } })
    await db.updateTable('resources').set({ visibility: 'group' }).where('id', '=', hidden.id).execute()
    await db.deleteFrom('resourceGroups').where('resourceId', '=', hidden.id).execute()
    await db.insertInto('resourceGroups').values({ resourceId: hidden.id, groupId: privateGroup.id }).execute()
    const insider = await login()
    await addTestGroupMember(privateGroup.id, insider.user.id)
    await post(`/ressources/${hidden.slug}`, { intent: 'comment', bodyText: 'Très privé' }, insider.cookie)
    const [secret] = await commentsOf({ resourceId: hidden.id })
    const reporter = await login()
    await addTestGroupMember(privateGroup.id, reporter.user.id)
    expect((await post(`/signaler/commentaire/${secret?.id ?? ''}`, { reason: 'spam' }, reporter.cookie)).status).toBe(302)
    const coordinator = await login()
    await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
    const queue = await reportsQueueSource.list(await actorOf(coordinator.user), {})
    expect(queue.some((q) => q.id === caseId('comment', id))).toBe(true)
    expect(queue.some((q) => q.id === caseId('comment', secret?.id ?? ''))).toBe(false)
    expect((await get(`/moderation/signalements/${caseId('comment', secret?.id ?? '')}`, coordinator.cookie)).status).toBe(404)
  })
})
