import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { groupEventsTab } from '#app/modules/events/group-events.server.ts'
import { GroupEventsTab } from '#app/modules/events/ui/group-events-tab.tsx'
import { loadGroupForViewer } from '#app/modules/groups/group-route.server.ts'
import type { GroupPageHandle } from './groupes.$slug.tsx'

export const handle: GroupPageHandle = { breadcrumb: 'Agenda' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Agenda — ${data.group.name} — Groupes — Essaim` : 'Groupe introuvable — Essaim' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, group } = await loadGroupForViewer(request, params.slug)
  const feedHref = group.pageVisibility === 'public' && !group.hidden ? `/groupes/${encodeURIComponent(group.slug)}/agenda.ics` : null
  return { group: { name: group.name }, feedHref, ...(await groupEventsTab(group, viewer)) }
}

export default function GroupEvents() {
  const { items, hasPast, agendaHref, feedHref, proposeHref } = useLoaderData<typeof loader>()
  return <GroupEventsTab items={items} hasPast={hasPast} agendaHref={agendaHref} feedHref={feedHref} proposeHref={proposeHref} />
}
