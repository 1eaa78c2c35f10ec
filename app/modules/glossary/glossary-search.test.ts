import { beforeAll, describe, expect, test } from 'vitest'
import { resetSearchEngine } from '#app/modules/search/engine.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { loader as apiLoader } from '#app/routes/api.v1.search.ts'
import { getSqlite } from '#db/client.server.ts'
import { replaceSynonymGroups } from '#search/synonyms.server.ts'
import { insertTestResource } from '#tests/helpers/search-resources.ts'
import { glossarySynonymGroups } from './glossary.ts'

// The glossary feeds the search synonyms (issue 15): a search for the acronym finds the words, and the reverse, on
// the embedded engine through the public search API, even when the admins' list is empty.

const context = { nonce: 'test', clientIp: '127.0.0.1' }
async function titles(q: string): Promise<string[]> {
  const request = new Request(`http://localhost:3000/api/v1/search?q=${encodeURIComponent(q)}`)
  const body = (await ((await apiLoader({ request, context, params: {} })) as Response).json()) as { hits: { title: string }[] }
  return body.hits.map((h) => h.title).sort()
}

describe('glossary synonyms', () => {
  beforeAll(async () => {
    getSqlite().exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    await replaceSynonymGroups([])
    resetSearchEngine()
    await insertTestResource({ title: 'Créer une SCIC dans le Ternois', bodyText: 'Statuts et associés.' })
    await insertTestResource({ title: 'La société coopérative d’intérêt collectif expliquée', bodyText: 'Multisociétariat.' })
    await insertTestResource({ title: 'Ouvrir un tiers-lieu rural', bodyText: 'Un atelier partagé.' })
    await insertTestResource({ title: 'Entreprises adaptées et marchés réservés', bodyText: 'Achats responsables.' })
    await drainSearchOutbox()
  })

  test('the acronym finds the words, and the words find the acronym', async () => {
    const both = ['Créer une SCIC dans le Ternois', 'La société coopérative d’intérêt collectif expliquée']
    expect(await titles('SCIC')).toEqual(both)
    expect(await titles('société coopérative d’intérêt collectif')).toEqual(both)
  })

  test('a term absent from the admins’ default list (EA) is searched through the glossary', async () => {
    expect(await titles('entreprise adaptée')).toEqual(['Entreprises adaptées et marchés réservés'])
    expect(await titles('EA')).toEqual(['Entreprises adaptées et marchés réservés'])
  })

  test('the groups: lowercase forms of each term, no group of one', () => {
    const groups = glossarySynonymGroups()
    expect(groups).toContainEqual(['scic', 'société coopérative d’intérêt collectif'])
    expect(groups).toContainEqual(['tiers-lieu', 'tiers-lieux', 'tiers lieu', 'tiers lieux'])
    expect(groups.every((g) => g.length >= 2 && g.every((t) => t === t.toLowerCase()))).toBe(true)
  })
})
