import { stripControlCharacters } from '#app/utils/text.ts'
import { type PublicStructure, countStructures, listPublicStructures } from './structures.server.ts'

// Open data: /structures.csv and /api/v1/structures publish the public fields of every structure (see README).

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

/** RFC 4180 field, with spreadsheet formula injection neutralised (a leading = + - @ gets a quote). */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('|') : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The whole directory as CSV (UTF-8 with BOM so spreadsheets read the accents), built page by page. */
export async function buildStructuresCsv(): Promise<string> {
  const lines = [CSV_COLUMNS.join(',')]
  for (let offset = 0; ; offset += 500) {
    const page = (await listPublicStructures({ limit: 500, offset })).map(withoutControlCharacters)
    for (const structure of page) lines.push(CSV_COLUMNS.map((c) => csvField(structure[c])).join(','))
    if (page.length < 500) break
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export const API_MAX_PER_PAGE = 100

export async function structuresApiPage(options: { page: number; perPage: number; baseUrl: string }) {
  const total = await countStructures()
  const pageCount = Math.max(1, Math.ceil(total / options.perPage))
  const data = (await listPublicStructures({ limit: options.perPage, offset: (options.page - 1) * options.perPage })).map(
    withoutControlCharacters,
  )
  const link = (page: number) => `${options.baseUrl}?page=${page}&per_page=${options.perPage}`
  return {
    data: data.map((s) => ({ ...s, url: new URL(`/structures/${s.slug}`, options.baseUrl).toString() })),
    meta: { page: options.page, perPage: options.perPage, total, pageCount },
    links: {
      self: link(options.page),
      first: link(1),
      last: link(pageCount),
      prev: options.page > 1 ? link(options.page - 1) : null,
      next: options.page < pageCount ? link(options.page + 1) : null,
    },
  }
}
