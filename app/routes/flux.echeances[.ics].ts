import type { LoaderFunctionArgs } from '@remix-run/node'
import { deadlinesCalendar } from '#app/modules/feeds/feeds.server.ts'
import { CALENDAR_CONTENT_TYPE, feedResponse } from '#app/modules/feeds/http.server.ts'

// GET /flux/echeances.ics: the deadlines of the funding calls not closed yet, to subscribe to in a calendar;
// ?territoire=, ?theme=, ?programme= (issue 17).
export function loader({ request }: LoaderFunctionArgs) {
  return feedResponse(request, {
    accepted: ['territoire', 'theme', 'programme'],
    build: deadlinesCalendar,
    contentType: CALENDAR_CONTENT_TYPE,
    filename: 'echeances.ics',
  })
}
