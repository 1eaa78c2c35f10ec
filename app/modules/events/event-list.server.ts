import { eventPath } from './emails.server.ts'
import type { EventRecord } from './events.server.ts'
import { eventLocation, toCalendarEvents } from './ical.server.ts'
import { EVENT_KIND_LABELS } from './labels.ts'
import { formatEventScheduleFr } from '#app/utils/dates-fr.ts'
import type { EventListItem } from './ui/event-list.tsx'

/** The lines of an event list (the agenda, a group's events tab), in the order given. */
export async function eventListItems(events: readonly EventRecord[], territories: readonly { slug: string; name: string }[]): Promise<EventListItem[]> {
  const places = await toCalendarEvents([...events])
  const territoryNames = new Map(territories.map((t) => [t.slug, t.name]))
  return events.map((e, i) => ({
    id: e.id,
    href: eventPath(e),
    title: e.title,
    kindLabel: EVENT_KIND_LABELS[e.kind],
    startsAt: e.startsAt,
    schedule: formatEventScheduleFr(e.startsAt, e.endsAt),
    place: eventLocation({ address: e.address, communeName: places[i].communeName, onlineUrl: null }) ?? (e.onlineUrl ? 'En ligne' : null),
    territoryName: e.territorySlug ? (territoryNames.get(e.territorySlug) ?? null) : null,
    cancelled: e.status === 'cancelled',
  }))
}
