import { parseWithZod } from '@conform-to/zod'
import { FollowButton } from '#app/modules/follows/ui/follow-button.tsx'
import { followState } from '#app/modules/follows/follows.server.ts'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FieldErrors } from '#app/components/forms.tsx'
import { listResources } from '#app/modules/resources/resources.server.ts'
import { ResourceSummaryList } from '#app/modules/resources/ui/resource-summary-list.tsx'
import { getPendingJoinRequest, removeMember, requestToJoin } from '#app/modules/structures/memberships.server.ts'
import { loadStructureForViewer, requireStructureAction } from '#app/modules/structures/structure-route.server.ts'
import { formatPhoneFr, formatSiret, phoneHref } from '#app/modules/structures/display.ts'
import { LABEL_NAME, legalFormLabel, sizeBracketLabel } from '#app/modules/structures/labels.ts'
import { JoinRequestSchema } from '#app/modules/structures/structures.schema.ts'
import { listStructureMembers, setLabel, signCharter } from '#app/modules/structures/structures.server.ts'
import { formatDateFr } from '#app/utils/dates-fr.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import { type StructurePageHandle, useStructureLayoutData } from './structures.$slug.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [{ title: `${data.structure.name} — Structures — Essaim` }, { name: 'description', content: data.structure.presentation }]
    : [{ title: 'Structure introuvable — Essaim' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, viewer, structure, role, may } = await loadStructureForViewer(request, params.slug)
  const members = await listStructureMembers(structure.id, { viewer })
  // Its published resources this viewer may read (never drafts), newest first.
  const resources = await listResources(viewer, { structure: structure.slug }, { pageSize: 5 })
  const showContact = structure.showContact === 1 || may('edit')
  const follow = await followState(viewer, { kind: 'structure', key: structure.id })
  return {
    follow,
    structure: {
      slug: structure.slug,
      name: structure.name,
      legalForm: legalFormLabel(structure.legalForm),
      siret: structure.siret,
      rna: structure.rna,
      communeName: structure.communeName,
      territoryName: structure.territoryName,
      territorySlug: structure.territorySlug,
      address: structure.address,
      websiteUrl: structure.websiteUrl,
      contactEmail: showContact ? structure.contactEmail : null,
      contactPhone: showContact ? structure.contactPhone : null,
      contactHidden: structure.showContact !== 1,
      presentation: structure.presentation,
      description: structure.description,
      themes: structure.themes,
      employees: sizeBracketLabel(structure.employeesBracket),
      volunteers: sizeBracketLabel(structure.volunteersBracket),
      logo: structure.logoKey ? `/structures/${structure.slug}/logo/${structure.logoKey}/256` : null,
      charterSignedAt: structure.charterSignedAt,
      charterSignedLabel: structure.charterSignedAt ? formatDateFr(structure.charterSignedAt) : null,
      labelGrantedAt: structure.labelGrantedAt,
      labelGrantedLabel: structure.labelGrantedAt ? formatDateFr(structure.labelGrantedAt) : null,
    },
    members: members.map((m) => ({ id: m.userId, name: m.name, role: m.role, profileSlug: m.profileSlug })),
    resources: { items: resources.items, total: resources.total },
    // What the viewer may do here comes from the layout (structures.$slug.tsx); only this is the profile's own.
    pendingRequest: user && !role ? Boolean(await getPendingJoinRequest(structure.id, user.id)) : false,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData()
  const intent = formData.get('intent')
  const path = `/structures/${params.slug}`

  if (intent === 'sign-charter') {
    const { structure, viewer } = await requireStructureAction(request, params.slug, 'sign-charter')
    if (!(await signCharter({ structureId: structure.id, actor: viewer })).ok) notFound()
    return redirectWithFlash(path, 'charter-signed')
  }
  if (intent === 'grant-label' || intent === 'withdraw-label') {
    const { structure, viewer } = await requireStructureAction(request, params.slug, 'grant-label')
    if (!(await setLabel({ structureId: structure.id, actor: viewer, granted: intent === 'grant-label' })).ok) notFound()
    return redirectWithFlash(path, intent === 'grant-label' ? 'label-granted' : 'label-withdrawn')
  }
  if (intent === 'request-join') {
    const { structure, user } = await requireStructureAction(request, params.slug, 'request-join')
    const submission = parseWithZod(formData, { schema: JoinRequestSchema })
    if (submission.status !== 'success') return data({ joinErrors: submission.error?.message ?? [] }, { status: 400 })
    await requestToJoin(structure.id, user, submission.value.message)
    return redirectWithFlash(path, 'join-requested')
  }
  if (intent === 'leave') {
    const { structure, user, viewer } = await requireStructureAction(request, params.slug, 'leave')
    const result = await removeMember({ structureId: structure.id, userId: user.id, actor: viewer })
    if (!result.ok) {
      if (result.reason !== 'last-owner') notFound()
      return data(
        {
          leaveError:
            'Vous êtes la seule personne responsable de cette structure : nommez d’abord une autre personne responsable (page des membres), ou supprimez la structure.',
        },
        { status: 400 },
      )
    }
    return redirectWithFlash(path, 'member-left')
  }
  badRequest()
}

function paragraphs(text: string) {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
}

export const handle: StructurePageHandle = {}

export default function StructurePage() {
  const { structure, members, resources, pendingRequest, follow } = useLoaderData<typeof loader>()
  const viewer = { ...useStructureLayoutData().viewer, pendingRequest }
  const actionData = useActionData<typeof action>()
  const joinErrors = actionData && 'joinErrors' in actionData ? actionData.joinErrors : undefined
  const leaveError = actionData && 'leaveError' in actionData ? actionData.leaveError : undefined
  return (
    <>
      <article className="structure-profile">
        <header>
          {structure.logo ? <img src={structure.logo} alt="" width="128" height="128" className="structure-logo" /> : null}
          <h1>{structure.name}</h1>
          <FollowButton state={follow} follow="Suivre cette structure" stop="Ne plus suivre cette structure" />
          <p>
            {structure.legalForm} · {structure.communeName} (
            <Link to={`/territoires/${structure.territorySlug}`}>{structure.territoryName}</Link>)
          </p>
          {structure.charterSignedAt || structure.labelGrantedAt ? (
            <ul className="inline-links" aria-label="Distinctions">
              {structure.charterSignedAt ? (
                <li className="badge">
                  Signataire de la charte de l’ESS depuis le <time dateTime={structure.charterSignedAt}>{structure.charterSignedLabel}</time>
                </li>
              ) : null}
              {structure.labelGrantedAt ? (
                <li className="badge">
                  {LABEL_NAME} depuis le <time dateTime={structure.labelGrantedAt}>{structure.labelGrantedLabel}</time>
                </li>
              ) : null}
            </ul>
          ) : null}
        </header>

        <p className="lead">{structure.presentation}</p>
        {paragraphs(structure.description).map((p) => (
          <p key={p}>{p}</p>
        ))}

        <section aria-labelledby="titre-infos">
          <h2 id="titre-infos">En bref</h2>
          <dl>
            {structure.themes.length ? (
              <>
                <dt>Thématiques</dt>
                <dd>{structure.themes.map((t) => t.name).join(', ')}</dd>
              </>
            ) : null}
            {structure.employees ? (
              <>
                <dt>Salariés</dt>
                <dd>{structure.employees}</dd>
              </>
            ) : null}
            {structure.volunteers ? (
              <>
                <dt>Bénévoles</dt>
                <dd>{structure.volunteers}</dd>
              </>
            ) : null}
            {structure.address ? (
              <>
                <dt>Adresse</dt>
                <dd>
                  {structure.address}, {structure.communeName}
                </dd>
              </>
            ) : null}
            {structure.websiteUrl ? (
              <>
                <dt>Site web</dt>
                <dd>
                  <a href={structure.websiteUrl} rel="noopener noreferrer nofollow">
                    {structure.websiteUrl}
                  </a>
                </dd>
              </>
            ) : null}
            {structure.contactEmail ? (
              <>
                <dt>Courriel</dt>
                <dd>
                  <a href={`mailto:${structure.contactEmail}`}>{structure.contactEmail}</a>
                </dd>
              </>
            ) : null}
            {structure.contactPhone ? (
              <>
                <dt>Téléphone</dt>
                <dd>
                  <a href={phoneHref(structure.contactPhone)}>{formatPhoneFr(structure.contactPhone)}</a>
                </dd>
              </>
            ) : null}
            {structure.siret ? (
              <>
                <dt>SIRET</dt>
                <dd>{formatSiret(structure.siret)}</dd>
              </>
            ) : null}
            {structure.rna ? (
              <>
                <dt>RNA</dt>
                <dd>{structure.rna}</dd>
              </>
            ) : null}
          </dl>
          {viewer.canEdit && structure.contactHidden && (structure.contactEmail || structure.contactPhone) ? (
            <p className="hint">Les coordonnées de contact ne sont visibles que par les responsables de la structure et les administrateurs.</p>
          ) : null}
        </section>

        <section aria-labelledby="titre-membres">
          <h2 id="titre-membres">Membres</h2>
          {members.length ? (
            <ul>
              {members.map((member) => (
                <li key={member.id}>
                  {member.profileSlug ? <Link to={`/membres/${member.profileSlug}`}>{member.name}</Link> : member.name}
                  {member.role === 'owner' ? ' (responsable)' : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucun membre n’a choisi d’apparaître ici.</p>
          )}
        </section>

        <ResourceSummaryList
          id="titre-ressources"
          title="Ressources"
          items={resources.items}
          total={resources.total}
          moreLink={`/ressources?structure=${structure.slug}`}
          empty="Aucune ressource publiée par cette structure pour le moment."
        />
      </article>

      {viewer.canEdit || viewer.canManage || viewer.canSignCharter || viewer.canGrantLabel || viewer.canRequestJoin || viewer.canLeave || viewer.pendingRequest || !viewer.loggedIn ? (
        <section aria-labelledby="titre-actions">
          <h2 id="titre-actions">Agir</h2>
          {viewer.canEdit || viewer.canManage ? (
            <ul className="inline-links">
              {viewer.canEdit ? (
                <li>
                  <Link to={`/structures/${structure.slug}/modifier`}>Modifier la structure</Link>
                </li>
              ) : null}
              {viewer.canManage ? (
                <li>
                  <Link to={`/structures/${structure.slug}/membres`}>Gérer les membres et les invitations</Link>
                </li>
              ) : null}
            </ul>
          ) : null}
          {viewer.canSignCharter && !structure.charterSignedAt ? (
            <Form method="post">
              <p>
                En signant la <Link to="/charte">charte de l’ESS</Link>, vous engagez la structure à en respecter les
                principes.
              </p>
              <button type="submit" name="intent" value="sign-charter" className="button">
                Signer la charte au nom de la structure
              </button>
            </Form>
          ) : null}
          {viewer.canGrantLabel ? (
            <Form method="post">
              <p>
                Administration : le label « {LABEL_NAME} » s’affiche sur la page de la structure et dans l’annuaire dès
                qu’il est attribué ; la structure n’en est pas avertie par courriel.
              </p>
              {structure.labelGrantedAt ? (
                <button type="submit" name="intent" value="withdraw-label" className="button button-secondary">
                  Retirer le label
                </button>
              ) : (
                <button type="submit" name="intent" value="grant-label" className="button">
                  Attribuer le label
                </button>
              )}
            </Form>
          ) : null}
          {viewer.pendingRequest ? (
            <p className="notice">Votre demande pour rejoindre la structure attend la réponse de ses responsables.</p>
          ) : viewer.canRequestJoin ? (
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="request-join" />
              <div className="field">
                <label htmlFor="join-message">Message aux responsables (facultatif)</label>
                <textarea
                  id="join-message"
                  name="message"
                  rows={3}
                  maxLength={500}
                  aria-invalid={joinErrors?.length ? true : undefined}
                  aria-describedby={joinErrors?.length ? 'join-message-error' : undefined}
                />
                <FieldErrors id="join-message-error" errors={joinErrors} />
              </div>
              <button type="submit" className="button">
                Demander à rejoindre la structure
              </button>
            </Form>
          ) : null}
          {viewer.canLeave ? (
            <Form method="post">
              {leaveError ? (
                <p className="field-error" role="alert">
                  {leaveError}
                </p>
              ) : null}
              <button type="submit" name="intent" value="leave" className="button button-secondary">
                Quitter la structure
              </button>
            </Form>
          ) : null}
          {!viewer.loggedIn ? (
            <p>
              Vous faites partie de cette structure ?{' '}
              <Link to={`/connexion?redirectTo=${encodeURIComponent(`/structures/${structure.slug}`)}`}>Connectez-vous</Link>{' '}
              pour demander à la rejoindre.
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  )
}
