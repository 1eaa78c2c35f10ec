import type { LoaderFunctionArgs } from '@remix-run/node'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { searchSuggestions } from '#app/modules/search/search.server.ts'

// Suggestions of the header search box (titles the viewer may see), while typing.
export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 200)
  const viewer = await getViewer(request)
  const suggestions = await searchSuggestions(viewer, q)
  return Response.json({ suggestions }, { headers: { 'Cache-Control': 'private, no-store', Vary: 'Cookie' } })
}
