import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { FieldErrors } from '#app/components/forms.tsx'
import { type PersonViewer, isAdmin } from '#app/modules/auth/viewer.ts'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { COVER_ACCEPT, COVER_MAX_BYTES, COVER_MESSAGES, coverUrl } from '#app/modules/groups/cover.ts'
import { GroupDescriptionSchema, GroupSettingsSchema } from '#app/modules/groups/group-form.schema.ts'
import { GroupForm } from '#app/modules/groups/group-form.tsx'
import { can } from '#app/modules/groups/groups.policy.ts'
import { type Group, getGroupBySlug, toPolicyGroup, updateGroup } from '#app/modules/groups/groups.server.ts'
import { groupPath } from '#app/modules/groups/pages.server.ts'
import { countPendingRequests, removeGroupCover, setGroupCover, updateGroupDescription } from '#app/modules/groups/settings.server.ts'
import { readUploadRequest } from '#app/modules/uploads/upload-request.server.ts'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import { countFr } from '#app/utils/plural.ts'

// /groupes/:slug/parametres — a group's settings, for territory and thematic groups alike (the slug is the group's,
// which for a territory group is its territory's). Outside the group's layout (`_`): a form page of its own.
//
// Who may do what (groups.policy.ts):
// - `manage` (the group's coordinators, and admins) opens the page: the description and the cover;
// - admins only (the rule of `updateGroup`): the name, the join policy, the page visibility and « hidden ». A
//   territory group's name and address come with its territory and never change.
// Anybody else gets the 404 of a page that does not exist; anonymous visitors are sent to log in first.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Réglages du groupe ${data.group.name} — Essaim` : 'Groupe introuvable — Essaim' },
]

async function requireManager(request: Request, slug: string | undefined): Promise<{ viewer: PersonViewer; group: Group; admin: boolean }> {
  const viewer = await requirePerson(request)
  const group = slug ? await getGroupBySlug(slug) : null
  if (!group || !can(viewer, 'manage', toPolicyGroup(group))) notFound()
  return { viewer, group, admin: isAdmin(viewer) }
}

function settledCounts(url: URL) {
  const read = (name: string) => {
    const value = url.searchParams.get(name)
    return value && /^\d{1,6}$/.test(value) ? Number(value) : 0
  }
  return { approved: read('acceptees'), refused: read('refusees') }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, admin } = await requireManager(request, params.slug)
  return {
    group: {
      slug: group.slug,
      name: group.name,
      kind: group.kind,
      path: groupPath(group),
      cover: group.coverKey ? coverUrl(group.slug, group.coverKey, 1280) : null,
    },
    defaults: {
      name: group.name,
      description: group.description,
      joinPolicy: group.joinPolicy,
      pageVisibility: group.pageVisibility,
      hidden: group.hidden === 1,
    },
    version: group.version,
    admin,
    pending: admin ? await countPendingRequests(group.id) : 0,
    settled: settledCounts(new URL(request.url)),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Who may act is checked before the body is read: a stranger's upload is never parsed.
  const { viewer, group, admin } = await requireManager(request, params.slug)
  const settingsPath = `/groupes/${encodeURIComponent(group.slug)}/parametres`

  // The cover form is multipart (it works without JavaScript); it changes the cover and nothing else.
  let formData: FormData
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const parsed = await readUploadRequest(request, 'cover', { maxBytes: COVER_MAX_BYTES, tooLargeMessage: COVER_MESSAGES.tooLarge })
    if (!parsed.fields || parsed.fields.get('intent') === 'upload-cover') {
      if (!parsed.ok) return data({ coverError: parsed.fields ? COVER_MESSAGES.missing : parsed.error }, { status: 400 })
      const result = await setGroupCover({ groupId: group.id, bytes: new Uint8Array(await parsed.file.arrayBuffer()), actor: viewer })
      if (!result.ok) {
        if (result.reason !== 'invalid') notFound()
        return data({ coverError: result.error }, { status: 400 })
      }
      return redirectWithFlash(`${settingsPath}#couverture`, 'group-cover-updated')
    }
    formData = parsed.fields
  } else {
    formData = await request.formData()
  }
  if (formData.get('intent') === 'remove-cover') {
    if (!(await removeGroupCover({ groupId: group.id, actor: viewer })).ok) notFound()
    return redirectWithFlash(`${settingsPath}#couverture`, 'group-cover-removed')
  }

  const expectedVersion = Number(formData.get('expectedVersion'))
  if (!admin) {
    const submission = parseWithZod(formData, { schema: GroupDescriptionSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const result = await updateGroupDescription({ id: group.id, description: submission.value.description, expectedVersion, actor: viewer })
    if (!result.ok) {
      if (result.reason === 'not-found' || result.reason === 'forbidden') notFound()
      if (result.reason === 'conflict') return data({ ...submission.reply({ formErrors: [result.message] }), currentVersion: result.current.version }, { status: 409 })
      return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 })
    }
    return redirectWithFlash(settingsPath, 'group-updated')
  }
  const submission = parseWithZod(formData, { schema: GroupSettingsSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await updateGroup({ id: group.id, input: submission.value, expectedVersion, actor: viewer })
  if (!result.ok) {
    if (result.reason === 'not-found' || result.reason === 'forbidden') notFound()
    // Nothing was written; what the person typed stays in the form, now carrying the current version: saving again,
    // after the warning, replaces the other person's edit knowingly.
    if (result.reason === 'conflict') {
      return data({ ...submission.reply({ formErrors: [result.message] }), currentVersion: result.current.version }, { status: 409 })
    }
    return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 })
  }
  const { approved, refused } = result.settled
  const query = approved || refused ? `?acceptees=${approved}&refusees=${refused}` : ''
  return redirectWithFlash(`${settingsPath}${query}`, 'group-updated')
}

