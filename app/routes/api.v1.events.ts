import type { LoaderFunctionArgs } from '@remix-run/node'
import { invalidParameters, pageMeta, parseQuery, publicPage } from '#app/modules/api/http.server.ts'
import { listApiEvents } from '#app/modules/api/open-data.server.ts'
import { EventQuerySchema } from '#app/modules/api/schemas.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /api/v1/events?passes=oui&territoire=&type=&page=&perPage=: public events, upcoming by default.
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseQuery(request, EventQuerySchema)
  if (!parsed.ok) return parsed.response
  const { query, pagination } = parsed.value
  const publicUrl = getEnv().publicUrl
  const result = await listApiEvents(query, pagination, publicUrl)
  if (!result.ok) return invalidParameters(result.issues)
  return publicPage(request, publicUrl, result.data, pageMeta(pagination, result.total))
}
