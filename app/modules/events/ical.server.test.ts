import ICAL from 'ical.js'
import { expect, test } from 'vitest'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { createTestEvent, eventInput } from '#tests/factories/events.ts'
import { cancelEvent, type EventRecord, updateEvent } from './events.server.ts'
import { eventCalendar, feedCalendar, toCalendarEvents } from './ical.server.ts'

// Every iCalendar output is parsed back by ical.js (a second, independent implementation) and checked against the
// rules calendar apps trip on (reference-systems.md §5.1).

const system = systemActor('tests')

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  const events = calendar.getAllSubcomponents('vevent').map((c) => ({ component: c, event: new ICAL.Event(c) }))
  return { calendar, events }
}

async function ics(event: EventRecord) {
  const [calendarEvent] = await toCalendarEvents([event])
  return eventCalendar(calendarEvent)
}

function editInput(event: EventRecord, changes: Partial<ReturnType<typeof eventInput>>) {
  const { groupId: _g, structureId: _s, ...input } = eventInput({
    title: event.title,
    description: event.descriptionJson,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    communeInsee: event.communeInsee,
    address: event.address,
    kind: event.kind,
    visibility: event.visibility,
    ...changes,
  })
  return input
}

test('the stored UID, DTSTAMP in UTC, URL back to the page, the place as one line, CRLF only', async () => {
  const event = await createTestEvent({ startsAt: '2027-01-14T08:00:00Z', endsAt: '2027-01-14T11:00:00Z' })
  const text = await ics(event)
  expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/)
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  expect(text).toContain('METHOD:PUBLISH')
  const [{ event: parsed, component }] = parse(text).events
  expect(parsed.uid).toBe(event.uid)
  expect(component.getFirstPropertyValue('url')).toBe(`http://localhost:3000/agenda/${event.id}`)
  expect(parsed.location).toBe('12, rue de la Paix, Arras')
  expect(parsed.description).toContain(`Page de l’événement : http://localhost:3000/agenda/${event.id}`)
  expect(component.getFirstPropertyValue('status')).toBe('CONFIRMED')
  expect(parsed.summary).toBe(event.title)
})

test('TZID=Europe/Paris with its VTIMEZONE (STANDARD and DAYLIGHT by RRULE); a 9 h event reads 09:00 in Paris, winter and summer', async () => {
  for (const [startsAt, endsAt] of [
    ['2027-01-14T08:00:00Z', '2027-01-14T11:00:00Z'], // winter: UTC+1
    ['2027-06-17T07:00:00Z', '2027-06-17T10:00:00Z'], // summer: UTC+2
  ]) {
    const event = await createTestEvent({ startsAt, endsAt })
    const text = await ics(event)
    const day = startsAt.slice(0, 10).replaceAll('-', '')
    expect(text).toContain(`\r\nDTSTART;TZID=Europe/Paris:${day}T090000\r\n`)
    expect(text).toContain(`\r\nDTEND;TZID=Europe/Paris:${day}T120000\r\n`)
    // Every TZID used is declared by a VTIMEZONE of the file; no UTC zone by name.
    const used = new Set([...text.matchAll(/;TZID=([^:;]+)/g)].map((m) => m[1]))
    const declared = new Set([...text.matchAll(/\r\nTZID:([^\r]+)/g)].map((m) => m[1]))
    expect([...used]).toEqual(['Europe/Paris'])
    expect([...declared]).toEqual(['Europe/Paris'])
    const { calendar, events } = parse(text)
    const zone = calendar.getFirstSubcomponent('vtimezone')!
    expect(zone.getFirstSubcomponent('standard')?.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU')
    expect(zone.getFirstSubcomponent('daylight')?.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU')
    const start = events[0].event.startDate
    expect(start.zone?.tzid).toBe('Europe/Paris')
    expect([start.hour, start.minute]).toEqual([9, 0])
    // The instant is right, not only the wall clock: back to the stored UTC time.
    expect(start.toJSDate().toISOString()).toBe(new Date(startsAt).toISOString())
    expect(events[0].event.endDate.toJSDate().toISOString()).toBe(new Date(endsAt).toISOString())
  }
})

test('editing keeps the UID and raises SEQUENCE when the time or the place moves; cancelling says STATUS:CANCELLED', async () => {
  const event = await createTestEvent({ startsAt: '2027-02-04T08:00:00Z', endsAt: '2027-02-04T10:00:00Z' })
  const first = parse(await ics(event)).events[0].event
  expect(first.sequence).toBe(0)
  const moved = await updateEvent({
    id: event.id,
    input: editInput(event, { startsAt: '2027-02-04T09:00:00Z', endsAt: '2027-02-04T11:00:00Z' }),
    expectedVersion: 1,
    actor: system,
  })
  if (!moved.ok) throw new Error(JSON.stringify(moved))
  const second = parse(await ics(moved.event)).events[0].event
  expect(second.uid).toBe(first.uid)
  expect(second.sequence).toBe(1)
  expect(second.startDate.hour).toBe(10)
  const cancelled = await cancelEvent({ id: event.id, actor: system })
  if (!cancelled.ok) throw new Error(JSON.stringify(cancelled))
  const third = parse(await ics(cancelled.event)).events[0]
  expect(third.event.uid).toBe(first.uid)
  expect(third.event.sequence).toBe(2)
  expect(third.component.getFirstPropertyValue('status')).toBe('CANCELLED')
  expect(third.event.summary).toBe(`Annulé : ${event.title}`)
})

test('commas, semicolons, backslashes and newlines are escaped and read back as written; long lines are folded at 75 bytes', async () => {
  const title = 'Formation « comptabilité, gestion; fiscalité » \\ niveau 1 — 🐝 été œuvre '.repeat(3).trim()
  const body = `${'Accueil café, présentations; tour de table — éèàœ 🐝. '.repeat(12)}`.trim()
  const event = await createTestEvent({
    title: title.slice(0, 200),
    description: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: body }] }] },
    address: 'Salle 2, 3 rue du Marché; bâtiment B',
  })
  const text = await ics(event)
  expect(text).toContain('\\,')
  expect(text).toContain('\\;')
  expect(text).toContain('\\\\')
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75)
  expect(text).toMatch(/\r\n [^\r]/) // something was folded
  const { event: parsed } = parse(text).events[0]
  expect(parsed.summary).toBe(event.title)
  expect(parsed.description.startsWith(body)).toBe(true)
  expect(parsed.location).toBe('Salle 2, 3 rue du Marché; bâtiment B, Arras')
})

test('a feed: named, refresh interval, every event with its own UID, one VTIMEZONE; an online event gives its link as place', async () => {
  const a = await createTestEvent({ startsAt: '2027-04-01T07:00:00Z', endsAt: '2027-04-01T09:00:00Z' })
  const b = await createTestEvent({ communeInsee: null, address: '', onlineUrl: 'https://visio.example.org/cdess' })
  const text = feedCalendar(await toCalendarEvents([a, b]), 'Agenda du réseau ESS — Pas-de-Calais', { now: new Date('2027-01-01T12:00:00Z') })
  expect(text).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n')
  expect(text).toContain('\r\nX-PUBLISHED-TTL:PT6H\r\n')
  expect(text).toContain('\r\nDTSTAMP:20270101T120000Z\r\n')
  const { calendar, events } = parse(text)
  expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Agenda du réseau ESS — Pas-de-Calais')
  expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1)
  expect(events.map((e) => e.event.uid)).toEqual([a.uid, b.uid])
  expect(events[1].event.location).toBe('https://visio.example.org/cdess')
  expect(events[1].event.description).toContain('En ligne : https://visio.example.org/cdess')
})
