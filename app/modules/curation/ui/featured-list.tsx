import { Link } from '@remix-run/react'
import { RESOURCE_TYPE_LABELS } from '#app/modules/resources/labels.ts'

// « À la une »: the resources featured on the home page or on a group's page (app/modules/curation/featured.server.ts
// `listFeatured`, already scoped to what the viewer may read). Nothing is shown when nothing is featured.

export type FeaturedListItem = { id: string; slug: string; title: string; summary: string; type: string }

export function FeaturedList({ items, headingId = 'titre-a-la-une', title = 'À la une' }: { items: readonly FeaturedListItem[]; headingId?: string; title?: string }) {
  if (items.length === 0) return null
  return (
    <section aria-labelledby={headingId} className="featured-list">
      <h2 id={headingId}>{title}</h2>
      <ul className="card-list">
        {items.map((item) => (
          <li key={item.id} className="card">
            <p className="badge badge-kind">{RESOURCE_TYPE_LABELS[item.type as keyof typeof RESOURCE_TYPE_LABELS] ?? item.type}</p>
            <h3>
              <Link to={`/ressources/${item.slug}`}>{item.title}</Link>
            </h3>
            <p>{item.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
