import { Link } from '@remix-run/react'

/** The page numbers shown: the first, the last, and two on each side of the current one; `null` marks a gap. */
export function pageWindow(page: number, pageCount: number, around = 2): (number | null)[] {
  const out: (number | null)[] = []
  for (let n = 1; n <= pageCount; n++) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= around) out.push(n)
    else if (out[out.length - 1] !== null) out.push(null)
  }
  return out
}

/**
 * Links between the pages of a list: previous, numbers around the current page (marked `aria-current="page"`), next.
 * Every number reads « Page N » to a screen reader; nothing renders for a single page.
 */
export function Pagination({
  page,
  pageCount,
  href,
  label = 'Pagination',
}: {
  page: number
  pageCount: number
  /** The address of page `n` (the list's other parameters kept). */
  href: (n: number) => string
  label?: string
}) {
  if (pageCount <= 1) return null
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} rel="prev">
              <span aria-hidden="true">← </span>Page précédente
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((n, index) =>
          n === null ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no identity but its place
            <li key={`gap-${index}`} aria-hidden="true">
              …
            </li>
          ) : (
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
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link to={href(page + 1)} rel="next">
              Page suivante<span aria-hidden="true"> →</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
