import { expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { EMAIL_RETENTION_DAYS, enqueueEmail, purgeOldEmails } from './outbox.server.ts'

test('sent and abandoned emails are erased after the retention period, pending ones never', async () => {
  const make = (to: string) => enqueueEmail({ to, subject: 's', text: 't', html: '<p>t</p>', template: 'test' })
  const old = new Date(Date.now() - (EMAIL_RETENTION_DAYS + 1) * 86_400_000).toISOString()
  const recent = new Date().toISOString()
  const sentOld = await make('a@exemple.fr')
  const sentRecent = await make('b@exemple.fr')
  const failedOld = await make('c@exemple.fr')
  const pendingOld = await make('d@exemple.fr')
  await db.updateTable('emailOutbox').set({ status: 'sent', sentAt: old }).where('id', '=', sentOld).execute()
  await db.updateTable('emailOutbox').set({ status: 'sent', sentAt: recent }).where('id', '=', sentRecent).execute()
  await db.updateTable('emailOutbox').set({ status: 'failed', createdAt: old }).where('id', '=', failedOld).execute()
  await db.updateTable('emailOutbox').set({ createdAt: old }).where('id', '=', pendingOld).execute()
  expect(await purgeOldEmails()).toBe(2)
  const left = (await db.selectFrom('emailOutbox').select('id').execute()).map((r) => r.id)
  expect(left).toEqual(expect.arrayContaining([sentRecent, pendingOld]))
  expect(left).not.toContain(sentOld)
  expect(left).not.toContain(failedOld)
})
