import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { canCreate } from '#app/modules/pathways/pathways.policy.ts'
import { listPathways } from '#app/modules/pathways/pathways.server.ts'
import { countFr } from '#app/utils/plural.ts'

// /parcours (issue 15): the published pathways, and the drafts the viewer maintains.

export const meta: MetaFunction = () => [
  { title: 'Parcours — Essaim' },
  { name: 'description', content: 'Des parcours pas à pas pour créer son association, monter un dossier FSE+, accueillir des bénévoles…' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  return { pathways: await listPathways(viewer), canCreate: canCreate(viewer) }
}

export default function PathwaysPage() {
  const { pathways, canCreate } = useLoaderData<typeof loader>()
  return (
    <div className="container">
      <h1>Parcours</h1>
      <p>Des étapes choisies par les coordinations du réseau pour avancer pas à pas, avec une personne à contacter.</p>
      {canCreate ? (
        <p>
          <Link to="/parcours/nouveau" className="button">
            Créer un parcours
          </Link>
        </p>
      ) : null}
      {pathways.length === 0 ? (
        <p>Aucun parcours n’est publié pour l’instant.</p>
      ) : (
        <ul className="card-list">
          {pathways.map((p) => (
            <li key={p.slug} className="card">
              <h2>
                <Link to={`/parcours/${encodeURIComponent(p.slug)}`}>{p.title}</Link>
              </h2>
              <p>
                {countFr(p.stepCount, 'étape', 'étapes')}
                {p.territoryName ? ` · ${p.territoryName}` : ''}
                {p.status === 'draft' ? (
                  <>
                    {' '}
                    <span className="badge">brouillon</span>
                  </>
                ) : null}
              </p>
              <p>{p.introExcerpt}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
