import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { featuredAction, loadFeaturedManager } from '#app/modules/curation/featured-route.server.ts'
import { FeaturedManager } from '#app/modules/curation/ui/featured-manager.tsx'
import groupStyles from '#app/styles/groups.css?url'

// /admin/une — the home page's « À la une »: admins only (a 404 for anyone else, as for a page that does not exist).

const HOME = { groupId: null }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: groupStyles }]

export const meta: MetaFunction = () => [{ title: 'À la une de l’accueil — Administration — Essaim' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
  return loadFeaturedManager(await getViewer(request), HOME, new URL(request.url))
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await getViewer(request)
  return featuredAction(await request.formData(), { viewer, place: HOME, here: '/admin/une' })
}

export default function AdminFeaturedPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="container">
      <h1>À la une de l’accueil</h1>
      <p>
        Les ressources choisies ici apparaissent, dans cet ordre, dans le bloc « À la une » de la{' '}
        <Link to="/">page d’accueil</Link>. Chaque changement est inscrit au journal d’audit.
      </p>
      <p>
        <Link to="/admin/recherche">Administration de la recherche</Link> · <Link to="/moderation">Modération</Link>
      </p>
      <FeaturedManager data={data} actionData={actionData} />
    </div>
  )
}
