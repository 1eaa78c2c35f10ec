import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet } from '#tests/helpers/remix-app.ts'
import { STRUCTURE_PAGE_ROUTES } from '#tests/helpers/structure-routes.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { STRUCTURE_MESSAGES } from '#app/modules/structures/structures.schema.ts'
import * as directory from './structures._index.tsx'
import * as create from './structures.nouvelle.tsx'
import * as invitation from './invitations.$token.tsx'

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
/** Route modules with a typed `meta` do not fit ServerRouteModule's `unknown` loader data. */
const asRoute = (module: unknown) => module as RouteModule

const app = createTestApp({
  'routes/structures._index': { path: 'structures', module: asRoute(directory) },
  'routes/structures.nouvelle': { path: 'structures/nouvelle', module: asRoute(create) },
  ...STRUCTURE_PAGE_ROUTES,
  'routes/invitations.$token': { path: 'invitations/:token', module: asRoute(invitation) },
})

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

const VALID = {
  name: 'La Ressourcerie du Ternois',
  legalForm: 'association',
  communeLabel: 'Arras',
  presentation: 'Collecte, valorisation et revente d’objets.',
}

describe('/structures/nouvelle', () => {
  test('anonymous visitors are sent to log in', async () => {
    const response = await app(pageGet('/structures/nouvelle'))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/connexion?redirectTo=%2Fstructures%2Fnouvelle')
  })

  test('an unconfirmed address cannot create (403 on POST, explanation on the page)', async () => {
    const { cookie } = await login({ emailVerifiedAt: null })
    expect(await (await app(pageGet('/structures/nouvelle', cookie))).text()).toContain('confirmez d’abord votre adresse')
    expect((await app(formPost('/structures/nouvelle', VALID, cookie))).status).toBe(403)
  })

  test('bad input: 400, French messages next to the fields, typed values kept, nothing created', async () => {
    const { cookie } = await login()
    const response = await app(
      formPost('/structures/nouvelle', { ...VALID, siret: '73282932000075', rna: 'X1', websiteUrl: 'javascript:alert(1)', communeLabel: 'Lille' }, cookie),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain(STRUCTURE_MESSAGES.siretChecksum)
    expect(html).toContain(STRUCTURE_MESSAGES.rnaFormat)
    expect(html).toContain('Indiquez une adresse web complète')
    expect(html).toContain('Aucune commune du Pas-de-Calais')
    expect(html).toContain('value="La Ressourcerie du Ternois"')
    expect(html).toContain('value="73282932000075"')
    expect(html).toContain('aria-invalid="true"')
    expect(await db.selectFrom('structures').select('id').where('name', '=', VALID.name).execute()).toEqual([])
  })

  test('without JavaScript: the typed commune is resolved, the creator is owner, redirected to the profile', async () => {
    const { user, cookie } = await login()
    const response = await app(formPost('/structures/nouvelle', { ...VALID, name: 'Ressourcerie Nouvelle', themes: 'economie-circulaire' }, cookie))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/structures/ressourcerie-nouvelle')
    const structure = await db.selectFrom('structures').selectAll().where('slug', '=', 'ressourcerie-nouvelle').executeTakeFirstOrThrow()
    expect(structure.communeInsee).toBe('62041')
    const role = await db.selectFrom('structureMembers').select('role').where('structureId', '=', structure.id).where('userId', '=', user.id).executeTakeFirst()
    expect(role).toEqual({ role: 'owner' })
  })
})

describe('/structures/:slug', () => {
  test('unknown slug is a 404', async () => {
    expect((await app(pageGet('/structures/nexiste-pas'))).status).toBe(404)
  })

  test('anonymous: public page without management links or hidden contact details', async () => {
    const { structure } = await createTestStructure({ input: { contactEmail: 'secret@exemple.fr' } })
    const response = await app(pageGet(`/structures/${structure.slug}`))
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toMatch(new RegExp(`<h1[^>]*>${structure.name}</h1>`))
    expect(html).toContain('Arras')
    expect(html).not.toContain('secret@exemple.fr')
    expect(html).not.toContain('/modifier')
    expect(html).toContain('Connectez-vous')
  })

  test('owner: edit and manage links, contact shown to them, charter signature', async () => {
    const { user, cookie } = await login()
    const { structure } = await createTestStructure({ owner: user, input: { contactEmail: 'secret@exemple.fr' } })
    const html = await (await app(pageGet(`/structures/${structure.slug}`, cookie))).text()
    expect(html).toContain(`/structures/${structure.slug}/modifier`)
    expect(html).toContain('secret@exemple.fr')
    const response = await app(formPost(`/structures/${structure.slug}?index`, { intent: 'sign-charter' }, cookie))
    expect(response.status).toBe(302)
    const row = await db.selectFrom('structures').select('charterSignedAt').where('id', '=', structure.id).executeTakeFirstOrThrow()
    expect(row.charterSignedAt).not.toBeNull()
    expect(await (await app(pageGet(`/structures/${structure.slug}`, cookie))).text()).toContain('Signataire de la charte de l’ESS depuis le')
  })

  test('phone and SIRET are grouped for reading (stored unchanged), with a tel: link; hidden contact note names who sees it', async () => {
    const { user, cookie } = await login()
    const { structure } = await createTestStructure({
      owner: user,
      input: { contactPhone: '0321000000', siret: '12345678200002', showContact: false, contactEmail: 'cache@exemple.fr' },
    })
    const html = (await (await app(pageGet(`/structures/${structure.slug}`, cookie))).text()).replace(/<script\b[\s\S]*?<\/script>/g, '')
    expect(html).toContain('<a href="tel:+33321000000">03\u00a021\u00a000\u00a000\u00a000</a>')
    expect(html).toContain('<dt>SIRET</dt><dd>123\u00a0456\u00a0782\u00a000002</dd>')
    expect(html).toContain('ne sont visibles que par les responsables de la structure et les administrateurs.')
  })

  test('only admins grant the label; a member trying gets a 404 and nothing changes', async () => {
    const { structure } = await createTestStructure()
    const member = await login()
    expect((await app(formPost(`/structures/${structure.slug}?index`, { intent: 'grant-label' }, member.cookie))).status).toBe(404)
    const admin = await login({ role: 'admin' })
    // No application file exists: the page does not promise an examination of one.
    const adminPage = await (await app(pageGet(`/structures/${structure.slug}`, admin.cookie))).text()
    expect(adminPage).toContain('la structure n’en est pas avertie par courriel')
    expect(adminPage).not.toContain('examen du dossier')
    expect((await app(formPost(`/structures/${structure.slug}?index`, { intent: 'grant-label' }, admin.cookie))).status).toBe(302)
    const row = await db.selectFrom('structures').select(['labelGrantedAt', 'labelGrantedBy']).where('id', '=', structure.id).executeTakeFirstOrThrow()
    expect(row.labelGrantedBy).toBe(admin.user.id)
    const audit = await db.selectFrom('auditLog').select('action').where('targetId', '=', structure.id).execute()
    expect(audit).toEqual([{ action: 'structure.label-granted' }])
  })

  test('join request, then the sole owner cannot leave', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    const other = await login()
    expect((await app(formPost(`/structures/${structure.slug}?index`, { intent: 'request-join', message: 'Bonjour' }, other.cookie))).status).toBe(302)
    expect(await (await app(pageGet(`/structures/${structure.slug}`, other.cookie))).text()).toContain('attend la réponse')
    const leave = await app(formPost(`/structures/${structure.slug}?index`, { intent: 'leave' }, owner.cookie))
    expect(leave.status).toBe(400)
    expect(await leave.text()).toContain('seule personne responsable')
  })
})

