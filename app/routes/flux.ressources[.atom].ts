import type { LoaderFunctionArgs } from '@remix-run/node'
import { resourcesAtom } from '#app/modules/feeds/feeds.server.ts'
import { ATOM_CONTENT_TYPE, feedResponse } from '#app/modules/feeds/http.server.ts'

// GET /flux/ressources.atom: the newest public resources, all or filtered with ?type=, ?territoire=, ?theme= (issue 17).
export function loader({ request }: LoaderFunctionArgs) {
  return feedResponse(request, { accepted: ['type', 'territoire', 'theme'], build: resourcesAtom, contentType: ATOM_CONTENT_TYPE, filename: 'ressources.atom' })
}
