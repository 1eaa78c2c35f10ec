import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CurrentPasswordField } from '#app/components/password-fields.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import '#app/utils/zod-fr.ts'
import { CheckboxField, ErrorSummary } from '#app/components/forms.tsx'
import { clearSessionCookie, requireUser } from '#app/modules/auth/session.server.ts'
import { deleteAccount, listSoleOwnerships } from '#app/modules/privacy/account-deletion.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'
import { enforceAuthRateLimit } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Supprimer mon compte — Essaim' }]

const DeleteAccountSchema = z.object({
  // No password longer than 200 characters can be chosen, so a longer one is simply not the right one.
  password: z
    .string({ required_error: 'Saisissez votre mot de passe pour confirmer.' })
    .min(1, 'Saisissez votre mot de passe pour confirmer.')
    .max(200, 'Ce mot de passe n’est pas le bon.'),
  confirm: z.literal('on', { errorMap: () => ({ message: 'Cochez la case pour confirmer la suppression.' }) }),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const sole = await listSoleOwnerships(user.id)
  return { soleOwnerOf: sole.map((s) => ({ slug: s.slug, name: s.name })) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  enforceAuthRateLimit(context.clientIp, getEnv().authRateLimitPerMinute)
  const user = await requireUser(request)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: DeleteAccountSchema })
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }), soleOwnerOf: [] }, { status: 400 })
  const outcome = await deleteAccount(user, submission.value.password)
  if (!outcome.ok) {
    if (outcome.reason === 'wrong-password') {
      return data(
        { result: submission.reply({ fieldErrors: { password: ['Ce mot de passe n’est pas le bon.'] }, hideFields: ['password'] }), soleOwnerOf: [] },
        { status: 400 },
      )
    }
    return data(
      {
        result: submission.reply({
          formErrors: ['Vous êtes la seule personne responsable d’une ou plusieurs structures : votre compte ne peut pas encore être supprimé.'],
          hideFields: ['password'],
        }),
        soleOwnerOf: outcome.structures,
      },
      { status: 400 },
    )
  }
  return redirectWithFlash('/', 'account-deleted', [clearSessionCookie()])
}

function SoleOwnerNotice({ structures }: { structures: { slug: string; name: string }[] }) {
  return (
    <div className="notice">
      <p>
        Vous êtes la seule personne responsable de ces structures. Avant de supprimer votre compte, nommez une autre
        personne responsable (page « Gérer les membres ») ou supprimez la structure :
      </p>
      <ul>
        {structures.map((s) => (
          <li key={s.slug}>
            <Link to={`/structures/${s.slug}/membres`}>{s.name} : gérer les membres</Link>
          </li>
        ))}
      </ul>
    </div>
  )
}

export default function DeleteAccountPage() {
  const { soleOwnerOf } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'supprimer-compte',
    lastResult: actionData?.result,
    constraint: getZodConstraint(DeleteAccountSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }),
  })
  const blocking = actionData?.soleOwnerOf?.length ? actionData.soleOwnerOf : soleOwnerOf
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Mon compte', to: '/compte' }, { label: 'Supprimer mon compte' }]} />
      <h1>Supprimer mon compte</h1>
      <p>
        La suppression est définitive. Votre compte, votre profil, vos adhésions aux structures, vos sessions et vos
        données personnelles sont effacés. Les ressources que vous avez rédigées sans les rattacher à une structure sont
        supprimées ; celles d’une structure restent, attribuées à « Ancien membre ». Vos commentaires restent, sans votre
        nom (« Compte supprimé ») ; vos réactions aux ressources (« Utile », « Je l’ai testé ») sont effacées. Vous pouvez
        d’abord{' '}
        <a href="/compte/export">télécharger vos données</a>.
      </p>
      {blocking.length ? <SoleOwnerNotice structures={blocking} /> : null}
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary
          formErrors={form.errors}
          fields={[
            { id: fields.password.id, label: 'Mot de passe', errors: fields.password.errors },
            { id: fields.confirm.id, label: 'Confirmation', errors: fields.confirm.errors },
          ]}
        />
        <CurrentPasswordField meta={fields.password} label="Mot de passe" />
        <CheckboxField meta={fields.confirm} label="Je comprends que la suppression de mon compte est définitive" required />
        <div className="form-actions">
          <button type="submit" className="button button-danger">
            Supprimer définitivement mon compte
          </button>
        </div>
      </Form>
    </div>
  )
}
