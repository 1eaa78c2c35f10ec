import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listRecentEmails } from '#app/modules/email/outbox.server.ts'
import { isDevMailboxServed } from '#app/modules/email/dev-mailbox.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { notFound } from '#app/utils/http.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'

export const meta: MetaFunction = () => [{ title: 'Boîte de réception de développement — Essaim' }]

// The development mailbox shows every email the application wrote to the outbox. It exists only where no real
// email can leave (rule in isDevMailboxServed: development, or a local trial run without SMTP_URL nor PUBLIC_URL).
// Elsewhere: 404.
export async function loader({ context }: LoaderFunctionArgs) {
  if (!isDevMailboxServed(getEnv(), context?.clientIp)) notFound()
  const emails = await listRecentEmails(100)
  return {
    emails: emails.map((e) => ({
      id: e.id,
      to: e.toAddress,
      subject: e.subject,
      status: e.status,
      createdAt: e.createdAt,
    })),
  }
}


export const STATUS_LABELS = { pending: 'En attente', sent: 'Envoyé', failed: 'Échec' } as const

export default function DevEmails() {
  const { emails } = useLoaderData<typeof loader>()
  return (
    <div className="container">
      <h1>Courriels écrits par l’application</h1>
      <p className="notice">
        Cette page n’existe qu’en développement ou pour un essai local (ni SMTP_URL ni PUBLIC_URL configurés) : les
        courriels restent ici, en attente, au lieu de partir.
      </p>
      {emails.length === 0 ? (
        <p>Aucun courriel pour l’instant.</p>
      ) : (
        <div className="table-wrapper">
          <table>
            <caption className="visually-hidden">Les 100 derniers courriels, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Objet</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.id}>
                  <td>
                    <time dateTime={email.createdAt}>{formatDateTimeFr(email.createdAt)}</time>
                  </td>
                  <td>{email.to}</td>
                  <td>
                    <Link to={`/dev/emails/${email.id}`}>{email.subject}</Link>
                  </td>
                  <td>{STATUS_LABELS[email.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
