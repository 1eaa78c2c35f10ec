import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CurrentPasswordField, NewPasswordFields } from '#app/components/password-fields.tsx'
import { ErrorSummary, } from '#app/components/forms.tsx'
import {
  ChangePasswordSchema,
  MESSAGES,
  RevokeOthersSchema,
  RevokeSessionSchema,
} from '#app/modules/auth/accounts.schema.ts'
import {
  changePassword,
  listAccountSessions,
  revokeOtherSessions,
  revokeOwnSession,
} from '#app/modules/auth/accounts.server.ts'
import { clearSessionCookie, getSessionFromRequest, requireUser } from '#app/modules/auth/session.server.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { GroupSuggestionPanel } from '#app/modules/groups/group-suggestion.tsx'
import { getGroupSuggestion } from '#app/modules/groups/suggestion.server.ts'
import { listMyPathways } from '#app/modules/pathways/pathways.server.ts'
import { MyPathwaysSection } from '#app/modules/pathways/ui/my-pathways.tsx'
import { getEnv } from '#app/utils/env.server.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import { enforceAuthRateLimit } from '#app/utils/rate-limit.server.ts'
import { formatDateFr, formatDateTimeFr } from '#app/utils/dates-fr.ts'

export const meta: MetaFunction = () => [{ title: 'Mon compte — Essaim' }]


const ROLE_LABELS = { member: 'Membre', admin: 'Administrateur ou administratrice' } as const

async function requireAccount(request: Request) {
  const user = await requireUser(request)
  const { session } = await getSessionFromRequest(request)
  return { user, sessionId: session?.id ?? null }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireAccount(request)
  const sessions = await listAccountSessions(user.id, sessionId)
  // Where the confirmation of a new account lands: the group of the person's territory is offered here too.
  const suggestion = await getGroupSuggestion(await getViewer(request))
  const pathways = await listMyPathways(await getViewer(request))
  // Dates are formatted here, in Europe/Paris, so the page reads the same whatever the browser's time zone.
  return {
    suggestion,
    pathways,
    account: {
      name: user.name,
      email: user.email,
      role: ROLE_LABELS[user.role],
      emailVerified: Boolean(user.emailVerifiedAt),
      createdAt: user.createdAt,
      memberSince: formatDateFr(user.createdAt),
    },
    sessions: sessions.map((session) => ({
      id: session.id,
      device: session.device,
      current: session.current,
      createdAt: session.createdAt,
      createdLabel: formatDateTimeFr(session.createdAt),
      lastSeenAt: session.lastSeenAt,
      lastSeenLabel: formatDateTimeFr(session.lastSeenAt),
    })),
  }
}

const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword']

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireAccount(request)
  const formData = await request.formData()
  const intent = formData.get('intent')

  if (intent === 'change-password') {
    // The current password can be guessed here too: same per-IP limit as the log-in form.
    enforceAuthRateLimit(context.clientIp, getEnv().authRateLimitPerMinute)
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
    if (submission.status !== 'success') {
      return data({ result: submission.reply({ hideFields: PASSWORD_FIELDS }) }, { status: 400 })
    }
    const outcome = await changePassword({
      user,
      currentPassword: submission.value.currentPassword,
      newPassword: submission.value.newPassword,
      userAgent: request.headers.get('user-agent'),
    })
    if (!outcome.ok) {
      return data(
        {
          result: submission.reply({
            fieldErrors: { currentPassword: [MESSAGES.currentPasswordWrong] },
            hideFields: PASSWORD_FIELDS,
          }),
        },
        { status: 400 },
      )
    }
    return redirectWithFlash('/compte', 'password-changed', [outcome.cookie])
  }

  if (intent === 'revoke-session') {
    const submission = parseWithZod(formData, { schema: RevokeSessionSchema })
    if (submission.status !== 'success') badRequest()
    const target = submission.value.sessionId
    // Someone else's session (or one that no longer exists) is simply not found: nothing happens.
    if (!(await revokeOwnSession(user.id, target))) notFound()
    if (target === sessionId) return redirectWithFlash('/', 'logged-out', [clearSessionCookie()])
    return redirectWithFlash('/compte', 'session-revoked')
  }

  if (intent === 'revoke-others') {
    const submission = parseWithZod(formData, { schema: RevokeOthersSchema })
    if (submission.status !== 'success' || !sessionId) badRequest()
    await revokeOtherSessions(user.id, sessionId)
    return redirectWithFlash('/compte', 'sessions-revoked')
  }

  badRequest()
}

