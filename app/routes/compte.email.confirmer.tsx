import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { checkEmailChange, confirmEmailChange } from '#app/modules/people/email-change.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'

// The link of the confirmation email. Opening it shows a button: a mail client that prefetches links cannot confirm.
export const meta: MetaFunction = () => [
  { title: 'Confirmer ma nouvelle adresse — Essaim' },
  // same-origin, not no-referrer: the page's own form must carry its Origin (the CSRF check refuses `Origin: null`).
  { name: 'referrer', content: 'same-origin' },
]

const REASONS = {
  unknown: 'Ce lien n’est pas valide. Demandez un nouveau changement d’adresse depuis votre profil.',
  used: 'Ce lien a déjà servi : votre adresse a déjà été changée.',
  expired: 'Ce lien a expiré (il était valable 24 heures). Demandez un nouveau changement d’adresse depuis votre profil.',
  taken: 'Un autre compte utilise déjà cette adresse : elle ne peut pas remplacer la vôtre.',
} as const

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const { state, newEmail } = await checkEmailChange(token)
  return { token: state === 'valid' ? token : null, newEmail, message: state === 'valid' ? null : REASONS[state] }
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const token = String(formData.get('token') ?? '')
  const result = await confirmEmailChange(token)
  if (!result.ok) return data({ error: REASONS[result.reason] }, { status: 400 })
  return redirectWithFlash('/compte', 'email-changed')
}

export default function ConfirmEmailChangePage() {
  const { token, newEmail, message } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="container narrow">
      <h1>Confirmer ma nouvelle adresse</h1>
      {actionData?.error ? (
        <p className="notice" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {token ? (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <p>
            La nouvelle adresse de votre compte sera <strong>{newEmail}</strong>.
          </p>
          <button type="submit" className="button">
            Confirmer ma nouvelle adresse
          </button>
        </Form>
      ) : (
        <p className="notice">
          {message} <Link to="/compte/profil">Mon profil</Link>
        </p>
      )}
    </div>
  )
}
