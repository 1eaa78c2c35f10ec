import type { LoaderFunctionArgs } from '@remix-run/node'
import { publicJson } from '#app/modules/api/http.server.ts'
import { openApiDocument } from '#app/modules/api/openapi.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /api/v1/openapi.json: the OpenAPI 3.1 document of the public API, generated from its response schemas.
export async function loader({ request }: LoaderFunctionArgs) {
  return publicJson(request, openApiDocument(getEnv().publicUrl))
}
