import { describe, expect, test } from 'vitest'
import { foldText } from '#app/utils/text.ts'
import { buildReferenceCommunes } from '#db/seed/seed.server.ts'
import territoriesFile from '#db/seed/territories.json' with { type: 'json' }
import { frenchPlaceName } from './names.ts'

describe('place names', () => {
  test.each([
    ["CC des Campagnes de l'Artois", 'CC des Campagnes de l’Artois'],
    ['CA de Lens - Liévin', 'CA de Lens-Liévin'],
    ["Camblain-l'Abbé", 'Camblain-l’Abbé'],
    ['CA de Béthune-Bruay, Artois-Lys Romane', 'CA de Béthune-Bruay, Artois-Lys Romane'],
  ])('%s → %s', (raw, expected) => {
    expect(frenchPlaceName(raw)).toBe(expected)
    // Search folds both spellings the same way.
    expect(foldText(expected)).toBe(foldText(raw))
  })

  test('the reference data is seeded with typographic names: no straight apostrophe, no spaced hyphen', () => {
    const names = [
      ...territoriesFile.territories.flatMap((t) => [t.name, ...t.epcis.map((e) => e.name)]),
      ...buildReferenceCommunes().map((c) => c.name),
    ]
    expect(names.filter((name) => /'| - /.test(name))).toEqual([])
    const communes = buildReferenceCommunes()
    const camblain = communes.find((c) => c.name.startsWith('Camblain-l'))
    expect(camblain).toMatchObject({ name: 'Camblain-l’Abbé', searchName: 'camblain l abbe' })
  })
})

describe('a database seeded before the names were typeset', () => {
  test('is fixed at the next start: straight apostrophes and spaced hyphens only', async () => {
    const { db } = await import('#db/client.server.ts')
    const { seedReferenceData } = await import('#db/seed/seed.server.ts')
    await db.updateTable('epcis').set({ name: 'CA de Lens - Liévin' }).where('siren', '=', '246200364').execute()
    await db.updateTable('communes').set({ name: "Camblain-l'Abbé" }).where('name', '=', 'Camblain-l’Abbé').execute()
    await seedReferenceData(db)
    expect((await db.selectFrom('epcis').select('name').where('siren', '=', '246200364').executeTakeFirstOrThrow()).name).toBe('CA de Lens-Liévin')
    expect(await db.selectFrom('communes').select('name').where('name', 'like', 'Camblain-l%').execute()).toEqual([{ name: 'Camblain-l’Abbé' }])
    expect(await db.selectFrom('communes').select('name').where('name', 'like', "%'%").execute()).toEqual([])
  })
})
