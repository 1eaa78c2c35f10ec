import type { LoaderFunctionArgs } from '@remix-run/node'
import { NoQuerySchema } from '#app/modules/api/schemas.server.ts'
import { invalidParameters, pageMeta, parseQuery, publicPage } from '#app/modules/api/http.server.ts'
import { listApiTerritories } from '#app/modules/api/open-data.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /api/v1/territories?page=&perPage=: the territories with their EPCIs.
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseQuery(request, NoQuerySchema)
  if (!parsed.ok) return parsed.response
  const { pagination } = parsed.value
  const publicUrl = getEnv().publicUrl
  const result = await listApiTerritories(pagination, publicUrl)
  if (!result.ok) return invalidParameters(result.issues)
  return publicPage(request, publicUrl, result.data, pageMeta(pagination, result.total))
}
