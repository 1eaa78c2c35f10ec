import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { GROUP_FORM_MESSAGES } from '#app/modules/groups/group-form.schema.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import sharp from 'sharp'
import { GROUP_MESSAGES } from '#app/modules/groups/groups.server.ts'
import { COVER_MESSAGES } from '#app/modules/groups/cover.ts'
import { addTestGroupMember, createTestGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { TEST_FILES } from '#tests/fixtures/upload-files.ts'
import * as cover from './groupes.$slug_.couverture.$key.$size.ts'
import * as settings from './groupes.$slug_.parametres.tsx'
import * as newGroup from './groupes.nouveau.tsx'

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const asRoute = (module: unknown) => module as RouteModule

const app = createTestApp({
  ...GROUP_PAGE_ROUTES,
  'routes/groupes.nouveau': { path: 'groupes/nouveau', module: asRoute(newGroup) },
  'routes/groupes.$slug_.parametres': { path: 'groupes/:slug/parametres', module: asRoute(settings) },
  'routes/groupes.$slug_.couverture.$key.$size': { path: 'groupes/:slug/couverture/:key/:size', module: asRoute(cover) },
})

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, ...(await readPage(response)) }
}

const decode = (html: string) => html.replace(/<!-- -->/g, '').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')

function groupFields(overrides: Record<string, string> = {}) {
  return { intent: 'save', name: 'Fonds européens', description: 'Pour monter des dossiers FSE+ ensemble.', joinPolicy: 'request', pageVisibility: 'public', ...overrides }
}

describe('/groupes/nouveau', () => {
  test('an admin creates a thematic group and lands on its page with a flash; the list links to the form', async () => {
    const admin = await login({ role: 'admin' })
    const list = await page('/groupes', admin.cookie)
    expect(list.visible).toContain('href="/groupes/nouveau"')
    expect(list.visible).toContain('Créer un groupe thématique')
    const form = await page('/groupes/nouveau', admin.cookie)
    expect(form.status).toBe(200)
    expect(form.visible).toContain('<h1>Créer un groupe thématique</h1>')
    const name = `Fonds européens ${Math.random().toString(36).slice(2, 7)}`
    const response = await app(formPost('/groupes/nouveau', groupFields({ name }), admin.cookie))
    expect(response.status).toBe(302)
    const group = await db.selectFrom('groups').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
    expect(group).toMatchObject({ kind: 'thematic', joinPolicy: 'request', pageVisibility: 'public', hidden: 0 })
    expect(response.headers.get('location')).toBe(`/groupes/${group.slug}`)
    expect(response.headers.get('set-cookie')).toContain('essaim_flash=group-created')
    const audit = await db.selectFrom('auditLog').select('action').where('targetId', '=', group.id).execute()
    expect(audit.map((a) => a.action)).toContain('group.created')
  })

  test('not an admin: the form does not exist (404), the POST creates nothing, no link on /groupes', async () => {
    const member = await login()
    expect((await page('/groupes', member.cookie)).visible).not.toContain('href="/groupes/nouveau"')
    expect((await page('/groupes')).visible).not.toContain('href="/groupes/nouveau"')
    expect((await page('/groupes/nouveau', member.cookie)).status).toBe(404)
    const name = `Groupe interdit ${Math.random().toString(36).slice(2, 7)}`
    const response = await app(formPost('/groupes/nouveau', groupFields({ name }), member.cookie))
    expect(response.status).toBe(404)
    expect(await db.selectFrom('groups').select('id').where('name', '=', name).executeTakeFirst()).toBeUndefined()
    const anonymous = await app(pageGet('/groupes/nouveau'))
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/connexion/)
  })

  test('invalid input: 400, French messages next to the fields, what was typed kept', async () => {
    const admin = await login({ role: 'admin' })
    const long = `Un texte typé ${'x'.repeat(2000)}`
    const response = await app(formPost('/groupes/nouveau', groupFields({ name: '  ', description: long, joinPolicy: '' }), admin.cookie))
    expect(response.status).toBe(400)
    const html = decode((await readPage(response)).visible)
    expect(html).toContain(GROUP_FORM_MESSAGES.nameRequired)
    expect(html).toContain(GROUP_FORM_MESSAGES.descriptionTooLong)
    expect(html).toContain(GROUP_FORM_MESSAGES.joinPolicyRequired)
    expect(html).toContain('Le formulaire contient 3 erreurs')
    expect(html).toContain(long)
  })

  test('hidden ⇒ invitation only: refused with the French message, kept values; accepted as invitation only', async () => {
    const admin = await login({ role: 'admin' })
    const name = `Cercle discret ${Math.random().toString(36).slice(2, 7)}`
    const refused = await app(formPost('/groupes/nouveau', groupFields({ name, hidden: 'on', joinPolicy: 'open' }), admin.cookie))
    expect(refused.status).toBe(400)
    const html = decode((await readPage(refused)).visible)
    expect(html).toContain(GROUP_FORM_MESSAGES.hiddenInvitationOnly)
    expect(html).toContain(`value="${name}"`)
    expect(html).toMatch(/name="hidden"[^>]*checked=""/)
    expect(html).toMatch(/name="joinPolicy"[^>]*checked="" value="open"/)
    expect(await db.selectFrom('groups').select('id').where('name', '=', name).executeTakeFirst()).toBeUndefined()
    const accepted = await app(formPost('/groupes/nouveau', groupFields({ name, hidden: 'on', joinPolicy: 'invitation' }), admin.cookie))
    expect(accepted.status).toBe(302)
    expect(await db.selectFrom('groups').select(['hidden', 'joinPolicy']).where('name', '=', name).executeTakeFirstOrThrow()).toEqual({
      hidden: 1,
      joinPolicy: 'invitation',
    })
  })
})

