import type { LoaderFunctionArgs } from '@remix-run/node'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { getEventForViewer } from '#app/modules/events/events.server.ts'
import { eventCalendar, toCalendarEvents } from '#app/modules/events/ical.server.ts'
import { notFound } from '#app/utils/http.server.ts'

// /agenda/:id.ics: the event as an iCalendar file to download (issue 13), for whoever may read its page.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const event = await getEventForViewer(params.id ?? '', viewer)
  if (!event) notFound()
  const [calendarEvent] = await toCalendarEvents([event])
  return new Response(eventCalendar(calendarEvent), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="evenement-${event.id}.ics"`,
      // Not every event is public: the file is not kept by shared caches.
      'Cache-Control': 'private, no-cache',
    },
  })
}
