import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getOptionalUser, requireUser } from '#app/modules/auth/session.server.ts'
import { acceptInvitation, getInvitation, maskEmail } from '#app/modules/structures/memberships.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'

// The token is in the path (the link of the email): the page sends a Referer to Essaim only (same-origin), so it never leaks to other sites.
export const meta: MetaFunction = () => [
  { title: 'Invitation à rejoindre une structure — Essaim' },
  // `same-origin`, not `no-referrer`: with no referrer at all, browsers send `Origin: null` with the page's own form, which
  // the CSRF check rightly refuses; same-origin still never tells another site the address.
  { name: 'referrer', content: 'same-origin' },
]

const STATE_MESSAGES = {
  unknown: 'Ce lien d’invitation n’est pas valide : il a peut-être été annulé. Demandez une nouvelle invitation.',
  used: 'Cette invitation a déjà servi. Si vous faites partie de la structure, elle apparaît sur votre profil.',
  expired: 'Cette invitation a expiré (elle était valable 7 jours). Demandez une nouvelle invitation.',
  'wrong-account':
    'Cette invitation a été envoyée à une autre adresse que celle de votre compte : seul le compte de l’adresse invitée peut l’accepter. Connectez-vous avec ce compte, ou demandez à la structure de vous inviter à votre adresse.',
  unverified:
    'Confirmez d’abord votre adresse électronique avec le lien reçu par courriel, puis revenez sur ce lien pour accepter l’invitation.',
} as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  const { state, invitation } = await getInvitation(params.token ?? '')
  const path = `/invitations/${params.token ?? ''}`
  const valid = state === 'valid' && invitation
  // The invitee's address is never sent whole: whoever holds the link only sees a hint of it.
  const isInvitee = Boolean(valid && user && user.email.toLowerCase() === invitation.email.toLowerCase())
  return {
    state,
    message: state === 'valid' ? null : STATE_MESSAGES[state],
    structure: valid ? { name: invitation.structureName, slug: invitation.structureSlug } : null,
    role: invitation?.role ?? null,
    invitedEmailHint: valid ? maskEmail(invitation.email) : null,
    until: valid ? formatDateTimeFr(invitation.expiresAt) : null,
    user: user ? { email: user.email, isInvitee, verified: Boolean(user.emailVerifiedAt) } : null,
    loginHref: `/connexion?redirectTo=${encodeURIComponent(path)}`,
    signupHref: `/inscription?redirectTo=${encodeURIComponent(path)}`,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const result = await acceptInvitation(params.token ?? '', user)
  if (!result.ok) return data({ error: STATE_MESSAGES[result.state] }, { status: result.state === 'wrong-account' || result.state === 'unverified' ? 403 : 400 })
  return redirectWithFlash(`/structures/${result.structureSlug}`, 'invitation-accepted')
}

export default function InvitationPage() {
  const { state, message, structure, role, invitedEmailHint, until, user, loginHref, signupHref } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="container narrow">
      <h1>Invitation à rejoindre une structure</h1>
      {actionData?.error ? (
        <p className="notice" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {state !== 'valid' || !structure ? (
        <p className="notice">{message}</p>
      ) : (
        <>
          <p>
            Cette invitation vous propose de rejoindre <strong>{structure.name}</strong> en tant que{' '}
            {role === 'owner' ? 'responsable' : 'membre'}.{' '}
            <Link to={`/structures/${structure.slug}`}>Voir la page de la structure</Link>.
          </p>
          <p>
            Elle a été envoyée à l’adresse {invitedEmailHint} et reste valable jusqu’au {until}. Seul le compte de
            cette adresse, une fois confirmée, peut l’accepter.
          </p>
          {user ? (
            !user.isInvitee ? (
              <p className="notice">{STATE_MESSAGES['wrong-account']}</p>
            ) : !user.verified ? (
              <p className="notice">
                {STATE_MESSAGES.unverified} Vous pouvez demander un nouveau lien depuis <Link to="/compte">votre compte</Link>.
              </p>
            ) : (
              <Form method="post">
                <button type="submit" className="button">
                  Rejoindre {structure.name}
                </button>
              </Form>
            )
          ) : (
            <p>
              Pour accepter, <Link to={loginHref}>connectez-vous</Link> ou <Link to={signupHref}>créez un compte</Link>{' '}
              avec l’adresse invitée, puis revenez sur ce lien.
            </p>
          )}
        </>
      )}
    </div>
  )
}
