import { stripControlCharacters } from '#app/utils/text.ts'
import { toCsv } from '#app/modules/api/csv.server.ts'
import { type PublicStructure, listPublicStructures } from './structures.server.ts'

// Open data: /structures.csv (and /api/v1/structures, app/modules/api) publish the public fields of every structure (see README).

export const CSV_COLUMNS: (keyof PublicStructure)[] = [
  'slug',
  'name',
  'legalForm',
  'siret',
  'rna',
  'communeInsee',
  'communeName',
  'territory',
  'address',
  'website',
  'contactEmail',
  'contactPhone',
  'presentation',
  'themes',
  'employeesBracket',
  'volunteersBracket',
  'charterSignedAt',
  'labelGrantedAt',
  'createdAt',
  'updatedAt',
]

/**
 * A structure as published: values stored before control characters were refused on input (or by an import) are
 * republished without them — no NUL, ESC or ANSI sequence reaches a spreadsheet or a terminal.
 */
export function withoutControlCharacters<T extends Record<string, unknown>>(structure: T): T {
  const clean = (value: unknown): unknown =>
    typeof value === 'string'
      ? stripControlCharacters(value, { multiline: true })
      : Array.isArray(value)
        ? value.map(clean)
        : value
  return Object.fromEntries(Object.entries(structure).map(([key, value]) => [key, clean(value)])) as T
}

/** The whole directory as CSV (the open-data format of app/modules/api/csv.server.ts), read page by page. */
export async function buildStructuresCsv(): Promise<string> {
  const rows: PublicStructure[] = []
  for (let offset = 0; ; offset += 500) {
    const page = await listPublicStructures({ limit: 500, offset })
    rows.push(...page)
    if (page.length < 500) break
  }
  return toCsv(CSV_COLUMNS, rows)
}
