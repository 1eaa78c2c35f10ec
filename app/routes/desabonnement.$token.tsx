import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { EMAIL_SETTINGS_PATH, type UnsubscribeScope, scopeLabel } from '#app/modules/notifications/email-settings.ts'
import { unsubscribe } from '#app/modules/notifications/email-settings.server.ts'
import { verifyUnsubscribeToken } from '#app/modules/notifications/unsubscribe.server.ts'

// /desabonnement/:token (issue 17 §5, RFC 8058): the link of every notification email and of its List-Unsubscribe
// header. The signed token is the only credential (no session needed).
// - GET shows what would stop and a button: it NEVER changes anything, since mail scanners and antivirus software
//   open every link of an email.
// - POST applies: the button of the page, or the mail client's one-click POST (body `List-Unsubscribe=One-Click`,
//   no cookie, no Origin: exempt from the cross-site check in app/utils/http-security.server.ts, for this route only).
//   `scope=all` (the page's second button) stops every notification email.
// An invalid, altered or expired token: a French page with status 400, and nothing changes.

export const meta: MetaFunction = () => [
  { title: 'Se désabonner des courriels — Essaim' },
  { name: 'robots', content: 'noindex' },
  // The token is in the path: never sent to another site.
  { name: 'referrer', content: 'same-origin' },
]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

const INVALID =
  'Ce lien de désabonnement n’est pas valide ou a expiré (il est valable un an). Vous pouvez choisir les courriels que vous recevez dans les réglages de votre compte.'

export async function loader({ params }: LoaderFunctionArgs) {
  const claim = verifyUnsubscribeToken(params.token ?? '')
  if (!claim) return data({ valid: false as const, scope: null, label: null }, { status: 400 })
  return { valid: true as const, scope: claim.scope, label: scopeLabel(claim.scope) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const claim = verifyUnsubscribeToken(params.token ?? '')
  if (!claim) return data({ done: false as const, label: null }, { status: 400 })
  // The one-click body is form-encoded (RFC 8058 §3.1); a body that is not a form is taken as the token's own scope.
  const form = await request.formData().catch(() => null)
  const scope: UnsubscribeScope = form?.get('scope') === 'all' ? 'all' : claim.scope
  // An account deleted since the email was sent: nothing left to stop; the answer is the same.
  await unsubscribe(claim.userId, scope)
  return { done: true as const, label: scopeLabel(scope) }
}

export default function UnsubscribePage() {
  const page = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if (!page.valid || (result && !result.done)) {
    return (
      <div className="container narrow">
        <h1>Lien de désabonnement non valide</h1>
        <p>{INVALID}</p>
        <p>
          <Link to={EMAIL_SETTINGS_PATH}>Mes réglages de courriels</Link> (connexion nécessaire)
        </p>
      </div>
    )
  }
  if (result?.done) {
    return (
      <div className="container narrow">
        <h1>Vous êtes désabonné</h1>
        <p role="status">{`C’est fait : vous ne recevrez plus ${result.label}. Vos notifications restent visibles sur le site.`}</p>
        <p>
          <Link to={EMAIL_SETTINGS_PATH}>Choisir les courriels que je reçois</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="container narrow">
      <h1>Se désabonner des courriels</h1>
      <p>{`Voulez-vous ne plus recevoir ${page.label} ? Vos notifications restent visibles sur le site.`}</p>
      <Form method="post">
        <div className="form-actions">
          <button type="submit" className="button">
            Me désabonner
          </button>
        </div>
      </Form>
      {page.scope !== 'all' ? (
        <Form method="post">
          <input type="hidden" name="scope" value="all" />
          <div className="form-actions">
            <button type="submit" className="button button-secondary">
              Ne plus recevoir aucun courriel de notification
            </button>
          </div>
        </Form>
      ) : null}
      <p>
        Vous pouvez aussi choisir, type par type, les courriels que vous recevez dans{' '}
        <Link to={EMAIL_SETTINGS_PATH}>vos réglages</Link> (connexion nécessaire).
      </p>
    </div>
  )
}