/** The cover: its own multipart form (a file cannot be kept across a failed submission of the settings form). */
function CoverSection({ slug, name, cover, error }: { slug: string; name: string; cover: string | null; error: string | null }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const navigation = useNavigation()
  const sending = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'upload-cover'
  const action = `/groupes/${encodeURIComponent(slug)}/parametres`
  useEffect(() => {
    if (error) inputRef.current?.focus()
  }, [error])
  return (
    <section aria-labelledby="couverture" className="cover-editor">
      <h2 id="couverture" tabIndex={-1}>
        Image de couverture
      </h2>
      {cover ? (
        <p>
          <img src={cover} alt={`Couverture actuelle du groupe ${name}`} width="640" height="213" className="group-cover" />
        </p>
      ) : (
        <p>Le groupe n’a pas encore d’image de couverture.</p>
      )}
      <Form method="post" encType="multipart/form-data" className="form" action={action}>
        <input type="hidden" name="intent" value="upload-cover" />
        <div className="field">
          <label htmlFor="couverture-fichier">{cover ? 'Nouvelle image de couverture' : 'Image de couverture'}</label>
          <p className="hint" id="couverture-fichier-aide">
            Image PNG, JPEG ou WebP, 5 Mo au plus. Elle est recadrée en bandeau (3 fois plus large que haute) autour de
            son sujet ; ses métadonnées (appareil, lieu de prise de vue…) sont supprimées.
          </p>
          <input
            ref={inputRef}
            id="couverture-fichier"
            type="file"
            name="cover"
            accept={COVER_ACCEPT}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'couverture-fichier-aide couverture-fichier-erreur' : 'couverture-fichier-aide'}
          />
          <FieldErrors id="couverture-fichier-erreur" errors={error ? [error] : undefined} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-secondary" disabled={sending}>
            {sending ? 'Envoi en cours…' : 'Envoyer l’image'}
          </button>
        </div>
      </Form>
      {cover ? (
        <Form method="post" action={action}>
          <button type="submit" name="intent" value="remove-cover" className="link-button">
            Retirer l’image de couverture
          </button>
        </Form>
      ) : null}
    </section>
  )
}

export default function GroupSettingsPage() {
  const { group, defaults, version, admin, pending, settled } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const coverError = actionData && 'coverError' in actionData ? actionData.coverError : null
  const lastResult = actionData && !('coverError' in actionData) ? actionData : undefined
  const formVersion = lastResult && 'currentVersion' in lastResult ? Math.max(Number(lastResult.currentVersion), version) : version
  const territory = group.kind === 'territory'
  const settledLines = [
    settled.approved ? `${countFr(settled.approved, 'demande en attente a été acceptée', 'demandes en attente ont été acceptées')} : ces personnes sont désormais membres.` : null,
    settled.refused ? `${countFr(settled.refused, 'demande en attente a été close', 'demandes en attente ont été closes')} : ces personnes en sont informées par courriel.` : null,
  ].filter((line): line is string => line !== null)
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Groupes', to: '/groupes' }, { label: group.name, to: group.path }, { label: 'Réglages' }]} />
      <h1>Réglages du groupe « {group.name} »</h1>
      {settledLines.length ? (
        <div className="notice" role="status">
          <p>Le changement du mode d’adhésion a réglé les demandes en attente :</p>
          <ul>
            {settledLines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {territory ? (
        <p>
          Ce groupe est celui d’un territoire : son nom et l’adresse de sa page viennent du territoire et ne peuvent pas
          être modifiés.
        </p>
      ) : null}
      {admin ? (
        pending > 0 ? (
          <p>
            {countFr(pending, 'demande attend', 'demandes attendent')} une décision. Passer à l’adhésion libre les
            accepte toutes ; passer à l’adhésion sur invitation les clôt, avec un courriel à chaque personne.
          </p>
        ) : null
      ) : (
        <p>
          En tant que coordinateur ou coordinatrice, vous pouvez modifier la description et l’image de couverture du
          groupe. Le nom, le mode d’adhésion et la visibilité sont réglés par les administrateurs.
        </p>
      )}
      <h2>Informations</h2>
      <GroupForm
        id="reglages-groupe"
        action={`/groupes/${encodeURIComponent(group.slug)}/parametres`}
        lastResult={lastResult}
        defaultValue={defaults}
        submitLabel="Enregistrer les réglages"
        version={formVersion}
        descriptionOnly={!admin}
        fixedName={territory}
      />
      <CoverSection slug={group.slug} name={group.name} cover={group.cover} error={coverError} />
    </div>
  )
}
