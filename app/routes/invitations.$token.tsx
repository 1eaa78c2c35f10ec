import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getOptionalUser, requireUser } from '#app/modules/auth/session.server.ts'
import { acceptInvitation, getInvitation } from '#app/modules/structures/memberships.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'

// The token is in the path (the link of the email): the page sends no Referer, so it never leaks to other sites.
export const meta: MetaFunction = () => [
  { title: 'Invitation à rejoindre une structure — Essaim' },
  { name: 'referrer', content: 'no-referrer' },
]

const STATE_MESSAGES = {
  unknown: 'Ce lien d’invitation n’est pas valide : il a peut-être été annulé. Demandez une nouvelle invitation.',
  used: 'Cette invitation a déjà servi. Si vous faites partie de la structure, elle apparaît sur votre profil.',
  expired: 'Cette invitation a expiré (elle était valable 7 jours). Demandez une nouvelle invitation.',
} as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  const { state, invitation } = await getInvitation(params.token ?? '')
  const path = `/invitations/${params.token ?? ''}`
  return {
    state,
    message: state === 'valid' ? null : STATE_MESSAGES[state],
    structure: state === 'valid' && invitation ? { name: invitation.structureName, slug: invitation.structureSlug } : null,
    role: invitation?.role ?? null,
    invitedEmail: state === 'valid' ? (invitation?.email ?? null) : null,
    user: user ? { name: user.name, email: user.email } : null,
    loginHref: `/connexion?redirectTo=${encodeURIComponent(path)}`,
    signupHref: `/inscription?redirectTo=${encodeURIComponent(path)}`,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const result = await acceptInvitation(params.token ?? '', user)
  if (!result.ok) return data({ error: STATE_MESSAGES[result.state] }, { status: 400 })
  return redirectWithFlash(`/structures/${result.structureSlug}`, 'invitation-accepted')
}

export default function InvitationPage() {
  const { state, message, structure, role, invitedEmail, user, loginHref, signupHref } = useLoaderData<typeof loader>()
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
            Une invitation vous propose de rejoindre <strong>{structure.name}</strong> en tant que{' '}
            {role === 'owner' ? 'responsable' : 'membre'}.{' '}
            <Link to={`/structures/${structure.slug}`}>Voir la page de la structure</Link>.
          </p>
          {user ? (
            <>
              {invitedEmail && invitedEmail !== user.email ? (
                <p className="notice">
                  L’invitation a été envoyée à {invitedEmail} ; votre session est ouverte avec le compte {user.email}. En
                  l’acceptant, c’est ce compte-ci qui rejoindra la structure.
                </p>
              ) : null}
              <Form method="post">
                <button type="submit" className="button">
                  Rejoindre {structure.name}
                </button>
              </Form>
            </>
          ) : (
            <p>
              Pour accepter, <Link to={loginHref}>connectez-vous</Link> ou <Link to={signupHref}>créez un compte</Link>{' '}
              avec l’adresse {invitedEmail}, puis revenez sur ce lien.
            </p>
          )}
        </>
      )}
    </div>
  )
}
