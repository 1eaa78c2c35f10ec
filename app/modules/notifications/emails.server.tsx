import { render, toPlainText } from '@react-email/render'
import type { ReactNode } from 'react'
import type { OutgoingEmail } from '#app/modules/email/outbox.server.ts'
import { siteUrl } from '#app/modules/email/templates.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { countFr } from '#app/utils/plural.ts'
import { EMAIL_SETTINGS_PATH, type UnsubscribeScope, scopeLabel } from './email-settings.ts'
import { listHeaders, unsubscribeUrl } from './unsubscribe.server.ts'

// The notification emails (issue 17 §5): React components rendered by @react-email/render, the HTML and the text part
// from the same element (React escapes every value). They hold only what their reader may read: names of targets the
// caller has checked, links, dates — never the text of a comment or of a group-only item. Every one carries the
// List-Unsubscribe headers of its scope and, visibly, a link to the settings page and to the unsubscribe page.

const styles = {
  body: { fontFamily: 'Arial, Helvetica, sans-serif', color: '#1e1e1e', lineHeight: '1.5', maxWidth: '40em', margin: '0 auto', padding: '1em' },
  footer: { borderTop: '1px solid #ccc', marginTop: '2em', paddingTop: '1em', fontSize: '0.9em', color: '#3a3a3a' },
  link: { color: '#0b5394' },
} as const

function Layout(props: { title: string; children: ReactNode; settingsUrl: string; unsubscribe: { url: string; label: string } }) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <body style={styles.body}>
        {props.children}
        <div style={styles.footer}>
          <p>
            Vous recevez ce courriel parce que vous avez un compte sur Essaim.{' '}
            <a href={props.settingsUrl} style={styles.link}>
              Choisir les courriels que je reçois
            </a>
          </p>
          <p>
            <a href={props.unsubscribe.url} style={styles.link}>
              {`Ne plus recevoir ${props.unsubscribe.label}`}
            </a>
          </p>
          <p>
            — L’équipe Essaim{' '}
            <a href={siteUrl('/')} style={styles.link}>
              {getEnv().publicUrl.host}
            </a>
          </p>
        </div>
      </body>
    </html>
  )
}

async function toEmail(input: {
  to: string
  userId: string
  scope: UnsubscribeScope
  subject: string
  template: string
  body: ReactNode
  now: Date
}): Promise<OutgoingEmail> {
  const element = (
    <Layout
      title={input.subject}
      settingsUrl={siteUrl(EMAIL_SETTINGS_PATH)}
      unsubscribe={{ url: unsubscribeUrl(input.userId, input.scope, input.now), label: scopeLabel(input.scope) }}
    >
      {input.body}
    </Layout>
  )
  const html = await render(element)
  return {
    to: input.to,
    subject: input.subject,
    html,
    text: toPlainText(html),
    template: input.template,
    headers: listHeaders(input.userId, input.scope, input.now),
  }
}

export type EmailLine = { text: string; href: string }

/** One notification, sent at once (a kind set to « immédiatement »). */
export function immediateNotificationEmail(input: {
  to: string
  userId: string
  name: string
  kind: UnsubscribeScope
  line: EmailLine
  now: Date
}): Promise<OutgoingEmail> {
  return toEmail({
    to: input.to,
    userId: input.userId,
    scope: input.kind,
    subject: input.line.text,
    template: `notification-${input.kind}`,
    now: input.now,
    body: (
      <>
        <p>{`Bonjour ${input.name},`}</p>
        <p>{input.line.text}.</p>
        <p>
          <a href={siteUrl(input.line.href)} style={styles.link}>
            Voir sur Essaim
          </a>
        </p>
      </>
    ),
  })
}

export type DigestSection = { territory: string; kinds: { label: string; lines: EmailLine[] }[] }
export type DigestCall = { title: string; href: string; deadline: string }

/** The daily or weekly digest: what is new, by territory and kind, then the calls closing in the next 30 days. */
export function digestEmail(input: {
  to: string
  userId: string
  name: string
  period: 'daily' | 'weekly'
  /** « du 1er au 7 décembre 2026 », « du 3 décembre 2026 ». */
  periodLabel: string
  itemCount: number
  sections: DigestSection[]
  calls: DigestCall[]
  now: Date
}): Promise<OutgoingEmail> {
  const what = input.period === 'daily' ? 'Votre résumé quotidien' : 'Votre résumé hebdomadaire'
  const subject = `${what} Essaim : ${countFr(input.itemCount, 'nouveauté', 'nouveautés')}`
  return toEmail({
    to: input.to,
    userId: input.userId,
    scope: input.period,
    subject,
    template: `digest-${input.period}`,
    now: input.now,
    body: (
      <>
        <h1>{subject}</h1>
        <p>{`Bonjour ${input.name},`}</p>
        <p>{`Voici ce qui est nouveau pour vous sur Essaim ${input.periodLabel}.`}</p>
        {input.sections.map((section) => (
          <div key={section.territory}>
            <h2>{section.territory}</h2>
            {section.kinds.map((kind) => (
              <div key={kind.label}>
                <h3>{kind.label}</h3>
                <ul>
                  {kind.lines.map((line) => (
                    <li key={line.href + line.text}>
                      <a href={siteUrl(line.href)} style={styles.link}>
                        {line.text}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ))}
        {input.calls.length > 0 ? (
          <>
            <h2>Appels à projets qui se clôturent dans les 30 jours</h2>
            <ul>
              {input.calls.map((call) => (
                <li key={call.href}>
                  <a href={siteUrl(call.href)} style={styles.link}>
                    {call.title}
                  </a>
                  {` : clôture le ${call.deadline}`}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <a href={siteUrl('/notifications')} style={styles.link}>
            Voir toutes mes notifications
          </a>
        </p>
      </>
    ),
  })
}
