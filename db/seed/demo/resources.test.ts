import { ANONYMOUS } from '../../../app/modules/auth/viewer.ts'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { DEMO_USERS } from '../seed.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { buildDemoResources, resourcesDemoSeeder } from './resources.ts'
import { listResources } from '#app/modules/resources/resources.server.ts'

describe('demo resources', () => {
  test('at least 120 resources across the four kinds and the nine territories, open and closed calls, future sessions', async () => {
    for (const user of DEMO_USERS) {
      const exists = await db.selectFrom('users').select('id').where('email', '=', user.email).executeTakeFirst()
      if (!exists) await createTestUser({ email: user.email, name: user.name, role: user.role })
    }
    const items = buildDemoResources()
    expect(items.length).toBeGreaterThanOrEqual(120)
    await resourcesDemoSeeder.seed(db, () => {})
    // Idempotent: a second run adds nothing.
    await resourcesDemoSeeder.seed(db, () => {})
    const rows = await db.selectFrom('resources').select(['type', 'territory', 'deadline', 'openingDate']).where('externalId', 'like', 'demo-%').execute()
    expect(rows).toHaveLength(items.length)
    expect(new Set(rows.map((r) => r.type)).size).toBe(4)
    expect(new Set(rows.map((r) => r.territory)).size).toBe(10)
    const open = await listResources(ANONYMOUS, { openOnly: true }, { pageSize: 200 })
    expect(open.items.filter((i) => i.fundingState === 'open').length).toBeGreaterThan(5)
    const calls = await listResources(ANONYMOUS, { type: 'financement-europeen' }, { pageSize: 200 })
    expect(calls.items.some((i) => i.fundingState === 'closed')).toBe(true)
    expect(calls.items.some((i) => i.fundingState === 'upcoming')).toBe(true)
    const sessions = await db.selectFrom('trainingSessions').select('startsOn').execute()
    expect(sessions.filter((s) => s.startsOn > new Date().toISOString().slice(0, 10)).length).toBeGreaterThan(30)
  })

  test('French of the demo texts: articles in the call summaries, no « Autre » programme, summaries not repeated in the body', () => {
    const items = buildDemoResources(new Date('2026-12-02T10:00:00Z'))
    const calls = items.filter((i) => i.input.type === 'financement-europeen')
    for (const call of calls) {
      expect(call.input.summary).toMatch(/^(Le |La |Les |L’)/)
      expect(call.input.programme).not.toBe('Autre')
      expect(call.input.title).not.toMatch(/^Autre /)
      // A European programme is not a France Active fund.
      expect(call.input.managingBody).not.toMatch(/France Active/)
    }
    expect(calls.some((c) => String(c.input.summary).startsWith('Le Département du Pas-de-Calais ouvre'))).toBe(true)
    expect(calls.some((c) => String(c.input.summary).startsWith('La Région Hauts-de-France ouvre'))).toBe(true)
    for (const item of items) {
      const summary = String(item.input.summary)
      const firstParagraph = String(item.input.bodyText).split('\n\n')[0]
      expect(firstParagraph.toLowerCase()).not.toContain(summary.slice(1, 60).toLowerCase())
    }
  })
})