describe('/structures/:slug layout', () => {
  test('one breadcrumb per page from the layout, one h1, the profile forms post to the index route (no JavaScript needed)', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    const visible = async (url: string) => (await (await app(pageGet(url, owner.cookie))).text()).replace(/<script\b[\s\S]*?<\/script>/g, '')
    const profilePage = await visible(`/structures/${structure.slug}`)
    expect(profilePage.match(/aria-label="Fil d’Ariane"/g)).toHaveLength(1)
    expect(profilePage).toContain(`<span aria-current="page">${structure.name}</span>`)
    expect(profilePage.match(/<h1/g)).toHaveLength(1)
    expect(profilePage).toContain(`action="/structures/${structure.slug}?index"`)
    for (const [path, crumb, title] of [
      ['membres', 'Membres', `Membres de ${structure.name} — Essaim`],
      ['modifier', 'Modifier', `Modifier ${structure.name} — Essaim`],
    ]) {
      const page = await visible(`/structures/${structure.slug}/${path}`)
      expect(page.match(/aria-label="Fil d’Ariane"/g)).toHaveLength(1)
      expect(page).toMatch(new RegExp(`<a [^>]*href="/structures/${structure.slug}"[^>]*>${structure.name}</a>`))
      expect(page).toContain(`<span aria-current="page">${crumb}</span>`)
      expect(page.match(/<h1/g)).toHaveLength(1)
      expect(page.match(/<title>/g)).toHaveLength(1)
      expect(page).toContain(`<title>${title}</title>`)
    }
  })

  test('a page this viewer may not see, or an unknown slug: the French 404 page, one title, no breadcrumb', async () => {
    const { structure } = await createTestStructure()
    const stranger = await login()
    for (const [url, cookie] of [
      [`/structures/${structure.slug}/membres`, stranger.cookie],
      ['/structures/nexiste-pas', undefined],
      ['/structures/nexiste-pas/modifier', stranger.cookie],
    ] as const) {
      const response = await app(pageGet(url, cookie))
      expect(response.status, url).toBe(404)
      const html = await response.text()
      expect(html.match(/<title>[^<]*<\/title>/g), url).toEqual(['<title>Page introuvable — Essaim</title>'])
      expect(html).toContain('<h1>Page introuvable</h1>')
      expect(html).not.toContain('Fil d’Ariane')
    }
  })
})

