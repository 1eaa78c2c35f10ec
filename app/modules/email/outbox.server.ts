import nodemailer, { type Transporter } from 'nodemailer'
import { type Executor, db } from '#db/client.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { newId } from '#app/utils/ids.server.ts'

export type OutgoingEmail = {
  to: string
  subject: string
  text: string
  html: string
  /** Name of the template that produced it (for the dev mailbox and logs). */
  template: string
  /** Extra headers: List-Unsubscribe, List-Unsubscribe-Post (RFC 8058), List-Id. */
  headers?: Record<string, string>
}

export const MAX_EMAIL_ATTEMPTS = 8

/** Retry delay after `attempts` failures: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000)
}

/**
 * Writes an email to the outbox. Call it inside the transaction of the change that causes the email, so the email
 * exists if and only if the change does; it is sent after commit by `drainEmailOutbox`.
 */
export async function enqueueEmail(email: OutgoingEmail, trx: Executor = db): Promise<string> {
  const now = new Date().toISOString()
  const id = newId()
  await trx
    .insertInto('emailOutbox')
    .values({
      id,
      toAddress: email.to,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      template: email.template,
      headersJson: email.headers && Object.keys(email.headers).length > 0 ? JSON.stringify(email.headers) : null,
      nextAttemptAt: now,
      createdAt: now,
      lastError: null,
      sentAt: null,
    })
    .execute()
  queueMicrotask(() => {
    void drainEmailOutbox().catch(() => {})
  })
  return id
}

export type EmailSender = (email: {
  to: string
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}) => Promise<void>

/** The extra headers stored with an email ({} when none). */
export function emailHeaders(row: { headersJson: string | null }): Record<string, string> {
  if (!row.headersJson) return {}
  const parsed: unknown = JSON.parse(row.headersJson)
  if (!parsed || typeof parsed !== 'object') return {}
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

let transporter: Transporter | undefined

function smtpSender(smtpUrl: string): EmailSender {
  transporter ??= nodemailer.createTransport(smtpUrl)
  const from = `"Essaim" <${getEnv().mailFrom}>`
  return async (email) => {
    await transporter!.sendMail({ from, ...email })
  }
}

/** How long a process owns an email it is sending. */
const CLAIM_MS = 2 * 60 * 1000

let draining: Promise<number> | null = null

/**
 * Sends what is due. Without SMTP_URL nothing is sent: emails stay `pending` and are readable at /dev/emails
 * (development, local trial run), and go out once SMTP is configured. Returns the number sent.
 */
export function drainEmailOutbox(options: { sender?: EmailSender; now?: Date } = {}): Promise<number> {
  const smtpUrl = getEnv().smtpUrl
  const sender = options.sender ?? (smtpUrl ? smtpSender(smtpUrl) : null)
  if (!sender) return Promise.resolve(0)
  if (draining && !options.sender) return draining
  const run = drainWith(sender, options.now ?? new Date())
  if (!options.sender) {
    draining = run.finally(() => {
      draining = null
    })
    return draining
  }
  return run
}

async function drainWith(sender: EmailSender, now: Date): Promise<number> {
  const due = await db
    .selectFrom('emailOutbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '<=', now.toISOString())
    .orderBy('createdAt')
    .limit(50)
    .execute()
  let sent = 0
  for (const email of due) {
    // Claimed before sending: another process draining at the same moment (several processes behind one port, or an
    // enqueue's drain beside the interval's) sees the row pushed into the future and leaves it. A process that dies
    // mid-send leaves the claim to lapse: the email is retried after CLAIM_MS.
    const claim = await db
      .updateTable('emailOutbox')
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where('id', '=', email.id)
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '=', email.nextAttemptAt)
      .executeTakeFirst()
    if (Number(claim.numUpdatedRows) !== 1) continue
    try {
      await sender({ to: email.toAddress, subject: email.subject, text: email.textBody, html: email.htmlBody, headers: emailHeaders(email) })
      await db
        .updateTable('emailOutbox')
        .set({ status: 'sent', sentAt: new Date().toISOString(), attempts: email.attempts + 1, lastError: null })
        .where('id', '=', email.id)
        .execute()
      sent++
    } catch (error) {
      const attempts = email.attempts + 1
      const message = error instanceof Error ? error.message : String(error)
      await db
        .updateTable('emailOutbox')
        .set({
          attempts,
          lastError: message.slice(0, 500),
          status: attempts >= MAX_EMAIL_ATTEMPTS ? 'failed' : 'pending',
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
        })
        .where('id', '=', email.id)
        .execute()
    }
  }
  return sent
}

export async function getEmailOutboxCounts(trx: Executor = db) {
  const rows = await trx
    .selectFrom('emailOutbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute()
  const counts = { pending: 0, sent: 0, failed: 0 }
  for (const row of rows) counts[row.status] = Number(row.count)
  return counts
}

export async function listRecentEmails(limit = 50) {
  return db.selectFrom('emailOutbox').selectAll().orderBy('createdAt', 'desc').limit(limit).execute()
}

export async function getEmail(id: string) {
  return (await db.selectFrom('emailOutbox').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

/** Sent (or abandoned) emails are kept 30 days for support, then erased: they hold personal data. */
export const EMAIL_RETENTION_DAYS = 30

export async function purgeOldEmails(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - EMAIL_RETENTION_DAYS * 86_400_000).toISOString()
  const result = await db
    .deleteFrom('emailOutbox')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'sent'), eb('sentAt', '<', before)]),
        eb.and([eb('status', '=', 'failed'), eb('createdAt', '<', before)]),
      ]),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
