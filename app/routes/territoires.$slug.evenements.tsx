import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { groupEventsTab } from '#app/modules/events/group-events.server.ts'
import { GroupEventsTab } from '#app/modules/events/ui/group-events-tab.tsx'
import { loadTerritoryGroupForViewer } from '#app/modules/groups/group-route.server.ts'
import type { TerritoryPageHandle } from './territoires.$slug.tsx'

export const handle: TerritoryPageHandle = { breadcrumb: 'Agenda' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Agenda — Territoire ${data.group.name} — Essaim` : 'Territoire introuvable — Essaim' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, group } = await loadTerritoryGroupForViewer(request, params.slug)
  const feedHref = group.pageVisibility === 'public' && !group.hidden ? `/territoires/${encodeURIComponent(params.slug ?? '')}/agenda.ics` : null
  return { group: { name: group.name }, feedHref, ...(await groupEventsTab(group, viewer)) }
}

export default function TerritoryEvents() {
  const { items, hasPast, agendaHref, feedHref, proposeHref } = useLoaderData<typeof loader>()
  return <GroupEventsTab items={items} hasPast={hasPast} agendaHref={agendaHref} feedHref={feedHref} proposeHref={proposeHref} />
}
