import { type FeedScope, listPublicFeedEvents } from './feeds.server.ts'
import { feedCalendar, toCalendarEvents } from './ical.server.ts'

// The public subscription feeds (/agenda.ics, /territoires/:slug/agenda.ics, /groupes/:slug/agenda.ics): public
// events only, whoever asks (calendar apps send no cookie), so the answer is the same for everyone and may be cached.

export async function publicFeedResponse(scope: FeedScope, name: string, filename: string): Promise<Response> {
  const events = await toCalendarEvents(await listPublicFeedEvents(scope))
  return new Response(feedCalendar(events, name), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${filename}"`,
      'Cache-Control': 'public, max-age=900',
    },
  })
}
