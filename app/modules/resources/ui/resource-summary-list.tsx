import { Link } from '@remix-run/react'
import { FUNDING_STATE_LABELS, type FundingState, formatDateFr } from '../dates.ts'
import { RESOURCE_TYPE_LABELS, type ResourceTypeValue } from '../labels.ts'

// A short list of published resources on another page (a structure's profile, a person's profile): the newest
// ones the viewer may read, with a link to the full list when there are more.

export type ResourceSummary = {
  id: string
  slug: string
  type: ResourceTypeValue
  title: string
  publishedAt: string | null
  fundingState: FundingState | null
}

const count = new Intl.NumberFormat('fr-FR')

export function ResourceSummaryList({
  id,
  title,
  items,
  total,
  moreLink,
  empty,
}: {
  /** Id of the section's heading. */
  id: string
  title: string
  items: readonly ResourceSummary[]
  total: number
  /** The full list (filtered), if there is one. */
  moreLink?: string
  empty: string
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length ? (
        <ul className="resource-summary-list">
          {items.map((item) => (
            <li key={item.id}>
              <Link to={`/ressources/${item.slug}`}>{item.title}</Link>{' '}
              <span className="hint">
                ({RESOURCE_TYPE_LABELS[item.type]}
                {item.fundingState ? `, ${FUNDING_STATE_LABELS[item.fundingState].toLowerCase()}` : ''}
                {item.publishedAt ? (
                  <>
                    , publiée le <time dateTime={item.publishedAt}>{formatDateFr(item.publishedAt)}</time>
                  </>
                ) : null}
                )
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{empty}</p>
      )}
      {moreLink && total > 0 ? (
        <p>
          <Link to={moreLink}>Voir toutes ses ressources ({count.format(total)})</Link>
        </p>
      ) : null}
    </section>
  )
}
