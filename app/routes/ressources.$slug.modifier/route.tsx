import { parseWithZod } from '@conform-to/zod'
import type { JSONContent } from '@tiptap/core'
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useCallback, useEffect } from 'react'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { formDefaults } from '#app/modules/resources/resource-form.server.ts'
import { RESOURCE_TYPE_LABELS, STATUS_LABELS, resourceSchema } from '#app/modules/resources/resources.schema.ts'
import {
  type StatusChange,
  changeResourceStatus,
  deleteResource,
  getResourceForEditor,
  listLinkableStructures,
  listTargetableGroups,
  updateResource,
} from '#app/modules/resources/resources.server.ts'
import { ResourceForm } from '#app/modules/resources/ui/resource-form.tsx'
import resourcesStyles from '#app/modules/resources/ui/resources.css?url'
import { UploadForm } from '#app/modules/resources/ui/upload-form.tsx'
import { uploadEditorImage } from '#app/modules/resources/ui/upload-image.ts'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { readUploadRequest } from '#app/modules/uploads/upload-request.server.ts'
import { ACCEPT_ATTRIBUTE, deleteAttachment, formatFileSize, saveUpload } from '#app/modules/uploads/uploads.server.ts'
import type { FlashKey } from '#app/utils/flash.server.ts'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import { useAutosave } from '#app/modules/resources/ui/use-autosave.ts'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: resourcesStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Modifier « ${data.resource.title} » — Essaim` : 'Modifier une ressource — Essaim' },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  const resource = await getResourceForEditor(params.slug ?? '', viewer)
  if (!resource) notFound()
  const [themes, territories, defaults, structures, groups] = await Promise.all([
    listThemes(),
    listTerritories(),
    formDefaults(resource),
    listLinkableStructures(viewer, resource.structures),
    listTargetableGroups(viewer, resource.groups),
  ])
  const added = new URL(request.url).searchParams.get('piece-jointe') === 'ajoutee'
  return {
    resource: {
      id: resource.id,
      slug: resource.slug,
      type: resource.type,
      title: resource.title,
      status: resource.status,
      changes: resource.changes,
      canDelete: resource.canDelete,
      version: resource.version,
      updatedAt: resource.updatedAt,
      attachments: resource.attachments.map((a) => ({ ...a, sizeLabel: formatFileSize(a.size) })),
    },
    defaults,
    body: JSON.parse(resource.bodyJson) as JSONContent,
    themes: themes.map((t) => ({ slug: t.slug, name: t.name })),
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
    structures,
    groups,
    attachmentAdded: added,
    accept: ACCEPT_ATTRIBUTE,
  }
}

const STATUS_FLASH: Record<StatusChange, FlashKey> = {
  publish: 'resource-published',
  archive: 'resource-archived',
  unarchive: 'resource-unarchived',
  unpublish: 'resource-unpublished',
  submit: 'resource-submitted',
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const resource = await getResourceForEditor(params.slug ?? '', viewer)
  if (!resource) notFound()
  const editPath = `/ressources/${resource.slug}/modifier`

  // The attachment form without JavaScript is multipart; other forms may be too (tests, some browsers).
  let formData: FormData
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const parsed = await readUploadRequest(request)
    if (!parsed.fields || parsed.fields.get('intent') === 'upload') {
      if (!parsed.ok) return data({ result: null, conflict: null, uploadError: parsed.error }, { status: 400 })
      const saved = await saveUpload({
        bytes: new Uint8Array(await parsed.file.arrayBuffer()),
        originalName: parsed.file.name,
        uploaderId: viewer.id,
        resourceId: resource.id,
      })
      if (!saved.ok) return data({ result: null, conflict: null, uploadError: saved.error }, { status: 400 })
      return redirectWithFlash(`${editPath}#pieces-jointes`, 'attachment-added')
    }
    formData = parsed.fields
  } else {
    formData = await request.formData()
  }
  const intent = String(formData.get('intent') ?? 'save')
  if (intent === 'delete-attachment') {
    const removed = await deleteAttachment(String(formData.get('attachmentId') ?? ''), viewer)
    if (!removed) notFound()
    return redirectWithFlash(`${editPath}#pieces-jointes`, 'attachment-deleted')
  }
  if (intent === 'delete') {
    if (!(await deleteResource({ id: resource.id, actor: viewer }))) throw new Response(null, { status: 403 })
    return redirectWithFlash('/ressources', 'resource-deleted')
  }
  if (['archive', 'unarchive', 'unpublish'].includes(intent)) {
    const change = intent as StatusChange
    const updated = await changeResourceStatus({ id: resource.id, change, actor: viewer })
    if (!updated) return redirect(editPath)
    return redirectWithFlash(change === 'unpublish' ? editPath : `/ressources/${updated.slug}`, STATUS_FLASH[change])
  }

  const submission = parseWithZod(formData, { schema: resourceSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply(), conflict: null, uploadError: null }, { status: 400 })
  }
  const publish = intent === 'publish'
  const note = String(formData.get('note') ?? '').slice(0, 300)
  const result = await updateResource({
    id: resource.id,
    input: submission.value,
    actor: viewer,
    expectedVersion: Number(formData.get('version')),
    note,
    change: publish ? 'publish' : undefined,
  })
  if (result.status === 'invalid') {
    return data({ result: submission.reply({ fieldErrors: result.fieldErrors }), conflict: null, uploadError: null }, { status: 400 })
  }
  if (result.status === 'forbidden') {
    // An archived resource is not published again by « Publier » (« Republier » unarchives), a pending one waits for
    // moderation: what was typed stays in the form, nothing was written.
    return data({ result: submission.reply({ formErrors: [result.message] }), conflict: null, uploadError: null }, { status: 403 })
  }
  if (result.status === 'conflict') {
    // What the person typed stays in the form; nothing was written.
    return data(
      {
        result: submission.reply({ formErrors: [result.message] }),
        conflict: { editorName: result.current.editorName, updatedAt: result.current.updatedAt },
        uploadError: null,
      },
      { status: 409 },
    )
  }
  const slug = result.resource.slug
  if (publish && result.resource.status === 'pending') return redirectWithFlash(`/ressources/${slug}`, 'resource-submitted')
  return publish || result.resource.status === 'published'
    ? redirectWithFlash(`/ressources/${slug}`, publish ? 'resource-published' : 'resource-saved')
    : redirectWithFlash(`/ressources/${slug}/modifier`, 'resource-saved')
}

