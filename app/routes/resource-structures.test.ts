import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { createTestResource, resourceValues } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet } from '#tests/helpers/remix-app.ts'
import { STRUCTURE_PAGE_ROUTES } from '#tests/helpers/structure-routes.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { ensureProfile } from '#app/modules/people/people.server.ts'
import { listResourceStructures } from '#app/modules/resources/resources.server.ts'
import * as memberPage from './membres.$slug.tsx'
import * as editPage from './ressources.$slug.modifier/route.tsx'
import * as readingPage from './ressources.$slug._index/route.tsx'
import * as listPage from './ressources._index.tsx'
import * as newPage from './ressources.nouvelle/route.tsx'

// Resources and structures in the pages: the form's structure choice, the reading page, the list filter, the
// structure and person profiles.

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const asRoute = (module: unknown) => module as RouteModule

const app = createTestApp({
  'routes/ressources._index': { path: 'ressources', module: asRoute(listPage) },
  'routes/ressources.nouvelle': { path: 'ressources/nouvelle', module: asRoute(newPage) },
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: asRoute(readingPage) },
  'routes/ressources.$slug.modifier': { path: 'ressources/:slug/modifier', module: asRoute(editPage) },
  ...STRUCTURE_PAGE_ROUTES,
  'routes/membres.$slug': { path: 'membres/:slug', module: asRoute(memberPage) },
})

async function cookieOf(user: { id: string }) {
  return (await createSession(user.id)).cookie.split(';')[0]
}

/** A same-origin multi-value form POST (checkbox groups repeat their name). */
function post(url: string, values: Record<string, unknown>, cookie: string) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item && typeof item === 'object') for (const [k, v] of Object.entries(item)) body.append(`${key}[${index}].${k}`, String(v))
        else body.append(key, String(item))
      })
    } else body.append(key, String(value))
  }
  return new Request(new URL(url, 'http://localhost:3000'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000', host: 'localhost:3000', cookie },
    body,
  })
}

async function visible(response: Response) {
  expect(response.status).toBe(200)
  return (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '')
}

describe('the resource form: structure(s)', () => {
  test('offers the person’s structures, labelled « Structure porteuse » / « Structures porteuses » from their number; none → a hint', async () => {
    const { structure, owner } = await createTestStructure({ input: { name: 'Les Porteurs Solidaires' } })
    const html = await visible(await app(pageGet('/ressources/nouvelle?type=initiative', await cookieOf(owner))))
    expect(html).toContain('<legend>Structure porteuse</legend>')
    expect(html).not.toContain('(s)')
    expect(html).toMatch(new RegExp(`type="checkbox"[^>]*name="structures"[^>]*value="${structure.slug}"`))
    expect(html).toContain('Les Porteurs Solidaires')
    const call = await visible(await app(pageGet('/ressources/nouvelle?type=financement-europeen', await cookieOf(owner))))
    expect(call).toContain('<legend>Structure associée</legend>')
    await createTestStructure({ owner, input: { name: 'Une seconde structure' } })
    const two = await visible(await app(pageGet('/ressources/nouvelle?type=initiative', await cookieOf(owner))))
    expect(two).toContain('<legend>Structures porteuses</legend>')
    const loner = await visible(await app(pageGet('/ressources/nouvelle?type=initiative', await cookieOf(await createTestUser()))))
    expect(loner).toContain('vous ne faites partie d’aucune structure pour l’instant')
    expect(loner).not.toContain('name="structures"')
  })

  test('a structure the author is not a member of is refused with a French message next to the field; theirs is linked', async () => {
    const { structure: mine, owner } = await createTestStructure()
    const { structure: foreign } = await createTestStructure({ input: { name: 'Structure Étrangère' } })
    const cookie = await cookieOf(owner)
    const refused = await app(
      post('/ressources/nouvelle?type=initiative', { ...resourceValues('initiative', { title: 'Initiative refusée', structures: [foreign.slug] }), intent: 'publish' }, cookie),
    )
    expect(refused.status).toBe(400)
    const html = await refused.text()
    expect(html).toContain('Vous ne faites pas partie de la structure « Structure Étrangère »')
    expect(await db.selectFrom('resources').select('id').where('title', '=', 'Initiative refusée').execute()).toEqual([])

    const ok = await app(
      post('/ressources/nouvelle?type=initiative', { ...resourceValues('initiative', { title: 'Initiative portée', structures: [mine.slug] }), intent: 'publish' }, cookie),
    )
    expect(ok.status).toBe(302)
    const row = await db.selectFrom('resources').select('id').where('title', '=', 'Initiative portée').executeTakeFirstOrThrow()
    expect((await listResourceStructures(row.id)).map((s) => s.slug)).toEqual([mine.slug])
  })

  test('a member of the structure edits a colleague’s resource through the page (version check kept)', async () => {
    const { structure, owner: author } = await createTestStructure()
    const colleague = await createTestUser()
    await addTestMember(structure.id, colleague.id)
    const resource = await createTestResource({ author, type: 'initiative', overrides: { structures: [structure.slug] } })
    const cookie = await cookieOf(colleague)
    const page = await visible(await app(pageGet(`/ressources/${resource.slug}/modifier`, cookie)))
    expect(page).toMatch(new RegExp(`<input [^>]*name="structures" checked="" value="${structure.slug}"`))
    const values = { ...resourceValues('initiative', { title: 'Revue par la collègue', structures: [structure.slug] }), version: 1 }
    const saved = await app(post(`/ressources/${resource.slug}/modifier`, values, cookie))
    expect(saved.status).toBe(302)
    const stale = await app(post(`/ressources/${resource.slug}/modifier`, { ...values, title: 'Écrasement' }, cookie))
    expect(stale.status).toBe(409)
    expect((await db.selectFrom('resources').select('title').where('id', '=', resource.id).executeTakeFirstOrThrow()).title).toBe('Revue par la collègue')
    // Someone outside the structure: 404.
    expect((await app(pageGet(`/ressources/${resource.slug}/modifier`, await cookieOf(await createTestUser())))).status).toBe(404)
  })
})

