import type { LoaderFunctionArgs } from '@remix-run/node'
import { parseQuery, invalidParameters, pageMeta, publicPage } from '#app/modules/api/http.server.ts'
import { listApiResources } from '#app/modules/api/open-data.server.ts'
import { ResourceQuerySchema } from '#app/modules/api/schemas.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /api/v1/resources?type=&territoire=&theme=&ouverts=oui&valide=oui&tri=&page=&perPage=: public resources (README, OpenAPI).
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseQuery(request, ResourceQuerySchema)
  if (!parsed.ok) return parsed.response
  const { query, pagination } = parsed.value
  const publicUrl = getEnv().publicUrl
  const result = await listApiResources(query, pagination, publicUrl)
  if (!result.ok) return invalidParameters(result.issues)
  return publicPage(request, publicUrl, result.data, pageMeta(pagination, result.total))
}
