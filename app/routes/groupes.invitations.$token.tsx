import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getViewer, requirePerson } from '#app/modules/auth/viewer.server.ts'
import { getOptionalUser } from '#app/modules/auth/session.server.ts'
import { groupPath } from '#app/modules/groups/emails.server.ts'
import { acceptInvitation, getGroupInvitation, getMembershipState } from '#app/modules/groups/memberships.server.ts'
import { getGroupPage } from '#app/modules/groups/pages.server.ts'
import { maskEmail } from '#app/modules/structures/memberships.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'

// The page of a group invitation link (/groupes/invitations/<token>, from the email). The token is in the path: the
// page sends no Referer, so it never leaks to other sites. The invited address is only shown masked.

export const meta: MetaFunction = () => [
  { title: 'Invitation à rejoindre un groupe — Essaim' },
  // `same-origin`, not `no-referrer`: with no referrer at all, browsers send `Origin: null` with the page's own form, which
  // the CSRF check rightly refuses; same-origin still never tells another site the address.
  { name: 'referrer', content: 'same-origin' },
]

const STATE_MESSAGES = {
  unknown: 'Ce lien d’invitation n’est pas valide : il a peut-être été annulé. Demandez une nouvelle invitation à la coordination du groupe.',
  used: 'Cette invitation a déjà servi. Si vous êtes membre du groupe, il apparaît dans la liste des groupes.',
  expired: 'Cette invitation a expiré (elle était valable 14 jours). Demandez une nouvelle invitation à la coordination du groupe.',
  'wrong-account':
    'Cette invitation a été envoyée à une autre adresse que celle de votre compte : seul le compte de l’adresse invitée peut l’accepter. Connectez-vous avec ce compte, ou demandez à la coordination de vous inviter à votre adresse.',
  unverified:
    'Confirmez d’abord votre adresse électronique avec le lien reçu par courriel, puis revenez sur ce lien pour accepter l’invitation.',
  blocked: 'Vous ne pouvez pas rejoindre ce groupe.',
  forbidden: 'Connectez-vous pour accepter cette invitation.',
} as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? ''
  const [user, viewer, { state, invitation }] = await Promise.all([getOptionalUser(request), getViewer(request), getGroupInvitation(token)])
  const path = `/groupes/invitations/${token}`
  const valid = state === 'valid' && invitation ? invitation : null
  const isInvitee = Boolean(valid && user && user.email.toLowerCase() === valid.email.toLowerCase())
  const blocked = Boolean(valid && user && isInvitee && (await getMembershipState(valid.groupId, user.id)).blocked)
  // A link to the group's page only when this viewer may open it (a hidden or members-only group is a 404 to them).
  const viewable = valid ? Boolean(await getGroupPage(valid.groupSlug, viewer)) : false
  return {
    state,
    message: state === 'valid' ? null : STATE_MESSAGES[state],
    group: valid ? { name: valid.groupName, path: viewable ? groupPath({ slug: valid.groupSlug, kind: valid.groupKind }) : null } : null,
    role: valid?.role ?? null,
    invitedEmailHint: valid ? maskEmail(valid.email) : null,
    until: valid ? formatDateTimeFr(valid.expiresAt) : null,
    user: user ? { isInvitee, verified: Boolean(user.emailVerifiedAt), blocked } : null,
    loginHref: `/connexion?redirectTo=${encodeURIComponent(path)}`,
    signupHref: `/inscription?redirectTo=${encodeURIComponent(path)}`,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const result = await acceptInvitation({ token: params.token ?? '', actor: viewer })
  if (!result.ok) {
    const status = result.reason === 'wrong-account' || result.reason === 'unverified' || result.reason === 'blocked' ? 403 : 400
    return data({ error: STATE_MESSAGES[result.reason] }, { status })
  }
  return redirectWithFlash(groupPath({ slug: result.groupSlug, kind: result.groupKind }), 'group-invitation-accepted')
}

export default function GroupInvitationPage() {
  const { state, message, group, role, invitedEmailHint, until, user, loginHref, signupHref } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="container narrow">
      <h1>Invitation à rejoindre un groupe</h1>
      {actionData?.error ? (
        <p className="notice" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {state !== 'valid' || !group ? (
        <p className="notice">{message}</p>
      ) : (
        <>
          <p>
            Cette invitation vous propose de rejoindre le groupe <strong>{group.name}</strong> en tant que{' '}
            {role === 'coordinator' ? 'coordinateur ou coordinatrice' : 'membre'}.
            {group.path ? (
              <>
                {' '}
                <Link to={group.path}>Voir la page du groupe</Link>.
              </>
            ) : null}
          </p>
          <p>
            Elle a été envoyée à l’adresse {invitedEmailHint} et reste valable jusqu’au {until}. Seul le compte de cette
            adresse, une fois confirmée, peut l’accepter.
          </p>
          {user ? (
            !user.isInvitee ? (
              <p className="notice">{STATE_MESSAGES['wrong-account']}</p>
            ) : !user.verified ? (
              <p className="notice">
                {STATE_MESSAGES.unverified} Vous pouvez demander un nouveau lien depuis <Link to="/compte">votre compte</Link>.
              </p>
            ) : user.blocked ? (
              <p className="notice">{STATE_MESSAGES.blocked}</p>
            ) : (
              <Form method="post">
                <button type="submit" className="button">
                  Rejoindre le groupe {group.name}
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
