import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvResponse } from '#app/modules/api/csv.server.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { computeIndicatorTable, indicatorCsv } from '#app/modules/indicators/indicators.server.ts'
import { indicatorScope, mayReadTable } from '#app/modules/indicators/indicators.policy.ts'
import { csvFilename, indicatorTableInfo, parseIndicatorFilters } from '#app/modules/indicators/indicators.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { notFound } from '#app/utils/http.server.ts'

// /indicateurs/<table>.csv?territoire=&periode= (issue 16): one table of /indicateurs as a CSV file, with the page's
// rules — the same scope (a full-only table is a 404 for the public), the same small-number suppression. The file
// of the full dashboard depends on who asks: never kept by shared caches.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const info = indicatorTableInfo(params.table ?? '')
  if (!info || !mayReadTable(viewer, info)) notFound()
  const territories = await listTerritories()
  const parsed = parseIndicatorFilters(new URL(request.url).searchParams, territories.map((t) => t.slug))
  if (!parsed.ok) {
    return new Response(`${Object.values(parsed.errors).join('\n')}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  }
  const { territory, period } = parsed.filters
  const scope = indicatorScope(viewer)
  const table = await computeIndicatorTable({ slug: info.slug, viewer, scope, territory, period })
  if (!table) notFound()
  const where = territory === null ? 'Tout le réseau' : (territories.find((t) => t.slug === territory)?.name ?? territory)
  const response = csvResponse(indicatorCsv(table, where), csvFilename(info.slug, period))
  if (scope === 'full') {
    response.headers.set('Cache-Control', 'private, no-store')
    response.headers.delete('Access-Control-Allow-Origin')
  }
  return response
}
