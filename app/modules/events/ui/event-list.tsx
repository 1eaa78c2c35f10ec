import { Link } from '@remix-run/react'

// A list of events (the agenda, a group's events tab): kind, « Annulé », territory, title linking to the event's page,
// Paris schedule and place.

export type EventListItem = {
  id: string
  href: string
  title: string
  kindLabel: string
  startsAt: string
  schedule: string
  place: string | null
  territoryName: string | null
  cancelled: boolean
}

export function EventList({ items, labelledBy }: { items: readonly EventListItem[]; labelledBy: string }) {
  return (
    <ul className="resource-list" aria-labelledby={labelledBy}>
      {items.map((item) => (
        <li key={item.id} className="resource-card">
          <p className="resource-meta">
            <span className="badge badge-kind">{item.kindLabel}</span>
            {item.cancelled ? <strong>Annulé</strong> : null}
            {item.territoryName ? <span>{item.territoryName}</span> : null}
          </p>
          <h3>
            <Link to={item.href}>{item.title}</Link>
          </h3>
          <p>
            <time dateTime={item.startsAt}>{item.schedule}</time>
            {item.place ? ` — ${item.place}` : ''}
          </p>
        </li>
      ))}
    </ul>
  )
}
