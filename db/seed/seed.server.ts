import { createRequire } from 'node:module'
import { type Kysely, sql } from 'kysely'
import { frenchPlaceName } from '../../app/modules/territories/names.ts'
import { foldText } from '../../app/utils/text.ts'
import { newId } from '../../app/utils/ids.server.ts'
import type { Database } from '../schema.ts'
import territoriesFile from './territories.json' with { type: 'json' }

const require = createRequire(import.meta.url)

type EtalabCommune = {
  code: string
  nom: string
  departement?: string
  type: string
  codesPostaux?: string[]
  population?: number
}
type EtalabEpci = { code: string; nom: string; membres: { code: string }[] }

export const DEMO_PASSWORD = 'essaim-demo-2026'

export type ReferenceCommune = {
  insee: string
  name: string
  searchName: string
  postalCodes: string
  population: number
  epciSiren: string
  territoryId: string
}

/**
 * The 887 communes of Pas-de-Calais from @etalab/decoupage-administratif (Licence Ouverte), each with its EPCI and
 * territory. Throws if a commune has no territory or two, so a change in the source data cannot go unnoticed.
 */
export function buildReferenceCommunes(): ReferenceCommune[] {
  const communes = (require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[]).filter(
    (c) => c.departement === '62' && c.type === 'commune-actuelle',
  )
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[]
  const epciOfCommune = new Map<string, { siren: string; territoryId: string }>()
  for (const territory of territoriesFile.territories) {
    for (const epci of territory.epcis) {
      const source = epcis.find((e) => e.code === epci.siren)
      if (!source) throw new Error(`EPCI ${epci.siren} introuvable dans @etalab/decoupage-administratif`)
      for (const member of source.membres) {
        const previous = epciOfCommune.get(member.code)
        if (previous && previous.siren !== epci.siren) throw new Error(`Commune ${member.code} dans deux EPCI`)
        epciOfCommune.set(member.code, { siren: epci.siren, territoryId: territory.slug })
      }
    }
  }
  return communes.map((c) => {
    const epci = epciOfCommune.get(c.code)
    if (!epci) throw new Error(`La commune ${c.code} ${c.nom} n'appartient à aucun territoire`)
    return {
      insee: c.code,
      name: frenchPlaceName(c.nom),
      searchName: foldText(c.nom),
      postalCodes: (c.codesPostaux ?? []).join(','),
      population: c.population ?? 0,
      epciSiren: epci.siren,
      territoryId: epci.territoryId,
    }
  })
}

/** Territories, EPCIs and communes: inserted when missing, never overwritten (admins may edit them later). */
export async function seedReferenceData(db: Kysely<Database>, log: (line: string) => void = () => {}) {
  const existing = await db.selectFrom('communes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  if (Number(existing?.n ?? 0) > 0) {
    await typesetPlaceNames(db)
    await ensureTerritoryGroups(db)
    return
  }
  const communes = buildReferenceCommunes()
  await db.transaction().execute(async (trx) => {
    let position = 0
    for (const territory of territoriesFile.territories) {
      await trx
        .insertInto('territories')
        .values({ id: territory.slug, slug: territory.slug, name: frenchPlaceName(territory.name), position: position++ })
        .onConflict((oc) => oc.doNothing())
        .execute()
      for (const epci of territory.epcis) {
        await trx
          .insertInto('epcis')
          .values({ siren: epci.siren, name: frenchPlaceName(epci.name), territoryId: territory.slug })
          .onConflict((oc) => oc.doNothing())
          .execute()
      }
    }
    for (let i = 0; i < communes.length; i += 200) {
      await trx
        .insertInto('communes')
        .values(communes.slice(i, i + 200))
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
  })
  await ensureTerritoryGroups(db)
  log(`✓ données de référence : ${territoriesFile.territories.length} territoires, ${communes.length} communes`)
}

/**
 * One group per territory (slug = territory slug, open, public page), from the first start and for databases created
 * before groups existed: inserted when missing, never overwritten (coordinators may edit them later).
 */
async function ensureTerritoryGroups(db: Kysely<Database>) {
  const territories = await db.selectFrom('territories').select(['slug', 'name']).orderBy('position').execute()
  const now = new Date().toISOString()
  for (const territory of territories) {
    await db
      .insertInto('groups')
      .values({
        id: newId(),
        slug: territory.slug,
        name: territory.name,
        kind: 'territory',
        territorySlug: territory.slug,
        joinPolicy: 'open',
        pageVisibility: 'public',
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
}

/**
 * Databases seeded before names were typeset keep « l'Artois » and « Lens - Liévin »: only those two marks are
 * rewritten (« l’Artois », « Lens-Liévin »), so the fix runs at every start and changes nothing once done.
 */
async function typesetPlaceNames(db: Kysely<Database>) {
  for (const table of ['communes', 'epcis', 'territories'] as const) {
    await db
      .updateTable(table)
      .set({ name: sql<string>`replace(replace(name, '''', '’'), ' - ', '-')` })
      .where((eb) => eb.or([eb('name', 'like', "%'%"), eb('name', 'like', '% - %')]))
      .execute()
  }
}

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  return !row
}

export type DemoUser = { email: string; name: string; role: 'member' | 'admin'; territoryId: string }

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@essaim.test', name: 'Claire Vandamme', role: 'admin', territoryId: 'arrageois' },
  { email: 'sophie.lefebvre@essaim.test', name: 'Sophie Lefebvre', role: 'member', territoryId: 'lens-lievin' },
  { email: 'karim.benali@essaim.test', name: 'Karim Benali', role: 'member', territoryId: 'calaisis' },
  { email: 'julie.dupont@essaim.test', name: 'Julie Dupont', role: 'member', territoryId: 'boulonnais' },
  { email: 'thomas.delattre@essaim.test', name: 'Thomas Delattre', role: 'member', territoryId: 'audomarois' },
  { email: 'nadia.morel@essaim.test', name: 'Nadia Morel', role: 'member', territoryId: 'montreuillois' },
  { email: 'pierre.caron@essaim.test', name: 'Pierre Caron', role: 'member', territoryId: 'ternois' },
  { email: 'emma.lemaire@essaim.test', name: 'Emma Lemaire', role: 'member', territoryId: 'artois' },
  { email: 'lucas.wallart@essaim.test', name: 'Lucas Wallart', role: 'member', territoryId: 'henin-carvin' },
]

/** Demo accounts (all with DEMO_PASSWORD, already verified). Later issues add structures, resources… */
export async function seedDemoData(db: Kysely<Database>, log: (line: string) => void = () => {}) {
  const { hashPassword } = await import('../../app/modules/auth/password.server.ts')
  const { newId } = await import('../../app/utils/ids.server.ts')
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const now = new Date().toISOString()
  await db.transaction().execute(async (trx) => {
    for (const user of DEMO_USERS) {
      await trx
        .insertInto('users')
        .values({
          id: newId(),
          email: user.email,
          name: user.name,
          passwordHash,
          role: user.role,
          emailVerifiedAt: now,
          charterAcceptedAt: now,
          territoryId: user.territoryId,
          createdAt: now,
          updatedAt: now,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute()
    }
  })
  log(`✓ données de démonstration : ${DEMO_USERS.length} comptes (mot de passe ${DEMO_PASSWORD})`)
  const { DEMO_SEEDERS } = await import('./demo/index.ts')
  for (const seeder of DEMO_SEEDERS) await seeder.seed(db, log)
}
