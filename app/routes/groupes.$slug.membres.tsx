import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { loadGroupForViewer, pageParam } from '#app/modules/groups/group-route.server.ts'
import { listGroupMembers } from '#app/modules/groups/pages.server.ts'
import { GroupMemberList } from '#app/modules/groups/ui/group-member-list.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import type { GroupPageHandle } from './groupes.$slug.tsx'

export const handle: GroupPageHandle = { breadcrumb: 'Membres' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Membres — ${data.group.name} — Groupes — Essaim` : 'Groupe introuvable — Essaim' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, group } = await loadGroupForViewer(request, params.slug)
  const list = await listGroupMembers(group, viewer, { page: pageParam(request) })
  return { group: { name: group.name }, ...list }
}

export default function GroupMembers() {
  const { members, notShown, page, pageCount } = useLoaderData<typeof loader>()
  return (
    <>
      <GroupMemberList members={members} notShown={notShown} />
      <Pagination page={page} pageCount={pageCount} href={(n) => `?page=${n}`} label="Pages des membres" />
    </>
  )
}
