import { beforeAll, describe, expect, it } from 'vitest'
import { getSqlite } from '#db/client.server.ts'
import type { SearchAccess } from '../engine.ts'
import { FIXTURE_NOW, makeDocument } from '#tests/fixtures/search-documents.ts'
import { DEFAULT_SYNONYMS } from '../synonyms.ts'
import { SqliteSearchEngine } from './sqlite-engine.ts'

// French relevance cases for the embedded engine: the expected resource must be among the first results.
const viewer: SearchAccess = { visibilities: ['public'], groupIds: [] }

const docs = {
  journaux: makeDocument({ title: 'Les journaux locaux de l’économie sociale', summary: 'Presse associative.' }),
  chevaux: makeDocument({ title: 'Traction animale : chevaux de trait en maraîchage', summary: 'Travail du sol.' }),
  chateaux: makeDocument({ title: 'Réemploi dans les châteaux et bâtiments anciens', summary: 'Patrimoine.' }),
  formations: makeDocument({ title: 'Catalogue des formations de bénévoles', summary: 'Animer une assemblée générale.' }),
  iae: makeDocument({ title: 'Insertion par l’activité économique : le guide', summary: 'Chantiers et ateliers.' }),
  scic: makeDocument({ title: 'Créer une société coopérative d’intérêt collectif', summary: 'Statuts et gouvernance.' }),
  dla: makeDocument({ title: 'Le DLA accompagne votre association', summary: 'Diagnostic gratuit.' }),
  tiersLieu: makeDocument({ title: 'Ouvrir un tiers-lieu en milieu rural', summary: 'Étapes et financements.' }),
  cress: makeDocument({ title: 'La CRESS Hauts-de-France', summary: 'Observatoire régional.' }),
  noise: makeDocument({ title: 'Compte rendu de réunion', summary: 'Divers sujets : presse, chevaux, formation, sol.' }),
}

describe('French relevance (SQLite engine)', () => {
  let engine: SqliteSearchEngine
  beforeAll(async () => {
    const sqlite = getSqlite()
    sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents;")
    engine = new SqliteSearchEngine(sqlite)
    await engine.init({ synonyms: DEFAULT_SYNONYMS })
    await engine.upsert(Object.values(docs))
  })
  const top = async (query: string, n = 3) =>
    (await engine.search({ query, access: viewer, now: FIXTURE_NOW })).hits.slice(0, n).map((h) => h.document.id)

  it.each([
    ['journal local', 'journaux'],
    ['cheval', 'chevaux'],
    ['chateau', 'chateaux'],
    ['formation benevole', 'formations'],
    ['FORMATIONS BÉNÉVOLES', 'formations'],
    ['economie sociale', 'journaux'],
    ['IAE', 'iae'],
    ['insertion par l’activite economique', 'iae'],
    ['SCIC', 'scic'],
    ['dispositif local d’accompagnement', 'dla'],
    ['tiers lieu', 'tiersLieu'],
    ['tiers-lieux', 'tiersLieu'],
    ['chambre régionale de l’économie sociale et solidaire', 'cress'],
    ['asso', 'dla'],
    ['catalgue ', 'formations'],
    ['chantiers ateliers', 'iae'],
    ['coopérativ', 'scic'],
  ] as const)('« %s » finds %s among the first results', async (query, key) => {
    expect(await top(query)).toContain(docs[key].id)
  })

  it('ranks a title match above the same word in a summary', async () => {
    const ids = await top('chevaux', 2)
    expect(ids[0]).toBe(docs.chevaux.id)
  })

  it('never finds what was not typed (no typo budget under 5 letters)', async () => {
    expect((await engine.search({ query: 'sal ', access: viewer })).total).toBe(0)
  })
})
