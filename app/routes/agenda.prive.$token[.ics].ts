import type { LoaderFunctionArgs } from '@remix-run/node'
import { privateFeedEvents } from '#app/modules/events/feeds.server.ts'
import { feedCalendar, toCalendarEvents } from '#app/modules/events/ical.server.ts'
import { notFound } from '#app/utils/http.server.ts'

// /agenda/prive/:token.ics: a person's private feed (issue 13) — the events of their groups they may read now, reached
// by the personal token of /compte/agenda (stored hashed, rotated there). Calendar apps send no cookie: the token is
// the only key. An unknown or rotated token, or a person in no group any more, gets a 404. The answer is never kept
// by a cache, and the address (the token) is never sent on as a referrer.

export async function loader({ params }: LoaderFunctionArgs) {
  const feed = await privateFeedEvents(params.token ?? '')
  if (!feed) notFound()
  return new Response(feedCalendar(await toCalendarEvents(feed.events), 'Mes groupes — Agenda d’Essaim'), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="agenda-mes-groupes.ics"',
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    },
  })
}
