import { Form, Link } from '@remix-run/react'
import { FieldErrors } from '#app/components/forms.tsx'
import { formatDateFr } from '#app/utils/dates-fr.ts'
import type { MembershipActionData, MembershipPanelData } from '../membership-route.server.ts'

// The viewer's place in a group, on both group layouts: their role, or what they may do to join (join, request with a
// message, withdraw a request), and leaving with a confirmation step. Every form posts to the layout's own URL (the
// layout's action: `action` is the group's page path, without `?index`) and works without JavaScript.

const MESSAGE_MAX = 1000

export function GroupMembershipPanel({
  panel,
  groupName,
  action,
  actionData,
}: {
  panel: MembershipPanelData
  groupName: string
  /** The group's page path: the layout route whose action handles these forms. */
  action: string
  actionData?: MembershipActionData
}) {
  const error = actionData?.panel === 'error' ? actionData.message : null
  const requestErrors = actionData?.panel === 'request' ? actionData.errors : undefined
  const typed = actionData?.panel === 'request' ? actionData.message : undefined
  return (
    <section aria-labelledby="titre-participation" className="group-membership">
      <h2 id="titre-participation" className="visually-hidden">
        Votre participation
      </h2>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <PanelBody panel={panel} groupName={groupName} action={action} requestErrors={requestErrors} typed={typed} confirmLeave={actionData?.panel === 'confirm-leave'} />
    </section>
  )
}

function PanelBody({
  panel,
  groupName,
  action,
  requestErrors,
  typed,
  confirmLeave,
}: {
  panel: MembershipPanelData
  groupName: string
  action: string
  requestErrors: string[] | undefined
  typed: string | undefined
  confirmLeave: boolean
}) {
  switch (panel.kind) {
    case 'anonymous':
      return panel.joinPolicy === 'invitation' ? (
        <p className="notice">Ce groupe accueille ses membres sur invitation de sa coordination.</p>
      ) : (
        <p className="notice">
          <Link to={panel.loginHref}>Connectez-vous pour rejoindre</Link> le groupe {groupName}.
        </p>
      )
    case 'unverified':
      return (
        <p className="notice">
          Confirmez votre adresse électronique avec le lien reçu par courriel pour rejoindre ce groupe. Vous pouvez
          demander un nouveau lien depuis <Link to="/compte">votre compte</Link>.
        </p>
      )
    case 'blocked':
      return <p className="notice">Vous ne pouvez pas rejoindre ce groupe.</p>
    case 'invitation':
      return <p className="notice">Ce groupe accueille ses membres sur invitation de sa coordination.</p>
    case 'pending':
      return (
        <Form method="post" action={action} className="notice">
          <p>
            Votre demande pour rejoindre le groupe, envoyée le <time dateTime={panel.since}>{formatDateFr(panel.since)}</time>, attend la
            réponse de la coordination.
          </p>
          <button type="submit" name="intent" value="withdraw" className="button button-secondary">
            Retirer ma demande
          </button>
        </Form>
      )
    case 'open':
      return (
        <Form method="post" action={action}>
          <p>Ce groupe est ouvert : vous pouvez le rejoindre tout de suite.</p>
          <button type="submit" name="intent" value="join" className="button">
            Rejoindre le groupe
          </button>
        </Form>
      )
    case 'request':
      return (
        <Form method="post" action={action} className="form">
          <input type="hidden" name="intent" value="request" />
          <p>La coordination du groupe valide chaque demande. Vous recevrez sa réponse par courriel.</p>
          <div className="field">
            <label htmlFor="group-join-message">Message à la coordination (facultatif)</label>
            <textarea
              id="group-join-message"
              name="message"
              rows={3}
              maxLength={MESSAGE_MAX}
              defaultValue={typed}
              aria-invalid={requestErrors?.length ? true : undefined}
              aria-describedby={requestErrors?.length ? 'group-join-message-error' : undefined}
            />
            <FieldErrors id="group-join-message-error" errors={requestErrors} />
          </div>
          <button type="submit" className="button">
            Demander à rejoindre
          </button>
        </Form>
      )
    case 'member':
      return (
        <>
          {panel.role === 'coordinator' ? (
            <p className="group-role">
              <strong>Coordinateur ou coordinatrice</strong> : vous animez le groupe {groupName}.
            </p>
          ) : (
            <p className="group-role">
              <strong>Vous êtes membre</strong> du groupe {groupName}.
            </p>
          )}
          {confirmLeave ? (
            <Form method="post" action={action} className="notice">
              <input type="hidden" name="intent" value="leave" />
              <input type="hidden" name="confirm" value="oui" />
              <p role="alert">
                Voulez-vous vraiment quitter le groupe {groupName} ? Vous n’en verrez plus les contenus réservés à ses
                membres.
              </p>
              <div className="inline-links">
                <button type="submit" className="button">
                  Oui, quitter le groupe
                </button>
                <Link to={action}>Non, rester dans le groupe</Link>
              </div>
            </Form>
          ) : (
            <Form method="post" action={action}>
              <button type="submit" name="intent" value="leave" className="button button-secondary">
                Quitter le groupe
              </button>
            </Form>
          )}
        </>
      )
  }
}