describe('/structures/:slug/modifier', () => {
  test('access table on the edit page: owner and admin 200, member and other member 404, anonymous to log-in', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    const member = await login()
    await addTestMember(structure.id, member.user.id)
    const other = await login()
    const admin = await login({ role: 'admin' })
    const url = `/structures/${structure.slug}/modifier`
    expect((await app(pageGet(url, owner.cookie))).status).toBe(200)
    expect((await app(pageGet(url, admin.cookie))).status).toBe(200)
    expect((await app(pageGet(url, member.cookie))).status).toBe(404)
    expect((await app(pageGet(url, other.cookie))).status).toBe(404)
    expect((await app(pageGet(url))).status).toBe(302)
    expect((await app(formPost(url, { ...VALID, name: 'Piratée' }, other.cookie))).status).toBe(404)
  })

  test('owner updates; the form is prefilled', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user, input: { websiteUrl: 'https://avant.fr' } })
    const url = `/structures/${structure.slug}/modifier`
    expect(await (await app(pageGet(url, owner.cookie))).text()).toContain('value="https://avant.fr"')
    const response = await app(
      formPost(url, { ...VALID, name: 'Nom modifié', commune: '62041', communeLabel: 'Arras', expectedVersion: '1' }, owner.cookie),
    )
    expect(response.status).toBe(302)
    expect((await db.selectFrom('structures').select('name').where('id', '=', structure.id).executeTakeFirstOrThrow()).name).toBe('Nom modifié')
  })

  test('two edits from the same loaded version: the second is refused (409), keeps what was typed, overwrites nothing', async () => {
    const owner = await login()
    const colleague = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    await addTestMember(structure.id, colleague.user.id, 'owner')
    const url = `/structures/${structure.slug}/modifier`
    const versionIn = (html: string) => /<input type="hidden" name="expectedVersion" value="(\d+)"/.exec(html)?.[1]
    // Both open the form: the same version.
    const loaded = versionIn(await (await app(pageGet(url, owner.cookie))).text())
    expect(loaded).toBe('1')
    expect(versionIn(await (await app(pageGet(url, colleague.cookie))).text())).toBe(loaded)
    const base = { ...VALID, commune: '62041', communeLabel: 'Arras', expectedVersion: String(loaded) }

    const first = await app(formPost(url, { ...base, name: 'Le nom de la collègue' }, colleague.cookie))
    expect(first.status).toBe(302)
    const second = await app(
      formPost(url, { ...base, name: 'Mon nouveau nom', presentation: 'Ma présentation tapée avec soin.' }, owner.cookie),
    )
    expect(second.status).toBe(409)
    const html = await second.text()
    expect(html).toContain('Quelqu’un a enregistré cette structure pendant que vous la modifiiez')
    // Nothing typed is lost…
    expect(html).toContain('value="Mon nouveau nom"')
    expect(html).toContain('Ma présentation tapée avec soin.')
    // …nothing was overwritten, and the form now carries the current version: saving again is a deliberate choice.
    const row = await db.selectFrom('structures').select(['name', 'version']).where('id', '=', structure.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'Le nom de la collègue', version: 2 })
    expect(versionIn(html)).toBe('2')
    const again = await app(formPost(url, { ...base, expectedVersion: '2', name: 'Mon nouveau nom' }, owner.cookie))
    expect(again.status).toBe(302)
    expect((await db.selectFrom('structures').select('name').where('id', '=', structure.id).executeTakeFirstOrThrow()).name).toBe('Mon nouveau nom')
  })

  test('delete needs the confirmation box', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    const url = `/structures/${structure.slug}/modifier`
    expect((await app(formPost(url, { intent: 'delete' }, owner.cookie))).status).toBe(400)
    expect((await app(formPost(url, { intent: 'delete', confirm: structure.slug }, owner.cookie))).status).toBe(302)
    expect(await db.selectFrom('structures').select('id').where('id', '=', structure.id).execute()).toEqual([])
  })
})

