import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { NewPasswordField } from '#app/components/password-fields.tsx'
import { CheckboxField, ErrorSummary, Field, Honeypot, SelectField } from '#app/components/forms.tsx'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { SignUpSchema } from '#app/modules/auth/accounts.schema.ts'
import { signUp } from '#app/modules/auth/accounts.server.ts'
import { getOptionalUser } from '#app/modules/auth/session.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { assertHoneypotEmpty } from '#app/utils/honeypot.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'
import { enforceAuthRateLimit } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Créer un compte — Essaim' }]

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect('/compte')
  return { territories: (await listTerritories()).map((t) => ({ value: t.slug, label: t.name })) }
}

const UNKNOWN_TERRITORY = 'Ce territoire n’existe pas : choisissez-en un dans la liste, ou laissez « Non précisé ».'

export async function action({ request, context }: ActionFunctionArgs) {
  enforceAuthRateLimit(context.clientIp, getEnv().authRateLimitPerMinute)
  if (await getOptionalUser(request)) throw redirect('/compte')
  const formData = await request.formData()
  assertHoneypotEmpty(formData)
  const submission = parseWithZod(formData, { schema: SignUpSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  let territoryId: string | null = null
  if (submission.value.territory) {
    const territory = (await listTerritories()).find((t) => t.slug === submission.value.territory)
    if (!territory) return data(submission.reply({ hideFields: ['password'], fieldErrors: { territory: [UNKNOWN_TERRITORY] } }), { status: 400 })
    territoryId = territory.id
  }
  const { territory: _territory, ...account } = submission.value
  const result = await signUp({ ...account, territoryId, userAgent: request.headers.get('user-agent') })
  // A taken address gets the same answer as a new account (its owner is told by email): no account enumeration.
  if (!result.ok) return redirectWithFlash('/compte', 'signed-up')
  return redirectWithFlash('/compte', 'signed-up', [result.cookie])
}

export default function SignUpPage() {
  const lastResult = useActionData<typeof action>()
  const { territories } = useLoaderData<typeof loader>()
  const [form, fields] = useForm({
    id: 'inscription',
    lastResult,
    constraint: getZodConstraint(SignUpSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignUpSchema }),
  })
  return (
    <div className="container narrow">
      <h1>Créer un compte</h1>
      <p>
        Un compte vous permet de publier des ressources (initiatives, bonnes pratiques, formations, appels à projets
        européens), d’inscrire votre structure dans l’annuaire ou d’en rejoindre une, et de lire les ressources
        réservées aux membres. Les champs obligatoires sont marqués d’un astérisque (*).
      </p>
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary
          formErrors={form.errors}
          fields={[
            { id: fields.email.id, label: 'Adresse électronique', errors: fields.email.errors },
            { id: fields.name.id, label: 'Nom', errors: fields.name.errors },
            { id: fields.password.id, label: 'Mot de passe', errors: fields.password.errors },
            { id: fields.territory.id, label: 'Territoire', errors: fields.territory.errors },
            { id: fields.charter.id, label: 'Conditions d’utilisation', errors: fields.charter.errors },
          ]}
        />
        <Field
          meta={fields.email}
          label="Adresse électronique"
          type="email"
          autoComplete="email"
          hint="Nous y enverrons un lien pour la confirmer. Elle n’est jamais affichée publiquement."
          required
        />
        <Field
          meta={fields.name}
          label="Nom"
          autoComplete="name"
          hint="Prénom et nom, ou le nom sous lequel vous voulez apparaître sur Essaim."
          required
        />
        <NewPasswordField meta={fields.password} label="Mot de passe" />
        <SelectField
          meta={fields.territory}
          label="Votre territoire (facultatif)"
          hint="Là où vous agissez dans le Pas-de-Calais : une fois votre adresse confirmée, nous vous proposerons de rejoindre le groupe de ce territoire."
          options={territories}
          placeholder="Non précisé"
        />
        <CheckboxField
          meta={fields.charter}
          label={
            <>
              J’ai lu et j’accepte les <Link to="/conditions-utilisation">conditions d’utilisation</Link> d’Essaim
              <span aria-hidden="true"> *</span>
            </>
          }
          required
        />
        <Honeypot />
        <p className="hint">
          Vos données : l’éditeur du site (voir les <Link to="/mentions-legales">mentions légales</Link>) utilise votre
          adresse, votre nom (affiché avec ce que vous publiez) et votre mot de passe (dont seule une empreinte est
          gardée) pour tenir votre compte et vous écrire à son sujet (confirmation de l’adresse, mot de passe oublié).
          Aucune donnée n’est vendue ni cédée. Depuis « Mon compte », vous pouvez télécharger vos données ou supprimer
          votre compte à tout moment. En savoir plus : <Link to="/donnees-personnelles">Données personnelles</Link>.
        </p>
        <div className="form-actions">
          <button type="submit" className="button">
            Créer mon compte
          </button>
        </div>
      </Form>
      <p>
        Vous avez déjà un compte ? <Link to="/connexion">Se connecter</Link>
      </p>
    </div>
  )
}
