import type { LoaderFunctionArgs } from '@remix-run/node'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { parseSearchParams } from '#search/search.schema.ts'
import { documentUrl, searchForUser } from '#app/modules/search/search.server.ts'

// GET /api/v1/search — the same search and permissions as /recherche (the session cookie identifies the viewer).
// Bad parameters → 400 with a JSON error naming each parameter; never a 500 for what a client sends.

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const parsed = parseSearchParams(url.searchParams)
  if (!parsed.success) {
    const issues: Record<string, string> = {}
    for (const issue of parsed.error.issues) issues[String(issue.path[0])] ??= issue.message
    return Response.json(
      { error: 'invalid_parameters', message: 'Paramètres de recherche invalides.', issues },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    )
  }
  const viewer = await getViewer(request)
  const params = parsed.data
  const result = await searchForUser(viewer, params, { facets: ['type', 'territory', 'theme', 'validated'], record: true })
  return Response.json(
    {
      query: params.q,
      total: result.total,
      page: result.page,
      perPage: result.perPage,
      // No document holds all the words: these hits hold at least one of them.
      partialMatch: result.partialMatch,
      hits: result.hits.map((hit) => ({
        id: hit.document.id,
        slug: hit.document.slug,
        type: hit.document.type,
        title: hit.document.title,
        summary: hit.document.summary,
        territory: hit.document.territory,
        themes: hit.document.themes,
        url: documentUrl(hit.document),
        validated: hit.document.validated === true,
        highlight: hit.highlight,
      })),
      facets: {
        type: result.facets.type ?? {},
        territory: result.facets.territory ?? {},
        theme: result.facets.theme ?? {},
        validated: result.facets.validated ?? {},
      },
    },
    // Results depend on who asks: never shared by a cache.
    { headers: { 'Cache-Control': 'private, no-store', Vary: 'Cookie' } },
  )
}
