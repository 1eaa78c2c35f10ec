import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { FollowButton } from '#app/modules/follows/ui/follow-button.tsx'
import { followState } from '#app/modules/follows/follows.server.ts'
import { Outlet, isRouteErrorResponse, useActionData, useMatches, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { type GroupPageHandle, pageBreadcrumb } from '#app/modules/groups/ui/page-breadcrumb.ts'
import { ErrorPage, errorTitle } from '#app/components/error-page.tsx'
import { loadGroupForViewer, roleIn } from '#app/modules/groups/group-route.server.ts'
import { groupFigures, groupPath } from '#app/modules/groups/pages.server.ts'
import { GroupFiguresPanel } from '#app/modules/groups/ui/group-figures.tsx'
import { can } from '#app/modules/groups/groups.policy.ts'
import { canReadGroupContent } from '#app/modules/discussions/discussions.policy.ts'
import { membershipAction, membershipPanelData } from '#app/modules/groups/membership-route.server.ts'
import { GroupMembershipPanel } from '#app/modules/groups/ui/group-membership-panel.tsx'
import { GroupTabs } from '#app/modules/groups/ui/group-tabs.tsx'
import { GroupCover, GroupSettingsLink } from '#app/modules/groups/ui/group-header-extras.tsx'
import { groupAccessText } from '#app/modules/groups/ui/labels.ts'
import groupStyles from '#app/styles/groups.css?url'

// The layout of a thematic group's pages (/groupes/:slug and its tabs): the group, its figures and the viewer's
// role, loaded once, with the breadcrumb and the 404 of a group that does not exist or that this viewer may not see.
// Each tab checks access itself too (Remix runs this loader in parallel with the tab's).

export const GROUP_LAYOUT_ID = 'routes/groupes.$slug'

export type { GroupPageHandle }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: groupStyles }]

export const meta: MetaFunction<typeof loader> = ({ error }) =>
  error
    ? [{ title: isRouteErrorResponse(error) && error.status === 404 ? 'Groupe introuvable — Essaim' : errorTitle(500) }]
    : []

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, group } = await loadGroupForViewer(request, params.slug)
  // A territory group's page is its territory's page (checked after `view`: the redirect says nothing more).
  if (group.kind === 'territory') throw redirect(groupPath(group), 301)
  const figures = await groupFigures(group, viewer)
  return {
    group: {
      slug: group.slug,
      name: group.name,
      description: group.description,
      hidden: group.hidden,
      pageVisibility: group.pageVisibility,
      joinPolicy: group.joinPolicy,
      coverKey: group.coverKey,
    },
    figures,
    role: roleIn(viewer, group),
    panel: await membershipPanelData(viewer, group, request),
    canManage: can(viewer, 'manage', group),
    canReadDiscussions: canReadGroupContent(viewer, { id: group.id, pageVisibility: group.pageVisibility, hidden: group.hidden }),
    follow: await followState(viewer, { kind: 'group', key: group.id }),
  }
}

/** The membership panel's forms (join, request, withdraw, leave): posted to /groupes/:slug itself. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { group } = await loadGroupForViewer(request, params.slug)
  if (group.kind === 'territory') throw redirect(groupPath(group), 308)
  return membershipAction(request, group)
}

export function useGroupLayoutData() {
  const data = useRouteLoaderData<typeof loader>(GROUP_LAYOUT_ID)
  if (!data) throw new Error('useGroupLayoutData outside the /groupes/:slug layout')
  return data
}

export default function GroupLayout() {
  const { group, figures, panel, canManage, canReadDiscussions, follow } = useGroupLayoutData()
  const actionData = useActionData<typeof action>()
  const crumb = pageBreadcrumb(useMatches().at(-1))
  const basePath = `/groupes/${group.slug}`
  return (
    <div className="container">
      <Breadcrumbs
        items={[
          { label: 'Accueil', to: '/' },
          { label: 'Groupes', to: '/groupes' },
          crumb ? { label: group.name, to: basePath } : { label: group.name },
          ...(crumb ? [{ label: crumb }] : []),
        ]}
      />
      <GroupCover slug={group.slug} coverKey={group.coverKey} />
      <h1>{group.name}</h1>
      <FollowButton state={follow} follow="Suivre ce groupe" stop="Ne plus suivre ce groupe" />
      {group.description ? <p className="lead">{group.description}</p> : null}
      <p className="hint">{groupAccessText(group)}</p>
      <GroupSettingsLink slug={group.slug} groupName={group.name} canManage={canManage} />
      <GroupMembershipPanel panel={panel} groupName={group.name} action={basePath} actionData={actionData} />
      <GroupFiguresPanel figures={figures} />
      <GroupTabs basePath={basePath} groupName={group.name} coordination={canManage} discussions={canReadDiscussions} />
      <Outlet />
    </div>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  return <ErrorPage status={status} withTitle={false} />
}
