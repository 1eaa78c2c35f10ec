import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CurrentPasswordField } from '#app/components/password-fields.tsx'
import { ErrorSummary, Field, Honeypot } from '#app/components/forms.tsx'
import { LoginSchema, MESSAGES } from '#app/modules/auth/accounts.schema.ts'
import { logIn } from '#app/modules/auth/accounts.server.ts'
import { getOptionalUser } from '#app/modules/auth/session.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { assertHoneypotEmpty } from '#app/utils/honeypot.server.ts'
import { redirectWithFlash, safeRedirectPath } from '#app/utils/http.server.ts'
import { enforceAuthRateLimit } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Se connecter — Essaim' }]

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect('/compte')
  const redirectTo = new URL(request.url).searchParams.get('redirectTo')
  // Only a local path is kept; anything else (//evil.com, https://…, javascript:…) is dropped here already.
  return { redirectTo: redirectTo ? safeRedirectPath(redirectTo, '') : '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  enforceAuthRateLimit(context.clientIp, getEnv().authRateLimitPerMinute)
  const formData = await request.formData()
  assertHoneypotEmpty(formData)
  const submission = parseWithZod(formData, { schema: LoginSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const result = await logIn({
    email: submission.value.email,
    password: submission.value.password,
    clientIp: context.clientIp,
    userAgent: request.headers.get('user-agent'),
  })
  if (!result.ok) {
    return data(submission.reply({ formErrors: [MESSAGES.badCredentials], hideFields: ['password'] }), { status: 400 })
  }
  const redirectTo = submission.value.redirectTo ?? new URL(request.url).searchParams.get('redirectTo')
  return redirectWithFlash(safeRedirectPath(redirectTo, '/'), 'logged-in', [result.cookie])
}

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'connexion',
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  })
  return (
    <div className="container narrow">
      <h1>Se connecter</h1>
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary
          formErrors={form.errors}
          fields={[
            { id: fields.email.id, label: 'Adresse électronique', errors: fields.email.errors },
            { id: fields.password.id, label: 'Mot de passe', errors: fields.password.errors },
          ]}
        />
        <Field meta={fields.email} label="Adresse électronique" type="email" autoComplete="username" required />
        <CurrentPasswordField meta={fields.password} label="Mot de passe" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Honeypot />
        <div className="form-actions">
          <button type="submit" className="button">
            Se connecter
          </button>
          <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
        </div>
      </Form>
      <p>
        Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
      </p>
    </div>
  )
}
