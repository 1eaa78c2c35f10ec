import type { LoaderFunctionArgs } from '@remix-run/node'
import { MAX_COMMUNE_QUERY_LENGTH, searchCommunes } from '#app/modules/territories/territories.server.ts'

// GET /api/communes?q=… — the suggestions of the commune autocomplete (app/components/commune-combobox.tsx).
// Public reference data: cacheable by browsers and proxies for a few minutes.

export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get('q') ?? ''
  if (q.length > MAX_COMMUNE_QUERY_LENGTH) {
    return Response.json(
      { error: `La recherche ne peut pas dépasser ${MAX_COMMUNE_QUERY_LENGTH} caractères.` },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    )
  }
  const communes = await searchCommunes(q, 10)
  return Response.json(
    {
      communes: communes.map(({ insee, name, postalCodes, territoryName }) => ({
        insee,
        name,
        postalCodes,
        territoryName,
      })),
    },
    { headers: { 'Cache-Control': 'public, max-age=300, stale-while-revalidate=3600' } },
  )
}
