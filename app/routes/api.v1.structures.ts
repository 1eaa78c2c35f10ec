import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { API_MAX_PER_PAGE, structuresApiPage } from '#app/modules/structures/open-data.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /api/v1/structures?page=1&per_page=50: public fields only, paginated (documented in the README).
const QuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(API_MAX_PER_PAGE).default(50),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!parsed.success) {
    return Response.json(
      { error: `Paramètres invalides : page ≥ 1 et per_page entre 1 et ${API_MAX_PER_PAGE}.` },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    )
  }
  const body = await structuresApiPage({
    page: parsed.data.page,
    perPage: parsed.data.per_page,
    baseUrl: new URL('/api/v1/structures', getEnv().publicUrl).toString(),
  })
  return Response.json(body, { headers: { 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' } })
}
