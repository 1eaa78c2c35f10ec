import { db } from '#db/client.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { createTestEvent } from './events.ts'
import { createTestResource } from './resources.ts'
import { createTestStructure } from './structures.ts'
import { createTestUser } from './users.ts'
import type { ResourceStatus, ResourceType, ResourceVisibility } from '#db/schema/resources.ts'
import type { LegalForm } from '#db/schema/structures.ts'
import type { RegistrationState } from '#db/schema/events.ts'

// Dated content for the indicators' tests: made through the other factories (so every row is a real one), then moved
// to the month under test (dates, territory) straight in the database.

export async function datedMember(at: string, territoryId: string | null) {
  return createTestUser({ emailVerifiedAt: at, territoryId, createdAt: at })
}

export async function datedStructure(at: string, territoryId: string, legalForm: LegalForm = 'association') {
  const { structure } = await createTestStructure({ input: { legalForm } })
  await db.updateTable('structures').set({ createdAt: at, territoryId }).where('id', '=', structure.id).execute()
  return structure
}

export async function datedResource(
  at: string,
  territory: string,
  options: { type?: ResourceType; visibility?: ResourceVisibility; status?: ResourceStatus } = {},
) {
  const author = await createTestUser()
  const resource = await createTestResource({
    author,
    type: options.type ?? 'initiative',
    visibility: options.visibility ?? 'public',
    status: options.status ?? 'published',
    overrides: { territory },
  })
  await db.updateTable('resources').set({ publishedAt: at, createdAt: at }).where('id', '=', resource.id).execute()
  return resource
}

export async function datedEvent(
  startsAt: string,
  territorySlug: string,
  options: { visibility?: 'public' | 'group'; groupId?: string; cancelled?: boolean; registrations?: RegistrationState[] } = {},
) {
  const event = await createTestEvent()
  const endsAt = new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString()
  await db
    .updateTable('events')
    .set({
      startsAt,
      endsAt,
      territorySlug,
      visibility: options.visibility ?? 'public',
      ...(options.cancelled ? { status: 'cancelled' as const, cancelledAt: startsAt } : {}),
    })
    .where('id', '=', event.id)
    .execute()
  if (options.visibility === 'group' && options.groupId) await db.insertInto('eventGroups').values({ eventId: event.id, groupId: options.groupId }).execute()
  let position = 0
  for (const state of options.registrations ?? []) {
    const user = await createTestUser()
    await db
      .insertInto('eventRegistrations')
      .values({
        id: newId(),
        eventId: event.id,
        userId: user.id,
        state,
        position: state === 'waiting' ? ++position : null,
        createdAt: startsAt,
        promotedAt: null,
        cancelledAt: state === 'cancelled' ? startsAt : null,
      })
      .execute()
  }
  return event
}

/** A pathway of `steps` link steps (published unless told), with its step ids. */
export async function datedPathway(options: { territorySlug: string | null; steps: number; status?: 'draft' | 'published' }) {
  const id = newId()
  const now = new Date().toISOString()
  await db
    .insertInto('pathways')
    .values({
      id,
      slug: `parcours-indicateurs-${id.toLowerCase()}`,
      title: 'Parcours pour les indicateurs',
      introJson: '{"type":"doc","content":[]}',
      territorySlug: options.territorySlug,
      groupId: null,
      contactId: null,
      status: options.status ?? 'published',
      publishedAt: options.status === 'draft' ? null : now,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute()
  const stepIds: string[] = []
  for (let i = 0; i < options.steps; i++) {
    const stepId = newId()
    await db
      .insertInto('pathwaySteps')
      .values({ id: stepId, pathwayId: id, position: i, kind: 'link', url: `https://www.exemple.fr/etape-${i}`, linkTitle: `Étape ${i}`, createdAt: now })
      .execute()
    stepIds.push(stepId)
  }
  return { id, stepIds }
}

/** A person marks the given steps done at the given instants. */
export async function markSteps(steps: readonly { stepId: string; at: string }[]) {
  const user = await createTestUser()
  for (const step of steps) await db.insertInto('pathwayProgress').values({ userId: user.id, stepId: step.stepId, doneAt: step.at }).execute()
  return user
}

export async function reviewStep(resourceId: string, event: 'submitted' | 'approved' | 'changes_requested' | 'refused', at: string) {
  await db.insertInto('resourceReviews').values({ id: newId(), resourceId, actorId: null, event, note: '', createdAt: at }).execute()
}
