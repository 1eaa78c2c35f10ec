import { TZDate } from '@date-fns/tz'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical, { type ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { siteUrl } from '#app/modules/email/templates.server.ts'
import { PARIS } from '#app/utils/dates-fr.ts'
import { db, type Executor } from '#db/client.server.ts'
import { eventPath } from './emails.server.ts'
import type { EventRecord } from './events.server.ts'

// iCalendar output of the agenda (issue 13), built by ical-generator — never by hand — so escaping and line folding
// are the library's. What calendar apps need (reference-systems.md §5.1): the UID stored at creation (never a new
// one), DTSTAMP in UTC, times with TZID=Europe/Paris and its VTIMEZONE (RRULE rules from 1970, what Outlook wants),
// SEQUENCE from the database, STATUS:CANCELLED for cancelled events (kept in feeds), a URL back to the page.
//
// The calendar has no time zone of its own (`name: null`), only the VTIMEZONE generator: with a calendar time zone,
// ical-generator writes DTSTAMP as local time without its Z. Each event carries Europe/Paris, and its times are
// TZDate in Paris, so the wall-clock time written does not depend on the server's TZ.
//
// Callers pass only events the viewer may read (events.policy.ts `visibleTo`; public feeds: public events only).

export type CalendarEvent = Pick<
  EventRecord,
  'id' | 'uid' | 'title' | 'descriptionText' | 'startsAt' | 'endsAt' | 'address' | 'onlineUrl' | 'status' | 'sequence' | 'createdAt' | 'updatedAt'
> & { communeName: string | null }

/** Calendar apps refresh subscribed feeds this often (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
export const FEED_TTL_SECONDS = 6 * 3600

/** The place as one line: the address and the commune, or the online link when there is no place. */
export function eventLocation(event: Pick<CalendarEvent, 'address' | 'communeName' | 'onlineUrl'>): string | null {
  const place = [event.address.trim(), event.communeName ?? ''].filter((part) => part !== '').join(', ')
  return place || event.onlineUrl || null
}

function newCalendar(name: string | null, method: ICalCalendarMethod): ICalCalendar {
  return ical({
    prodId: { company: 'Essaim', product: 'Agenda', language: 'FR' },
    method,
    ...(name ? { name } : {}),
    timezone: { name: null, generator: getVtimezoneComponent },
  })
}

function addEvent(calendar: ICalCalendar, event: CalendarEvent, stamp: Date): void {
  const url = siteUrl(eventPath(event))
  const cancelled = event.status === 'cancelled'
  const description = [
    event.descriptionText.trim(),
    event.onlineUrl ? `En ligne : ${event.onlineUrl}` : '',
    `Page de l’événement : ${url}`,
  ]
    .filter((part) => part !== '')
    .join('\n\n')
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    stamp,
    created: new Date(event.createdAt),
    lastModified: new Date(event.updatedAt),
    timezone: PARIS,
    start: new TZDate(event.startsAt, PARIS),
    end: new TZDate(event.endsAt, PARIS),
    summary: cancelled ? `Annulé : ${event.title}` : event.title,
    description,
    location: eventLocation(event),
    url,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  })
}

/** One event, as the `.ics` file its page offers. */
export function eventCalendar(event: CalendarEvent, options: { now?: Date } = {}): string {
  const calendar = newCalendar(null, ICalCalendarMethod.PUBLISH)
  addEvent(calendar, event, options.now ?? new Date())
  return calendar.toString()
}

/**
 * An empty subscription calendar: named, published, with its refresh interval and the Paris VTIMEZONE generator (the
 * agenda's feeds, and the deadlines of funding calls in app/modules/feeds).
 */
export function subscriptionCalendar(name: string): ICalCalendar {
  const calendar = newCalendar(name, ICalCalendarMethod.PUBLISH)
  calendar.ttl(FEED_TTL_SECONDS)
  return calendar
}

/** A subscription feed (the agenda, a territory, a group): named, with its refresh interval. */
export function feedCalendar(events: readonly CalendarEvent[], name: string, options: { now?: Date } = {}): string {
  const calendar = subscriptionCalendar(name)
  const stamp = options.now ?? new Date()
  for (const event of events) addEvent(calendar, event, stamp)
  return calendar.toString()
}

/** Adds the commune names the calendars write in LOCATION. */
export async function toCalendarEvents(events: readonly EventRecord[], trx: Executor = db): Promise<CalendarEvent[]> {
  const insees = [...new Set(events.map((e) => e.communeInsee).filter((insee): insee is string => insee !== null))]
  const communes = insees.length > 0 ? await trx.selectFrom('communes').select(['insee', 'name']).where('insee', 'in', insees).execute() : []
  const names = new Map(communes.map((c) => [c.insee, c.name]))
  return events.map((e) => ({ ...e, communeName: e.communeInsee ? (names.get(e.communeInsee) ?? null) : null }))
}
