import { register } from '#app/modules/events/registrations.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { createThread } from '#app/modules/discussions/discussions.server.ts'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { actorOf, addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet } from '#tests/helpers/remix-app.ts'
import { createTestResource, resourceInput } from '#tests/factories/resources.ts'
import { FORMER_MEMBER_LABEL } from '#app/modules/privacy/account-deletion.server.ts'
import { updateResource } from '#app/modules/resources/resources.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { ensureProfile } from '#app/modules/people/people.server.ts'
import { inviteMember, requestToJoin } from '#app/modules/structures/memberships.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import * as emailConfirm from './compte.email.confirmer.tsx'
import * as exportRoute from './compte.export.ts'
import * as profileRoute from './compte.profil.tsx'
import * as deleteRoute from './compte.supprimer.tsx'
import * as memberRoute from './membres.$slug.tsx'
import * as historyRoute from './ressources.$slug.historique.tsx'
import * as resourceRoute from './ressources.$slug._index/route.tsx'

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const asRoute = (module: unknown) => module as RouteModule

const app = createTestApp({
  'routes/membres.$slug': { path: 'membres/:slug', module: asRoute(memberRoute) },
  'routes/compte.profil': { path: 'compte/profil', module: asRoute(profileRoute) },
  'routes/compte.email.confirmer': { path: 'compte/email/confirmer', module: asRoute(emailConfirm) },
  'routes/compte.export': { path: 'compte/export', module: asRoute(exportRoute) },
  'routes/compte.supprimer': { path: 'compte/supprimer', module: asRoute(deleteRoute) },
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: asRoute(resourceRoute) },
  'routes/ressources.$slug.historique': { path: 'ressources/:slug/historique', module: asRoute(historyRoute) },
})

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

describe('/membres/:slug visibility', () => {
  test('public to all, members to logged-in people, hidden to the person only (404 otherwise)', async () => {
    const person = await login({ name: 'Dominique Visible' })
    const { structure } = await createTestStructure({ owner: person.user })
    const profile = await ensureProfile(person.user)
    const other = await login()
    const url = `/membres/${profile.slug}`
    const set = (visibility: 'public' | 'members' | 'hidden') =>
      db.updateTable('profiles').set({ visibility }).where('userId', '=', person.user.id).execute()

    await set('public')
    const html = await (await app(pageGet(url))).text()
    expect(html).toContain('Dominique Visible')
    expect(html).toContain(`/structures/${structure.slug}`)
    await set('members')
    expect((await app(pageGet(url))).status).toBe(404)
    expect((await app(pageGet(url, other.cookie))).status).toBe(200)
    await set('hidden')
    expect((await app(pageGet(url, other.cookie))).status).toBe(404)
    expect((await app(pageGet(url, person.cookie))).status).toBe(200)
    expect((await app(pageGet('/membres/personne-inconnue'))).status).toBe(404)
  })
})

