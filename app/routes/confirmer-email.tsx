import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { type TokenState, checkAuthToken, verifyEmail } from '#app/modules/auth/accounts.server.ts'
import { getOptionalUser } from '#app/modules/auth/session.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'
import { enforceAuthRateLimit } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Confirmer votre adresse électronique — Essaim' }]

type Viewer = 'anonymous' | 'unverified' | 'verified'

async function viewerOf(request: Request): Promise<Viewer> {
  const user = await getOptionalUser(request)
  return user ? (user.emailVerifiedAt ? 'verified' : 'unverified') : 'anonymous'
}

/**
 * GET changes nothing: mail scanners open links before people do. It only says whether the link is usable and shows
 * the button that confirms (POST).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const state: TokenState = token ? await checkAuthToken(token, 'verify_email') : 'unknown'
  return { state, token: state === 'valid' ? token : '', viewer: await viewerOf(request) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  enforceAuthRateLimit(context.clientIp, getEnv().authRateLimitPerMinute)
  const formData = await request.formData()
  const token = formData.get('token')
  const result = await verifyEmail(typeof token === 'string' ? token : '')
  const user = await getOptionalUser(request)
  if (result.status === 'verified') {
    return redirectWithFlash(user ? '/compte' : '/connexion', 'email-verified')
  }
  return data({ state: result.status as TokenState, viewer: await viewerOf(request) }, { status: 400 })
}

const EXPLANATIONS: Record<Exclude<TokenState, 'valid'>, string> = {
  unknown:
    'Ce lien de confirmation n’est pas valide. Vérifiez que vous avez copié l’adresse en entier depuis le courriel, ou demandez un nouveau lien.',
  used: 'Ce lien de confirmation a déjà servi : chaque lien ne fonctionne qu’une fois.',
  expired: 'Ce lien de confirmation a expiré : il n’est valable que 24 heures. Demandez-en un nouveau.',
}

export default function ConfirmEmailPage() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const state = actionData?.state ?? loaderData.state
  const viewer = actionData?.viewer ?? loaderData.viewer
  if (state === 'valid') {
    return (
      <div className="container narrow">
        <h1>Confirmer votre adresse électronique</h1>
        <p>Cliquez sur le bouton ci-dessous pour confirmer que cette adresse électronique est bien la vôtre.</p>
        <Form method="post">
          <input type="hidden" name="token" value={loaderData.token} />
          <button type="submit" className="button">
            Confirmer mon adresse
          </button>
        </Form>
      </div>
    )
  }
  return (
    <div className="container narrow">
      <h1>Ce lien ne permet pas de confirmer votre adresse</h1>
      <p>{EXPLANATIONS[state]}</p>
      {viewer === 'verified' ? (
        <p>
          Bonne nouvelle : votre adresse électronique est déjà confirmée. <Link to="/compte">Aller à mon compte</Link>
        </p>
      ) : viewer === 'unverified' ? (
        <Form method="post" action="/confirmation-email/renvoyer" reloadDocument>
          <p>Nous pouvons vous envoyer un nouveau lien, valable 24 heures ; les anciens liens ne fonctionneront plus.</p>
          <button type="submit" className="button">
            Recevoir un nouveau lien
          </button>
        </Form>
      ) : (
        <p>
          Pour recevoir un nouveau lien, <Link to="/connexion?redirectTo=%2Fcompte">connectez-vous</Link> : votre page
          « Mon compte » propose d’envoyer un nouveau lien de confirmation.
        </p>
      )}
    </div>
  )
}
