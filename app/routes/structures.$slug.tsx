import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Outlet, isRouteErrorResponse, useMatches, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorPage, errorTitle } from '#app/components/error-page.tsx'
import { loadStructureForViewer } from '#app/modules/structures/structure-route.server.ts'

// The layout of /structures/:slug and its pages (profile, members, edit): the structure and the viewer's relation
// are loaded once here, with the breadcrumb and the 404 of an unknown slug. Remix runs this loader in parallel with
// the child's, so a child that returns private data still checks access itself (requireStructureAction).

export const STRUCTURE_LAYOUT_ID = 'routes/structures.$slug'

/** What a child page exports as `handle`: its last breadcrumb item (none for the profile) and its width. */
export type StructurePageHandle = { breadcrumb?: string; narrow?: boolean }

// Only the error title: each page names itself through its own `meta` (the deepest one wins).
export const meta: MetaFunction<typeof loader> = ({ error }) =>
  error ? [{ title: errorTitle(isRouteErrorResponse(error) ? error.status : 500) }] : []

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, structure, role, may } = await loadStructureForViewer(request, params.slug)
  return {
    structure: { slug: structure.slug, name: structure.name },
    viewer: {
      loggedIn: viewer.kind === 'person',
      role,
      canEdit: may('edit'),
      canManage: may('manage-members'),
      canDelete: may('delete'),
      canSignCharter: may('sign-charter'),
      canGrantLabel: may('grant-label'),
      canRequestJoin: may('request-join'),
      canLeave: may('leave'),
    },
  }
}

/** The layout's data, for the pages under /structures/:slug. */
export function useStructureLayoutData() {
  const data = useRouteLoaderData<typeof loader>(STRUCTURE_LAYOUT_ID)
  if (!data) throw new Error('useStructureLayoutData outside the /structures/:slug layout')
  return data
}

export default function StructureLayout() {
  const { structure } = useStructureLayoutData()
  const handle = (useMatches().at(-1)?.handle ?? {}) as StructurePageHandle
  return (
    <div className={handle.narrow ? 'container narrow' : 'container'}>
      <Breadcrumbs
        items={[
          { label: 'Structures', to: '/structures' },
          handle.breadcrumb ? { label: structure.name, to: `/structures/${structure.slug}` } : { label: structure.name },
          ...(handle.breadcrumb ? [{ label: handle.breadcrumb }] : []),
        ]}
      />
      <Outlet />
    </div>
  )
}

/** An unknown structure, or a page this viewer may not see: the error page, titled by `meta`. */
export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  return <ErrorPage status={status} withTitle={false} />
}
