import { beforeEach, describe, expect, it } from 'vitest'
import { db, getSqlite } from '#db/client.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { insertTestResource } from '#tests/helpers/search-resources.ts'
import { loader as searchPage } from '#app/routes/recherche.tsx'
import { loader as searchApi } from '#app/routes/api.v1.search.ts'
import { loader as resourcesPage } from '#app/routes/ressources._index.tsx'
import { loader as resourcesApi } from '#app/routes/api.v1.resources.ts'
import { closeExpiredCalls } from './closing.server.ts'
import { validateResource, withdrawValidation } from './validations.server.ts'

// « Validé par le réseau » as a search filter and facet, end to end: the curation acts re-index the resource through
// the outbox, the indexed attribute follows (review-by date passed: the scheduled job re-indexes it), /recherche and
// /api/v1/search filter and count it within the viewer's rights.

const context = { nonce: 'test', clientIp: '127.0.0.1' }
const page = (query: string) =>
  searchPage({ request: new Request(`http://localhost:3000/recherche${query}`), context, params: {} }) as ReturnType<typeof searchPage>
async function api(query: string) {
  const response = (await searchApi({ request: new Request(`http://localhost:3000/api/v1/search${query}`), context, params: {} })) as Response
  return { status: response.status, body: await response.json() }
}
const actor = systemActor('test')

describe('« Validé par le réseau » in search', () => {
  let validated: string
  let membersOnly: string
  let plain: string

  beforeEach(async () => {
    getSqlite().exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    validated = await insertTestResource({ title: 'Guide capucine de la gouvernance', type: 'bonne-pratique' })
    membersOnly = await insertTestResource({ title: 'Fiche capucine réservée', type: 'bonne-pratique', visibility: 'members' })
    plain = await insertTestResource({ title: 'Note capucine ordinaire', type: 'formation' })
    for (const id of [validated, membersOnly]) expect((await validateResource({ resourceId: id, actor })).ok).toBe(true)
    await drainSearchOutbox()
  })

  it('filters with ?valide=1 and counts the facet, never what the viewer may not see', async () => {
    const all = await page('?q=capucine')
    expect(all.total).toBe(2)
    // The members-only validated resource is not counted for an anonymous visitor.
    expect(all.facets.validated).toEqual({ true: 1, false: 1 })
    expect(all.hits.find((h) => h.id === validated)?.validated).toBe(true)
    expect(all.hits.find((h) => h.id === plain)?.validated).toBe(false)
    const only = await page('?q=capucine&valide=1')
    expect(only.params.validated).toBe(true)
    expect(only.hits.map((h) => h.id)).toEqual([validated])
    expect(only.facets.validated).toEqual({ true: 1, false: 1 })
    // A bad value is ignored by the page (no filter) rather than failing it.
    expect((await page('?q=capucine&valide=peut-etre')).total).toBe(2)
  })

  it('the API filters with validated=true, says which hits are validated, and refuses a bad value in French', async () => {
    const result = await api('?q=capucine&validated=true')
    expect(result.status).toBe(200)
    expect(result.body.hits.map((h: { id: string }) => h.id)).toEqual([validated])
    expect(result.body.hits[0].validated).toBe(true)
    expect(result.body.facets.validated).toEqual({ true: 1, false: 1 })
    const bad = await api('?q=capucine&validated=peut-etre')
    expect(bad.status).toBe(400)
    expect(bad.body.issues.validated).toBe('Valeur attendue pour « validé » : true ou false.')
  })

  it('/ressources: the « Validé par le réseau » checkbox (?valide=1) with its count, within the viewer’s rights', async () => {
    const list = (query: string) =>
      resourcesPage({ request: new Request(`http://localhost:3000/ressources${query}`), context, params: {} }) as ReturnType<typeof resourcesPage>
    const all = await list('?type=bonne-pratique')
    // Other resources of the database may be validated too: compare with and without the filter.
    const only = await list('?type=bonne-pratique&valide=1')
    expect(only.filters.validatedOnly).toBe(true)
    expect(only.total).toBe(all.validatedCount)
    expect(only.items.every((item) => item.validated)).toBe(true)
    expect(only.items.map((item) => item.id)).toContain(validated)
    // The members-only validated one is not listed nor counted for an anonymous visitor.
    expect(only.items.map((item) => item.id)).not.toContain(membersOnly)
    expect(all.items.find((item) => item.id === validated)?.validated).toBe(true)
  })

  it('/api/v1/resources?valide=oui lists validated public resources only; a bad value is a French 400', async () => {
    const call = async (query: string) => {
      const response = (await resourcesApi({ request: new Request(`http://localhost:3000/api/v1/resources${query}`), context, params: {} })) as Response
      return { status: response.status, body: await response.json() }
    }
    const slugOf = async (id: string) => (await db.selectFrom('resources').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug
    const ok = await call('?valide=oui&type=bonne-pratique&perPage=100')
    expect(ok.status).toBe(200)
    const slugs = JSON.stringify(ok.body)
    expect(slugs).toContain(await slugOf(validated))
    expect(slugs).not.toContain(await slugOf(membersOnly))
    const bad = await call('?valide=peut-etre')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('Valeur invalide : « oui » ou « non ».')
  })

  it('leaves the filter when the validation is withdrawn', async () => {
    expect(await withdrawValidation({ resourceId: validated, actor })).toBe(true)
    await drainSearchOutbox()
    expect((await page('?q=capucine&valide=1')).total).toBe(0)
  })

  it('leaves the filter once its review-by date passed: the scheduled job re-indexes it, once', async () => {
    await db.updateTable('resourceValidations').set({ reviewBy: '2026-01-01T00:00:00.000Z' }).where('resourceId', '=', validated).execute()
    // Until the job runs, the index still says validated.
    expect((await page('?q=capucine&valide=1')).total).toBe(1)
    const report = await closeExpiredCalls()
    expect(report.staleValidations).toEqual([validated])
    await drainSearchOutbox()
    const after = await page('?q=capucine&valide=1')
    expect(after.total).toBe(0)
    expect(after.facets.validated).toEqual({ false: 2 })
    expect((await closeExpiredCalls()).staleValidations).toEqual([])
    // Confirmed again: back in the filter.
    expect((await validateResource({ resourceId: validated, actor })).ok).toBe(true)
    await drainSearchOutbox()
    expect((await page('?q=capucine&valide=1')).hits.map((h) => h.id)).toEqual([validated])
  })
})
