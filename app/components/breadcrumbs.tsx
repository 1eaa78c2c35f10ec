import { Link } from '@remix-run/react'

export type Crumb = { label: string; to?: string }

/**
 * The trail from a section to the current page (RGAA 12.2: a navigation landmark with its own name). Every crumb but
 * the last is a link; the last is the current page, marked `aria-current="page"`.
 */
export function Breadcrumbs({ trail }: { trail: readonly Crumb[] }) {
  return (
    <nav aria-label="Fil d’Ariane">
      <ol className="inline-links">
        {trail.map((crumb, index) => (
          <li key={crumb.to ?? crumb.label}>
            {index < trail.length - 1 && crumb.to ? <Link to={crumb.to}>{crumb.label}</Link> : <span aria-current="page">{crumb.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  )
}