describe('/compte/profil', () => {
  test('profile edit with validation, then saved', async () => {
    const { user, cookie } = await login()
    const bad = await app(formPost('/compte/profil', { intent: 'profile', name: '', bio: 'x'.repeat(501), visibility: 'partout' }, cookie))
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('Indiquez votre nom.')
    expect(html).toContain('La présentation ne peut pas dépasser 500 caractères.')
    expect(html).toContain('Choisissez qui peut voir votre profil.')
    const ok = await app(formPost('/compte/profil', { intent: 'profile', name: 'Nouveau Nom', bio: 'Animatrice', visibility: 'public', territory: 'arrageois' }, cookie))
    expect(ok.status).toBe(302)
    const row = await db.selectFrom('users').innerJoin('profiles', 'profiles.userId', 'users.id').select(['users.name', 'profiles.bio', 'profiles.visibility']).where('users.id', '=', user.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'Nouveau Nom', bio: 'Animatrice', visibility: 'public' })
  })

  test('email change: wrong password refused; link sent to the new address; takes effect only once confirmed', async () => {
    resetRateLimits()
    const { user, cookie } = await login()
    const newEmail = `nouvelle-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
    const wrong = await app(formPost('/compte/profil', { intent: 'email', newEmail, currentPassword: 'pas le bon' }, cookie))
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('Ce mot de passe n’est pas le bon.')
    const sent = await app(formPost('/compte/profil', { intent: 'email', newEmail, currentPassword: user.password }, cookie))
    expect(sent.status).toBe(302)
    expect((await db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email).toBe(user.email)
    const mail = await db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', newEmail).executeTakeFirstOrThrow()
    const token = /token=([a-z2-7]{52})/.exec(mail.textBody)?.[1]
    expect(token).toBeDefined()
    // Opening the link does not change anything; the button does.
    expect(await (await app(pageGet(`/compte/email/confirmer?token=${token}`))).text()).toContain(newEmail)
    expect((await db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email).toBe(user.email)
    expect((await app(formPost('/compte/email/confirmer', { token: token ?? '' }))).status).toBe(302)
    expect((await db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email).toBe(newEmail)
    expect(await db.selectFrom('emailOutbox').select('template').where('toAddress', '=', user.email).execute()).toContainEqual({ template: 'email-changed-notice' })
    const again = await app(formPost('/compte/email/confirmer', { token: token ?? '' }))
    expect(again.status).toBe(400)
  })
})

describe('RGPD', () => {
  test('/compte/export: group memberships, requests and the person’s discussion posts', async () => {
    const { user, cookie } = await login({ name: 'Export Groupes' })
    const group = await db.selectFrom('groups').select(['id', 'slug']).where('slug', '=', 'ternois').executeTakeFirstOrThrow()
    await db.insertInto('groupMemberships').values({ groupId: group.id, userId: user.id, role: 'member', joinedAt: new Date().toISOString() }).execute()
    const viewer = await actorOf(user)
    const opened = await createThread({
      actor: viewer,
      groupId: group.id,
      title: 'Mon fil exporté',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Texte du fil à exporter' }] }] },
    })
    if (!opened.ok) throw new Error(JSON.stringify(opened))
    const body = await (await app(pageGet('/compte/export', cookie))).json()
    expect(body.groupes.adhesions).toEqual([expect.objectContaining({ slug: 'ternois', role: 'member' })])
    expect(body.discussions.discussionsOuvertes).toEqual([expect.objectContaining({ title: 'Mon fil exporté', texte: 'Texte du fil à exporter' })])
  })

  test('/compte/export: the person’s event registrations, waiting places included', async () => {
    const { user, cookie } = await login({ name: 'Export Agenda' })
    const event = await createTestEvent({ title: 'Plénière exportée', capacity: 1 })
    const other = await createTestUser()
    expect(await register({ eventId: event.id, actor: await actorOf(other) })).toMatchObject({ ok: true, state: 'registered' })
    expect(await register({ eventId: event.id, actor: await actorOf(user) })).toMatchObject({ ok: true, state: 'waiting' })
    const body = await (await app(pageGet('/compte/export', cookie))).json()
    expect(body.agenda.inscriptions).toEqual([expect.objectContaining({ evenement: 'Plénière exportée', state: 'waiting', position: 1 })])
    expect(body.agenda.lienCalendrierPrive).toBeNull()
  })

  test('/compte/export: a JSON attachment with account, profile, memberships, sessions — and no secrets', async () => {
    const { user, cookie } = await login({ name: 'Export Personne' })
    const { structure } = await createTestStructure({ owner: user })
    const response = await app(pageGet('/compte/export', cookie))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="essaim-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = await response.json()
    expect(body.compte).toMatchObject({ email: user.email, name: 'Export Personne' })
    expect(body.profil).toMatchObject({ visibility: 'members' })
    expect(body.structures.adhesions).toEqual([expect.objectContaining({ slug: structure.slug, role: 'owner' })])
    expect(body.sessions).toHaveLength(1)
    const text = JSON.stringify(body)
    expect(text).not.toContain(user.passwordHash)
    expect(text).not.toContain('tokenHash')
    expect((await app(pageGet('/compte/export'))).status).toBe(302)
  })

  test('/compte/supprimer: a sole owner is blocked with a clear message and the structures to hand over', async () => {
    resetRateLimits()
    const { user, cookie } = await login()
    const { structure } = await createTestStructure({ owner: user })
    expect(await (await app(pageGet('/compte/supprimer', cookie))).text()).toContain(`/structures/${structure.slug}/membres`)
    const response = await app(formPost('/compte/supprimer', { password: user.password, confirm: 'on' }, cookie))
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('seule personne responsable')
    expect(await db.selectFrom('users').select('id').where('id', '=', user.id).execute()).toHaveLength(1)
  })

  test('/compte/supprimer: wrong password refused; then every trace of personal data is gone', async () => {
    resetRateLimits()
    const { user, cookie } = await login({ name: 'Zoé Àeffacer' })
    const owner = await createTestUser()
    const { structure } = await createTestStructure({ owner })
    await addTestMember(structure.id, user.id)
    await ensureProfile(user)
    const other = await createTestStructure()
    await requestToJoin(other.structure.id, user, 'Mon message personnel')
    const invited = await createTestStructure()
    await inviteMember({ structureId: invited.structure.id, actor: await actorOf(invited.owner), email: user.email, role: 'member' })
    await createSession(user.id)

    const wrong = await app(formPost('/compte/supprimer', { password: 'mauvais', confirm: 'on' }, cookie))
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('Ce mot de passe n’est pas le bon.')

    const response = await app(formPost('/compte/supprimer', { password: user.password, confirm: 'on' }, cookie))
    expect(response.status).toBe(302)
    expect(response.headers.getSetCookie().join('\n')).toMatch(/essaim_session=;.*Max-Age=0/)

    // Query every table that could hold something about the person.
    expect(await db.selectFrom('users').select('id').where((eb) => eb.or([eb('id', '=', user.id), eb('email', '=', user.email)])).execute()).toEqual([])
    for (const table of ['sessions', 'authTokens', 'failedLogins', 'profiles', 'structureMembers', 'structureJoinRequests', 'emailChangeRequests'] as const) {
      expect(await db.selectFrom(table).select('userId').where('userId', '=', user.id).execute(), table).toEqual([])
    }
    expect(await db.selectFrom('structureInvitations').select('id').where('email', '=', user.email).execute()).toEqual([])
    expect(await db.selectFrom('emailOutbox').select('id').where('toAddress', '=', user.email).execute()).toEqual([])
    // Nothing in the database mentions their name or address any more (owners' notification emails excepted: they
    // are addressed to the owners and name the requester, so they are erased too).
    const dump = JSON.stringify(
      await Promise.all([
        db.selectFrom('structureJoinRequests').selectAll().execute(),
        db.selectFrom('structureInvitations').selectAll().execute(),
        db.selectFrom('auditLog').selectAll().execute(),
        db.selectFrom('emailOutbox').select(['toAddress', 'textBody']).execute(),
      ]),
    )
    expect(dump).not.toContain(user.email)
    expect(dump).not.toContain('Zoé Àeffacer')
    expect(dump).not.toContain('Mon message personnel')
  })
})

describe('RGPD: resources', () => {
  test('/compte/export lists the person’s resources and the versions they saved', async () => {
    const { user, cookie } = await login()
    const someoneElse = await createTestUser()
    const own = await createTestResource({ author: user, status: 'draft', overrides: { title: 'Mon brouillon exporté' } })
    const theirs = await createTestResource({ author: someoneElse, type: 'initiative', overrides: { title: 'La ressource d’une autre' } })
    await db.updateTable('users').set({ role: 'admin' }).where('id', '=', user.id).execute()
    await updateResource({ id: theirs.id, input: resourceInput('initiative', { title: 'Corrigée par moi' }), actor: await actorOf(user), expectedVersion: 1, note: 'Coquille' })
    const body = await (await app(pageGet('/compte/export', cookie))).json()
    expect(body.ressources.ressources).toEqual([
      expect.objectContaining({ title: 'Mon brouillon exporté', slug: own.slug, type: 'financement-europeen', status: 'draft', createdAt: own.createdAt, publishedAt: null, deletedAt: null }),
    ])
    expect(body.ressources.versions).toEqual([
      expect.objectContaining({ resource: own.slug, title: 'Mon brouillon exporté', note: null }),
      expect.objectContaining({ resource: theirs.slug, title: 'Corrigée par moi', note: 'Coquille' }),
    ])
  })

  test('deletion: resources of no structure are deleted and leave search; a structure’s stay, signed « Ancien membre »', async () => {
    resetRateLimits()
    const { user, cookie } = await login({ name: 'Camille Partante' })
    const owner = await createTestUser()
    const { structure } = await createTestStructure({ owner })
    await addTestMember(structure.id, user.id)
    const alone = await createTestResource({ author: user, overrides: { title: 'Publiée sans structure' } })
    const aloneDraft = await createTestResource({ author: user, status: 'draft', overrides: { title: 'Brouillon sans structure' } })
    const shared = await createTestResource({ author: user, type: 'initiative', overrides: { title: 'Initiative de la structure', structures: [structure.slug] } })
    const other = await createTestResource({ author: owner, type: 'initiative', overrides: { structures: [structure.slug] } })
    await updateResource({ id: other.id, input: resourceInput('initiative', { title: 'Retouchée par Camille', structures: [structure.slug] }), actor: await actorOf(user), expectedVersion: 1 })

    const response = await app(formPost('/compte/supprimer', { password: user.password, confirm: 'on' }, cookie))
    expect(response.status).toBe(302)

    // In the database: the lone resources are soft-deleted, with a search removal queued in the same transaction…
    const rows = await db
      .selectFrom('resources')
      .select(['id', 'authorId', 'deletedAt'])
      .where('id', 'in', [alone.id, aloneDraft.id, shared.id, other.id])
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(byId.get(alone.id)?.deletedAt).toBeTruthy()
    expect(byId.get(aloneDraft.id)?.deletedAt).toBeTruthy()
    for (const id of [alone.id, aloneDraft.id]) {
      const outbox = await db.selectFrom('searchOutbox').select('operation').where('entityId', '=', id).orderBy('id', 'desc').executeTakeFirst()
      expect(outbox?.operation).toBe('delete')
    }
    // …the structure's resource stays, without its author; no row names the person any more.
    expect(byId.get(shared.id)).toMatchObject({ authorId: null, deletedAt: null })
    expect(byId.get(other.id)).toMatchObject({ authorId: owner.id, deletedAt: null })
    expect(await db.selectFrom('resources').select('id').where('authorId', '=', user.id).execute()).toEqual([])
    expect(await db.selectFrom('revisions').select('id').where('authorId', '=', user.id).execute()).toEqual([])
    expect(await db.selectFrom('attachments').select('id').where('uploaderId', '=', user.id).execute()).toEqual([])

    // The pages: the lone resource is gone (404), the structure's one is signed « Ancien membre », history too.
    expect((await app(pageGet(`/ressources/${alone.slug}`))).status).toBe(404)
    const page = await readVisible(await app(pageGet(`/ressources/${shared.slug}`)))
    expect(page).toContain(FORMER_MEMBER_LABEL)
    expect(page).not.toContain('Camille Partante')
    const ownerCookie = (await createSession(owner.id)).cookie.split(';')[0]
    const history = await readVisible(await app(pageGet(`/ressources/${other.slug}/historique`, ownerCookie)))
    expect(history).toContain(`<td>${FORMER_MEMBER_LABEL}</td>`)
    expect(history).not.toContain('Camille Partante')
  })
})

async function readVisible(response: Response) {
  expect(response.status).toBe(200)
  return (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '')
}