describe('invitation flow', () => {
  test('owner invites, the colleague opens the link from the outbox, joins, both listed on the profile', async () => {
    const owner = await login({ name: 'Alice Responsable' })
    const { structure } = await createTestStructure({ owner: owner.user })
    await db.updateTable('profiles').set({ visibility: 'public' }).where('userId', '=', owner.user.id).execute()
    const email = `collegue-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
    const url = `/structures/${structure.slug}/membres`
    const bad = await app(formPost(url, { intent: 'invite', email: 'pas-une-adresse', role: 'member' }, owner.cookie))
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Indiquez une adresse électronique valide')
    expect((await app(formPost(url, { intent: 'invite', email, role: 'member' }, owner.cookie))).status).toBe(302)
    expect(await (await app(pageGet(url, owner.cookie))).text()).toContain(email)

    const mail = await db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', email).executeTakeFirstOrThrow()
    const link = /\/invitations\/([a-z2-7]{52})/.exec(mail.textBody)
    expect(link).not.toBeNull()
    const path = `/invitations/${link?.[1]}`
    const anonymousView = await (await app(pageGet(path))).text()
    expect(anonymousView).toContain(structure.name)
    expect(anonymousView).toContain('connectez-vous')

    const colleague = await login({ email, name: 'Bruno Collègue' })
    const accepted = await app(formPost(path, {}, colleague.cookie))
    expect(accepted.status).toBe(302)
    expect(accepted.headers.get('location')).toBe(`/structures/${structure.slug}`)
    const again = await app(formPost(path, {}, colleague.cookie))
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('a déjà servi')

    const page = await (await app(pageGet(`/structures/${structure.slug}`, colleague.cookie))).text()
    expect(page).toContain('Alice Responsable')
    expect(page).toContain('Bruno Collègue')
  })

  test('members management is for owners only; a join request is accepted there', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    const applicant = await login({ name: 'Chloé Candidate' })
    const url = `/structures/${structure.slug}/membres`
    expect((await app(pageGet(url, applicant.cookie))).status).toBe(404)
    await app(formPost(`/structures/${structure.slug}?index`, { intent: 'request-join' }, applicant.cookie))
    const request = await db.selectFrom('structureJoinRequests').select('id').where('userId', '=', applicant.user.id).executeTakeFirstOrThrow()
    expect(await (await app(pageGet(url, owner.cookie))).text()).toContain('Chloé Candidate')
    expect((await app(formPost(url, { intent: 'accept-request', id: request.id }, owner.cookie))).status).toBe(302)
    expect(await db.selectFrom('structureMembers').select('role').where('userId', '=', applicant.user.id).executeTakeFirst()).toEqual({ role: 'member' })
    // Demoting the sole owner is refused with a French message.
    const demote = await app(formPost(url, { intent: 'set-role', id: owner.user.id, role: 'member' }, owner.cookie))
    expect(demote.status).toBe(400)
    expect(await demote.text()).toContain('au moins une personne responsable')
  })
})

describe('/structures directory', () => {
  test('filters from the query string, count announced politely, pagination keeps filters', async () => {
    const tag = `dir${Math.random().toString(36).slice(2, 7)}`
    for (let i = 0; i < 23; i++) await createTestStructure({ input: { name: `${tag} ${String(i).padStart(2, '0')}`, legalForm: i % 2 ? 'scop' : 'association' } })
    const html = await (await app(pageGet(`/structures?q=${tag}&forme=scop`))).text()
    expect(html).toMatch(/role="status" aria-live="polite"[^>]*>11 structures/)
    const all = await (await app(pageGet(`/structures?q=${tag}`))).text()
    expect(all).toContain('23 structures')
    expect(all).toContain('page 1 sur 2')
    expect(all).toContain(`href="/structures?q=${tag}&amp;page=2"`)
    const page2 = await (await app(pageGet(`/structures?q=${tag}&page=2`))).text()
    expect(page2).toContain(`${tag} 22`)
    expect(page2).not.toContain(`${tag} 00<`)
    const none = await (await app(pageGet(`/structures?q=${tag}&forme=mutuelle&tri=n%27importe`))).text()
    expect(none).toContain('Aucune structure ne correspond')
  })
})
