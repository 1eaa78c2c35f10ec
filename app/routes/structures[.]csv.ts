import { csvResponse } from '#app/modules/api/csv.server.ts'
import { buildStructuresCsv } from '#app/modules/structures/open-data.server.ts'

// GET /structures.csv: the public fields of every structure (open data, documented in the README).
export async function loader() {
  return csvResponse(await buildStructuresCsv(), 'essaim-structures.csv')
}
