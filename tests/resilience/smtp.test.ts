import net from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, describe, expect, it } from 'vitest'
import { MAX_EMAIL_ATTEMPTS, drainEmailOutbox, enqueueEmail, getEmailOutboxCounts } from '#app/modules/email/outbox.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { db } from '#db/client.server.ts'
import { count, figure } from './harness.ts'

// Issue 18, resilience 4: a real SMTP server (smtp-server, the SMTP protocol over TCP, no mock of nodemailer) is down
// while the outbox drains, then comes back: every email is delivered exactly once, none is lost or sent twice.
const EMAILS = count(20, 200)
// Each email is tried once when written, then once per failed drain: the outage stays within the attempts an email
// gets before it is marked failed (that case is the outbox's own tests).
const DOWN_ROUNDS = count(3, MAX_EMAIL_ATTEMPTS - 2)

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

const previousSmtpUrl = process.env.SMTP_URL
afterAll(() => {
  if (previousSmtpUrl === undefined) delete process.env.SMTP_URL
  else process.env.SMTP_URL = previousSmtpUrl
  resetEnvCache()
})

describe('SMTP server down for a while, then back', () => {
  it('sends every email exactly once', async () => {
    const port = await freePort()
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
    resetEnvCache()
    const received: string[] = []
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        let raw = ''
        stream.on('data', (chunk: Buffer) => {
          raw += chunk.toString()
        })
        stream.on('end', () => {
          received.push(/^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '')
          callback()
        })
      },
    })

    // Down: the emails are written (each enqueue tries at once and fails), then several drains fail.
    const subjects = Array.from({ length: EMAILS }, (_, i) => `Essai de panne ${i}`)
    for (const [i, subject] of subjects.entries()) {
      await enqueueEmail({ to: `personne-${i}@exemple.fr`, subject, text: 'Bonjour', html: '<p>Bonjour</p>', template: 'resilience' })
    }
    let clock = Date.now()
    for (let round = 0; round < DOWN_ROUNDS; round++) {
      clock += 2 * 60 * 60 * 1000
      expect(await drainEmailOutbox({ now: new Date(clock) })).toBe(0)
    }
    const mine = () => db.selectFrom('emailOutbox').select(['status', 'attempts']).where('template', '=', 'resilience').execute()
    const down = await mine()
    expect(down.every((row) => row.status === 'pending' && row.attempts >= 1)).toBe(true)
    const failedAttempts = down.reduce((sum, row) => sum + row.attempts, 0)

    // Back: the next drains send everything, once.
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve))
    try {
      let sent = 0
      for (let round = 0; round < 20 && sent < EMAILS; round++) {
        clock += 2 * 60 * 60 * 1000
        sent += await drainEmailOutbox({ now: new Date(clock) })
      }
      expect(sent).toBe(EMAILS)
      expect(received.sort()).toEqual([...subjects].sort())
      expect((await mine()).every((row) => row.status === 'sent')).toBe(true)
      expect(await getEmailOutboxCounts()).toMatchObject({ pending: 0, failed: 0 })
      figure(`SMTP en panne puis rétabli : ${EMAILS} courriels, ${failedAttempts} tentatives refusées pendant la panne, puis ${received.length} reçus par le serveur, chacun une fois`)
    } finally {
      await new Promise((resolve) => smtp.close(() => resolve(undefined)))
    }
  }, 120_000)
})
