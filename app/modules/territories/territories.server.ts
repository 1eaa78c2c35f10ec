import { type Executor, db } from '#db/client.server.ts'
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

/** The territories with their EPCIs (for the /territoires overview). */
export async function listTerritoriesWithEpcis() {
  const [territories, epcis] = await Promise.all([
    listTerritoriesWithCounts(),
    db
      .selectFrom('epcis')
      .innerJoin('territories', 'territories.id', 'epcis.territoryId')
      .select(['epcis.siren', 'epcis.name', 'territories.slug as territorySlug'])
      .orderBy('epcis.name')
      .execute(),
  ])
  return territories.map((territory) => ({
    ...territory,
    epcis: epcis.filter((e) => e.territorySlug === territory.slug).map(({ siren, name }) => ({ siren, name })),
  }))
}

export type CommuneSort = 'nom' | 'population'

export async function getTerritoryBySlug(slug: string, options: { sort?: CommuneSort } = {}) {
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
  let communesQuery = db
    .selectFrom('communes')
    .innerJoin('epcis', 'epcis.siren', 'communes.epciSiren')
    .select([
      'communes.insee',
      'communes.name',
      'communes.postalCodes',
      'communes.population',
      'communes.epciSiren',
      'epcis.name as epciName',
    ])
    .where('communes.territoryId', '=', territory.id)
  communesQuery =
    options.sort === 'population'
      ? communesQuery.orderBy('communes.population', 'desc').orderBy('communes.searchName')
      : communesQuery.orderBy('communes.searchName')
  const communes = await communesQuery.execute()
  const epciRows = epcis.map((e) => ({ ...e, communeCount: Number(e.communeCount), population: Number(e.population) }))
  return {
    ...territory,
    communeCount: communes.length,
    population: epciRows.reduce((sum, e) => sum + e.population, 0),
    epcis: epciRows,
    communes: communes.map((c) => ({ ...c, postalCodes: splitPostalCodes(c.postalCodes) })),
  }
}

export type CommuneOption = {
  insee: string
  name: string
  postalCodes: string[]
  territoryName: string
  territorySlug: string
}

function splitPostalCodes(value: string): string[] {
  return value ? value.split(',').filter(Boolean) : []
}

/** Folds the text like `communes.search_name` and expands the usual abbreviations ("st omer" → "saint omer"). */
export function normalizeCommuneQuery(text: string): string {
  return foldText(text).replace(/\bst\b/g, 'saint').replace(/\bste\b/g, 'sainte')
}

/** The longest query the commune search accepts (the longest commune name in France has 45 characters). */
export const MAX_COMMUNE_QUERY_LENGTH = 100

function communeOptionsQuery(executor: Executor) {
  return executor
    .selectFrom('communes')
    .innerJoin('territories', 'territories.id', 'communes.territoryId')
    .select([
      'communes.insee',
      'communes.name',
      'communes.postalCodes',
      'communes.searchName',
      'communes.population',
      'territories.name as territoryName',
      'territories.slug as territorySlug',
    ])
}

type CommuneRow = Awaited<ReturnType<ReturnType<typeof communeOptionsQuery>['execute']>>[number]

function toOption(row: CommuneRow): CommuneOption {
  return {
    insee: row.insee,
    name: row.name,
    postalCodes: splitPostalCodes(row.postalCodes),
    territoryName: row.territoryName,
    territorySlug: row.territorySlug,
  }
}

/**
 * Communes whose name equals, starts with, or has a word starting with the typed text, or whose postal code or INSEE
 * code starts with it. Accents, case, ligatures (œ) and hyphens are ignored: "st omer" finds Saint-Omer.
 * Ranked: exact name, then name prefix, then word prefix; larger communes first within each rank.
 */
