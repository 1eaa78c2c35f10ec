import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary, Field, SelectField } from '#app/components/forms.tsx'
import {
  decideJoinRequest,
  inviteMember,
  listPendingInvitations,
  listPendingJoinRequests,
  removeMember,
  revokeInvitation,
  setMemberRole,
} from '#app/modules/structures/memberships.server.ts'
import { requireStructureAction } from '#app/modules/structures/structure-route.server.ts'
import { INVITATION_MESSAGES, InviteSchema } from '#app/modules/structures/structures.schema.ts'
import { listStructureMembers } from '#app/modules/structures/structures.server.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import type { StructurePageHandle } from './structures.$slug.tsx'
import { formatDateFr } from '#app/utils/dates-fr.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Membres de ${data.structure.name} — Essaim` : 'Structure introuvable — Essaim' },
]


const ROLE_OPTIONS = [
  { value: 'member', label: 'Membre' },
  { value: 'owner', label: 'Responsable (peut modifier la structure et gérer les membres)' },
] as const

const LAST_OWNER =
  'Une structure garde toujours au moins une personne responsable : nommez-en d’abord une autre.'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { structure, user, viewer } = await requireStructureAction(request, params.slug, 'manage-members')
  const [members, invitations, requests] = await Promise.all([
    listStructureMembers(structure.id, { viewer, everyone: true }),
    listPendingInvitations(structure.id),
    listPendingJoinRequests(structure.id),
  ])
  return {
    structure: { slug: structure.slug, name: structure.name },
    viewerId: user.id,
    members: members.map((m) => ({ id: m.userId, name: m.name, role: m.role, joined: formatDateFr(m.joinedAt) })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expires: formatDateFr(i.expiresAt) })),
    requests: requests.map((r) => ({ id: r.id, name: r.name, message: r.message, created: formatDateFr(r.createdAt) })),
  }
}

const IdSchema = z.object({ id: z.string().min(1).max(100) })
const RoleSchema = z.object({ id: z.string().min(1).max(100), role: z.enum(['owner', 'member']) })

export async function action({ request, params }: ActionFunctionArgs) {
  const { structure, user, viewer } = await requireStructureAction(request, params.slug, 'manage-members')
  const formData = await request.formData()
  const intent = formData.get('intent')
  const here = `/structures/${structure.slug}/membres`

  if (intent === 'invite') {
    const submission = parseWithZod(formData, { schema: InviteSchema })
    if (submission.status !== 'success') return data({ invite: submission.reply() }, { status: 400 })
    const result = await inviteMember({ structureId: structure.id, actor: viewer, email: submission.value.email, role: submission.value.role })
    if (!result.ok) {
      if (result.reason === 'forbidden') notFound()
      const message = result.reason === 'already-member' ? INVITATION_MESSAGES.alreadyMember : INVITATION_MESSAGES.alreadyInvited
      return data({ invite: submission.reply({ fieldErrors: { email: [message] } }) }, { status: 400 })
    }
    return redirectWithFlash(here, 'invitation-sent')
  }

  if (intent === 'revoke-invitation') {
    const parsed = IdSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) badRequest()
    if (!(await revokeInvitation({ structureId: structure.id, invitationId: parsed.data.id, actor: viewer })).ok) notFound()
    return redirectWithFlash(here, 'invitation-revoked')
  }

  if (intent === 'accept-request' || intent === 'refuse-request') {
    const parsed = IdSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) badRequest()
    const accept = intent === 'accept-request'
    if (!(await decideJoinRequest({ structureId: structure.id, requestId: parsed.data.id, actor: viewer, accept })).ok) notFound()
    return redirectWithFlash(here, accept ? 'join-accepted' : 'join-refused')
  }

  if (intent === 'set-role') {
    const parsed = RoleSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) badRequest()
    const result = await setMemberRole({ structureId: structure.id, userId: parsed.data.id, role: parsed.data.role, actor: viewer })
    if (!result.ok) {
      if (result.reason !== 'last-owner') notFound()
      return data({ memberError: LAST_OWNER }, { status: 400 })
    }
    return redirectWithFlash(here, 'role-changed')
  }

  if (intent === 'remove-member') {
    const parsed = IdSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) badRequest()
    const result = await removeMember({ structureId: structure.id, userId: parsed.data.id, actor: viewer })
    if (!result.ok) {
      if (result.reason !== 'last-owner') notFound()
      return data({ memberError: LAST_OWNER }, { status: 400 })
    }
    return parsed.data.id === user.id
      ? redirectWithFlash(`/structures/${structure.slug}`, 'member-left')
      : redirectWithFlash(here, 'member-removed')
  }

  badRequest()
}

