import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import richTextStyles from '#app/components/editor/rich-text.css?url'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { type PathwayFormAnswer, pathwayFormChoices, readPathwayForm } from '#app/modules/pathways/pathway-form.server.ts'
import { canCreate } from '#app/modules/pathways/pathways.policy.ts'
import { createPathway } from '#app/modules/pathways/pathways.server.ts'
import { PathwayForm } from '#app/modules/pathways/ui/pathway-form.tsx'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'

// /parcours/nouveau (issue 15): coordinators (of a territory or of any group) and admins start a pathway, as a draft.
// Others get a 404 (the page is not theirs).

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: richTextStyles }]

export const meta: MetaFunction = () => [{ title: 'Créer un parcours — Essaim' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  if (!canCreate(viewer)) notFound()
  return { choices: await pathwayFormChoices(viewer) }
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  if (!canCreate(viewer)) notFound()
  const { input, values } = readPathwayForm(await request.formData())
  const result = await createPathway({ actor: viewer, input })
  if (result.ok) return redirectWithFlash(`/parcours/${encodeURIComponent(result.pathway.slug)}/modifier`, 'pathway-created')
  const errors = result.reason === 'invalid' ? result.errors : { groupId: 'Vous ne coordonnez pas ce groupe.' }
  return data<PathwayFormAnswer>({ errors, values }, { status: 400 })
}

export default function NewPathwayPage() {
  const { choices } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  return (
    <div className="container">
      <p>
        <Link to="/parcours">← Tous les parcours</Link>
      </p>
      <h1>Créer un parcours</h1>
      <p>Le parcours est créé en brouillon : vous ajouterez ses étapes à l’étape suivante, puis vous le publierez.</p>
      <PathwayForm answer={answer} defaults={{}} choices={choices} submitLabel="Créer le brouillon" />
    </div>
  )
}