describe('pages that show the link', () => {
  test('the reading page links to the structures; the structure page lists its published, visible resources, newest first', async () => {
    const { structure, owner: author } = await createTestStructure({ input: { name: 'Atelier Partagé' } })
    const make = (title: string, status: 'draft' | 'published', visibility: 'public' | 'members') =>
      createTestResource({ author, status, visibility, type: 'initiative', overrides: { title, structures: [structure.slug] } })
    const older = await make('Initiative publique ancienne', 'published', 'public')
    await make('Initiative en brouillon', 'draft', 'public')
    await make('Initiative pour les membres', 'published', 'members')
    await make('Initiative publique récente', 'published', 'public')

    const reading = await visible(await app(pageGet(`/ressources/${older.slug}`)))
    expect(reading).toMatch(new RegExp(`<a [^>]*href="/structures/${structure.slug}">Atelier Partagé</a>`))
    expect(reading).toContain('Structure porteuse :')
    expect(reading).not.toContain('(s)')

    const anonymous = await visible(await app(pageGet(`/structures/${structure.slug}`)))
    const section = anonymous.slice(anonymous.indexOf('id="titre-ressources"'))
    expect(section.indexOf('Initiative publique récente')).toBeGreaterThan(-1)
    expect(section.indexOf('Initiative publique récente')).toBeLessThan(section.indexOf('Initiative publique ancienne'))
    expect(section).not.toContain('Initiative pour les membres')
    expect(section).not.toContain('Initiative en brouillon')
    expect(section).toContain(`href="/ressources?structure=${structure.slug}"`)
    const member = await visible(await app(pageGet(`/structures/${structure.slug}`, await cookieOf(await createTestUser()))))
    expect(member).toContain('Initiative pour les membres')
    // The author (a member of the structure) does not see their draft listed either: lists are published resources.
    expect(await visible(await app(pageGet(`/structures/${structure.slug}`, await cookieOf(author))))).not.toContain('Initiative en brouillon')
    const empty = await createTestStructure()
    expect(await visible(await app(pageGet(`/structures/${empty.structure.slug}`)))).toContain('Aucune ressource publiée par cette structure')
  })

  test('/ressources?structure= filters (with and without JavaScript: a plain GET); an unknown slug is ignored', async () => {
    const { structure, owner: author } = await createTestStructure({ input: { name: 'Filtre Coopératif' } })
    await createTestResource({ author, type: 'initiative', overrides: { title: 'Dans la structure filtrée', structures: [structure.slug] } })
    await createTestResource({ author, type: 'initiative', overrides: { title: 'Hors de la structure filtrée' } })
    const html = await visible(await app(pageGet(`/ressources?structure=${structure.slug}&type=initiative`)))
    expect(html).toContain('<h1>Ressources de Filtre Coopératif</h1>')
    expect(html).toContain('Dans la structure filtrée')
    expect(html).not.toContain('Hors de la structure filtrée')
    // The filter form keeps the structure when other filters change.
    expect(html).toContain(`<input type="hidden" name="structure" value="${structure.slug}"/>`)
    const unknown = await visible(await app(pageGet('/ressources?structure=nulle-part')))
    expect(unknown).toContain('<h1>Ressources</h1>')
  })

  test('/membres/:slug lists the person’s published resources the viewer may read', async () => {
    const author = await createTestUser({ name: 'Alix Publiante' })
    const profile = await ensureProfile(author)
    await db.updateTable('profiles').set({ visibility: 'public' }).where('userId', '=', author.id).execute()
    await createTestResource({ author, type: 'initiative', overrides: { title: 'Initiative d’Alix' } })
    await createTestResource({ author, type: 'initiative', visibility: 'members', overrides: { title: 'Réservée d’Alix' } })
    await createTestResource({ author, type: 'initiative', status: 'draft', overrides: { title: 'Brouillon d’Alix' } })
    const anonymous = await visible(await app(pageGet(`/membres/${profile.slug}`)))
    expect(anonymous).toContain('Initiative d’Alix')
    expect(anonymous).not.toContain('Réservée d’Alix')
    expect(anonymous).not.toContain('Brouillon d’Alix')
    const member = await visible(await app(pageGet(`/membres/${profile.slug}`, await cookieOf(await createTestUser()))))
    expect(member).toContain('Réservée d’Alix')
    // A hidden profile: 404, resources included.
    await db.updateTable('profiles').set({ visibility: 'hidden' }).where('userId', '=', author.id).execute()
    expect((await app(pageGet(`/membres/${profile.slug}`))).status).toBe(404)
  })
})
