import { Link } from '@remix-run/react'

/**
 * Pages of a list: previous and next links (rel="prev"/"next"), the first, the last and the pages around the current
 * one, which is marked `aria-current="page"`. Every page is named « Page n » for assistive technologies.
 * `href` builds a page's address (keeping the list's filters). Renders nothing for a single page.
 */
export function Pagination({ page, pageCount, href, label = 'Pagination' }: { page: number; pageCount: number; href: (page: number) => string; label?: string }) {
  if (pageCount <= 1) return null
  const shown = Array.from({ length: pageCount }, (_, i) => i + 1).filter((n) => n === 1 || n === pageCount || Math.abs(n - page) <= 2)
  return (
    <nav aria-label={label} className="pagination">
      <ul className="inline-links">
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} rel="prev">
              Page précédente
            </Link>
          </li>
        ) : null}
        {shown.map((n) => (
          <li key={n}>
            {n === page ? (
              <span aria-current="page">
                <span className="visually-hidden">Page </span>
                {n}
              </span>
            ) : (
              <Link to={href(n)}>
                <span className="visually-hidden">Page </span>
                {n}
              </Link>
            )}
          </li>
        ))}
        {page < pageCount ? (
          <li>
            <Link to={href(page + 1)} rel="next">
              Page suivante
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
