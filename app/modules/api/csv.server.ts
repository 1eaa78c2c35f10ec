import { stringify } from 'csv-stringify/sync'
import { stripControlCharacters } from '#app/utils/text.ts'

// The one CSV writer of the open-data files (/structures.csv, /ressources.csv): UTF-8 with a BOM so spreadsheets
// read the accents, `;` between fields as French spreadsheet software expects, CRLF line ends (RFC 4180), and a
// leading = + - @ (or tab, CR) neutralised with a quote so no cell runs as a formula (CWE-1236). Lists are joined
// with `|`; control characters stored before input was cleaned are left out.

export type CsvValue = string | number | boolean | null | undefined | readonly string[]

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  const text = Array.isArray(value) ? value.join('|') : String(value)
  return stripControlCharacters(text, { multiline: true })
}

export function toCsv<K extends string>(columns: readonly K[], rows: Iterable<Record<K, CsvValue>>): string {
  const records = [...rows].map((row) => columns.map((column) => csvCell(row[column])))
  return stringify(records, {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    escape_formulas: true,
    header: true,
    columns: [...columns],
  })
}

export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    },
  })
}
