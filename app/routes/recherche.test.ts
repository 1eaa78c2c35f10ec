import { beforeAll, describe, expect, it } from 'vitest'
import { db, getSqlite } from '#db/client.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { flushQueryStats } from '#app/modules/search/query-stats.server.ts'
import { insertTestResource } from '#tests/helpers/search-resources.ts'
import { loader } from './recherche.tsx'

const context = { nonce: 'test', clientIp: '127.0.0.1' }
const load = (query: string) =>
  loader({ request: new Request(`http://localhost:3000/recherche${query}`), context, params: {} }) as ReturnType<typeof loader>

describe('/recherche', () => {
  beforeAll(async () => {
    getSqlite().exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    await insertTestResource({ title: 'Formation au management associatif', type: 'formation', territory: 'lensois', themes: ['culture'] })
    await insertTestResource({ title: 'Formations numériques pour les bénévoles', type: 'formation', territory: 'arrageois' })
    await insertTestResource({ title: 'Jardin partagé de Liévin', type: 'initiative', territory: 'lensois' })
    await drainSearchOutbox()
  })

  it('finds, counts facets with labels, and combines filters', async () => {
    const all = await load('?q=formations')
    expect(all.total).toBe(2)
    expect(all.facets.territory).toEqual({ lensois: 1, arrageois: 1 })
    expect(all.labels.type.formation).toBe('Formation')
    const lens = await load('?q=formations&territory=lensois')
    expect(lens.total).toBe(1)
    expect(lens.facets.territory).toEqual({ lensois: 1, arrageois: 1 })
    expect(lens.hits[0].titleHtml).toBe('<mark>Formation</mark> au management associatif')
  })

  it('falls back on defaults for invalid parameters instead of failing', async () => {
    const result = await load('?q=jardin&page=-4&sort=nope&perPage=9999')
    expect(result.params).toMatchObject({ page: 1, sort: 'relevance', perPage: 20 })
    expect(result.total).toBe(1)
  })

  it('suggests a spelling when nothing is found', async () => {
    const result = await load('?q=jardzzin+')
    expect(result.total).toBe(0)
    expect(result.suggestion).toBe('jardin')
  })

  it('counts queries per week without anything about who searched', async () => {
    await load('?q=Jardin')
    await load('?q=jardin')
    await load('?q=introuvable')
    // Counted in memory, written by the background worker in one transaction.
    await flushQueryStats()
    const rows = await db.selectFrom('searchQueryStats').selectAll().execute()
    expect(Object.keys(rows[0]).sort()).toEqual(['query', 'searches', 'week', 'zeroResults'])
    const jardin = rows.find((r) => r.query === 'jardin')!
    expect(jardin.searches).toBeGreaterThanOrEqual(2)
    expect(rows.find((r) => r.query === 'introuvable')!.zeroResults).toBe(1)
  })
})
