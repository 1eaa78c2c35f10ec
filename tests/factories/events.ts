import { systemActor } from '#app/modules/auth/viewer.ts'
import { createTestGroup } from './group-pages.ts'
import { createEvent, type EventInput, type EventRecord } from '#app/modules/events/events.server.ts'

// Events for tests, created through the module (as the system, unless an actor is given): validation, UID and audit
// are the real ones.

export function eventDescription(text = 'Une séance de travail du réseau.') {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
}

/** An input for a public event in Arras next month, 9 h to 12 h (Paris), organised by `groupId` or `structureId`. */
export function eventInput(overrides: Partial<EventInput> = {}): EventInput {
  const start = new Date(Date.now() + 30 * 24 * 3600 * 1000)
  start.setUTCHours(8, 0, 0, 0)
  const end = new Date(start.getTime() + 3 * 3600 * 1000)
  return {
    title: 'Séance de travail territoriale',
    description: eventDescription(),
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    communeInsee: '62041',
    address: '12, rue de la Paix',
    kind: 'seance-territoriale',
    visibility: 'public',
    ...overrides,
  }
}

/** An event (organised by a new test group unless told otherwise). */
export async function createTestEvent(overrides: Partial<EventInput> = {}): Promise<EventRecord> {
  const organiser = overrides.groupId || overrides.structureId ? {} : { groupId: (await createTestGroup()).id }
  const result = await createEvent({ actor: systemActor('tests'), input: eventInput({ ...organiser, ...overrides }) })
  if (!result.ok) throw new Error(`createTestEvent: ${JSON.stringify(result)}`)
  return result.event
}
