import type { LoaderFunctionArgs } from '@remix-run/node'
import { callsAtom } from '#app/modules/feeds/feeds.server.ts'
import { ATOM_CONTENT_TYPE, feedResponse } from '#app/modules/feeds/http.server.ts'

// GET /flux/appels.atom: the funding calls not closed yet, the deadline closest first; ?territoire=, ?theme=,
// ?programme= (issue 17).
export function loader({ request }: LoaderFunctionArgs) {
  return feedResponse(request, { accepted: ['territoire', 'theme', 'programme'], build: callsAtom, contentType: ATOM_CONTENT_TYPE, filename: 'appels.atom' })
}
