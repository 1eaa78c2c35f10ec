import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { ErrorSummary, Field, SelectField } from '#app/components/forms.tsx'
import type { CoordinationActionData, loadCoordination } from '../coordination-route.server.ts'
import { GroupInviteSchema } from '../coordination-schema.ts'
import { FeaturedManager } from '#app/modules/curation/ui/featured-manager.tsx'

// The Coordination tab of a group (both layouts): requests to decide, invitations, members and blocks. Every form
// posts to the tab itself and works without JavaScript; the optional messages (a refusal, a block's reason) sit in
// the same form as their button.

type CoordinationData = Awaited<ReturnType<typeof loadCoordination>>

const MESSAGE_MAX = 1000

const ROLE_OPTIONS = [
  { value: 'member', label: 'Membre' },
  { value: 'coordinator', label: 'Coordinateur ou coordinatrice (gère les membres du groupe)' },
] as const

function SectionError({ actionData, section }: { actionData: CoordinationActionData | object | undefined; section: string }) {
  if (!actionData || !('section' in actionData) || actionData.section !== section) return null
  return (
    <p className="field-error" role="alert">
      {actionData.error}
    </p>
  )
}

export function GroupCoordination({ data, actionData }: { data: CoordinationData; actionData: CoordinationActionData | object | undefined }) {
  const { isAdmin, viewerId, requests, invitations, members, blocked } = data
  const [form, fields] = useForm({
    id: 'inviter',
    lastResult: actionData && 'invite' in actionData ? (actionData as Extract<CoordinationActionData, { invite: unknown }>).invite : undefined,
    defaultValue: { role: 'member' },
    constraint: getZodConstraint(GroupInviteSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GroupInviteSchema }),
  })
  return (
    <div className="group-coordination">
      <section aria-labelledby="titre-demandes">
        <h2 id="titre-demandes">Demandes pour rejoindre le groupe</h2>
        <SectionError actionData={actionData} section="requests" />
        {requests.length ? (
          <ul className="coordination-list">
            {requests.map((r) => (
              <li key={r.id}>
                <p>
                  <strong>{r.name}</strong>, le <time dateTime={r.createdAt}>{r.created}</time>
                  {r.message ? ' :' : null}
                </p>
                {r.message ? <blockquote>{r.message}</blockquote> : null}
                <Form method="post" className="form">
                  <input type="hidden" name="id" value={r.id} />
                  <div className="field">
                    <label htmlFor={`decision-${r.id}`}>
                      Message à {r.name} avec votre réponse (facultatif)
                    </label>
                    <textarea id={`decision-${r.id}`} name="message" rows={2} maxLength={MESSAGE_MAX} />
                  </div>
                  <div className="coordination-actions">
                    <button type="submit" name="intent" value="approve" className="button">
                      Accepter<span className="visually-hidden"> la demande de {r.name}</span>
                    </button>
                    <button type="submit" name="intent" value="refuse" className="button button-secondary">
                      Refuser<span className="visually-hidden"> la demande de {r.name}</span>
                    </button>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune demande en attente.</p>
        )}
      </section>

      <section aria-labelledby="titre-inviter">
        <h2 id="titre-inviter">Inviter une personne</h2>
        <p>Elle recevra par courriel un lien valable 14 jours, qui ne sert qu’une fois, pour l’adresse invitée seulement.</p>
        <Form method="post" {...getFormProps(form)} className="form">
          <ErrorSummary
            formErrors={form.errors}
            fields={[
              { id: fields.email.id, label: 'Adresse électronique', errors: fields.email.errors },
              { id: fields.role.id, label: 'Rôle dans le groupe', errors: fields.role.errors },
            ]}
          />
          <input type="hidden" name="intent" value="invite" />
          <Field meta={fields.email} label="Adresse électronique" type="email" autoComplete="off" required />
          {isAdmin ? (
            <SelectField meta={fields.role} label="Rôle dans le groupe" options={ROLE_OPTIONS} />
          ) : (
            <input type="hidden" name="role" value="member" />
          )}
          <div className="form-actions">
            <button type="submit" className="button">
              Envoyer l’invitation
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="titre-invitations">
        <h2 id="titre-invitations">Invitations en cours</h2>
        <SectionError actionData={actionData} section="invitations" />
        {invitations.length ? (
          <ul className="coordination-list">
            {invitations.map((i) => (
              <li key={i.id} className="coordination-actions">
                <span>
                  {i.email} ({i.role === 'coordinator' ? 'coordination' : 'membre'}), valable jusqu’au {i.expires}
                </span>
                <Form method="post">
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

      <section aria-labelledby="titre-gestion-membres">
        <h2 id="titre-gestion-membres">Membres</h2>
        <SectionError actionData={actionData} section="members" />
        {members.length ? (
          <ul className="coordination-list">
            {members.map((m) => {
              // Only admins touch a coordinator (remove, block, role); nobody acts on themselves here.
              const actionable = m.id !== viewerId && (isAdmin || m.role === 'member')
              return (
                <li key={m.id}>
                  <p>
                    <strong>{m.name}</strong>, {m.role === 'coordinator' ? 'coordinateur ou coordinatrice' : 'membre'} depuis le {m.joined}
                    {m.id === viewerId ? ' (vous)' : null}
                  </p>
                  {actionable ? (
                    <div className="coordination-actions">
                      {isAdmin ? (
                        <Form method="post">
                          <input type="hidden" name="userId" value={m.id} />
                          <input type="hidden" name="role" value={m.role === 'coordinator' ? 'member' : 'coordinator'} />
                          <button type="submit" name="intent" value="set-role" className="link-button">
                            {m.role === 'coordinator' ? 'Repasser membre' : 'Nommer coordinateur ou coordinatrice'}
                            <span className="visually-hidden"> : {m.name}</span>
                          </button>
                        </Form>
                      ) : null}
                      <Form method="post">
                        <input type="hidden" name="userId" value={m.id} />
                        <button type="submit" name="intent" value="remove" className="link-button">
                          Retirer du groupe<span className="visually-hidden"> : {m.name}</span>
                        </button>
                      </Form>
                    </div>
                  ) : null}
                  {actionable ? (
                    <details>
                      <summary>
                        Bloquer<span className="visually-hidden"> {m.name}</span>…
                      </summary>
                      <Form method="post" className="form">
                        <input type="hidden" name="userId" value={m.id} />
                        <p className="hint">La personne quitte le groupe et ne peut plus le rejoindre, ni par demande ni par invitation, tant que le blocage dure.</p>
                        <div className="field">
                          <label htmlFor={`block-reason-${m.id}`}>Raison du blocage (facultatif, visible de la coordination)</label>
                          <textarea id={`block-reason-${m.id}`} name="reason" rows={2} maxLength={MESSAGE_MAX} />
                        </div>
                        <button type="submit" name="intent" value="block" className="button button-secondary">
                          Bloquer {m.name}
                        </button>
                      </Form>
                    </details>
                  ) : null}
                </li>
              )
            })}
          </ul>
        ) : (
          <p>Le groupe n’a aucun membre pour l’instant.</p>
        )}
      </section>

      <section aria-labelledby="titre-bloques">
        <h2 id="titre-bloques">Personnes bloquées</h2>
        <SectionError actionData={actionData} section="blocked" />
        {blocked.length ? (
          <ul className="coordination-list">
            {blocked.map((b) => (
              <li key={b.id}>
                <p>
                  <strong>{b.name}</strong>, bloqué ou bloquée depuis le {b.since}
                  {b.reason ? ` : « ${b.reason} »` : null}
                </p>
                <Form method="post">
                  <input type="hidden" name="userId" value={b.id} />
                  <button type="submit" name="intent" value="unblock" className="link-button">
                    Lever le blocage<span className="visually-hidden"> de {b.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>Personne n’est bloqué dans ce groupe.</p>
        )}
      </section>

      {data.featured ? <FeaturedManager data={data.featured} actionData={actionData} title="À la une du groupe" /> : null}
    </div>
  )
}
