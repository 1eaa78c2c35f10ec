import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { HIDDEN_POST_LABEL } from '#app/modules/discussions/discussions.policy.ts'
import { LOCKED_TEXT, MENTION_HINT } from '#app/modules/discussions/ui/labels.ts'
import { addTestGroupMember, createTestGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'

// The discussion pages of a group (issue 12, item 5), through the real route modules: who reads, who writes, what
// the pages say. The rules themselves are the discussions module's (its own tests); these hold that the pages apply
// them and speak French.

const app = createTestApp(GROUP_PAGE_ROUTES)

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function get(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, ...(await readPage(response)) }
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  return { status: response.status, location: response.headers.get('location'), ...(await readPage(response)) }
}

/** A group with a member and a coordinator (verified, logged in). */
async function groupWithPeople(options: Parameters<typeof createTestGroup>[0] = {}) {
  const group = await createTestGroup(options)
  const member = await login({ name: 'Marie Dupont' })
  const coordinator = await login({ name: 'Camille Roux' })
  await addTestGroupMember(group.id, member.user.id)
  await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
  return { group, member, coordinator, base: `/groupes/${group.slug}/discussions` }
}

/** Opens a thread as `cookie` through the no-JavaScript form; returns its page address. */
async function openThread(base: string, cookie: string, title = 'Un premier sujet', bodyText = 'Bonjour à tous') {
  const response = await post(`${base}/nouvelle`, { title, bodyText }, cookie)
  expect(response.status).toBe(302)
  expect(response.location).toMatch(new RegExp(`^${base}/[\\w-]+$`))
  return response.location as string
}

const threadIdOf = (url: string) => url.split('/').at(-1) as string

