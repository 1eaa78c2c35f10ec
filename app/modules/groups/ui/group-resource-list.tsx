import { Link } from '@remix-run/react'
import { Pagination } from '#app/components/pagination.tsx'
import { formatDateFr } from '#app/modules/resources/dates.ts'
import { RESOURCE_TYPE_LABELS } from '#app/modules/resources/labels.ts'
import { FundingStateBadge } from '#app/modules/resources/ui/funding-state-badge.tsx'
import type { FundingState } from '#search/funding-state.ts'
import type { ResourceType } from '#db/schema/resources.ts'
import { resourcesText } from './group-figures.tsx'

// The resources tab of a group: the resources the viewer may read, newest first, a page at a time. Those published
// for the group's members only say so.

export type GroupResourceView = {
  id: string
  slug: string
  type: ResourceType
  title: string
  summary: string
  publishedAt: string | null
  groupOnly: boolean
  fundingState: FundingState | null
}

export function GroupResourceList({
  items,
  total,
  page,
  pageCount,
  basePath,
  empty,
}: {
  items: readonly GroupResourceView[]
  total: number
  page: number
  pageCount: number
  basePath: string
  empty: string
}) {
  return (
    <section aria-labelledby="titre-ressources">
      <h2 id="titre-ressources">Ressources</h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          <p>{resourcesText(total)}</p>
          <ul className="group-resources">
            {items.map((item) => (
              <li key={item.id}>
                <h3>
                  <Link to={`/ressources/${item.slug}`}>{item.title}</Link>
                </h3>
                <p className="hint">
                  {RESOURCE_TYPE_LABELS[item.type]}
                  {item.publishedAt ? (
                    <>
                      , publiée le <time dateTime={item.publishedAt}>{formatDateFr(item.publishedAt)}</time>
                    </>
                  ) : null}
                  {item.groupOnly ? <span className="badge">Réservée aux membres du groupe</span> : null}
                  {item.fundingState && item.fundingState !== 'none' ? <FundingStateBadge state={item.fundingState} /> : null}
                </p>
                <p>{item.summary}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} href={(n) => (n === 1 ? basePath : `${basePath}?page=${n}`)} label="Pages des ressources" />
    </section>
  )
}
