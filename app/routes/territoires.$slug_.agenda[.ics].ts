import type { LoaderFunctionArgs } from '@remix-run/node'
import { publicFeedResponse } from '#app/modules/events/feed-route.server.ts'
import { notFound } from '#app/utils/http.server.ts'
import { db } from '#db/client.server.ts'

// /territoires/:slug/agenda.ics: the public events of a territory, as a feed to subscribe to (issue 13).

export async function loader({ params }: LoaderFunctionArgs) {
  const territory = await db.selectFrom('territories').select(['slug', 'name']).where('slug', '=', params.slug ?? '').executeTakeFirst()
  if (!territory) notFound()
  return publicFeedResponse({ kind: 'territory', territorySlug: territory.slug }, `Agenda d’Essaim — ${territory.name}`, `agenda-${territory.slug}.ics`)
}
