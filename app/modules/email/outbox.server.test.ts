import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import {
  type EmailSender,
  MAX_EMAIL_ATTEMPTS,
  type OutgoingEmail,
  drainEmailOutbox,
  enqueueEmail,
  getEmail,
  getEmailOutboxCounts,
  retryDelayMs,
} from './outbox.server.ts'

let counter = 0
function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  counter++
  return {
    to: `destinataire-${counter}-${Math.random().toString(36).slice(2, 8)}@exemple.fr`,
    subject: `Sujet ${counter}`,
    text: 'Bonjour,\n\nVoici un message.',
    html: '<p>Bonjour,</p><p>Voici un message.</p>',
    template: 'test',
    ...overrides,
  }
}

/** Only this test's emails: other tests of the worker may have left pending rows. */
function recording(only: Set<string>, fail: (to: string) => boolean) {
  const calls: string[] = []
  const sender: EmailSender = async (message) => {
    if (!only.has(message.to)) throw new Error('not part of this test')
    calls.push(message.to)
    if (fail(message.to)) throw new Error('SMTP 421 service indisponible')
  }
  return { sender, calls }
}

describe('email outbox', () => {
  test('an email enqueued in a transaction that rolls back does not exist', async () => {
    const message = email()
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueEmail(message, trx)
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const rows = await db.selectFrom('emailOutbox').select('id').where('toAddress', '=', message.to).execute()
    expect(rows).toHaveLength(0)
  })

  test('two drains at the same moment (two processes) send each email once', async () => {
    const messages = [email(), email(), email(), email()]
    const only = new Set(messages.map((m) => m.to))
    for (const message of messages) await enqueueEmail(message)
    const calls: string[] = []
    // Slow sends, so the second drain reads the rows while the first is still sending.
    const sender: EmailSender = async (message) => {
      if (!only.has(message.to)) throw new Error('not part of this test')
      await new Promise((resolve) => setTimeout(resolve, 5))
      calls.push(message.to)
    }
    const [a, b] = await Promise.all([drainEmailOutbox({ sender }), drainEmailOutbox({ sender })])
    expect(calls.sort()).toEqual([...only].sort())
    expect(a + b).toBe(messages.length)
    const rows = await db.selectFrom('emailOutbox').select('status').where('toAddress', 'in', [...only]).execute()
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent'])
  })

  test('an email enqueued in a committed transaction is pending until sent', async () => {
    const message = email()
    const id = await db.transaction().execute((trx) => enqueueEmail(message, trx))
    const row = await getEmail(id)
    expect(row).toMatchObject({ toAddress: message.to, subject: message.subject, status: 'pending', attempts: 0 })
    // without SMTP_URL and without an injected sender nothing is sent
    expect(await drainEmailOutbox()).toBe(0)
    expect((await getEmail(id))?.status).toBe('pending')
  })

  test('success marks the email sent', async () => {
    const message = email()
    const id = await enqueueEmail(message)
    const { sender, calls } = recording(new Set([message.to]), () => false)
    await drainEmailOutbox({ sender, now: new Date(Date.now() + 1000) })
    expect(calls).toEqual([message.to])
    const row = await getEmail(id)
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
    expect(row?.sentAt).not.toBeNull()
    // a sent email is not sent again
    await drainEmailOutbox({ sender, now: new Date(Date.now() + 10 * 3600_000) })
    expect(calls).toEqual([message.to])
    expect((await getEmailOutboxCounts()).sent).toBeGreaterThanOrEqual(1)
  })

  test('a failing sender: retried with backoff, then failed after the maximum attempts', async () => {
    const message = email()
    const id = await enqueueEmail(message)
    const { sender, calls } = recording(new Set([message.to]), () => true)
    let now = new Date(Date.now() + 1000)
    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      await drainEmailOutbox({ sender, now })
      const row = await getEmail(id)
      expect(row?.attempts).toBe(attempt)
      expect(row?.lastError).toContain('SMTP 421')
      if (attempt < MAX_EMAIL_ATTEMPTS) {
        expect(row?.status).toBe('pending')
        const next = new Date(row!.nextAttemptAt).getTime()
        expect(next - now.getTime()).toBe(retryDelayMs(attempt))
        // not retried before its time
        await drainEmailOutbox({ sender, now: new Date(next - 1) })
        expect(calls).toHaveLength(attempt)
        now = new Date(next)
      } else {
        expect(row?.status).toBe('failed')
      }
    }
    // a failed email is left alone
    await drainEmailOutbox({ sender, now: new Date(now.getTime() + 24 * 3600_000) })
    expect(calls).toHaveLength(MAX_EMAIL_ATTEMPTS)
    expect((await getEmailOutboxCounts()).failed).toBeGreaterThanOrEqual(1)
  })

  test('one failure does not stop the others', async () => {
    const good = email()
    const bad = email()
    const goodId = await enqueueEmail(good)
    const badId = await enqueueEmail(bad)
    const { sender } = recording(new Set([good.to, bad.to]), (to) => to === bad.to)
    await drainEmailOutbox({ sender, now: new Date(Date.now() + 1000) })
    expect((await getEmail(goodId))?.status).toBe('sent')
    expect((await getEmail(badId))?.status).toBe('pending')
  })

  test('the backoff doubles from 30 s and is capped at one hour', () => {
    expect(retryDelayMs(1)).toBe(30_000)
    expect(retryDelayMs(2)).toBe(60_000)
    expect(retryDelayMs(3)).toBe(120_000)
    expect(retryDelayMs(20)).toBe(3_600_000)
  })
})
