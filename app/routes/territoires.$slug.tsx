import { type GroupPageHandle, pageBreadcrumb } from '#app/modules/groups/ui/page-breadcrumb.ts'
import { FollowButton } from '#app/modules/follows/ui/follow-button.tsx'
import { followState } from '#app/modules/follows/follows.server.ts'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Outlet, isRouteErrorResponse, useActionData, useMatches, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorPage, errorTitle } from '#app/components/error-page.tsx'
import { loadTerritoryGroupForViewer, roleIn } from '#app/modules/groups/group-route.server.ts'
import { groupFigures } from '#app/modules/groups/pages.server.ts'
import { GroupFiguresPanel } from '#app/modules/groups/ui/group-figures.tsx'
import { can } from '#app/modules/groups/groups.policy.ts'
import { canReadGroupContent } from '#app/modules/discussions/discussions.policy.ts'
import { membershipAction, membershipPanelData } from '#app/modules/groups/membership-route.server.ts'
import { GroupMembershipPanel } from '#app/modules/groups/ui/group-membership-panel.tsx'
import { GroupTabs } from '#app/modules/groups/ui/group-tabs.tsx'
import { GroupCover, GroupSettingsLink } from '#app/modules/groups/ui/group-header-extras.tsx'
import { groupAccessText } from '#app/modules/groups/ui/labels.ts'
import { territoryPath } from '#app/modules/site/site-map.ts'
import { listTerritoriesWithEpcis } from '#app/modules/territories/territories.server.ts'
import { notFound } from '#app/utils/http.server.ts'
import groupStyles from '#app/styles/groups.css?url'

// The layout of a territory's pages (/territoires/:slug and its tabs): the page of the territory's group (issue 12).
// The territory and its group, the group's figures and the viewer's role are loaded once here, with the breadcrumb
// and the 404 of an unknown territory (or of a group this viewer may not see). Each tab checks access itself too.

export const TERRITORY_LAYOUT_ID = 'routes/territoires.$slug'

/** What a tab exports as `handle`: its last breadcrumb item (none for the index). */
export type TerritoryPageHandle = GroupPageHandle

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: groupStyles }]

export const meta: MetaFunction<typeof loader> = ({ error }) =>
  error
    ? [{ title: isRouteErrorResponse(error) && error.status === 404 ? 'Territoire introuvable — Essaim' : errorTitle(500) }]
    : []

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, group } = await loadTerritoryGroupForViewer(request, params.slug)
  const [territory, figures] = await Promise.all([
    listTerritoriesWithEpcis().then((all) => all.find((t) => t.slug === group.territorySlug)),
    groupFigures(group, viewer),
  ])
  if (!territory) notFound()
  return {
    territory: {
      slug: territory.slug,
      name: territory.name,
      communeCount: territory.communeCount,
      population: territory.population,
      epciCount: territory.epcis.length,
    },
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
    follow: await followState(viewer, { kind: 'territory', key: territory.slug }),
  }
}

/** The membership panel's forms (join, request, withdraw, leave): posted to /territoires/:slug itself. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { group } = await loadTerritoryGroupForViewer(request, params.slug)
  return membershipAction(request, group)
}

export function useTerritoryLayoutData() {
  const data = useRouteLoaderData<typeof loader>(TERRITORY_LAYOUT_ID)
  if (!data) throw new Error('useTerritoryLayoutData outside the /territoires/:slug layout')
  return data
}

const numberFr = new Intl.NumberFormat('fr-FR')

export default function TerritoryLayout() {
  const { territory, group, figures, panel, canManage, canReadDiscussions, follow } = useTerritoryLayoutData()
  const actionData = useActionData<typeof action>()
  const crumb = pageBreadcrumb(useMatches().at(-1))
  const basePath = territoryPath(territory.slug)
  return (
    <div className="container">
      <Breadcrumbs
        items={[
          { label: 'Accueil', to: '/' },
          { label: 'Territoires', to: '/territoires' },
          crumb ? { label: territory.name, to: basePath } : { label: territory.name },
          ...(crumb ? [{ label: crumb }] : []),
        ]}
      />
      <GroupCover slug={group.slug} coverKey={group.coverKey} />
      <h1>{`Territoire ${territory.name}`}</h1>
      <FollowButton state={follow} follow="Suivre ce territoire" stop="Ne plus suivre ce territoire" />
      <p className="lead">
        {`${numberFr.format(territory.communeCount)} communes, ${numberFr.format(territory.population)} habitants, `}
        {territory.epciCount === 1 ? 'une intercommunalité.' : `${territory.epciCount} intercommunalités.`}
      </p>
      {group.description ? <p>{group.description}</p> : null}
      <p className="hint">{`Le groupe du territoire. ${groupAccessText(group)}`}</p>
      <GroupSettingsLink slug={group.slug} groupName={group.name} canManage={canManage} />
      <GroupMembershipPanel panel={panel} groupName={group.name} action={basePath} actionData={actionData} />
      <GroupFiguresPanel figures={figures} />
      <GroupTabs basePath={basePath} groupName={group.name} coordination={canManage} discussions={canReadDiscussions} />
      <Outlet />
    </div>
  )
}

/** An unknown territory (or a failure): the error page, titled by `meta` (a single <title> in the document). */
export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  return <ErrorPage status={status} withTitle={false} />
}
