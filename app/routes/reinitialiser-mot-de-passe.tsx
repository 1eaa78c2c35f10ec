import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { NewPasswordFields } from '#app/components/password-fields.tsx'
import { ErrorSummary, } from '#app/components/forms.tsx'
import { ResetPasswordSchema } from '#app/modules/auth/accounts.schema.ts'
import { type TokenState, checkAuthToken, resetPassword } from '#app/modules/auth/accounts.server.ts'
import { clearSessionCookie } from '#app/modules/auth/session.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'
import { enforceAuthRateLimit } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Choisir un nouveau mot de passe — Essaim' }]

/** GET only looks at the link (read-only): the form is shown when it is still usable. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const state: TokenState = token ? await checkAuthToken(token, 'reset_password') : 'unknown'
  return { state, token: state === 'valid' ? token : '' }
}

const HIDDEN = ['password', 'confirmPassword']

export async function action({ request, context }: ActionFunctionArgs) {
  enforceAuthRateLimit(context.clientIp, getEnv().authRateLimitPerMinute)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: ResetPasswordSchema })
  if (submission.status !== 'success') {
    const sent = formData.get('token')
    const token = typeof sent === 'string' ? sent : ''
    const tokenState: TokenState = token ? await checkAuthToken(token, 'reset_password') : 'unknown'
    return data(
      { result: submission.reply({ hideFields: HIDDEN }), tokenState, token: tokenState === 'valid' ? token : '' },
      { status: 400 },
    )
  }
  const outcome = await resetPassword({ token: submission.value.token, password: submission.value.password })
  if (outcome.status !== 'reset') {
    return data({ result: submission.reply({ hideFields: HIDDEN }), tokenState: outcome.status, token: '' }, { status: 400 })
  }
  // Every session of the account is closed, this browser's included.
  return redirectWithFlash('/connexion', 'password-reset', [clearSessionCookie()])
}

const EXPLANATIONS: Record<Exclude<TokenState, 'valid'>, string> = {
  unknown:
    'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse en entier depuis le courriel, ou demandez un nouveau lien.',
  used: 'Ce lien a déjà servi : chaque lien ne permet de changer le mot de passe qu’une fois.',
  expired: 'Ce lien a expiré : il n’est valable qu’une heure après votre demande.',
}

export default function ResetPasswordPage() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // After a failed POST the action's view of the link wins (the page may have been posted without ?token=).
  const state = actionData?.tokenState ?? loaderData.state
  const token = actionData?.token || loaderData.token
  const [form, fields] = useForm({
    id: 'reinitialiser-mot-de-passe',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  })
  if (state !== 'valid') {
    return (
      <div className="container narrow">
        <h1>Ce lien ne permet pas de changer le mot de passe</h1>
        <p>{EXPLANATIONS[state]}</p>
        <p>
          <Link to="/mot-de-passe-oublie" className="button">
            Demander un nouveau lien
          </Link>
        </p>
      </div>
    )
  }
  return (
    <div className="container narrow">
      <h1>Choisir un nouveau mot de passe</h1>
      <p>Une fois le mot de passe changé, toutes vos sessions ouvertes seront fermées et vous pourrez vous reconnecter.</p>
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary
          formErrors={form.errors}
          fields={[
            { id: fields.password.id, label: 'Nouveau mot de passe', errors: fields.password.errors },
            { id: fields.confirmPassword.id, label: 'Confirmation', errors: fields.confirmPassword.errors },
          ]}
        />
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields password={fields.password} confirmation={fields.confirmPassword} />
        <div className="form-actions">
          <button type="submit" className="button">
            Enregistrer le mot de passe
          </button>
        </div>
      </Form>
    </div>
  )
}
