import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { StructureForm } from '#app/modules/structures/structure-form.tsx'
import { parseStructureForm } from '#app/modules/structures/structure-form.server.ts'
import { requireStructureAction } from '#app/modules/structures/structure-route.server.ts'
import { deleteStructure, structureFormDefaults, updateStructure } from '#app/modules/structures/structures.server.ts'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Modifier ${data.structure.name} — Essaim` : 'Structure introuvable — Essaim' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { structure, may } = await requireStructureAction(request, params.slug, 'edit')
  const themes = await listThemes()
  return {
    structure: { slug: structure.slug, name: structure.name },
    defaults: structureFormDefaults(structure),
    canDelete: may('delete'),
    themes: themes.map((t) => ({ slug: t.slug, name: t.name })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'delete') {
    const { structure, viewer } = await requireStructureAction(request, params.slug, 'delete')
    if (!viewer) notFound()
    if (formData.get('confirm') !== structure.slug) badRequest()
    await deleteStructure(structure.id, viewer)
    return redirectWithFlash('/structures', 'structure-deleted')
  }
  const { structure } = await requireStructureAction(request, params.slug, 'edit')
  const parsed = await parseStructureForm(formData)
  if (!parsed.ok) return data(parsed.reply, { status: 400 })
  const result = await updateStructure(structure.id, parsed.value)
  if (!result.ok) return data(parsed.submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 })
  return redirectWithFlash(`/structures/${structure.slug}`, 'structure-updated')
}

export default function EditStructurePage() {
  const { structure, defaults, canDelete, themes } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="container narrow">
      <nav aria-label="Fil d’Ariane">
        <ol className="inline-links">
          <li>
            <Link to="/structures">Structures</Link>
          </li>
          <li>
            <Link to={`/structures/${structure.slug}`}>{structure.name}</Link>
          </li>
          <li>
            <span aria-current="page">Modifier</span>
          </li>
        </ol>
      </nav>
      <h1>Modifier « {structure.name} »</h1>
      <p>
        <Link to={`/structures/${structure.slug}/membres`}>Gérer les membres</Link>
      </p>
      <StructureForm
        id="modifier-structure"
        lastResult={lastResult}
        defaultValue={defaults}
        themes={themes}
        submitLabel="Enregistrer les modifications"
      />
      {canDelete ? (
        <section aria-labelledby="titre-supprimer">
          <h2 id="titre-supprimer">Supprimer la structure</h2>
          <p>
            La suppression est définitive : la page de la structure et la liste de ses membres disparaissent. Les comptes
            des membres ne sont pas supprimés.
          </p>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="delete" />
            <div className="checkbox">
              <input type="checkbox" id="confirm-delete" name="confirm" value={structure.slug} required />
              <label htmlFor="confirm-delete">Je confirme vouloir supprimer « {structure.name} » définitivement</label>
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-danger">
                Supprimer la structure
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
