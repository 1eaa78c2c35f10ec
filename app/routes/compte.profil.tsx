import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CurrentPasswordField } from '#app/components/password-fields.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary, Field, FieldErrors, SelectField, TextareaField } from '#app/components/forms.tsx'
import { requireUser } from '#app/modules/auth/session.server.ts'
import { getViewer, requirePerson } from '#app/modules/auth/viewer.server.ts'
import { GroupSuggestionPanel } from '#app/modules/groups/group-suggestion.tsx'
import { joinGroup } from '#app/modules/groups/memberships.server.ts'
import { getGroupSuggestion } from '#app/modules/groups/suggestion.server.ts'
import { requestEmailChange } from '#app/modules/people/email-change.server.ts'
import { BIO_MAX, EmailChangeSchema, PEOPLE_MESSAGES, ProfileSchema, VISIBILITIES } from '#app/modules/people/people.schema.ts'
import { DEFAULT_VISIBILITY, findOwnProfile, updateProfile } from '#app/modules/people/people.server.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { badRequest, redirectWithFlash } from '#app/utils/http.server.ts'
import { enforceAuthRateLimit } from '#app/utils/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Mon profil — Essaim' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [profile, territories, suggestion] = await Promise.all([
    findOwnProfile(user.id),
    listTerritories(),
    getViewer(request).then((viewer) => getGroupSuggestion(viewer)),
  ])
  const territory = territories.find((t) => t.id === user.territoryId)
  return {
    suggestion,
    // No profile yet (none is created by reading this page): the form shows the defaults; saving it creates the page.
    profile: {
      name: user.name,
      bio: profile?.bio ?? '',
      visibility: profile?.visibility ?? DEFAULT_VISIBILITY,
      territory: territory?.slug ?? '',
      slug: profile?.slug ?? null,
    },
    email: user.email,
    territories: territories.map((t) => ({ value: t.slug, label: t.name })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'join-suggested-group') {
    // The group of one's territory, offered on this page and on /compte: joined only if it is still the one offered
    // and open (joinGroup checks the policy again in its transaction); otherwise back here, where the offer is current.
    const viewer = await requirePerson(request)
    const suggestion = await getGroupSuggestion(viewer)
    if (suggestion?.action !== 'join' || suggestion.groupId !== formData.get('groupId')) {
      return redirect('/compte/profil')
    }
    const result = await joinGroup({ groupId: suggestion.groupId, actor: viewer })
    if (!result.ok) return redirect('/compte/profil')
    return redirectWithFlash(suggestion.path, 'group-joined')
  }
  if (intent === 'profile') {
    const submission = parseWithZod(formData, { schema: ProfileSchema })
    if (submission.status !== 'success') return data({ profile: submission.reply() }, { status: 400 })
    let territoryId: string | null = null
    if (submission.value.territory) {
      const territory = (await listTerritories()).find((t) => t.slug === submission.value.territory)
      if (!territory) {
        return data({ profile: submission.reply({ fieldErrors: { territory: [PEOPLE_MESSAGES.territoryInvalid] } }) }, { status: 400 })
      }
      territoryId = territory.id
    }
    await updateProfile(user, { ...submission.value, territoryId })
    return redirectWithFlash('/compte/profil', 'profile-updated')
  }
  if (intent === 'email') {
    // The password can be guessed here: same per-IP limit as the log-in form.
    enforceAuthRateLimit(context.clientIp, getEnv().authRateLimitPerMinute)
    const submission = parseWithZod(formData, { schema: EmailChangeSchema })
    if (submission.status !== 'success') return data({ email: submission.reply({ hideFields: ['currentPassword'] }) }, { status: 400 })
    const result = await requestEmailChange(user, submission.value)
    if (!result.ok) {
      const fieldErrors: Record<string, string[]> =
        result.reason === 'wrong-password'
          ? { currentPassword: [PEOPLE_MESSAGES.passwordWrong] }
          : { newEmail: [PEOPLE_MESSAGES.emailSame] }
      return data({ email: submission.reply({ fieldErrors, hideFields: ['currentPassword'] }) }, { status: 400 })
    }
    // Same answer whether the address was free (link sent to it) or taken (its owner told, nothing changed).
    return redirectWithFlash('/compte/profil', 'email-change-sent')
  }
  badRequest()
}

