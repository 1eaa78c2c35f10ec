import { TZDate } from '@date-fns/tz'
import { expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { seedDemoData } from '../seed.server.ts'
import { DEMO_EVENTS, demoEventTimes } from './events.ts'

test('demo agenda: both CDESS plenaries, past and upcoming events, a full training with its waiting list; idempotent', async () => {
  await seedDemoData(db)
  const events = await db.selectFrom('events').select(['id', 'title', 'kind', 'startsAt', 'capacity', 'visibility']).execute()
  const demo = events.filter((e) => DEMO_EVENTS.some((d) => d.title === e.title))
  expect(demo).toHaveLength(DEMO_EVENTS.length)
  expect(demo.filter((e) => e.kind === 'pleniere-cdess')).toHaveLength(2)
  const now = Date.now()
  expect(demo.some((e) => Date.parse(e.startsAt) < now)).toBe(true)
  expect(demo.filter((e) => Date.parse(e.startsAt) > now).length).toBeGreaterThanOrEqual(4)
  expect(demo.some((e) => e.visibility === 'group')).toBe(true)

  const full = demo.find((e) => e.title === 'Atelier : monter un dossier FSE+ pas à pas')
  const states = await db.selectFrom('eventRegistrations').select(['state', 'position']).where('eventId', '=', full?.id ?? '').orderBy('createdAt').execute()
  expect(states.filter((s) => s.state === 'registered')).toHaveLength(5)
  expect(states.filter((s) => s.state === 'waiting').map((s) => s.position)).toEqual([1, 2])

  await seedDemoData(db)
  expect(await db.selectFrom('events').select('id').execute()).toHaveLength(events.length)
})

test('demo times are Paris wall-clock times: 9 h in winter and in summer', () => {
  const event = DEMO_EVENTS[0]
  for (const now of [new Date('2026-12-03T10:00:00Z'), new Date('2027-05-01T10:00:00Z')]) {
    const start = new TZDate(demoEventTimes(event, now).startsAt, 'Europe/Paris')
    expect(start.getHours()).toBe(event.hours[0])
    expect(start.getTime()).toBeGreaterThan(now.getTime())
  }
})
