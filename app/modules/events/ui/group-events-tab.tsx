import { Link } from '@remix-run/react'
import { countFr } from '#app/utils/plural.ts'
import { EventList, type EventListItem } from './event-list.tsx'

// A group's « Agenda » tab: its upcoming events, its calendar to subscribe to, and the way to its past events.

export function GroupEventsTab({
  items,
  hasPast,
  agendaHref,
  feedHref,
  proposeHref = null,
}: { items: readonly EventListItem[]; hasPast: boolean; agendaHref: string; feedHref: string | null; proposeHref?: string | null }) {
  return (
    <section aria-labelledby="titre-evenements">
      <h2 id="titre-evenements">{items.length === 0 ? 'Aucun événement à venir' : countFr(items.length, 'événement à venir', 'événements à venir')}</h2>
      {proposeHref ? (
        <p>
          <Link to={proposeHref}>Proposer un événement</Link>
        </p>
      ) : null}
      {items.length === 0 ? <p>Le groupe n’a pas d’événement annoncé pour le moment.</p> : <EventList items={items} labelledBy="titre-evenements" />}
      {feedHref || hasPast ? (
        <p>
          {/* A public calendar exists for a group whose page is public (its public events only). */}
          {feedHref ? <a href={feedHref}>S’abonner au calendrier du groupe (iCalendar)</a> : null}
          {feedHref && hasPast ? ' · ' : null}
          {hasPast ? <Link to={`${agendaHref}&quand=passes`}>Événements passés du groupe</Link> : null}
        </p>
      ) : null}
    </section>
  )
}
