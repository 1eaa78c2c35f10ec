import type { LoaderFunctionArgs } from '@remix-run/node'
import { invalidParameters, pageMeta, parseQuery, publicPage } from '#app/modules/api/http.server.ts'
import { listApiStructures } from '#app/modules/api/open-data.server.ts'
import { NoQuerySchema } from '#app/modules/api/schemas.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /api/v1/structures?page=1&perPage=50 (`per_page` also read): public fields only, paginated (README, OpenAPI).
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseQuery(request, NoQuerySchema, { defaultPerPage: 50 })
  if (!parsed.ok) return parsed.response
  const { pagination } = parsed.value
  const publicUrl = getEnv().publicUrl
  const result = await listApiStructures(pagination, publicUrl)
  if (!result.ok) return invalidParameters(result.issues)
  return publicPage(request, publicUrl, result.data, pageMeta(pagination, result.total))
}
