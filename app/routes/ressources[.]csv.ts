import { csvResponse } from '#app/modules/api/csv.server.ts'
import { buildResourcesCsv } from '#app/modules/api/open-data.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /ressources.csv: every public resource (open data, Licence Ouverte 2.0, columns documented in the README).
export async function loader() {
  return csvResponse(await buildResourcesCsv(getEnv().publicUrl), 'essaim-ressources.csv')
}
