import { beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { getSqlite } from '#db/client.server.ts'
import { resetSearchEngine } from '#app/modules/search/engine.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { insertTestResource, updateTestResource } from '#tests/helpers/search-resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { loader as apiLoader } from './api.v1.search.ts'
import * as route from './recherche.tsx'

// The network's words (issue 9, item 6), the facets of the page (labels, order) and facets that only count what the
// viewer may see (issue 10, F7). Demo-like documents, written the way the modules write them.

const context = { nonce: 'test', clientIp: '127.0.0.1' }
const load = (query: string, cookie?: string) =>
  route.loader({
    request: new Request(`http://localhost:3000/recherche${query}`, { headers: cookie ? { Cookie: cookie } : {} }),
    context,
    params: {},
  }) as ReturnType<typeof route.loader>
const api = async (query: string, cookie?: string) => {
  const request = new Request(`http://localhost:3000/api/v1/search${query}`, { headers: cookie ? { Cookie: cookie } : {} })
  return (await ((await apiLoader({ request, context, params: {} })) as Response).json()) as any
}
type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const app = createTestApp({ 'routes/recherche': { path: 'recherche', module: route as unknown as RouteModule } })
const titles = (result: { hits: { titleHtml: string }[] }) => result.hits.map((h) => h.titleHtml.replace(/<\/?mark>/g, ''))

describe('/recherche understands the network’s words', () => {
  beforeAll(async () => {
    getSqlite().exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    // The engine of this process reads the synonyms of the database (another test file may have replaced them).
    resetSearchEngine()
    await createTestStructure({
      input: {
        name: 'Béthune Ressourcerie',
        legalForm: 'siae',
        presentation: 'Collecte, réparation et revente d’objets du quotidien.',
      },
    })
    await insertTestResource({
      title: 'Se faire accompagner par le dispositif local d’accompagnement',
      summary: 'Un diagnostic gratuit pour consolider les emplois de votre association.',
      territory: 'artois',
    })
    await insertTestResource({
      title: 'Les chiffres clés de la chambre régionale de l’ESS',
      summary: 'L’observatoire régional publie l’emploi salarié des Hauts-de-France.',
      territory: 'departement',
    })
    await insertTestResource({
      title: 'Aide au démarrage des associations employeuses',
      summary: 'Le Département soutient la création d’un premier emploi.',
      territory: 'lensois',
    })
    await insertTestResource({
      title: 'Financement participatif des tiers-lieux',
      summary: 'Une plateforme régionale complète les fonds propres.',
      territory: 'lensois',
    })
    await insertTestResource({ title: 'Convention de partenariat avec la commune', summary: 'Modèle à adapter.', territory: 'lensois' })
    await insertTestResource({
      title: 'Passer d’association à SCIC',
      summary: 'La société coopérative d’intérêt collectif associe salariés, usagers et collectivités ; d’autres statuts existent.',
      territory: 'arrageois',
    })
    await insertTestResource({
      title: 'FSE+ 2026 : parcours d’insertion renforcés',
      summary: 'Plus d’infos sur le Fonds social européen plus et son calendrier.',
      type: 'financement-europeen',
      territory: 'arrageois',
    })
    await drainSearchOutbox()
  })

  it('IAE finds the SIAE; DLA, CRESS and subvention find what the network calls them', async () => {
    expect(titles(await load('?q=IAE'))).toContain('Béthune Ressourcerie')
    expect(titles(await load('?q=DLA'))).toEqual(['Se faire accompagner par le dispositif local d’accompagnement'])
    expect(titles(await load('?q=CRESS'))).toEqual(['Les chiffres clés de la chambre régionale de l’ESS'])
    const subvention = await load('?q=subvention')
    expect(titles(subvention).sort()).toEqual(['Aide au démarrage des associations employeuses', 'Financement participatif des tiers-lieux'])
    // Not « corrected » into another word.
    expect(subvention.suggestion).toBeNull()
    expect((await load('?q=subventions+')).suggestion).toBeNull()
  })

  it('says when no result holds all the words, on the page and in the API', async () => {
    const partial = await load('?q=créer+une+association')
    expect(partial.total).toBeGreaterThan(0)
    expect(partial.partialMatch).toBe(true)
    const html = (await readPage(await app(pageGet('/recherche?q=cr%C3%A9er+une+association')))).visible
    expect(html).toContain('Aucun résultat ne contient tous vos mots : voici ceux qui en contiennent au moins un.')
    expect((await api('?q=cr%C3%A9er+une+association')).partialMatch).toBe(true)

    const whole = await load('?q=aide+associations')
    expect(whole.partialMatch).toBe(false)
    expect((await api('?q=aide+associations')).partialMatch).toBe(false)
    const page = (await readPage(await app(pageGet('/recherche?q=aide+associations')))).visible
    expect(page).not.toContain('Aucun résultat ne contient tous vos mots')
  })

  it('highlights the words typed, never the words of a synonym phrase', async () => {
    const scic = (await load('?q=SCIC')).hits.find((h) => h.titleHtml.includes('SCIC'))!
    expect(scic.titleHtml).toBe('Passer d’association à <mark>SCIC</mark>')
    expect(scic.excerptHtml).not.toContain('<mark>')
    const fse = (await load('?q=FSE')).hits.find((h) => h.titleHtml.includes('FSE'))!
    expect(fse.titleHtml).toBe('<mark>FSE</mark>+ 2026 : parcours d’insertion renforcés')
    expect(fse.excerptHtml).not.toMatch(/<mark>plus<\/mark>/i)
    // Typed words and their corrections are still marked.
    const typo = (await load('?q=financemant+')).hits[0]
    expect(typo.titleHtml).toBe('<mark>Financement</mark> participatif des tiers-lieux')
  })

  it('suggests the accented form of a word typed without its accents', async () => {
    await insertTestResource({
      title: 'Fonds européen : accompagner les associations',
      summary: 'Le Fonds européen soutient les associations : chaque association du Pas-de-Calais peut déposer.',
    })
    await drainSearchOutbox()
    const result = await load('?q=fonds+europeen+asociation+')
    expect(result.suggestion).toBe('fonds européen association')
  })
})

describe('/recherche facets', () => {
  beforeAll(async () => {
    getSqlite().exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    const call = (title: string, openingDate: string, deadline: string) =>
      insertTestResource({ title, type: 'financement-europeen', territory: 'ternois', openingDate, deadline })
    await call('Appel ouvert 1 : bocage', '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')
    await call('Appel à venir 1 : bocage', '2098-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')
    await call('Appel à venir 2 : bocage', '2098-01-01T00:00:00.000Z', '2099-02-01T00:00:00.000Z')
    await call('Appel clôturé 1 : bocage', '2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z')
    await call('Appel clôturé 2 : bocage', '2024-01-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z')
    await call('Appel clôturé 3 : bocage', '2024-01-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z')
    await insertTestResource({ title: 'Initiative bocage', type: 'initiative', territory: 'ternois' })
    await createTestStructure({ input: { name: 'Bocage solidaire', presentation: 'Haies et bocage.' } })
    await drainSearchOutbox()
  })

  it('« Type de contenu », structures not a type of resource, call states in their logical order, no « Sans date limite »', async () => {
    const result = await load('?q=bocage')
    expect(result.total).toBe(8)
    expect(result.facets.kind).toEqual({ resource: 7, structure: 1 })
    expect(result.facets.type).toEqual({ 'financement-europeen': 6, initiative: 1 })
    expect(result.facets.state).toEqual({ open: 1, upcoming: 2, closed: 3 })
    const { visible } = await readPage(await app(pageGet('/recherche?q=bocage')))
    expect(visible).toContain('Type de contenu')
    expect(visible).not.toContain('Genre')
    expect(visible).not.toContain('Sans date limite')
    expect(visible).toContain('<legend>Type de contenu</legend>')
    const states = visible.slice(visible.indexOf('<legend>État de l’appel</legend>'))
    const facet = states.slice(0, states.indexOf('</fieldset>'))
    const open = facet.indexOf('Appel ouvert')
    const upcoming = facet.indexOf('Appel à venir')
    const closed = facet.indexOf('Appel clôturé')
    expect(open).toBeGreaterThan(-1)
    expect(open).toBeLessThan(upcoming)
    expect(upcoming).toBeLessThan(closed)
  })
})

describe('facets only count what the viewer may see (F7)', () => {
  let memberCookie: string
  beforeAll(async () => {
    getSqlite().exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    memberCookie = (await createSession((await createTestUser()).id)).cookie.split(';')[0]
  })

  it('a resource made members-only or deleted, not yet re-indexed, counts for nobody who may not see it', async () => {
    const hidden = await insertTestResource({ title: 'Verger conservatoire', territory: 'montreuillois' })
    const deleted = await insertTestResource({ title: 'Verger partagé', territory: 'boulonnais' })
    await insertTestResource({ title: 'Verger école', territory: 'boulonnais' })
    await drainSearchOutbox()
    expect((await api('?q=verger')).facets.territory).toEqual({ montreuillois: 1, boulonnais: 2 })

    // The database changes; the index has not heard of it yet (the outbox is not drained).
    await updateTestResource(hidden, { visibility: 'members' })
    await updateTestResource(deleted, { deletedAt: new Date().toISOString() }, 'delete')
    const anonymous = await api('?q=verger')
    expect(anonymous.total).toBe(1)
    expect(anonymous.facets.territory).toEqual({ boulonnais: 1 })
    const page = await load('?q=verger')
    expect(page.total).toBe(1)
    expect(page.facets.territory).toEqual({ boulonnais: 1 })
    expect(page.facets.kind).toEqual({ resource: 1 })
    // A member: counted exactly like the hits — the deleted one never, the members-only one once its entry says so.
    const member = await api('?q=verger', memberCookie)
    expect(member.facets.territory).toEqual({ boulonnais: 1 })
    expect(member.total).toBe(member.hits.length)
    await drainSearchOutbox()
    const later = await api('?q=verger', memberCookie)
    expect(later.facets.territory).toEqual({ montreuillois: 1, boulonnais: 1 })
    expect(later.hits).toHaveLength(2)
    expect((await api('?q=verger')).facets.territory).toEqual({ boulonnais: 1 })
  })
})