describe('group discussions pages', () => {
  test('a member opens a discussion without JavaScript, another replies; list and thread say so in French', async () => {
    const { member, coordinator, base } = await groupWithPeople()
    const form = await get(`${base}/nouvelle`, member.cookie)
    expect(form.status).toBe(200)
    expect(form.visible).toContain('name="bodyText"')
    expect(form.visible).toContain(MENTION_HINT)
    const url = await openThread(base, member.cookie, 'Circuits courts à Calais', 'Premier paragraphe\n\nSecond paragraphe')
    const page = await get(url, coordinator.cookie)
    expect(page.status).toBe(200)
    expect(page.visible).toContain('<h2 id="titre-discussion">Circuits courts à Calais</h2>')
    expect(page.visible).toContain('<p>Premier paragraphe</p><p>Second paragraphe</p>')
    expect(page.visible).toContain('0 réponse')

    const replied = await post(url, { intent: 'reply', bodyText: 'Je suis partante' }, coordinator.cookie)
    expect(replied.status).toBe(302)
    expect(replied.location).toMatch(new RegExp(`^${url}#message-`))
    const again = await get(url, member.cookie)
    expect(again.visible).toContain('Je suis partante')
    expect(again.visible).toContain('1 réponse')

    const list = await get(base, member.cookie)
    expect(list.status).toBe(200)
    expect(list.visible).toContain('<title>Discussions — ')
    expect(list.visible).toContain('Circuits courts à Calais')
    expect(list.visible).toContain('1 réponse')
    expect(list.visible).toMatch(/Dernière activité <time[^>]*>(à l’instant|il y a 1 minute)<\/time>/)
    expect(list.visible).toContain(`href="${base}/nouvelle">Nouvelle discussion</a>`)
  })

  test('the editor’s JSON body is accepted too, and a second reply makes « 2 réponses »', async () => {
    const { member, coordinator, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie)
    const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'bold' }] }] }] })
    expect((await post(url, { intent: 'reply', body: doc('Réponse en gras') }, coordinator.cookie)).status).toBe(302)
    expect((await post(url, { intent: 'reply', body: doc('Autre réponse') }, member.cookie)).status).toBe(302)
    const page = await get(url, member.cookie)
    expect(page.visible).toContain('<strong>Réponse en gras</strong>')
    expect(page.visible).toContain('2 réponses')
  })

  test('a refused new discussion keeps what was typed, with the module’s French messages', async () => {
    const { member, base } = await groupWithPeople()
    const response = await post(`${base}/nouvelle`, { title: '   ', bodyText: 'Mon texte tapé' }, member.cookie)
    expect(response.status).toBe(400)
    expect(response.visible).toContain('Le titre est obligatoire.')
    expect(response.visible).toMatch(/<textarea[^>]*name="bodyText"[^>]*>Mon texte tapé<\/textarea>/)
    const empty = await post(`${base}/nouvelle`, { title: 'Un titre', bodyText: '' }, member.cookie)
    expect(empty.status).toBe(400)
    expect(empty.visible).toContain('Le message est vide.')
    expect(empty.visible).toContain('value="Un titre"')
  })

  test('no « Nouvelle discussion » for a non-member, who may not post either', async () => {
    const { member, base } = await groupWithPeople()
    const outsider = await login()
    const url = await openThread(base, member.cookie)
    expect((await get(base, outsider.cookie)).visible).not.toContain('Nouvelle discussion</a>')
    // Outside the group, its discussions do not exist: a 404 whatever is posted.
    const refused = await post(`${base}/nouvelle`, { title: 'Intrus', bodyText: 'Texte' }, outsider.cookie)
    expect(refused.status).toBe(404)
    expect(await db.selectFrom('discussionThreads').select('id').where('title', '=', 'Intrus').execute()).toEqual([])
    const reply = await post(url, { intent: 'reply', bodyText: 'Intrusion' }, outsider.cookie)
    expect(reply.status).toBe(404)
    expect((await get(url, outsider.cookie)).status).toBe(404)
  })

  test('a members-only group: its list and its threads are 404 for non-members and anonymous visitors', async () => {
    const { member, base } = await groupWithPeople({ pageVisibility: 'members' })
    const url = await openThread(base, member.cookie, 'Sujet confidentiel')
    const outsider = await login()
    for (const cookie of [undefined, outsider.cookie]) {
      for (const page of [base, url, `${base}/nouvelle`]) {
        const response = await get(page, cookie)
        expect(response.status, page).toBe(404)
        expect(response.full).not.toContain('Sujet confidentiel')
      }
      expect((await post(url, { intent: 'reply', bodyText: 'x' }, cookie)).status).toBe(404)
    }
    expect((await get(url, member.cookie)).status).toBe(200)
  })

  test('a thread is found only under its own group', async () => {
    const { member, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie)
    const other = await createTestGroup()
    expect((await get(`/groupes/${other.slug}/discussions/${threadIdOf(url)}`)).status).toBe(404)
    expect((await get(`/territoires/calaisis/discussions/${threadIdOf(url)}`)).status).toBe(404)
  })

  test('a locked discussion refuses replies with a French message; the coordinator unlocks it', async () => {
    const { member, coordinator, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie)
    expect((await post(url, { intent: 'lock' }, member.cookie)).status).toBe(403)
    expect((await post(url, { intent: 'lock' }, coordinator.cookie)).status).toBe(302)
    const page = await get(url, member.cookie)
    expect(page.visible).toContain(LOCKED_TEXT)
    expect(page.visible).not.toContain('name="bodyText"')
    const refused = await post(url, { intent: 'reply', bodyText: 'Trop tard' }, member.cookie)
    expect(refused.status).toBe(403)
    expect(refused.visible).toContain(LOCKED_TEXT)
    expect((await get(base, member.cookie)).visible).toContain('<span class="badge">verrouillé</span>')
    expect((await post(url, { intent: 'unlock' }, coordinator.cookie)).status).toBe(302)
    expect((await post(url, { intent: 'reply', bodyText: 'Enfin' }, member.cookie)).status).toBe(302)
  })

  test('pinned discussions come first, marked « épinglé »', async () => {
    const { member, coordinator, base } = await groupWithPeople()
    const first = await openThread(base, member.cookie, 'Sujet ancien')
    await openThread(base, member.cookie, 'Sujet récent')
    expect((await post(first, { intent: 'pin' }, coordinator.cookie)).status).toBe(302)
    const list = (await get(base, member.cookie)).visible
    expect(list.indexOf('Sujet ancien')).toBeGreaterThan(-1)
    expect(list.indexOf('Sujet ancien')).toBeLessThan(list.indexOf('Sujet récent'))
    expect(list).toContain('<span class="badge">épinglé</span>')
  })

  test('a coordinator hides a reply with a reason (required); a member sees the label, the coordinator the text', async () => {
    const { member, coordinator, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie)
    const other = await login({ name: 'Jean Martin' })
    await db.insertInto('groupMemberships').values({ groupId: (await groupOf(url)).id, userId: other.user.id, role: 'member', joinedAt: new Date().toISOString() }).execute()
    const replied = await post(url, { intent: 'reply', bodyText: 'Propos déplacés' }, other.cookie)
    const postId = (replied.location as string).split('#message-')[1] as string
    expect((await post(url, { intent: 'hide', postId, reason: 'x' }, member.cookie)).status).toBe(403)
    const noReason = await post(url, { intent: 'hide', postId, reason: '  ' }, coordinator.cookie)
    expect(noReason.status).toBe(400)
    expect(noReason.visible).toContain('Le motif est obligatoire.')
    const tooLong = await post(url, { intent: 'hide', postId, reason: 'a'.repeat(301) }, coordinator.cookie)
    expect(tooLong.status).toBe(400)
    expect(tooLong.visible).toContain('Le motif ne doit pas dépasser 300 caractères.')
    expect((await post(url, { intent: 'hide', postId, reason: 'Hors charte' }, coordinator.cookie)).status).toBe(302)
    const seen = await get(url, member.cookie)
    expect(seen.visible).toContain(HIDDEN_POST_LABEL)
    expect(seen.full).not.toContain('Propos déplacés')
    expect(seen.full).not.toContain('Hors charte')
    const moderator = await get(url, coordinator.cookie)
    expect(moderator.visible).toContain('Propos déplacés')
    expect(moderator.visible).toContain('motif : Hors charte')
    expect((await post(url, { intent: 'unhide', postId }, coordinator.cookie)).status).toBe(302)
    expect((await get(url, member.cookie)).visible).toContain('Propos déplacés')
  })

  test('editing one’s own reply marks it « modifié »; someone else cannot edit it', async () => {
    const { member, coordinator, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie)
    const replied = await post(url, { intent: 'reply', bodyText: 'Première version' }, member.cookie)
    const postId = (replied.location as string).split('#message-')[1] as string
    const form = await get(`${url}?modifier=${postId}`, member.cookie)
    expect(form.visible).toContain('name="intent" value="edit"')
    const body = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Version corrigée' }] }] })
    expect((await post(url, { intent: 'edit', postId, body }, coordinator.cookie)).status).toBe(403)
    expect((await post(url, { intent: 'edit', postId, body }, member.cookie)).status).toBe(302)
    const page = await get(url, coordinator.cookie)
    expect(page.visible).toContain('Version corrigée')
    expect(page.visible).toContain('<span class="badge">modifié</span>')
    expect(page.visible).not.toContain('Première version')
  })

  test('the author edits the opening post (title and text): « modifié », the new title in the list', async () => {
    const { member, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie, 'Titre provisoire')
    const form = await get(`${url}?modifier=sujet`, member.cookie)
    expect(form.visible).toContain('value="Titre provisoire"')
    const body = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Texte revu' }] }] })
    // The form posts to its own address (?modifier=sujet), so a refused edit shows the form again with the message.
    const refused = await post(`${url}?modifier=sujet`, { intent: 'edit', postId: '', title: '', body }, member.cookie)
    expect(refused.status).toBe(400)
    expect(refused.visible).toContain('Le titre est obligatoire.')
    expect(refused.visible).toContain('Texte revu')
    expect((await post(url, { intent: 'edit', postId: '', title: 'Titre définitif', body }, member.cookie)).status).toBe(302)
    const page = await get(url, member.cookie)
    expect(page.visible).toContain('<h2 id="titre-discussion">Titre définitif</h2>')
    expect(page.visible).toContain('Texte revu')
    expect(page.visible).toContain('<span class="badge">modifié</span>')
    expect((await get(base, member.cookie)).visible).toContain('Titre définitif')
  })

  test('hiding the opening post hides the thread: a 404 and out of the list for members, kept for the coordination', async () => {
    const { member, coordinator, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie, 'Sujet à masquer')
    expect((await post(url, { intent: 'hide', postId: '', reason: 'Doublon' }, coordinator.cookie)).status).toBe(302)
    expect((await get(url, member.cookie)).status).toBe(404)
    expect((await get(base, member.cookie)).full).not.toContain('Sujet à masquer')
    const moderator = await get(base, coordinator.cookie)
    expect(moderator.visible).toContain('Sujet à masquer')
    expect(moderator.visible).toContain('<span class="badge">masqué</span>')
    expect((await get(url, coordinator.cookie)).visible).toContain('motif : Doublon')
    expect((await post(url, { intent: 'unhide', postId: '' }, coordinator.cookie)).status).toBe(302)
    expect((await get(url, member.cookie)).status).toBe(200)
  })

  test('the author deletes their discussion after a confirmation; it is gone', async () => {
    const { member, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie, 'Sujet à supprimer')
    expect((await get(`${url}?supprimer=sujet`, member.cookie)).visible).toContain('Supprimer cette discussion et ses réponses ?')
    const deleted = await post(url, { intent: 'delete', postId: '' }, member.cookie)
    expect(deleted.status).toBe(302)
    expect(deleted.location).toBe(base)
    expect((await get(url, member.cookie)).status).toBe(404)
    expect((await get(base, member.cookie)).full).not.toContain('Sujet à supprimer')
  })

  test('deleting one’s own reply asks for a confirmation without JavaScript, then shows « Message supprimé »', async () => {
    const { member, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie)
    const replied = await post(url, { intent: 'reply', bodyText: 'À retirer' }, member.cookie)
    const postId = (replied.location as string).split('#message-')[1] as string
    const confirm = await get(`${url}?supprimer=${postId}`, member.cookie)
    expect(confirm.visible).toContain('Confirmer la suppression')
    expect((await post(url, { intent: 'delete', postId }, member.cookie)).status).toBe(302)
    const page = await get(url, member.cookie)
    expect(page.visible).toContain('Message supprimé par son auteur')
    expect(page.full).not.toContain('À retirer')
  })

  test('a reply sent twice (double click, resubmitted form) is posted once', async () => {
    const { member, base } = await groupWithPeople()
    const url = await openThread(base, member.cookie)
    const first = await post(url, { intent: 'reply', bodyText: 'Une seule fois' }, member.cookie)
    const second = await post(url, { intent: 'reply', bodyText: 'Une seule fois' }, member.cookie)
    expect(second.status).toBe(302)
    expect(second.location).toBe(first.location)
    const rows = await db.selectFrom('discussionPosts').select('id').where('threadId', '=', threadIdOf(url)).execute()
    expect(rows).toHaveLength(1)
    expect((await get(url, member.cookie)).visible).toContain('1 réponse')
  })

  test('author names link to their profile only when this viewer may see it', async () => {
    const { member, coordinator, base } = await groupWithPeople()
    const now = new Date().toISOString()
    await db.insertInto('profiles').values({ userId: member.user.id, slug: `marie-${member.user.id.slice(0, 6)}`, visibility: 'public', updatedAt: now }).execute()
    await db.insertInto('profiles').values({ userId: coordinator.user.id, slug: `camille-${coordinator.user.id.slice(0, 6)}`, visibility: 'hidden', updatedAt: now }).execute()
    const url = await openThread(base, member.cookie)
    await post(url, { intent: 'reply', bodyText: 'Réponse de la coordination' }, coordinator.cookie)
    const seen = (await get(url, member.cookie)).visible
    expect(seen).toContain(`href="/membres/marie-${member.user.id.slice(0, 6)}">Marie Dupont</a>`)
    // A hidden profile: the name, no link (its owner, though, gets theirs).
    expect(seen).toContain('Camille Roux')
    expect(seen).not.toContain(`/membres/camille-`)
    expect((await get(url, coordinator.cookie)).visible).toContain(`href="/membres/camille-${coordinator.user.id.slice(0, 6)}">Camille Roux</a>`)
  })

  test('a territory’s discussions live under /territoires/:slug/discussions', async () => {
    const group = await territoryGroup('calaisis')
    const person = await login()
    await addTestGroupMember(group.id, person.user.id)
    const base = '/territoires/calaisis/discussions'
    const list = await get(base, person.cookie)
    expect(list.status).toBe(200)
    expect(list.visible).toMatch(/<a [^>]*aria-current="page"[^>]*href="\/territoires\/calaisis\/discussions">Discussions<\/a>/)
    expect(list.visible).toContain('— Territoire Calaisis — Essaim</title>')
    const url = await openThread(base, person.cookie, 'Sujet du Calaisis')
    expect((await get(url, person.cookie)).visible).toContain('Sujet du Calaisis')
    // The territory's page is public; its discussions are for the group's members.
    expect((await get(base)).status).toBe(404)
  })
})

async function groupOf(threadUrl: string) {
  return db
    .selectFrom('discussionThreads')
    .select('groupId as id')
    .where('id', '=', threadIdOf(threadUrl))
    .executeTakeFirstOrThrow()
}
