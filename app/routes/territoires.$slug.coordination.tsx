import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { coordinationAction, loadCoordination } from '#app/modules/groups/coordination-route.server.ts'
import { loadTerritoryGroupForViewer } from '#app/modules/groups/group-route.server.ts'
import { GroupCoordination } from '#app/modules/groups/ui/group-coordination.tsx'
import type { TerritoryPageHandle } from './territoires.$slug.tsx'

// The Coordination tab of a territory's group: its coordinators and admins only (a 404 for anyone else).

export const handle: TerritoryPageHandle = { breadcrumb: 'Coordination' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Coordination — Territoire ${data.group.name} — Essaim` : 'Territoire introuvable — Essaim' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, group } = await loadTerritoryGroupForViewer(request, params.slug)
  return loadCoordination(viewer, group, new URL(request.url))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, group } = await loadTerritoryGroupForViewer(request, params.slug)
  return coordinationAction(request, viewer, group)
}

export default function TerritoryCoordinationTab() {
  return <GroupCoordination data={useLoaderData<typeof loader>()} actionData={useActionData<typeof action>()} />
}
