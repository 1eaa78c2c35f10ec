import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { FieldErrors } from '#app/components/forms.tsx'
import { LOGO_ACCEPT, LOGO_MAX_BYTES, LOGO_MESSAGES, logoUrl } from '#app/modules/structures/logo.ts'
import { removeStructureLogo, setStructureLogo } from '#app/modules/structures/logo.server.ts'
import { StructureForm } from '#app/modules/structures/structure-form.tsx'
import { parseStructureForm } from '#app/modules/structures/structure-form.server.ts'
import { requireStructureAction } from '#app/modules/structures/structure-route.server.ts'
import { deleteStructure, structureFormDefaults, updateStructure } from '#app/modules/structures/structures.server.ts'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { readUploadRequest } from '#app/modules/uploads/upload-request.server.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import type { StructurePageHandle } from './structures.$slug.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Modifier ${data.structure.name} — Essaim` : 'Structure introuvable — Essaim' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { structure, may } = await requireStructureAction(request, params.slug, 'edit')
  const themes = await listThemes()
  return {
    structure: {
      slug: structure.slug,
      name: structure.name,
      logo: structure.logoKey ? logoUrl(structure.slug, structure.logoKey, 256) : null,
    },
    defaults: structureFormDefaults(structure),
    version: structure.version,
    canDelete: may('delete'),
    themes: themes.map((t) => ({ slug: t.slug, name: t.name })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Who may act is checked before the body is read: a stranger's upload is never parsed.
  const { structure, viewer, may } = await requireStructureAction(request, params.slug, 'edit')
  const editPath = `/structures/${structure.slug}/modifier`

  // The logo form is multipart (it works without JavaScript); it changes the logo and nothing else.
  let formData: FormData
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const parsed = await readUploadRequest(request, 'logo', { maxBytes: LOGO_MAX_BYTES, tooLargeMessage: LOGO_MESSAGES.tooLarge })
    if (!parsed.fields || parsed.fields.get('intent') === 'upload-logo') {
      // With the fields read, a failure means no file was chosen; without them, the request was too large or broken.
      if (!parsed.ok) return data({ logoError: parsed.fields ? LOGO_MESSAGES.missing : parsed.error }, { status: 400 })
      const result = await setStructureLogo({ structureId: structure.id, bytes: new Uint8Array(await parsed.file.arrayBuffer()), actor: viewer })
      if (!result.ok) {
        if (result.reason === 'forbidden') notFound()
        return data({ logoError: result.error }, { status: 400 })
      }
      return redirectWithFlash(`${editPath}#logo`, 'logo-updated')
    }
    formData = parsed.fields
  } else {
    formData = await request.formData()
  }
  const intent = formData.get('intent')
  if (intent === 'remove-logo') {
    if (!(await removeStructureLogo({ structureId: structure.id, actor: viewer })).ok) notFound()
    return redirectWithFlash(`${editPath}#logo`, 'logo-removed')
  }
  if (intent === 'delete') {
    if (!may('delete')) notFound()
    if (formData.get('confirm') !== structure.slug) badRequest()
    if (!(await deleteStructure({ id: structure.id, actor: viewer })).ok) notFound()
    return redirectWithFlash('/structures', 'structure-deleted')
  }
  const parsed = await parseStructureForm(formData)
  if (!parsed.ok) return data(parsed.reply, { status: 400 })
  const result = await updateStructure({
    id: structure.id,
    input: parsed.value,
    expectedVersion: Number(formData.get('expectedVersion')),
    actor: viewer,
  })
  if (!result.ok) {
    if (result.reason === 'not-found' || result.reason === 'forbidden') notFound()
    if (result.reason === 'conflict') {
      // Nothing was written; what the person typed stays in the form, now carrying the current version: saving again,
      // after the warning, replaces the other person's edit knowingly.
      return data(
        { ...parsed.submission.reply({ formErrors: [result.message] }), currentVersion: result.current.version },
        { status: 409 },
      )
    }
    return data(parsed.submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 })
  }
  return redirectWithFlash(`/structures/${structure.slug}`, 'structure-updated')
}

/** The logo: its own multipart form (a file cannot be kept across a failed submission of the long form). */
function LogoSection({ slug, name, logo, error }: { slug: string; name: string; logo: string | null; error: string | null }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const navigation = useNavigation()
  const sending = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'upload-logo'
  useEffect(() => {
    if (error) inputRef.current?.focus()
  }, [error])
  return (
    <section aria-labelledby="logo" className="logo-editor">
      <h2 id="logo" tabIndex={-1}>
        Logo
      </h2>
      {logo ? (
        <p>
          <img src={logo} alt={`Logo actuel de ${name}`} width="128" height="128" className="structure-logo" />
        </p>
      ) : (
        <p>La structure n’a pas encore de logo.</p>
      )}
      <Form method="post" encType="multipart/form-data" className="form" action={`/structures/${slug}/modifier`}>
        <input type="hidden" name="intent" value="upload-logo" />
        <div className="field">
          <label htmlFor="logo-fichier">{logo ? 'Nouveau logo' : 'Logo de la structure'}</label>
          <p className="hint" id="logo-fichier-aide">
            Image PNG, JPEG ou WebP, 2 Mo au plus. Elle est affichée dans un carré, sans être déformée ; ses métadonnées
            (appareil, lieu de prise de vue…) sont supprimées.
          </p>
          <input
            ref={inputRef}
            id="logo-fichier"
            type="file"
            name="logo"
            accept={LOGO_ACCEPT}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'logo-fichier-aide logo-fichier-erreur' : 'logo-fichier-aide'}
          />
          <FieldErrors id="logo-fichier-erreur" errors={error ? [error] : undefined} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-secondary" disabled={sending}>
            {sending ? 'Envoi en cours…' : 'Envoyer le logo'}
          </button>
        </div>
      </Form>
      {logo ? (
        <Form method="post" action={`/structures/${slug}/modifier`}>
          <button type="submit" name="intent" value="remove-logo" className="link-button">
            Retirer le logo
          </button>
        </Form>
      ) : null}
    </section>
  )
}

export const handle: StructurePageHandle = { breadcrumb: 'Modifier', narrow: true }

export default function EditStructurePage() {
  const { structure, defaults, canDelete, themes, version } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const logoError = actionData && 'logoError' in actionData ? actionData.logoError : null
  const lastResult = actionData && !('logoError' in actionData) ? actionData : undefined
  const formVersion = lastResult && 'currentVersion' in lastResult ? Math.max(Number(lastResult.currentVersion), version) : version
  return (
    <>
      <h1>Modifier « {structure.name} »</h1>
      <p>
        <Link to={`/structures/${structure.slug}/membres`}>Gérer les membres</Link>
      </p>
      <LogoSection slug={structure.slug} name={structure.name} logo={structure.logo} error={logoError} />
      <h2>Informations</h2>
      <StructureForm
        id="modifier-structure"
        lastResult={lastResult}
        defaultValue={defaults}
        themes={themes}
        submitLabel="Enregistrer les modifications"
        version={formVersion}
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
    </>
  )
}
