import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { can } from '#app/modules/auth/permissions.ts'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { StructureForm } from '#app/modules/structures/structure-form.tsx'
import { parseStructureForm } from '#app/modules/structures/structure-form.server.ts'
import { createStructure } from '#app/modules/structures/structures.server.ts'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'

export const meta: MetaFunction = () => [{ title: 'Créer une structure — Essaim' }]

/** Any member whose address is confirmed may create a structure. */
async function requireCreator(request: Request) {
  const viewer = await requirePerson(request)
  return { viewer, allowed: can(viewer, 'structure:create') && viewer.verified }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { allowed } = await requireCreator(request)
  const themes = await listThemes()
  return { allowed, themes: themes.map((t) => ({ slug: t.slug, name: t.name })) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, allowed } = await requireCreator(request)
  if (!allowed) throw new Response(null, { status: 403 })
  const parsed = await parseStructureForm(await request.formData())
  if (!parsed.ok) return data(parsed.reply, { status: 400 })
  const result = await createStructure({ actor: viewer, input: parsed.value })
  if (!result.ok && result.reason === 'forbidden') throw new Response(null, { status: 403 })
  if (!result.ok) return data(parsed.submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 })
  return redirectWithFlash(`/structures/${result.structure.slug}`, 'structure-created')
}

export default function NewStructurePage() {
  const { allowed, themes } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Structures', to: '/structures' }, { label: 'Créer une structure' }]} />
      <h1>Créer une structure</h1>
      {allowed ? (
        <>
          <p>
            Association, coopérative, mutuelle, fondation, entreprise sociale… Présentez votre structure au réseau. Vous
            en serez responsable et pourrez inviter vos collègues.
          </p>
          <StructureForm id="nouvelle-structure" lastResult={lastResult} themes={themes} submitLabel="Créer la structure" />
        </>
      ) : (
        <div className="notice">
          <p>
            Pour créer une structure, confirmez d’abord votre adresse électronique avec le lien reçu par courriel. Vous
            pouvez en demander un nouveau depuis <Link to="/compte">votre compte</Link>.
          </p>
        </div>
      )}
    </div>
  )
}
