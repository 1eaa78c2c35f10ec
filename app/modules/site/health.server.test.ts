import { describe, expect, test } from 'vitest'
import { createDb, db } from '#db/client.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { checkHealth } from './health.server.ts'

describe('checkHealth', () => {
  test('ok with the email outbox counts', async () => {
    const before = await checkHealth()
    expect(before.httpStatus).toBe(200)
    expect(before.report).toMatchObject({ status: 'ok', database: 'ok' })
    const pendingBefore = before.report.status === 'ok' ? before.report.emailOutbox.pending : -1
    await enqueueEmail({ to: 'a@exemple.fr', subject: 'Test', text: 'Bonjour', html: '<p>Bonjour</p>', template: 'test' })
    const after = await checkHealth()
    expect(after.report).toEqual({
      status: 'ok',
      database: 'ok',
      emailOutbox: { pending: pendingBefore + 1, failed: expect.any(Number), delivery: 'dev-mailbox' },
      search: { pending: expect.any(Number), failed: expect.any(Number), engine: 'sqlite' },
      notificationOutbox: { pending: expect.any(Number), failed: expect.any(Number) },
    })
  })

  test('counts failed emails apart', async () => {
    const id = await enqueueEmail({ to: 'b@exemple.fr', subject: 'x', text: 'x', html: 'x', template: 'test' })
    const before = await checkHealth()
    await db.updateTable('emailOutbox').set({ status: 'failed' }).where('id', '=', id).execute()
    const after = await checkHealth()
    if (before.report.status !== 'ok' || after.report.status !== 'ok') throw new Error('expected ok')
    expect(after.report.emailOutbox.failed).toBe(before.report.emailOutbox.failed + 1)
    expect(after.report.emailOutbox.pending).toBe(before.report.emailOutbox.pending - 1)
  })

  test('503 without details when the database cannot be queried', async () => {
    const broken = createDb(getEnv().databaseFile)
    expect((await checkHealth(broken.db)).httpStatus).toBe(200)
    await broken.db.destroy()
    const result = await checkHealth(broken.db)
    expect(result.httpStatus).toBe(503)
    expect(result.report).toEqual({ status: 'error', database: 'error' })
    expect(result.error).toBeInstanceOf(Error)
  })
})
