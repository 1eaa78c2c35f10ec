import { describe, expect, test } from 'vitest'
import {
  getCommuneOption,
  getTerritoryBySlug,
  listTerritoriesWithCounts,
  listTerritoriesWithEpcis,
  resolveCommuneInput,
  resolveCommuneQuery,
  searchCommunes,
} from './territories.server.ts'

const names = (communes: { name: string }[]) => communes.map((c) => c.name)

describe('searchCommunes', () => {
  test('ignores accents and case', async () => {
    expect(names(await searchCommunes('bethune'))[0]).toBe('Béthune')
    expect(names(await searchCommunes('LIÉVIN'))[0]).toBe('Liévin')
    expect(names(await searchCommunes('hénin'))).toContain('Hénin-Beaumont')
  })

  test('"st omer" and "saint-omer" find Saint-Omer first, then Saint-Omer-Capelle', async () => {
    for (const query of ['st omer', 'St-Omer', 'saint omer', 'SAINT-OMER']) {
      const result = await searchCommunes(query)
      expect(names(result).slice(0, 2), query).toEqual(['Saint-Omer', 'Saint-Omer-Capelle'])
    }
  })

  test('finds a commune by postal code and by INSEE code prefix', async () => {
    const byPostalCode = await searchCommunes('62200')
    // 62200 is Boulogne-sur-Mer's postal code and the INSEE code of another commune: both, postal code first.
    expect(byPostalCode.map((c) => c.insee).sort()).toEqual(['62160', '62200'])
    expect(byPostalCode[0]).toEqual(
      {
        insee: '62160',
        name: 'Boulogne-sur-Mer',
        postalCodes: ['62200'],
        territoryName: 'Boulonnais',
        territorySlug: 'boulonnais',
      },
    )
    expect(names(await searchCommunes('62765'))).toEqual(['Saint-Omer'])
    const prefix = await searchCommunes('621')
    expect(prefix.length).toBe(10)
    for (const commune of prefix) {
      expect(commune.insee.startsWith('621') || commune.postalCodes.some((p) => p.includes('621'))).toBe(true)
    }
  })

  test('folds the Œ ligature both ways', async () => {
    expect(names(await searchCommunes('Œuf'))).toEqual(['Œuf-en-Ternois'])
    expect(names(await searchCommunes('oeuf en ternois'))).toEqual(['Œuf-en-Ternois'])
    expect(names(await searchCommunes('noeux les mines'))).toEqual(['Nœux-les-Mines'])
    expect(names(await searchCommunes('marœuil'))).toEqual(['Marœuil'])
  })

  test('matches the start of a later word, after the communes that start with the text', async () => {
    const result = names(await searchCommunes('omer'))
    expect(result).toContain('Saint-Omer')
    const lens = names(await searchCommunes('lens'))
    expect(lens[0]).toBe('Lens')
  })

  test('returns at most the limit, nothing for an empty or unmatched query, and treats % and _ as text', async () => {
    expect((await searchCommunes('saint')).length).toBe(10)
    expect((await searchCommunes('saint', 3)).length).toBe(3)
    expect(await searchCommunes('')).toEqual([])
    expect(await searchCommunes('  -  ')).toEqual([])
    expect(await searchCommunes('%')).toEqual([])
    expect(await searchCommunes('_')).toEqual([])
    expect(await searchCommunes('xyzzy')).toEqual([])
  })
})

describe('territories', () => {
  test('nine territories covering the 887 communes of Pas-de-Calais', async () => {
    const territories = await listTerritoriesWithCounts()
    expect(territories.map((t) => t.slug)).toEqual([
      'arrageois',
      'artois',
      'audomarois',
      'boulonnais',
      'calaisis',
      'henin-carvin',
      'lens-lievin',
      'montreuillois',
      'ternois',
    ])
    expect(territories.reduce((sum, t) => sum + t.communeCount, 0)).toBe(887)
    expect(territories.reduce((sum, t) => sum + t.population, 0)).toBe(1_457_905)
    expect(territories.find((t) => t.slug === 'henin-carvin')).toMatchObject({ communeCount: 14, population: 125_793 })
  })

  test('each territory lists its EPCIs', async () => {
    const territories = await listTerritoriesWithEpcis()
    expect(territories.find((t) => t.slug === 'audomarois')?.epcis.map((e) => e.siren).sort()).toEqual([
      '200069037',
      '246201016',
    ])
    expect(territories.reduce((sum, t) => sum + t.epcis.length, 0)).toBe(20)
  })

  test('a territory page lists its communes by name or by population', async () => {
    const byName = await getTerritoryBySlug('henin-carvin')
    expect(byName).not.toBeNull()
    expect(byName!.communes).toHaveLength(14)
    expect(byName!.communeCount).toBe(14)
    expect(byName!.population).toBe(125_793)
    const sortedNames = byName!.communes.map((c) => c.name)
    expect(sortedNames[0]).toBe('Bois-Bernard')
    expect(byName!.communes.find((c) => c.name === 'Hénin-Beaumont')).toMatchObject({
      postalCodes: ['62110'],
      epciName: 'CA d’Hénin-Carvin',
    })
    const byPopulation = await getTerritoryBySlug('henin-carvin', { sort: 'population' })
    expect(byPopulation!.communes[0].name).toBe('Hénin-Beaumont')
    const populations = byPopulation!.communes.map((c) => c.population)
    expect(populations).toEqual([...populations].sort((a, b) => b - a))
  })

  test('an unknown territory is null', async () => {
    expect(await getTerritoryBySlug('nord')).toBeNull()
  })

  test('getCommuneOption rejects malformed codes without querying', async () => {
    expect(await getCommuneOption('62765')).toMatchObject({ name: 'Saint-Omer', territorySlug: 'audomarois' })
    expect(await getCommuneOption("62765' or 1=1")).toBeNull()
    expect(await getCommuneOption('59350')).toBeNull()
  })
})