async function groupRow(id: string) {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

function settingsFields(group: { name: string; description: string; joinPolicy: string; pageVisibility: string; hidden: number; version: number }, overrides: Record<string, string> = {}) {
  return {
    intent: 'save',
    expectedVersion: String(group.version),
    name: group.name,
    description: group.description,
    joinPolicy: group.joinPolicy,
    pageVisibility: group.pageVisibility,
    ...(group.hidden ? { hidden: 'on' } : {}),
    ...overrides,
  }
}

function coverPost(slug: string, file: { name: string; bytes: Uint8Array; type?: string }, cookie?: string) {
  const form = new FormData()
  form.append('intent', 'upload-cover')
  form.append('cover', new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? 'image/png' }))
  const headers = new Headers({ origin: 'http://localhost:3000', host: 'localhost:3000' })
  if (cookie) headers.set('cookie', cookie)
  return new Request(`http://localhost:3000/groupes/${slug}/parametres`, { method: 'POST', headers, body: form })
}

describe('/groupes/:slug/parametres', () => {
  test('who opens the page: admins and the group’s coordinators; members, other coordinators and strangers get a 404', async () => {
    const group = await createTestGroup()
    const other = await createTestGroup()
    const coordinator = await login()
    await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    const otherCoordinator = await login()
    await addTestGroupMember(other.id, otherCoordinator.user.id, 'coordinator')
    const url = `/groupes/${group.slug}/parametres`
    expect((await page(url, (await login({ role: 'admin' })).cookie)).status).toBe(200)
    const asCoordinator = await page(url, coordinator.cookie)
    expect(asCoordinator.status).toBe(200)
    expect(asCoordinator.visible).toContain('name="description"')
    expect(asCoordinator.visible).not.toContain('name="joinPolicy"')
    for (const cookie of [member.cookie, otherCoordinator.cookie, (await login()).cookie]) {
      expect((await page(url, cookie)).status).toBe(404)
      const post = await app(formPost(url, { intent: 'save', expectedVersion: '1', description: 'Piraté' }, cookie))
      expect(post.status).toBe(404)
    }
    expect((await groupRow(group.id)).description).not.toBe('Piraté')
    expect((await app(pageGet(url))).status).toBe(302)
  })

  test('an admin changes the policy: the settled requests are counted on the page', async () => {
    const admin = await login({ role: 'admin' })
    const group = await createTestGroup({ joinPolicy: 'request' })
    for (let i = 0; i < 2; i++) {
      const requester = await createTestUser()
      await db
        .insertInto('groupJoinRequests')
        .values({ id: `req-${group.id}-${i}`, groupId: group.id, userId: requester.id, message: '', createdAt: new Date().toISOString(), decidedAt: null, decidedBy: null, decisionMessage: null })
        .execute()
    }
    const url = `/groupes/${group.slug}/parametres`
    expect(decode((await page(url, admin.cookie)).visible)).toContain('2 demandes attendent une décision')
    const response = await app(formPost(url, settingsFields(await groupRow(group.id), { joinPolicy: 'invitation' }), admin.cookie))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${url}?acceptees=0&refusees=2`)
    expect((await groupRow(group.id)).joinPolicy).toBe('invitation')
    const after = decode((await page(response.headers.get('location') as string, admin.cookie)).visible)
    expect(after).toContain('2 demandes en attente ont été closes')
  })

  test('version conflict: 409, the French message, what was typed kept, nothing written', async () => {
    const admin = await login({ role: 'admin' })
    const group = await createTestGroup()
    const url = `/groupes/${group.slug}/parametres`
    const loaded = await groupRow(group.id)
    const first = await app(formPost(url, settingsFields(loaded, { description: 'La première version enregistrée.' }), admin.cookie))
    expect(first.status).toBe(302)
    const stale = await app(formPost(url, settingsFields(loaded, { description: 'Ma version tapée en même temps.' }), admin.cookie))
    expect(stale.status).toBe(409)
    const html = decode((await readPage(stale)).visible)
    expect(html).toContain(GROUP_MESSAGES.conflict)
    expect(html).toContain('Ma version tapée en même temps.')
    expect(html).toContain(`name="expectedVersion" value="${loaded.version + 1}"`)
    expect((await groupRow(group.id)).description).toBe('La première version enregistrée.')
  })

  test('a coordinator edits the description only (policy fields sent anyway are ignored); conflict too', async () => {
    const group = await createTestGroup({ joinPolicy: 'open' })
    const coordinator = await login()
    await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
    const url = `/groupes/${group.slug}/parametres`
    const loaded = await groupRow(group.id)
    const saved = await app(formPost(url, settingsFields(loaded, { description: 'Décrit par la coordination.', joinPolicy: 'invitation', name: 'Renommé' }), coordinator.cookie))
    expect(saved.status).toBe(302)
    expect(await groupRow(group.id)).toMatchObject({ description: 'Décrit par la coordination.', joinPolicy: 'open', name: loaded.name })
    const stale = await app(formPost(url, settingsFields(loaded, { description: 'Trop tard.' }), coordinator.cookie))
    expect(stale.status).toBe(409)
    expect(decode((await readPage(stale)).visible)).toContain('Trop tard.')
  })

  test('a territory group: the page says its name is fixed, and a sent name changes nothing', async () => {
    const admin = await login({ role: 'admin' })
    const group = await territoryGroup('calaisis')
    const url = `/groupes/${group.slug}/parametres`
    const html = decode((await page(url, admin.cookie)).visible)
    expect(html).toContain('son nom et l’adresse de sa page viennent du territoire')
    expect(html).not.toMatch(/<input[^>]*type="text"[^>]*name="name"|<input[^>]*name="name"[^>]*type="text"/)
    const response = await app(formPost(url, settingsFields(await groupRow(group.id), { name: 'Autre nom' }), admin.cookie))
    expect(response.status).toBe(302)
    expect((await groupRow(group.id)).name).toBe(group.name)
  })

  test('cover upload: an image is accepted and served with cache headers; a spoofed file is refused; removal', async () => {
    const group = await createTestGroup()
    const coordinator = await login()
    await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
    const image = await sharp({ create: { width: 900, height: 500, channels: 3, background: '#2a6' } }).jpeg().toBuffer()
    const spoofed = await app(coverPost(group.slug, { name: 'couverture.png', bytes: TEST_FILES.html() }, coordinator.cookie))
    expect(spoofed.status).toBe(400)
    expect(decode((await readPage(spoofed)).visible)).toContain(COVER_MESSAGES.type)
    expect((await groupRow(group.id)).coverKey).toBeNull()

    const accepted = await app(coverPost(group.slug, { name: 'photo.jpg', bytes: image, type: 'image/jpeg' }, coordinator.cookie))
    expect(accepted.status).toBe(302)
    expect(accepted.headers.get('location')).toBe(`/groupes/${group.slug}/parametres#couverture`)
    const key = (await groupRow(group.id)).coverKey as string
    expect(key).toMatch(/^[0-9a-f]{32}$/)
    const served = await app(pageGet(`/groupes/${group.slug}/couverture/${key}/640`))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/webp')
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata()
    expect(meta).toMatchObject({ format: 'webp', width: 640, height: 213 })
    // The group's page shows it; its coordinators get the settings link, others do not.
    const page = await readPage(await app(pageGet(`/groupes/${group.slug}`, coordinator.cookie)))
    expect(page.visible).toContain(`src="/groupes/${group.slug}/couverture/${key}/640"`)
    expect(page.visible).toContain(`href="/groupes/${group.slug}/parametres"`)
    expect((await readPage(await app(pageGet(`/groupes/${group.slug}`)))).visible).not.toContain('/parametres"')
    expect((await app(pageGet(`/groupes/${group.slug}/couverture/${key}/999`))).status).toBe(404)
    expect((await app(pageGet(`/groupes/${group.slug}/couverture/${'0'.repeat(32)}/640`))).status).toBe(404)

    const stranger = await login()
    expect((await app(coverPost(group.slug, { name: 'photo.jpg', bytes: image, type: 'image/jpeg' }, stranger.cookie))).status).toBe(404)
    expect((await groupRow(group.id)).coverKey).toBe(key)

    const removed = await app(formPost(`/groupes/${group.slug}/parametres`, { intent: 'remove-cover' }, coordinator.cookie))
    expect(removed.status).toBe(302)
    expect((await groupRow(group.id)).coverKey).toBeNull()
    expect((await app(pageGet(`/groupes/${group.slug}/couverture/${key}/640`))).status).toBe(404)
  })

  test('a members-only group’s cover: 404 to outsiders, private cache to members', async () => {
    const group = await createTestGroup({ pageVisibility: 'members' })
    const admin = await login({ role: 'admin' })
    const image = await sharp({ create: { width: 1300, height: 500, channels: 3, background: '#a26' } }).png().toBuffer()
    expect((await app(coverPost(group.slug, { name: 'c.png', bytes: image }, admin.cookie))).status).toBe(302)
    const key = (await groupRow(group.id)).coverKey as string
    const url = `/groupes/${group.slug}/couverture/${key}/1280`
    expect((await app(pageGet(url))).status).toBe(404)
    expect((await app(pageGet(url, (await login()).cookie))).status).toBe(404)
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    const served = await app(pageGet(url, member.cookie))
    expect(served.status).toBe(200)
    expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
    await served.arrayBuffer()
  })
})