export default function EditResourcePage() {
  const { resource, defaults, body, themes, territories, structures, groups, attachmentAdded, accept } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const autosave = useAutosave({ slug: resource.slug, version: resource.version, isDraft: resource.status === 'draft' })
  const uploadImage = useCallback((file: File) => uploadEditorImage(file, resource.slug), [resource.slug])
  const conflict = actionData?.conflict ?? autosave.conflict
  const { onSubmitReturned } = autosave
  useEffect(() => {
    if (actionData) onSubmitReturned()
  }, [actionData, onSubmitReturned])

  return (
    <div className="container">
      <p className="no-print">
        <Link to={`/ressources/${resource.slug}`}>← Voir la ressource</Link> ·{' '}
        <Link to={`/ressources/${resource.slug}/historique`}>Historique des versions</Link>
      </p>
      <h1>Modifier « {resource.title} »</h1>
      <p>
        {RESOURCE_TYPE_LABELS[resource.type]} — statut : <strong>{STATUS_LABELS[resource.status]}</strong>
      </p>
      {conflict ? (
        <div className="conflict-warning" role="alert">
          <h2>Attention : modification simultanée</h2>
          <p>
            {conflict.editorName ? `${conflict.editorName} a` : 'Quelqu’un a'} enregistré cette ressource pendant que vous
            la modifiiez. Pour ne rien écraser, vos changements ne sont pas enregistrés.{' '}
            <a href={`/ressources/${resource.slug}/modifier`} target="_blank" rel="noreferrer">
              Ouvrir la dernière version dans un nouvel onglet
            </a>
            , puis reportez-y vos modifications.
          </p>
        </div>
      ) : null}
      <p className={`save-state${autosave.state.kind === 'error' ? ' save-state-error' : ''}`} role="status" aria-live="polite">
        {autosave.state.message}
      </p>
      <ResourceForm
        id="modifier-ressource"
        type={resource.type}
        lastResult={actionData?.result}
        defaultValue={defaults}
        bodyDefault={body}
        territories={territories}
        themes={themes}
        structures={structures}
        groups={groups}
        formRef={autosave.formRef}
        onBodyChange={autosave.onChange}
        onBodyBlur={autosave.onBlur}
        onFieldChange={autosave.onChange}
        uploadImage={uploadImage}
        showNote
        hiddenFields={<input type="hidden" name="version" value={autosave.version} />}
        actions={
          <>
            <button type="submit" name="intent" value="save" className="button button-secondary" onClick={autosave.onSubmit}>
              {resource.status === 'draft' ? 'Enregistrer le brouillon' : 'Enregistrer les modifications'}
            </button>
            {resource.changes.includes('publish') ? (
              <button type="submit" name="intent" value="publish" className="button" onClick={autosave.onSubmit}>
                Publier
              </button>
            ) : null}
          </>
        }
      />

      <section aria-labelledby="pieces-jointes" className="form">
        <h2 id="pieces-jointes" tabIndex={-1}>
          Documents joints
        </h2>
        {attachmentAdded ? <p className="flash">Le fichier est joint à la ressource.</p> : null}
        {resource.attachments.length ? (
          <ul className="plain-list">
            {resource.attachments.map((a) => (
              <li key={a.id}>
                <a href={a.url}>{a.originalName}</a> <span className="hint">({a.sizeLabel})</span>{' '}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <button type="submit" name="intent" value="delete-attachment" className="link-button">
                    Retirer<span className="visually-hidden"> le fichier {a.originalName}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun document joint pour le moment.</p>
        )}
        <UploadForm slug={resource.slug} accept={accept} error={actionData?.uploadError} />
      </section>

      <section aria-labelledby="titre-statut">
        <h2 id="titre-statut">Statut de la ressource</h2>
        <Form method="post" className="form-actions">
          {resource.status === 'pending' && !resource.changes.includes('publish') ? (
            <p>Cette ressource attend la validation de l’équipe d’animation du réseau avant d’être publiée.</p>
          ) : null}
          {resource.changes.includes('archive') ? (
            <button type="submit" name="intent" value="archive" className="button button-secondary">
              Archiver
            </button>
          ) : null}
          {resource.changes.includes('unpublish') ? (
            <button type="submit" name="intent" value="unpublish" className="button button-secondary">
              Repasser en brouillon
            </button>
          ) : null}
          {resource.changes.includes('unarchive') ? (
            <button type="submit" name="intent" value="unarchive" className="button button-secondary">
              Publier à nouveau
            </button>
          ) : null}
          {resource.canDelete ? (
            <button type="submit" name="intent" value="delete" className="button button-danger">
              Supprimer la ressource
            </button>
          ) : null}
        </Form>
      </section>
    </div>
  )
}
