import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { count, figure, killHard, nextMessage, startChild } from './harness.ts'

// Issue 18, resilience 1: several processes write the same rows of one SQLite file at the same moment, through the
// app's write functions — a counter upserted outside any transaction (a funding call's views) and a reaction toggled
// in a BEGIN IMMEDIATE transaction that also enqueues a notification. Every write lands exactly once and none fails:
// busy_timeout makes the others wait, no SQLITE_BUSY reaches anyone.
const PROCESSES = count(4, 8)
const WRITES = count(100, 500)

type Report = { views: number; activations: number; deactivations: number; errors: Record<string, number> }

describe(`${PROCESSES} processes × ${WRITES} writes to the same rows`, () => {
  it('ends with exact counts and no error', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, type: 'financement-europeen' })
    const people = await Promise.all(Array.from({ length: PROCESSES }, () => createTestUser()))
    const children = people.map((person) => startChild('concurrent-writer.ts', { args: [resource.id, person.id, String(WRITES)] }))
    try {
      await Promise.all(children.map((child) => nextMessage(child)))
      const started = performance.now()
      const reports = children.map((child) => nextMessage<Report>(child))
      for (const child of children) child.process.send('go')
      const results = await Promise.all(reports)
      const seconds = (performance.now() - started) / 1000

      const toggles = Math.floor(WRITES / 2)
      for (const result of results) {
        expect(result.errors).toEqual({})
        expect(result.views).toBe(Math.ceil(WRITES / 2))
        expect(result.activations).toBe(Math.ceil(toggles / 2))
        expect(result.deactivations).toBe(Math.floor(toggles / 2))
      }
      const views = await db
        .selectFrom('resourceViewStats')
        .select((eb) => eb.fn.sum<number>('views').as('n'))
        .where('resourceId', '=', resource.id)
        .executeTakeFirstOrThrow()
      expect(Number(views.n)).toBe(PROCESSES * Math.ceil(WRITES / 2))
      const reactions = await db.selectFrom('resourceReactions').select('userId').where('resourceId', '=', resource.id).execute()
      // A person's reaction is on after an odd number of toggles.
      expect(reactions.length).toBe(toggles % 2 === 1 ? PROCESSES : 0)
      const notifications = await db
        .selectFrom('notificationOutbox')
        .select('payloadJson')
        .where('kind', '=', 'reaction')
        .execute()
      const forResource = notifications.filter((row) => JSON.parse(row.payloadJson).resourceId === resource.id)
      expect(forResource.length).toBe(PROCESSES * Math.ceil(toggles / 2))
      figure(
        `écritures concurrentes : ${PROCESSES} processus × ${WRITES} écritures sur les mêmes lignes en ${seconds.toFixed(1)} s ` +
          `(${Math.round((PROCESSES * WRITES) / seconds)} écritures/s), 0 SQLITE_BUSY, comptes exacts`,
      )
    } finally {
      await Promise.all(children.map(killHard))
    }
  }, 120_000)
})