export default function ProfilePage() {
  const { profile, email, territories, suggestion } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [profileForm, fields] = useForm({
    id: 'profil',
    lastResult: actionData && 'profile' in actionData ? actionData.profile : undefined,
    defaultValue: { name: profile.name, bio: profile.bio, visibility: profile.visibility, territory: profile.territory },
    constraint: getZodConstraint(ProfileSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  })
  const [emailForm, emailFields] = useForm({
    id: 'changer-email',
    lastResult: actionData && 'email' in actionData ? actionData.email : undefined,
    constraint: getZodConstraint(EmailChangeSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailChangeSchema }),
  })
  const visibilityErrorId = fields.visibility.errorId
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Mon compte', to: '/compte' }, { label: 'Mon profil' }]} />
      <h1>Mon profil</h1>
      <p>
        {profile.slug ? (
          <Link to={`/membres/${profile.slug}`}>Voir ma page de profil</Link>
        ) : (
          'Votre page de profil sera créée quand vous enregistrerez ce formulaire.'
        )}
      </p>
      {suggestion ? <GroupSuggestionPanel suggestion={suggestion} /> : null}

      <section aria-labelledby="titre-profil">
        <h2 id="titre-profil">Ce que le réseau voit de moi</h2>
        <Form method="post" {...getFormProps(profileForm)} className="form">
          <ErrorSummary
            formErrors={profileForm.errors}
            fields={[
              { id: fields.name.id, label: 'Nom', errors: fields.name.errors },
              { id: fields.bio.id, label: 'Présentation', errors: fields.bio.errors },
              { id: `${fields.visibility.id}-public`, label: 'Visibilité', errors: fields.visibility.errors },
              { id: fields.territory.id, label: 'Territoire', errors: fields.territory.errors },
            ]}
          />
          <input type="hidden" name="intent" value="profile" />
          <Field meta={fields.name} label="Nom" autoComplete="name" required />
          <TextareaField
            meta={fields.bio}
            label="Présentation courte"
            hint={`Facultatif, ${BIO_MAX} caractères au plus : votre rôle, vos sujets, ce que vous pouvez partager.`}
            rows={4}
            maxLength={BIO_MAX}
          />
          <SelectField meta={fields.territory} label="Mon territoire" options={territories} placeholder="Non précisé" />
          <fieldset aria-describedby={fields.visibility.errors?.length ? visibilityErrorId : undefined}>
            <legend>Qui peut voir mon profil ?</legend>
            {VISIBILITIES.map((option) => {
              const props = getInputProps(fields.visibility, { type: 'radio', value: option.value, ariaAttributes: false })
              return (
                <div className="checkbox" key={option.value}>
                  <input {...props} key={props.key} id={`${fields.visibility.id}-${option.value}`} />
                  <label htmlFor={`${fields.visibility.id}-${option.value}`}>{option.label}</label>
                </div>
              )
            })}
            <FieldErrors id={visibilityErrorId} errors={fields.visibility.errors} />
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button">
              Enregistrer mon profil
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="titre-email">
        <h2 id="titre-email">Changer d’adresse électronique</h2>
        <p>
          Adresse actuelle : <strong>{email}</strong>. Un lien de confirmation sera envoyé à la nouvelle adresse ; elle ne
          remplacera l’actuelle qu’une fois ce lien ouvert.
        </p>
        <Form method="post" {...getFormProps(emailForm)} className="form">
          <ErrorSummary
            formErrors={emailForm.errors}
            fields={[
              { id: emailFields.newEmail.id, label: 'Nouvelle adresse', errors: emailFields.newEmail.errors },
              { id: emailFields.currentPassword.id, label: 'Mot de passe actuel', errors: emailFields.currentPassword.errors },
            ]}
          />
          <input type="hidden" name="intent" value="email" />
          <Field meta={emailFields.newEmail} label="Nouvelle adresse électronique" type="email" autoComplete="email" required />
          <CurrentPasswordField meta={emailFields.currentPassword} />
          <div className="form-actions">
            <button type="submit" className="button">
              Envoyer le lien de confirmation
            </button>
          </div>
        </Form>
      </section>
    </div>
  )
}
