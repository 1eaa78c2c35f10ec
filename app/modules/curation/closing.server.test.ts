import { expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { fundingState } from '#search/funding-state.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { CLOSING_SCHEDULE, closeExpiredCalls, startClosingJob } from './closing.server.ts'
import { Cron } from 'croner'

async function call(deadline: string) {
  const author = await createTestUser()
  return createTestResource({ author, overrides: { openingDate: '2025-01-06T09:00', deadline } })
}

async function closedAt(id: string) {
  return (await db.selectFrom('resources').select('closedAt').where('id', '=', id).executeTakeFirstOrThrow()).closedAt
}

async function outboxRows(id: string) {
  return (await db.selectFrom('searchOutbox').select('id').where('entityId', '=', id).execute()).length
}

test('a call is closed once its deadline passed (Paris time), the search document refreshed; run twice, same result', async () => {
  // 31 mars 2027, 12 h à Paris = 10 h UTC.
  const resource = await call('2027-03-31T12:00')
  const before = new Date('2027-03-31T09:59:59Z')
  expect((await closeExpiredCalls({ now: before })).closed).not.toContain(resource.id)
  expect(await closedAt(resource.id)).toBeNull()
  const after = new Date('2027-03-31T10:00:00Z')
  const queued = await outboxRows(resource.id)
  const first = await closeExpiredCalls({ now: after })
  expect(first.closed).toContain(resource.id)
  expect(await closedAt(resource.id)).toBe(after.toISOString())
  expect(await outboxRows(resource.id)).toBe(queued + 1)
  // The job and the one rule agree.
  expect(fundingState({ openingDate: resource.openingDate, deadline: resource.deadline }, after)).toBe('closed')
  expect(fundingState({ openingDate: resource.openingDate, deadline: resource.deadline }, before)).toBe('open')
  const second = await closeExpiredCalls({ now: new Date('2027-03-31T10:15:00Z') })
  expect(second.closed).not.toContain(resource.id)
  expect(await closedAt(resource.id)).toBe(after.toISOString())
  expect(await outboxRows(resource.id)).toBe(queued + 1)
})

test('a deadline moved back into the future reopens the call', async () => {
  const resource = await call('2027-04-30T12:00')
  await closeExpiredCalls({ now: new Date('2027-05-01T00:00:00Z') })
  await db.updateTable('resources').set({ deadline: '2027-06-30T10:00:00.000Z' }).where('id', '=', resource.id).execute()
  expect((await closeExpiredCalls({ now: new Date('2027-05-01T00:15:00Z') })).reopened).toContain(resource.id)
  expect(await closedAt(resource.id)).toBeNull()
})

test('after a simulated restart, a call whose deadline passed while the server was down is closed at start', async () => {
  const resource = await call('2027-07-15T23:59')
  // The server ran until the evening of the 15th, then was down overnight.
  expect((await closeExpiredCalls({ now: new Date('2027-07-15T20:00:00Z') })).closed).not.toContain(resource.id)
  const errors: unknown[] = []
  const morning = new Date('2027-07-16T07:00:00Z')
  const stop = startClosingJob({ onError: (e) => errors.push(e), now: () => morning })
  try {
    await expect.poll(() => closedAt(resource.id)).toBe(morning.toISOString())
  } finally {
    stop()
  }
  expect(errors).toEqual([])
})

test('the schedule is every 15 minutes in Paris time', () => {
  const job = new Cron(CLOSING_SCHEDULE, { timezone: 'Europe/Paris', paused: true })
  const next = job.nextRun(new Date('2027-03-28T00:50:00Z'))
  expect(next?.toISOString()).toBe('2027-03-28T01:00:00.000Z')
  job.stop()
})
