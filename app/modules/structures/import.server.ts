import { db } from '#db/client.server.ts'
import { resolveCommuneQuery } from '#app/modules/territories/territories.server.ts'
import { foldText } from '#app/utils/text.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { StructureSchema } from './structures.schema.ts'
import { type StructureWriteInput, createStructure, updateStructure } from './structures.server.ts'

// CSV import of structures (npm run import:structures -- file.csv). Columns (header row, comma or semicolon):
// nom, forme_juridique, siret, rna, commune (INSEE code or name), adresse, site_web, email, telephone, presentation,
// description, thematiques (slugs separated by |), salaries, benevoles. Every line is validated first; nothing is
// written if one is bad (unless skipInvalid). A line matches an existing structure by SIRET, else RNA, else name and
// commune: it is then updated, so importing the same file twice changes nothing.

export const IMPORT_COLUMNS = [
  'nom',
  'forme_juridique',
  'siret',
  'rna',
  'commune',
  'adresse',
  'site_web',
  'email',
  'telephone',
  'presentation',
  'description',
  'thematiques',
  'salaries',
  'benevoles',
] as const

/** RFC 4180 parsing (quotes, doubled quotes, new lines inside quotes); the delimiter is guessed from the header. */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '')
  const firstLine = source.slice(0, source.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"' && field === '') quoted = true
    else if (char === delimiter) {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''))
}

export type ImportLineError = { line: number; reasons: string[] }
export type ValidLine = { line: number; input: StructureWriteInput }

/** Validates every line; `line` numbers are those of the file (the header is line 1). */
export async function validateImport(text: string): Promise<{ valid: ValidLine[]; errors: ImportLineError[]; headerError?: string }> {
  const rows = parseCsv(text)
  if (rows.length === 0) return { valid: [], errors: [], headerError: 'Le fichier est vide.' }
  const header = rows[0].map((h) => foldText(h).replace(/ /g, '_'))
  const missing = ['nom', 'forme_juridique', 'commune', 'presentation'].filter((c) => !header.includes(c))
  if (missing.length) return { valid: [], errors: [], headerError: `Colonnes obligatoires absentes : ${missing.join(', ')}.` }
  const themes = new Set((await db.selectFrom('themes').select('slug').execute()).map((t) => t.slug))
  const valid: ValidLine[] = []
  const errors: ImportLineError[] = []
  const seen = new Map<string, number>()
  for (const [index, cells] of rows.slice(1).entries()) {
    const line = index + 2
    const get = (column: string) => {
      const value = cells[header.indexOf(column)]?.trim()
      return value ? value : undefined
    }
    const reasons: string[] = []
    const themeList = (get('thematiques') ?? '').split('|').map((t) => t.trim()).filter(Boolean)
    for (const theme of themeList) if (!themes.has(theme)) reasons.push(`thématique inconnue « ${theme} »`)
    const parsed = StructureSchema.safeParse({
      name: get('nom'),
      legalForm: get('forme_juridique'),
      siret: get('siret'),
      rna: get('rna'),
      address: get('adresse'),
      websiteUrl: get('site_web'),
      contactEmail: get('email'),
      contactPhone: get('telephone'),
      presentation: get('presentation'),
      description: get('description'),
      themes: themeList,
      employeesBracket: get('salaries'),
      volunteersBracket: get('benevoles'),
    })
    if (!parsed.success) for (const issue of parsed.error.issues) reasons.push(`${COLUMN_OF[String(issue.path[0])] ?? issue.path[0]} : ${issue.message}`)
    let communeInsee: string | null = null
    const commune = get('commune')
    if (!commune) reasons.push('commune : indiquez le code INSEE ou le nom de la commune.')
    else {
      const byCode = /^62\d{3}$/.test(commune)
        ? await db.selectFrom('communes').select('insee').where('insee', '=', commune).executeTakeFirst()
        : null
      if (byCode) communeInsee = byCode.insee
      else {
        const resolution = await resolveCommuneQuery(commune)
        if (resolution.status === 'found') communeInsee = resolution.commune.insee
        else reasons.push(`commune : « ${commune} » ne désigne pas une seule commune du Pas-de-Calais.`)
      }
    }
    if (parsed.success && communeInsee) {
      const key = parsed.data.siret ?? parsed.data.rna ?? `${foldText(parsed.data.name)}@${communeInsee}`
      const previous = seen.get(key)
      if (previous) reasons.push(`même structure que la ligne ${previous}.`)
      else seen.set(key, line)
    }
    if (reasons.length || !parsed.success || !communeInsee) {
      errors.push({ line, reasons })
      continue
    }
    const { commune: _c, communeLabel: _l, ...rest } = parsed.data
    valid.push({ line, input: { ...rest, communeInsee } })
  }
  return { valid, errors }
}

const COLUMN_OF: Record<string, string> = {
  name: 'nom',
  legalForm: 'forme_juridique',
  siret: 'siret',
  rna: 'rna',
  address: 'adresse',
  websiteUrl: 'site_web',
  contactEmail: 'email',
  contactPhone: 'telephone',
  presentation: 'presentation',
  description: 'description',
  themes: 'thematiques',
  employeesBracket: 'salaries',
  volunteersBracket: 'benevoles',
  showContact: 'email',
}

/** The import acts for the platform: the structures policy lets it create and edit any structure. */
const IMPORT_ACTOR = systemActor('import')

export class ImportWriteError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`Ligne ${line} : ${reason}`)
  }
}

/**
 * Writes the valid lines (create or update) through `createStructure` / `updateStructure`, as the system actor, so an
 * import gets what an edit gets: reserved slugs avoided, identifiers checked, the linked resources of a renamed
 * structure refreshed in search. One transaction per line so a long file does not hold the lock.
 */
export async function importStructures(lines: ValidLine[], onProgress?: (done: number, total: number) => void) {
  let created = 0
  let updated = 0
  for (const [index, { line, input }] of lines.entries()) {
    await db.transaction().execute(async (trx) => {
      const columns = ['id', 'version', 'showContact'] as const
      const existing =
        (input.siret && (await trx.selectFrom('structures').select(columns).where('siret', '=', input.siret).executeTakeFirst())) ||
        (input.rna && (await trx.selectFrom('structures').select(columns).where('rna', '=', input.rna).executeTakeFirst())) ||
        (await trx
          .selectFrom('structures')
          .select(columns)
          .where('searchName', '=', foldText(input.name))
          .where('communeInsee', '=', input.communeInsee)
          .executeTakeFirst())
      if (existing) {
        // The file has no column for showing the contact: what the structure chose stays.
        const result = await updateStructure({
          id: existing.id,
          input: { ...input, showContact: Boolean(existing.showContact) },
          expectedVersion: existing.version,
          actor: IMPORT_ACTOR,
          trx,
        })
        if (!result.ok) throw new ImportWriteError(line, writeFailure(result))
        updated++
      } else {
        const result = await createStructure({ actor: IMPORT_ACTOR, input: { ...input, showContact: false }, trx })
        if (!result.ok) throw new ImportWriteError(line, writeFailure(result))
        created++
      }
    })
    onProgress?.(index + 1, lines.length)
  }
  return { created, updated }
}

function writeFailure(result: { reason: string; fieldErrors?: Partial<Record<string, string[]>> }): string {
  if (result.reason === 'invalid' && result.fieldErrors) {
    return Object.entries(result.fieldErrors)
      .map(([field, messages]) => `${COLUMN_OF[field] ?? field} : ${(messages ?? []).join(' ')}`)
      .join(' ; ')
  }
  return `écriture refusée (${result.reason}).`
}
