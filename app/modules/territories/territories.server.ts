import { db } from '#db/client.server.ts'
import { foldText } from '#app/utils/text.ts'

export async function listTerritories() {
  return db.selectFrom('territories').select(['id', 'slug', 'name']).orderBy('position').execute()
}

export async function listTerritoriesWithCounts() {
  const rows = await db
    .selectFrom('territories')
    .leftJoin('communes', 'communes.territoryId', 'territories.id')
    .select([
      'territories.slug',
      'territories.name',
      (eb) => eb.fn.count<number>('communes.insee').as('communeCount'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('communes.population'), eb.val(0)).as('population'),
    ])
    .groupBy(['territories.id', 'territories.slug', 'territories.name', 'territories.position'])
    .orderBy('territories.position')
    .execute()
  return rows.map((r) => ({ ...r, communeCount: Number(r.communeCount), population: Number(r.population) }))
}

export async function getTerritoryBySlug(slug: string) {
  const territory = await db.selectFrom('territories').selectAll().where('slug', '=', slug).executeTakeFirst()
  if (!territory) return null
  const epcis = await db
    .selectFrom('epcis')
    .leftJoin('communes', 'communes.epciSiren', 'epcis.siren')
    .select([
      'epcis.siren',
      'epcis.name',
      (eb) => eb.fn.count<number>('communes.insee').as('communeCount'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('communes.population'), eb.val(0)).as('population'),
    ])
    .where('epcis.territoryId', '=', territory.id)
    .groupBy(['epcis.siren', 'epcis.name'])
    .orderBy('epcis.name')
    .execute()
  const communes = await db
    .selectFrom('communes')
    .select(['insee', 'name', 'postalCodes', 'population', 'epciSiren'])
    .where('territoryId', '=', territory.id)
    .orderBy('searchName')
    .execute()
  return {
    ...territory,
    epcis: epcis.map((e) => ({ ...e, communeCount: Number(e.communeCount), population: Number(e.population) })),
    communes,
  }
}

export type CommuneOption = { insee: string; name: string; postalCodes: string; territoryName: string }

/**
 * Communes whose name starts with (then contains) the typed text, or whose postal code or INSEE code starts with it.
 * Accents, case and hyphens are ignored: "st omer" finds Saint-Omer.
 */
export async function searchCommunes(query: string, limit = 10): Promise<CommuneOption[]> {
  const folded = foldText(query).replace(/\bst\b/g, 'saint').replace(/\bste\b/g, 'sainte')
  if (!folded) return []
  const digits = /^\d{2,5}$/.test(folded.replace(/\s/g, '')) ? folded.replace(/\s/g, '') : null
  // foldText leaves only [a-z0-9 ], so the text cannot carry LIKE wildcards.
  const rows = await db
    .selectFrom('communes')
    .innerJoin('territories', 'territories.id', 'communes.territoryId')
    .select(['communes.insee', 'communes.name', 'communes.postalCodes', 'territories.name as territoryName', 'communes.searchName'])
    .where((eb) =>
      digits
        ? eb.or([eb('communes.insee', 'like', `${digits}%`), eb('communes.postalCodes', 'like', `%${digits}%`)])
        : eb.or([
            eb('communes.searchName', 'like', `${folded}%`),
            eb('communes.searchName', 'like', `% ${folded}%`),
          ]),
    )
    .orderBy('communes.population', 'desc')
    .limit(200)
    .execute()
  const startsWith = (name: string) => (name.startsWith(folded) ? 0 : 1)
  return rows
    .sort((a, b) => startsWith(a.searchName) - startsWith(b.searchName))
    .slice(0, limit)
    .map(({ searchName: _s, ...rest }) => rest)
}

export async function getCommune(insee: string) {
  return (
    (await db
      .selectFrom('communes')
      .innerJoin('territories', 'territories.id', 'communes.territoryId')
      .select(['communes.insee', 'communes.name', 'communes.postalCodes', 'communes.territoryId', 'territories.name as territoryName'])
      .where('communes.insee', '=', insee)
      .executeTakeFirst()) ?? null
  )
}