export const handle: StructurePageHandle = { breadcrumb: 'Membres', narrow: true }

export default function StructureMembersPage() {
  const { structure, members, invitations, requests, viewerId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'inviter',
    lastResult: actionData && 'invite' in actionData ? actionData.invite : undefined,
    defaultValue: { role: 'member' },
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  })
  const memberError = actionData && 'memberError' in actionData ? actionData.memberError : null
  return (
    <>
      <h1>Membres de « {structure.name} »</h1>

      <section aria-labelledby="titre-inviter">
        <h2 id="titre-inviter">Inviter une personne</h2>
        <p>Elle recevra par courriel un lien valable 7 jours, qui ne sert qu’une fois.</p>
        <Form method="post" {...getFormProps(form)} className="form">
          <ErrorSummary
            formErrors={form.errors}
            fields={[
              { id: fields.email.id, label: 'Adresse électronique', errors: fields.email.errors },
              { id: fields.role.id, label: 'Rôle', errors: fields.role.errors },
            ]}
          />
          <input type="hidden" name="intent" value="invite" />
          <Field meta={fields.email} label="Adresse électronique" type="email" autoComplete="off" required />
          <SelectField meta={fields.role} label="Rôle" options={ROLE_OPTIONS} />
          <div className="form-actions">
            <button type="submit" className="button">
              Envoyer l’invitation
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="titre-demandes">
        <h2 id="titre-demandes">Demandes pour rejoindre la structure</h2>
        {requests.length ? (
          <ul>
            {requests.map((r) => (
              <li key={r.id}>
                <p>
                  <strong>{r.name}</strong>, le {r.created}
                  {r.message ? ` : « ${r.message} »` : null}
                </p>
                <Form method="post" className="inline-links">
                  <input type="hidden" name="id" value={r.id} />
                  <button type="submit" name="intent" value="accept-request" className="button">
                    Accepter<span className="visually-hidden"> la demande de {r.name}</span>
                  </button>
                  <button type="submit" name="intent" value="refuse-request" className="button button-secondary">
                    Refuser<span className="visually-hidden"> la demande de {r.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune demande en attente.</p>
        )}
      </section>

      <section aria-labelledby="titre-invitations">
        <h2 id="titre-invitations">Invitations en cours</h2>
        {invitations.length ? (
          <ul>
            {invitations.map((i) => (
              <li key={i.id}>
                {i.email} ({i.role === 'owner' ? 'responsable' : 'membre'}), valable jusqu’au {i.expires}{' '}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={i.id} />
                  <button type="submit" name="intent" value="revoke-invitation" className="link-button">
                    Annuler<span className="visually-hidden"> l’invitation de {i.email}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune invitation en cours.</p>
        )}
      </section>

      <section aria-labelledby="titre-liste-membres">
        <h2 id="titre-liste-membres">Membres</h2>
        {memberError ? (
          <p className="field-error" role="alert">
            {memberError}
          </p>
        ) : null}
        <div className="table-wrapper">
          <table>
            <caption className="visually-hidden">Membres de la structure, leur rôle et les actions possibles</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Rôle</th>
                <th scope="col">Depuis le</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td>{m.role === 'owner' ? 'Responsable' : 'Membre'}</td>
                  <td>{m.joined}</td>
                  <td>
                    <Form method="post" className="inline-links">
                      <input type="hidden" name="id" value={m.id} />
                      <input type="hidden" name="role" value={m.role === 'owner' ? 'member' : 'owner'} />
                      <button type="submit" name="intent" value="set-role" className="link-button">
                        {m.role === 'owner' ? 'Retirer le rôle de responsable' : 'Nommer responsable'}
                        <span className="visually-hidden"> : {m.name}</span>
                      </button>
                      <button type="submit" name="intent" value="remove-member" className="link-button">
                        {m.id === viewerId ? 'Quitter la structure' : 'Retirer de la structure'}
                        <span className="visually-hidden"> : {m.name}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  )
}
