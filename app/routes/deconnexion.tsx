import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { clearSessionCookie, getSessionFromRequest, invalidateSession } from '#app/modules/auth/session.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'

export const meta: MetaFunction = () => [{ title: 'Se déconnecter — Essaim' }]

/** GET only shows the button: following a link must never log anybody out. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await getSessionFromRequest(request)
  return { loggedIn: Boolean(user) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await getSessionFromRequest(request)
  if (session) await invalidateSession(session.id)
  return redirectWithFlash('/', 'logged-out', [clearSessionCookie()])
}

export default function LogoutPage() {
  const { loggedIn } = useLoaderData<typeof loader>()
  return (
    <div className="container narrow">
      <h1>Se déconnecter</h1>
      {loggedIn ? (
        <>
          <p>Vous allez fermer votre session sur cet appareil. Vos autres sessions restent ouvertes.</p>
          <Form method="post">
            <button type="submit" className="button">
              Se déconnecter
            </button>
          </Form>
        </>
      ) : (
        <p>
          Aucune session n’est ouverte sur ce navigateur. <Link to="/connexion">Se connecter</Link>
        </p>
      )}
    </div>
  )
}
