import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { loadGroupForViewer } from '#app/modules/groups/group-route.server.ts'
import { listGroupResources } from '#app/modules/groups/pages.server.ts'
import { GroupResourceList } from '#app/modules/groups/ui/group-resource-list.tsx'
import { listFeatured } from '#app/modules/curation/featured.server.ts'
import { FeaturedList } from '#app/modules/curation/ui/featured-list.tsx'
import type { GroupPageHandle } from './groupes.$slug.tsx'

export const handle: GroupPageHandle = {}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.group.name} — Groupes — Essaim` },
        ...(data.group.description ? [{ name: 'description', content: data.group.description }] : []),
      ]
    : [{ title: 'Groupe introuvable — Essaim' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, group } = await loadGroupForViewer(request, params.slug)
  const page = Number(new URL(request.url).searchParams.get('page')) || 1
  const resources = await listGroupResources(group, viewer, { page })
  const featured = await listFeatured({ groupId: group.id }, viewer, { limit: 6 })
  return { group: { slug: group.slug, name: group.name, description: group.description }, resources, featured }
}

export default function GroupResources() {
  const { group, resources, featured } = useLoaderData<typeof loader>()
  return (
    <>
      <FeaturedList items={featured} headingId="titre-groupe-a-la-une" />
      <GroupResourceList
      items={resources.items}
      total={resources.total}
      page={resources.page}
      pageCount={resources.pageCount}
      basePath={`/groupes/${group.slug}`}
      empty="Aucune ressource n’est encore publiée pour ce groupe."
      />
    </>
  )
}