describe('resolveCommuneQuery', () => {
  test('an exact name wins over longer names starting with it', async () => {
    const result = await resolveCommuneQuery('saint omer')
    expect(result).toMatchObject({ status: 'found', commune: { insee: '62765' } })
  })

  test('the "Name (postal code)" form and a bare postal code', async () => {
    expect(await resolveCommuneQuery('Saint-Omer-Capelle (62162)')).toMatchObject({
      status: 'found',
      commune: { name: 'Saint-Omer-Capelle' },
    })
    expect(await resolveCommuneQuery('62200')).toMatchObject({ status: 'found', commune: { name: 'Boulogne-sur-Mer' } })
    expect(await resolveCommuneQuery('Arras (62200)')).toEqual({ status: 'none' })
  })

  test('a postal code shared by several communes is ambiguous', async () => {
    const result = await resolveCommuneQuery('62500')
    expect(result.status).toBe('ambiguous')
    if (result.status === 'ambiguous') {
      expect(result.candidates.length).toBeGreaterThan(1)
      expect(result.candidates[0].name).toBe('Saint-Omer')
      for (const commune of result.candidates) expect(commune.postalCodes).toContain('62500')
    }
  })

  test('the start of a name is never taken for the name: it gives suggestions', async () => {
    expect(await resolveCommuneQuery('Lille')).toMatchObject({ status: 'suggestions', candidates: [{ name: 'Lillers' }] })
    const saint = await resolveCommuneQuery('saint')
    expect(saint.status).toBe('suggestions')
    if (saint.status === 'suggestions') expect(saint.candidates).toHaveLength(10)
    expect(await resolveCommuneQuery('Marseille')).toEqual({ status: 'none' })
    expect(await resolveCommuneQuery('   ')).toEqual({ status: 'none' })
  })
})

describe('resolveCommuneInput', () => {
  const form = (entries: Record<string, string>) => {
    const data = new FormData()
    for (const [key, value] of Object.entries(entries)) data.set(key, value)
    return data
  }

  test('the INSEE code chosen in the autocomplete', async () => {
    expect(await resolveCommuneInput(form({ commune: '62041', communeLabel: 'Arras' }), 'commune')).toMatchObject({
      insee: '62041',
    })
  })

  test('without JavaScript, the typed name is resolved on the server', async () => {
    expect(await resolveCommuneInput(form({ commune: '', communeLabel: 'st omer' }), 'commune')).toMatchObject({
      insee: '62765',
    })
    const params = new URLSearchParams({ commune: 'Arras' })
    expect(await resolveCommuneInput(params, 'commune')).toMatchObject({ insee: '62041' })
  })

  test('a stale code is ignored when the text was changed', async () => {
    const result = await resolveCommuneInput(form({ commune: '62041', communeLabel: 'Béthune' }), 'commune')
    expect(result).toMatchObject({ insee: '62119' })
  })

  test('French errors: missing, unknown, ambiguous (with candidates), too long', async () => {
    expect(await resolveCommuneInput(form({}), 'commune')).toEqual({ error: 'Indiquez une commune du Pas-de-Calais.' })
    expect(await resolveCommuneInput(form({}), 'commune', { required: false })).toEqual({ insee: null, commune: null })
    const unknown = await resolveCommuneInput(form({ communeLabel: 'Marseille' }), 'commune')
    expect(unknown).toEqual({
      error:
        'Aucune commune du Pas-de-Calais ne correspond à « Marseille ». Vérifiez l’orthographe ou saisissez le code postal.',
    })
    expect(await resolveCommuneInput(form({ communeLabel: 'Lille' }), 'commune')).toMatchObject({
      error: 'Aucune commune du Pas-de-Calais ne s’appelle « Lille ». Vouliez-vous dire Lillers ?',
      candidates: [{ insee: '62516' }],
    })
    const several = await resolveCommuneInput(form({ communeLabel: 'Saint' }), 'commune')
    expect(several).toMatchObject({ error: expect.stringContaining('ne s’appelle exactement « Saint »') })
    expect('candidates' in several && several.candidates?.length).toBe(10)
    const ambiguous = await resolveCommuneInput(form({ communeLabel: '62500' }), 'commune')
    expect(ambiguous).toMatchObject({ error: expect.stringContaining('Plusieurs communes s’appellent « 62500 »') })
    const tooLong = await resolveCommuneInput(form({ communeLabel: 'a'.repeat(101) }), 'commune')
    expect(tooLong).toEqual({ error: 'Le nom de la commune ne peut pas dépasser 100 caractères.' })
    expect(await resolveCommuneInput(form({ commune: '59350' }), 'commune')).toEqual({
      error: 'Cette commune est introuvable. Saisissez son nom ou son code postal.',
    })
  })
})
