import { Link } from '@remix-run/react'

/** A breadcrumb item: a link, or the current page (the last item, which has no `to`). */
export type Crumb = { label: string; to?: string }

/** The breadcrumb trail: an ordered list in a labelled nav, the current page marked `aria-current="page"`. */
export function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  return (
    <nav aria-label="Fil d’Ariane">
      <ol className="inline-links">
        {items.map((item) => (
          <li key={`${item.to ?? ''}|${item.label}`}>
            {item.to ? <Link to={item.to}>{item.label}</Link> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  )
}
