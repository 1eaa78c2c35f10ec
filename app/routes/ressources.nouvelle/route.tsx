import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useCallback, useEffect } from 'react'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { canCreate } from '#app/modules/resources/resources.policy.ts'
import {
  RESOURCE_TYPES,
  RESOURCE_TYPE_HINTS,
  RESOURCE_TYPE_LABELS,
  type ResourceTypeValue,
  resourceSchema,
} from '#app/modules/resources/resources.schema.ts'
import {
  createResource,
  getResourceForEditor,
  listLinkableStructures,
  listTargetableGroups,
  updateResource,
} from '#app/modules/resources/resources.server.ts'
import { ResourceForm } from '#app/modules/resources/ui/resource-form.tsx'
import resourcesStyles from '#app/modules/resources/ui/resources.css?url'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import { uploadEditorImage } from '#app/modules/resources/ui/upload-image.ts'
import { useAutosave } from '#app/modules/resources/ui/use-autosave.ts'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: resourcesStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.type ? `Nouvelle ressource : ${RESOURCE_TYPE_LABELS[data.type]}` : 'Nouvelle ressource'} — Essaim` },
]

function readType(value: string | null): ResourceTypeValue | null {
  return RESOURCE_TYPES.find((type) => type === value) ?? null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  const type = readType(new URL(request.url).searchParams.get('type'))
  if (!canCreate(viewer)) return { allowed: false as const, type, themes: [], territories: [], structures: [], groups: [] }
  const [themes, territories, structures, groups] = await Promise.all([
    listThemes(),
    listTerritories(),
    listLinkableStructures(viewer),
    listTargetableGroups(viewer),
  ])
  return {
    allowed: true as const,
    type,
    themes: themes.map((t) => ({ slug: t.slug, name: t.name })),
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
    structures,
    groups,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  if (!canCreate(viewer)) throw new Response(null, { status: 403 })
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: resourceSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const publish = formData.get('intent') === 'publish'
  // Once the page's autosave has created the draft (JavaScript), the buttons save that draft instead of a new one.
  const draftSlug = String(formData.get('draft') ?? '')
  const draft = draftSlug ? await getResourceForEditor(draftSlug, viewer) : null
  if (draftSlug && !draft) notFound()
  const result = draft
    ? await updateResource({
        id: draft.id,
        input: submission.value,
        actor: viewer,
        expectedVersion: Number(formData.get('version')),
        change: publish ? 'publish' : undefined,
      })
    : await createResource({ input: submission.value, actor: viewer, status: publish ? 'published' : 'draft' })
  if (result.status === 'conflict') return data(submission.reply({ formErrors: [result.message] }), { status: 409 })
  if (result.status === 'forbidden') return data(submission.reply({ formErrors: [result.message] }), { status: 403 })
  if (result.status !== 'saved') {
    return data(submission.reply({ fieldErrors: result.status === 'invalid' ? result.fieldErrors : {} }), { status: 400 })
  }
  return publish
    ? redirectWithFlash(`/ressources/${result.resource.slug}`, result.resource.status === 'pending' ? 'resource-submitted' : 'resource-published')
    : redirectWithFlash(`/ressources/${result.resource.slug}/modifier`, 'resource-draft-saved')
}

export default function NewResourcePage() {
  const { allowed, type, themes, territories, structures, groups } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  // The first autosave creates the draft; the address becomes the draft's editing page (without a navigation:
  // nothing typed meanwhile is lost, the focus stays), so a reload opens the saved draft.
  const onCreated = useCallback(({ slug }: { slug: string }) => {
    window.history.replaceState(window.history.state, '', `/ressources/${encodeURIComponent(slug)}/modifier`)
  }, [])
  const autosave = useAutosave({
    slug: null,
    version: 0,
    isDraft: true,
    createUrl: '/ressources/nouvelle/brouillon',
    onCreated,
  })
  const uploadImage = useCallback((file: File) => uploadEditorImage(file, autosave.slug), [autosave.slug])
  const { onSubmitReturned } = autosave
  useEffect(() => {
    if (lastResult) onSubmitReturned()
  }, [lastResult, onSubmitReturned])

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
      <p className={`save-state${autosave.state.kind === 'error' ? ' save-state-error' : ''}`} role="status" aria-live="polite">
        {autosave.state.message}
      </p>
      <ResourceForm
        id="nouvelle-ressource"
        type={type}
        lastResult={lastResult}
        defaultValue={{ visibility: 'public' }}
        bodyDefault={null}
        territories={territories}
        themes={themes}
        structures={structures}
        groups={groups}
        formRef={autosave.formRef}
        onBodyChange={autosave.onChange}
        onBodyBlur={autosave.onBlur}
        onFieldChange={autosave.onChange}
        uploadImage={uploadImage}
        hiddenFields={
          <>
            <input type="hidden" name="draft" value={autosave.slug ?? ''} />
            <input type="hidden" name="version" value={autosave.version} />
          </>
        }
        actions={
          <>
            <button type="submit" name="intent" value="draft" className="button button-secondary" onClick={autosave.onSubmit}>
              Enregistrer le brouillon
            </button>
            <button type="submit" name="intent" value="publish" className="button" onClick={autosave.onSubmit}>
              Publier
            </button>
          </>
        }
      />
    </div>
  )
}
