import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useCallback } from 'react'
import { requireUser } from '#app/modules/auth/session.server.ts'
import { canCreateResource } from '#app/modules/resources/resource-access.ts'
import {
  RESOURCE_TYPES,
  RESOURCE_TYPE_HINTS,
  RESOURCE_TYPE_LABELS,
  type ResourceTypeValue,
  resourceSchema,
} from '#app/modules/resources/resources.schema.ts'
import { createResource, listLinkableStructures } from '#app/modules/resources/resources.server.ts'
import { ResourceForm } from '#app/modules/resources/ui/resource-form.tsx'
import resourcesStyles from '#app/modules/resources/ui/resources.css?url'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'
import { uploadEditorImage } from '#app/modules/resources/ui/upload-image.ts'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: resourcesStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.type ? `Nouvelle ressource : ${RESOURCE_TYPE_LABELS[data.type]}` : 'Nouvelle ressource'} — Essaim` },
]

function readType(value: string | null): ResourceTypeValue | null {
  return RESOURCE_TYPES.find((type) => type === value) ?? null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const type = readType(new URL(request.url).searchParams.get('type'))
  if (!canCreateResource(user)) return { allowed: false as const, type, themes: [], territories: [], structures: [] }
  const [themes, territories, structures] = await Promise.all([listThemes(), listTerritories(), listLinkableStructures(user)])
  return {
    allowed: true as const,
    type,
    themes: themes.map((t) => ({ slug: t.slug, name: t.name })),
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
    structures,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  if (!canCreateResource(user)) throw new Response(null, { status: 403 })
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: resourceSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const publish = formData.get('intent') === 'publish'
  const result = await createResource({ input: submission.value, author: user, status: publish ? 'published' : 'draft' })
  if (result.status !== 'saved') {
    return data(submission.reply({ fieldErrors: result.status === 'invalid' ? result.fieldErrors : {} }), { status: 400 })
  }
  return publish
    ? redirectWithFlash(`/ressources/${result.resource.slug}`, 'resource-published')
    : redirectWithFlash(`/ressources/${result.resource.slug}/modifier`, 'resource-draft-saved')
}

export default function NewResourcePage() {
  const { allowed, type, themes, territories, structures } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const uploadImage = useCallback((file: File) => uploadEditorImage(file, null), [])

  if (!allowed) {
    return (
      <div className="container narrow">
        <h1>Nouvelle ressource</h1>
        <div className="notice">
          <p>
            Pour publier sur Essaim, confirmez d’abord votre adresse électronique : ouvrez le lien que nous vous avons
            envoyé par courriel.
          </p>
          <p>
            Vous ne l’avez pas reçu ? <Link to="/confirmation-email/renvoyer">Recevoir un nouveau lien</Link>.
          </p>
        </div>
      </div>
    )
  }

  if (!type) {
    return (
      <div className="container narrow">
        <h1>Nouvelle ressource</h1>
        <Form method="get" className="form">
          <fieldset>
            <legend>Que souhaitez-vous partager ?</legend>
            <ul className="kind-choice">
              {RESOURCE_TYPES.map((kind, index) => (
                <li key={kind}>
                  <label>
                    <input type="radio" name="type" value={kind} defaultChecked={index === 0} required />
                    <strong>{RESOURCE_TYPE_LABELS[kind]}</strong>
                    <br />
                    <span className="hint">{RESOURCE_TYPE_HINTS[kind]}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button">
              Continuer
            </button>
          </div>
        </Form>
      </div>
    )
  }

  return (
    <div className="container">
      <h1>Nouvelle ressource : {RESOURCE_TYPE_LABELS[type].toLowerCase()}</h1>
      <p>
        <Link to="/ressources/nouvelle">Choisir un autre type de ressource</Link>
      </p>
      <p className="hint">Les champs marqués d’un astérisque (*) sont obligatoires.</p>
      <ResourceForm
        id="nouvelle-ressource"
        type={type}
        lastResult={lastResult}
        defaultValue={{ visibility: 'public' }}
        bodyDefault={null}
        territories={territories}
        themes={themes}
        structures={structures}
        uploadImage={uploadImage}
        actions={
          <>
            <button type="submit" name="intent" value="draft" className="button button-secondary">
              Enregistrer le brouillon
            </button>
            <button type="submit" name="intent" value="publish" className="button">
              Publier
            </button>
          </>
        }
      />
    </div>
  )
}
