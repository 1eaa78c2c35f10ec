import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getEmail } from '#app/modules/email/outbox.server.ts'
import { isDevMailboxServed } from '#app/modules/email/dev-mailbox.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { notFound } from '#app/utils/http.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.email.subject ?? 'Courriel'} — boîte de développement — Essaim` },
]

// Same availability rule as /dev/emails (isDevMailboxServed); 404 otherwise.
export async function loader({ params, context }: LoaderFunctionArgs) {
  if (!isDevMailboxServed(getEnv(), context?.clientIp)) notFound()
  const email = params.id ? await getEmail(params.id) : null
  if (!email) notFound()
  return {
    email: {
      id: email.id,
      to: email.toAddress,
      subject: email.subject,
      status: email.status,
      template: email.template,
      createdAt: email.createdAt,
      attempts: email.attempts,
      lastError: email.lastError,
      text: email.textBody,
      html: email.htmlBody,
    },
  }
}

const STATUS_LABELS = { pending: 'En attente', sent: 'Envoyé', failed: 'Échec' } as const

export default function DevEmail() {
  const { email } = useLoaderData<typeof loader>()
  return (
    <div className="container narrow">
      <p>
        <Link to="/dev/emails">Retour à la liste des courriels</Link>
      </p>
      <h1>{email.subject}</h1>
      <dl>
        <dt>Destinataire</dt>
        <dd>{email.to}</dd>
        <dt>Écrit le</dt>
        <dd>
          <time dateTime={email.createdAt}>{formatDateTimeFr(email.createdAt)}</time>
        </dd>
        <dt>État</dt>
        <dd>
          {STATUS_LABELS[email.status]}
          {email.attempts > 0 ? ` (${email.attempts} tentative${email.attempts > 1 ? 's' : ''})` : null}
        </dd>
        {email.lastError ? (
          <>
            <dt>Dernière erreur</dt>
            <dd>{email.lastError}</dd>
          </>
        ) : null}
        <dt>Modèle</dt>
        <dd>{email.template}</dd>
      </dl>
      <h2>Version texte</h2>
      <pre className="email-frame" data-testid="email-text">
        {email.text}
      </pre>
      <h2>Version HTML</h2>
      <p className="hint">
        Affichée dans un cadre isolé (sans scripts ni accès à cette page) : les liens s’ouvrent dans un nouvel onglet.
      </p>
      {/* The HTML is never injected into this page: a sandboxed frame with no permissions renders it. */}
      <iframe
        title={`Version HTML du courriel « ${email.subject} »`}
        className="email-frame"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={email.html}
        width="100%"
        height="480"
      />
    </div>
  )
}
