import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { ErrorSummary, Field, Honeypot } from '#app/components/forms.tsx'
import { ForgotPasswordSchema } from '#app/modules/auth/accounts.schema.ts'
import { requestPasswordReset } from '#app/modules/auth/accounts.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { assertHoneypotEmpty } from '#app/utils/honeypot.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'
import { enforceAuthRateLimit } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Mot de passe oublié — Essaim' }]

export async function action({ request, context }: ActionFunctionArgs) {
  enforceAuthRateLimit(context.clientIp, getEnv().authRateLimitPerMinute)
  const formData = await request.formData()
  assertHoneypotEmpty(formData)
  const submission = parseWithZod(formData, { schema: ForgotPasswordSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  await requestPasswordReset(submission.value.email)
  // The same answer whether or not the address has an account: this page must not reveal who is a member.
  return redirectWithFlash('/mot-de-passe-oublie', 'password-reset-requested')
}

export default function ForgotPasswordPage() {
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'mot-de-passe-oublie',
    lastResult,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  })
  return (
    <div className="container narrow">
      <h1>Mot de passe oublié</h1>
      <p>
        Indiquez l’adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de
        passe. Le lien est valable 1 heure.
      </p>
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary
          formErrors={form.errors}
          fields={[{ id: fields.email.id, label: 'Adresse électronique', errors: fields.email.errors }]}
        />
        <Field meta={fields.email} label="Adresse électronique" type="email" autoComplete="email" required />
        <Honeypot />
        <div className="form-actions">
          <button type="submit" className="button">
            Recevoir un lien
          </button>
        </div>
      </Form>
      <p>
        Vous vous souvenez de votre mot de passe ? <Link to="/connexion">Se connecter</Link>
      </p>
    </div>
  )
}
