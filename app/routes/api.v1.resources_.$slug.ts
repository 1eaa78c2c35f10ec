import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiNotFound, publicJson } from '#app/modules/api/http.server.ts'
import { getApiResource } from '#app/modules/api/open-data.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /api/v1/resources/:slug: one public resource; anything else (absent, members-only, group-only, draft…) is a 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const resource = await getApiResource(params.slug ?? '', getEnv().publicUrl)
  if (!resource) return apiNotFound()
  return publicJson(request, resource)
}
