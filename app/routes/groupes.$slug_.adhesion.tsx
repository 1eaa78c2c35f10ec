import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { can } from '#app/modules/groups/groups.policy.ts'
import { membershipAction, membershipPanelData } from '#app/modules/groups/membership-route.server.ts'
import { getListedGroup, groupPath } from '#app/modules/groups/pages.server.ts'
import { GroupMembershipPanel } from '#app/modules/groups/ui/group-membership-panel.tsx'
import { groupAccessText } from '#app/modules/groups/ui/labels.ts'
import { notFound } from '#app/utils/http.server.ts'
import groupStyles from '#app/styles/groups.css?url'

// Joining a group whose page is for its members only (/groupes/:slug/adhesion): the list of groups shows such a group
// to logged-in people with a confirmed address, without a link to its page; this page lets them join or ask to. It
// shows what the list shows (name, description, access), nothing of the content. Anyone who may open the group's page
// is sent there (the same panel is on it); a group the list does not show them is a 404.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: groupStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Rejoindre le groupe ${data.group.name} — Essaim` : 'Groupe introuvable — Essaim' },
]

async function load(request: Request, slug: string | undefined) {
  const viewer = await getViewer(request)
  const group = slug ? await getListedGroup(slug, viewer) : null
  if (!group) notFound()
  return { viewer, group }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, group } = await load(request, params.slug)
  if (can(viewer, 'view', group)) throw redirect(groupPath(group))
  return {
    group: { name: group.name, description: group.description, access: groupAccessText(group) },
    panel: await membershipPanelData(viewer, group, request),
    path: new URL(request.url).pathname,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group } = await load(request, params.slug)
  return membershipAction(request, group, { back: new URL(request.url).pathname })
}

export default function GroupJoinPage() {
  const { group, panel, path } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Accueil', to: '/' }, { label: 'Groupes', to: '/groupes' }, { label: group.name }]} />
      <h1>{`Rejoindre le groupe ${group.name}`}</h1>
      {group.description ? <p className="lead">{group.description}</p> : null}
      <p className="hint">{group.access} Ses contenus sont visibles une fois membre.</p>
      <GroupMembershipPanel panel={panel} groupName={group.name} action={path} actionData={actionData} />
    </div>
  )
}
