import { buildStructuresCsv } from '#app/modules/structures/open-data.server.ts'

// GET /structures.csv: the public fields of every structure (open data, documented in the README).
export async function loader() {
  const csv = await buildStructuresCsv()
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="essaim-structures.csv"',
      'Cache-Control': 'public, max-age=300',
    },
  })
}