export default function AccountPage() {
  const { account, sessions, suggestion, pathways } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'changer-mot-de-passe',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  })
  const others = sessions.filter((session) => !session.current)
  return (
    <div className="container narrow">
      <h1>Mon compte</h1>
      {suggestion ? <GroupSuggestionPanel suggestion={suggestion} /> : null}

      <section aria-labelledby="titre-informations">
        <h2 id="titre-informations">Mes informations</h2>
        <dl className="account-details">
          <dt>Nom</dt>
          <dd>{account.name}</dd>
          <dt>Adresse électronique</dt>
          <dd>{account.email}</dd>
          <dt>Rôle</dt>
          <dd>{account.role}</dd>
          <dt>Confirmation de l’adresse</dt>
          <dd>{account.emailVerified ? 'Adresse confirmée' : 'Adresse non confirmée'}</dd>
          <dt>Membre depuis le</dt>
          <dd>
            <time dateTime={account.createdAt}>{account.memberSince}</time>
          </dd>
        </dl>
        {account.emailVerified ? null : (
          <div className="notice">
            <p>
              Votre adresse n’est pas encore confirmée : ouvrez le lien reçu par courriel. Vous ne l’avez pas reçu, ou il
              a expiré ?
            </p>
            <Form method="post" action="/confirmation-email/renvoyer" reloadDocument>
              <button type="submit" className="button button-secondary">
                Renvoyer le lien de confirmation
              </button>
            </Form>
          </div>
        )}
      </section>

      <MyPathwaysSection pathways={pathways} />

      <nav aria-labelledby="titre-gerer">
        <h2 id="titre-gerer">Gérer mon compte</h2>
        <ul>
          <li>
            <Link to="/compte/profil">Mon profil et mon adresse électronique</Link>
          </li>
          <li>
            <Link to="/compte/agenda">Mon agenda personnel : ajouter à votre agenda (Outlook, Google Agenda, Thunderbird…) les événements de vos groupes</Link>
          </li>
          <li>
            <Link to="/compte/abonnements">Mes abonnements : ce que je suis (ressources, structures, groupes, territoires, thèmes, recherches)</Link>
          </li>
          <li>
            <Link to="/notifications">Mes notifications</Link>
          </li>
          <li>
            <Link to="/compte/notifications">Mes courriels de notifications : immédiatement, résumé quotidien ou hebdomadaire, jamais</Link>
          </li>
          <li>
            <a href="/compte/export" download>
              Télécharger mes données (JSON)
            </a>
          </li>
          <li>
            <Link to="/compte/supprimer">Supprimer mon compte</Link>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="titre-mot-de-passe">
        <h2 id="titre-mot-de-passe">Changer de mot de passe</h2>
        <p>Après le changement, toutes vos autres sessions seront fermées.</p>
        <Form method="post" {...getFormProps(form)} className="form">
          <ErrorSummary
            formErrors={form.errors}
            fields={[
              { id: fields.currentPassword.id, label: 'Mot de passe actuel', errors: fields.currentPassword.errors },
              { id: fields.newPassword.id, label: 'Nouveau mot de passe', errors: fields.newPassword.errors },
              { id: fields.confirmPassword.id, label: 'Confirmation', errors: fields.confirmPassword.errors },
            ]}
          />
          <input type="hidden" name="intent" value="change-password" />
          <CurrentPasswordField meta={fields.currentPassword} />
          <NewPasswordFields password={fields.newPassword} confirmation={fields.confirmPassword} />
          <div className="form-actions">
            <button type="submit" className="button">
              Changer de mot de passe
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="titre-sessions">
        <h2 id="titre-sessions">Sessions ouvertes</h2>
        <p>Voici les appareils sur lesquels votre session est ouverte. Fermez une session que vous ne reconnaissez pas.</p>
        <div className="table-wrapper">
          <table>
            <caption className="visually-hidden">Vos sessions ouvertes</caption>
            <thead>
              <tr>
                <th scope="col">Appareil</th>
                <th scope="col">Ouverte le</th>
                <th scope="col">Dernière activité</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.id}>
                  <th scope="row">
                    {session.device}
                    {session.current ? (
                      <>
                        {' '}
                        <span className="badge">cette session</span>
                      </>
                    ) : null}
                  </th>
                  <td>
                    <time dateTime={session.createdAt}>{session.createdLabel}</time>
                  </td>
                  <td>
                    <time dateTime={session.lastSeenAt}>{session.lastSeenLabel}</time>
                  </td>
                  <td>
                    {session.current ? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">Aucune : c’est la session en cours</span>
                      </>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke-session" />
                        <input type="hidden" name="sessionId" value={session.id} />
                        <button type="submit" className="button button-secondary">
                          Fermer<span className="visually-hidden"> la session {session.device} ouverte le {session.createdLabel}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {others.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-others" />
            <button type="submit" className="button button-danger">
              Fermer toutes les autres sessions
            </button>
          </Form>
        ) : (
          <p>Aucune autre session n’est ouverte.</p>
        )}
      </section>
    </div>
  )
}
