import type { LoaderFunctionArgs } from '@remix-run/node'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { publicFeedResponse } from '#app/modules/events/feed-route.server.ts'
import { getGroupPage } from '#app/modules/groups/pages.server.ts'
import { notFound } from '#app/utils/http.server.ts'

// /groupes/:slug/agenda.ics: the public events a thematic group organises, as a feed to subscribe to (issue 13). A
// group the public may not see is a 404 here, as its page is to anonymous visitors (calendar apps send no cookie).

export async function loader({ params }: LoaderFunctionArgs) {
  const group = await getGroupPage(params.slug ?? '', ANONYMOUS)
  if (!group || group.kind === 'territory') notFound()
  return publicFeedResponse({ kind: 'group', groupId: group.id }, `Agenda d’Essaim — ${group.name}`, `agenda-${group.slug}.ics`)
}
