import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary, FieldErrors } from '#app/components/forms.tsx'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import {
  EMAIL_FREQUENCIES,
  EMAIL_KIND_LABELS,
  EMAIL_SETTINGS_PATH,
  EMAIL_SETTING_KINDS,
  EmailSettingsSchema,
  FREQUENCY_LABELS,
} from '#app/modules/notifications/email-settings.ts'
import { getEmailSettings, saveEmailSettings } from '#app/modules/notifications/email-settings.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'

// /compte/notifications (issue 17 §5): for each kind of notification, whether it is emailed immediately, in the daily
// or the weekly digest (7 h, Paris time, only when something is new), or never. A real form: it works without
// JavaScript; one fieldset per kind with its legend.

export const meta: MetaFunction = () => [{ title: 'Mes courriels de notifications — Essaim' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  return { settings: await getEmailSettings(viewer.id) }
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const submission = parseWithZod(await request.formData(), { schema: EmailSettingsSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  await saveEmailSettings(viewer.id, submission.value)
  return redirectWithFlash(EMAIL_SETTINGS_PATH, 'email-settings-saved')
}

export default function EmailSettingsPage() {
  const { settings } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'reglages-courriels',
    lastResult: actionData?.result,
    defaultValue: settings,
    constraint: getZodConstraint(EmailSettingsSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailSettingsSchema }),
  })
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Mon compte', to: '/compte' }, { label: 'Mes courriels de notifications' }]} />
      <h1>Mes courriels de notifications</h1>
      <p>
        Vos <Link to="/notifications">notifications</Link> s’affichent toujours sur le site. Choisissez, pour chaque type,
        si vous les recevez aussi par courriel : immédiatement, dans un résumé quotidien (chaque matin à 7 h), dans un
        résumé hebdomadaire (le lundi à 7 h), ou jamais. Un résumé n’est envoyé que s’il y a du nouveau.
      </p>
      <p>
        Par défaut, seules les décisions sur vos propres contenus et demandes vous sont envoyées immédiatement ; le reste
        va dans le résumé hebdomadaire, et les réactions à vos ressources ne sont pas envoyées.
      </p>
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary
          formErrors={form.errors}
          fields={EMAIL_SETTING_KINDS.map((kind) => ({
            id: `${fields[kind].id}-${EMAIL_FREQUENCIES[0]}`,
            label: EMAIL_KIND_LABELS[kind].legend,
            errors: fields[kind].errors,
          }))}
        />
        {EMAIL_SETTING_KINDS.map((kind) => {
          const field = fields[kind]
          const hintId = `${field.id}-aide`
          const described = [hintId, field.errors?.length ? field.errorId : null].filter(Boolean).join(' ')
          return (
            <fieldset key={kind} aria-describedby={described}>
              <legend>{EMAIL_KIND_LABELS[kind].legend}</legend>
              <p className="hint" id={hintId}>
                {EMAIL_KIND_LABELS[kind].hint}
              </p>
              {EMAIL_FREQUENCIES.map((frequency) => {
                const props = getInputProps(field, { type: 'radio', value: frequency, ariaAttributes: false })
                const id = `${field.id}-${frequency}`
                return (
                  <div className="checkbox" key={frequency}>
                    <input {...props} key={props.key} id={id} />
                    <label htmlFor={id}>{FREQUENCY_LABELS[frequency]}</label>
                  </div>
                )
              })}
              <FieldErrors id={field.errorId} errors={field.errors} />
            </fieldset>
          )
        })}
        <div className="form-actions">
          <button type="submit" className="button">
            Enregistrer mes réglages
          </button>
        </div>
      </Form>
    </div>
  )
}