export async function searchCommunes(query: string, limit = 10, executor: Executor = db): Promise<CommuneOption[]> {
  const folded = normalizeCommuneQuery(query.slice(0, MAX_COMMUNE_QUERY_LENGTH))
  if (!folded) return []
  const compact = folded.replace(/\s/g, '')
  const digits = /^\d{2,5}$/.test(compact) ? compact : null
  // foldText leaves only [a-z0-9 ], so the text cannot carry LIKE wildcards.
  const rows = await communeOptionsQuery(executor)
    .where((eb) =>
      digits
        ? eb.or([eb('communes.insee', 'like', `${digits}%`), eb('communes.postalCodes', 'like', `%${digits}%`)])
        : eb.or([eb('communes.searchName', 'like', `${folded}%`), eb('communes.searchName', 'like', `% ${folded}%`)]),
    )
    .orderBy('communes.population', 'desc')
    .limit(300)
    .execute()
  const rank = (row: CommuneRow) => {
    if (digits) return row.postalCodes.split(',').includes(digits) || row.insee === digits ? 0 : 1
    if (row.searchName === folded) return 0
    return row.searchName.startsWith(folded) ? 1 : 2
  }
  return rows
    .map((row, index) => ({ row, index, rank: rank(row) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map(({ row }) => toOption(row))
}

/** A commune with its territory, or null. */
export async function getCommuneOption(insee: string, executor: Executor = db): Promise<CommuneOption | null> {
  if (!INSEE_CODE.test(insee)) return null
  const row = await communeOptionsQuery(executor).where('communes.insee', '=', insee).executeTakeFirst()
  return row ? toOption(row) : null
}

/** INSEE commune codes: two digits of département (2A/2B for Corsica), three digits. */
const INSEE_CODE = /^(?:\d{2}|2[AB])\d{3}$/

export type CommuneResolution =
  | { status: 'found'; commune: CommuneOption }
  /** Several communes have exactly this name (and postal code). */
  | { status: 'ambiguous'; candidates: CommuneOption[] }
  /** No exact name, but communes whose name starts with (or has a word starting with) the text. */
  | { status: 'suggestions'; candidates: CommuneOption[] }
  | { status: 'none' }

/** "Saint-Omer (62500)", "Saint-Omer 62500", "62500" → the name part and the postal code. */
function splitNameAndPostalCode(text: string): { name: string; postalCode: string | null } {
  const match = /^(.*?)[\s(]*(\d{5})\)?\s*$/.exec(text.trim())
  if (match) return { name: normalizeCommuneQuery(match[1]), postalCode: match[2] }
  return { name: normalizeCommuneQuery(text), postalCode: null }
}

/**
 * Turns what a person typed (a commune name, "Name (postal code)" as the autocomplete shows it, or a postal code)
 * into one commune, only when exactly one commune has that name (and postal code) or that postal code. A text that
 * merely starts a name is never taken for it ("Lille" is not Lillers): it gives suggestions.
 */
export async function resolveCommuneQuery(text: string, executor: Executor = db): Promise<CommuneResolution> {
  const { name, postalCode } = splitNameAndPostalCode(text.slice(0, MAX_COMMUNE_QUERY_LENGTH))
  if (!name && !postalCode) return { status: 'none' }
  let query = communeOptionsQuery(executor).orderBy('communes.population', 'desc')
  if (postalCode) query = query.where('communes.postalCodes', 'like', `%${postalCode}%`)
  const withPostalCode = (rows: CommuneRow[]) =>
    postalCode ? rows.filter((row) => row.postalCodes.split(',').includes(postalCode)) : rows
  const exact = withPostalCode(
    name ? await query.where('communes.searchName', '=', name).execute() : await query.limit(50).execute(),
  )
  if (exact.length === 1) return { status: 'found', commune: toOption(exact[0]) }
  if (exact.length > 1) return { status: 'ambiguous', candidates: exact.slice(0, 10).map(toOption) }
  if (!name) return { status: 'none' }
  const near = withPostalCode(
    await query
      .where((eb) => eb.or([eb('communes.searchName', 'like', `${name}%`), eb('communes.searchName', 'like', `% ${name}%`)]))
      .limit(50)
      .execute(),
  )
  if (near.length === 0) return { status: 'none' }
  const starts = (row: CommuneRow) => (row.searchName.startsWith(name) ? 0 : 1)
  return { status: 'suggestions', candidates: [...near].sort((a, b) => starts(a) - starts(b)).slice(0, 10).map(toOption) }
}

type FormSource = FormData | URLSearchParams

function readText(source: FormSource, key: string): string {
  const value = source.get(key)
  return typeof value === 'string' ? value.trim() : ''
}

export type CommuneInputResult =
  | { insee: string; commune: CommuneOption }
  | { insee: null; commune: null }
  | { error: string; candidates?: CommuneOption[] }

/**
 * Reads the commune chosen with `<CommuneCombobox name={name}>`: the INSEE code in the field `name` (filled by the
 * autocomplete when JavaScript runs) or, failing that, the text typed in `${name}Label` (the only field filled
 * without JavaScript), resolved on the server. A bare name in `name` (a hand-written URL like ?commune=Arras) is read
 * as typed text too. A stale code whose commune no longer matches the typed text is ignored in favour of the text.
 * Errors are French sentences ready to show next to the field; an ambiguous text also returns the candidates.
 */
export async function resolveCommuneInput(
  source: FormSource,
  name: string,
  options: { required?: boolean } = {},
): Promise<CommuneInputResult> {
  const required = options.required ?? true
  const code = readText(source, name)
  const label = readText(source, `${name}Label`)
  if (code && INSEE_CODE.test(code.toUpperCase())) {
    const commune = await getCommuneOption(code.toUpperCase())
    if (commune && (!label || labelMatches(label, commune))) return { insee: commune.insee, commune }
  }
  const text = label || (INSEE_CODE.test(code.toUpperCase()) ? '' : code)
  if (!text) {
    if (code) return { error: 'Cette commune est introuvable. Saisissez son nom ou son code postal.' }
    return required ? { error: 'Indiquez une commune du Pas-de-Calais.' } : { insee: null, commune: null }
  }
  if (text.length > MAX_COMMUNE_QUERY_LENGTH) {
    return { error: `Le nom de la commune ne peut pas dépasser ${MAX_COMMUNE_QUERY_LENGTH} caractères.` }
  }
  const resolution = await resolveCommuneQuery(text)
  if (resolution.status === 'found') return { insee: resolution.commune.insee, commune: resolution.commune }
  if (resolution.status === 'ambiguous') {
    return {
      error: `Plusieurs communes s’appellent « ${text} » : précisez le code postal ou choisissez-la dans la liste.`,
      candidates: resolution.candidates,
    }
  }
  if (resolution.status === 'suggestions') {
    const [first] = resolution.candidates
    return {
      error:
        resolution.candidates.length === 1
          ? `Aucune commune du Pas-de-Calais ne s’appelle « ${text} ». Vouliez-vous dire ${first.name} ?`
          : `Aucune commune du Pas-de-Calais ne s’appelle exactement « ${text} » : choisissez-la dans la liste des communes proposées.`,
      candidates: resolution.candidates,
    }
  }
  return {
    error: `Aucune commune du Pas-de-Calais ne correspond à « ${text} ». Vérifiez l’orthographe ou saisissez le code postal.`,
  }
}

function labelMatches(label: string, commune: CommuneOption): boolean {
  const { name, postalCode } = splitNameAndPostalCode(label)
  if (postalCode && !commune.postalCodes.includes(postalCode)) return false
  return !name || name === normalizeCommuneQuery(commune.name)
}
