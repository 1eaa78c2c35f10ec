import { parseWithZod } from '@conform-to/zod'
import type { Submission } from '@conform-to/react'
import { isAdmin, type PersonViewer } from '#app/modules/auth/viewer.ts'
import { parseDiscussionBody, plainTextToDiscussionDoc } from '#app/modules/discussions/discussion-text.server.ts'
import { toParisInputValue } from '#app/modules/resources/dates.ts'
import { getCommuneOption, resolveCommuneInput } from '#app/modules/territories/territories.server.ts'
import { db } from '#db/client.server.ts'
import { can } from './events.policy.ts'
import { EVENT_FORM_MESSAGES, EventFormSchema, type EventFormValue, organiserValue, parisInstant, parseOrganiser } from './events.schema.ts'
import { type EventFieldErrors, type EventInput, type EventRecord, eventAccessItem, getEventById } from './events.server.ts'

// The event form's server side (/agenda/nouveau, /agenda/:id/modifier): who may organise (the picker), reading a
// submission into the module's input, the module's French errors put back on the form's fields, and the values of an
// event for its edit form. The writes and their rules are events.server.ts's.

export type OrganiserOption = { value: string; label: string; kind: 'group' | 'structure' }

/**
 * The organisers this person may create an event for (events.policy.ts `canCreateFor`): admins every group and
 * structure; a verified person the groups they coordinate and the structures they belong to. Empty: they may not.
 */
export async function listOrganiserOptions(viewer: PersonViewer): Promise<OrganiserOption[]> {
  const admin = isAdmin(viewer)
  if (!admin && !viewer.verified) return []
  const coordinated = [...viewer.groups].filter(([, role]) => role === 'coordinator').map(([id]) => id)
  const structureIds = [...viewer.structures.keys()]
  const groups =
    admin || coordinated.length > 0
      ? await db
          .selectFrom('groups')
          .select(['id', 'name'])
          .$if(!admin, (q) => q.where('id', 'in', coordinated))
          .orderBy('name')
          .execute()
      : []
  const structures =
    admin || structureIds.length > 0
      ? await db
          .selectFrom('structures')
          .select(['id', 'name'])
          .$if(!admin, (q) => q.where('id', 'in', structureIds))
          .orderBy('name')
          .execute()
      : []
  return [
    ...groups.map((g) => ({ value: organiserValue({ groupId: g.id, structureId: null }), label: g.name, kind: 'group' as const })),
    ...structures.map((s) => ({ value: organiserValue({ groupId: null, structureId: s.id }), label: s.name, kind: 'structure' as const })),
  ]
}

/** The form's field where each of the module's errors is shown. */
const FIELD_OF: Record<keyof EventFieldErrors, keyof EventFormValue> = {
  title: 'title',
  description: 'description',
  startsAt: 'startDate',
  endsAt: 'endDate',
  communeInsee: 'communeLabel',
  address: 'address',
  onlineUrl: 'onlineUrl',
  groupId: 'organiser',
  structureId: 'organiser',
  organiser: 'organiser',
  territorySlug: 'territory',
  kind: 'kind',
  capacity: 'capacity',
  registrationDeadline: 'deadlineDate',
  visibility: 'visibility',
  groupIds: 'visibility',
}

export function moduleFieldErrors(errors: EventFieldErrors): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {}
  for (const [key, message] of Object.entries(errors)) {
    if (!message) continue
    const field = FIELD_OF[key as keyof EventFieldErrors] ?? 'title'
    fieldErrors[field] = [...(fieldErrors[field] ?? []), message]
  }
  return fieldErrors
}

/** The description as posted: the plain text typed without JavaScript, else the editor's document. */
function postedDescription(formData: FormData): unknown {
  const typed = plainTextToDiscussionDoc(formData.get('descriptionText'))
  if (typed) return typed
  const json = formData.get('description')
  return typeof json === 'string' && json.trim() ? json : null
}

function descriptionError(description: unknown): string | null {
  if (description === null) return EVENT_FORM_MESSAGES.description
  const result = parseDiscussionBody(description)
  if (result.ok) return null
  return result.error === 'Le message est vide.' ? EVENT_FORM_MESSAGES.description : result.error
}

type Reply = ReturnType<Submission<unknown>['reply']>

export type ParsedEventForm =
  | { ok: true; input: EventInput; submission: Submission<EventFormValue> }
  | { ok: false; reply: Reply }

/**
 * Reads a posted event form: the zod schema for the fields, the commune resolved from the combobox (or the text typed
 * without JavaScript), the description checked by the restricted rich-text validator. Either the module's input, or
 * the submission to answer with (400), every error at once and every typed value kept.
 */
export async function parseEventForm(formData: FormData): Promise<ParsedEventForm> {
  const submission = parseWithZod(formData, { schema: EventFormSchema })
  const commune = await resolveCommuneInput(formData, 'commune', { required: false })
  const description = postedDescription(formData)
  const extra: Record<string, string[]> = {}
  const descriptionProblem = descriptionError(description)
  if (descriptionProblem) extra.description = [descriptionProblem]
  if ('error' in commune) extra.communeLabel = [commune.error]
  if (submission.status !== 'success' || Object.keys(extra).length > 0 || 'error' in commune) {
    const existing = submission.status === 'success' ? {} : (submission.error ?? {})
    const fieldErrors: Record<string, string[]> = {}
    for (const [key, messages] of Object.entries(existing)) if (messages) fieldErrors[key] = [...messages]
    for (const [key, messages] of Object.entries(extra)) fieldErrors[key] = [...new Set([...(fieldErrors[key] ?? []), ...messages])]
    return { ok: false, reply: submission.reply({ fieldErrors }) }
  }
  const value = submission.value
  const organiser = parseOrganiser(value.organiser)
  const startsAt = parisInstant(value.startDate, value.startTime)!
  const endsAt = parisInstant(value.endDate, value.endTime)!
  const input: EventInput = {
    title: value.title,
    description,
    startsAt,
    endsAt,
    communeInsee: commune.insee,
    address: value.address ?? '',
    onlineUrl: value.onlineUrl || null,
    ...organiser,
    territorySlug: value.territory || null,
    kind: value.kind,
    capacity: value.capacity ? Number(value.capacity) : null,
    registrationDeadline: value.deadlineDate && value.deadlineTime ? parisInstant(value.deadlineDate, value.deadlineTime) : null,
    visibility: value.visibility,
    // A group-only event is for the members of the organising group.
    groupIds: value.visibility === 'group' && organiser.groupId ? [organiser.groupId] : [],
  }
  return { ok: true, input, submission }
}

export type EventFormDefaults = Record<Exclude<keyof EventFormValue, 'description'>, string> & { description: string }

function split(iso: string | null): { day: string; time: string } {
  const local = toParisInputValue(iso)
  return { day: local.slice(0, 10), time: local.slice(11, 16) }
}

/** The values of an event in its edit form (Paris dates and times). */
export async function eventFormDefaults(event: EventRecord): Promise<EventFormDefaults> {
  const commune = event.communeInsee ? await getCommuneOption(event.communeInsee) : null
  const start = split(event.startsAt)
  const end = split(event.endsAt)
  const deadline = split(event.registrationDeadline)
  return {
    organiser: organiserValue(event),
    title: event.title,
    description: event.descriptionJson,
    descriptionText: '',
    kind: event.kind,
    startDate: start.day,
    startTime: start.time,
    endDate: end.day,
    endTime: end.time,
    commune: commune?.insee ?? '',
    communeLabel: commune?.name ?? '',
    address: event.address,
    onlineUrl: event.onlineUrl ?? '',
    territory: event.territorySlug ?? '',
    capacity: event.capacity === null ? '' : String(event.capacity),
    deadlineDate: deadline.day,
    deadlineTime: deadline.time,
    visibility: event.visibility,
  }
}

/**
 * The event to edit or cancel: `not-found` when the viewer may not read it (never confirm it exists), `forbidden`
 * when they read it but may not change it (a cancelled event is changed by nobody).
 */
export async function getEventForOrganiser(
  id: string,
  viewer: PersonViewer,
  action: 'edit' | 'cancel',
): Promise<{ ok: true; event: EventRecord } | { ok: false; reason: 'not-found' | 'forbidden' | 'cancelled' }> {
  const event = await getEventById(id)
  if (!event || !can(viewer, 'read', eventAccessItem(event))) return { ok: false, reason: 'not-found' }
  if (event.status === 'cancelled') return { ok: false, reason: 'cancelled' }
  if (!can(viewer, action, eventAccessItem(event))) return { ok: false, reason: 'forbidden' }
  return { ok: true, event }
}

/** The organiser's name for an event (the edit form shows it: the organiser does not change). */
export async function organiserName(event: Pick<EventRecord, 'groupId' | 'structureId'>): Promise<string | null> {
  if (event.groupId) return (await db.selectFrom('groups').select('name').where('id', '=', event.groupId).executeTakeFirst())?.name ?? null
  if (event.structureId)
    return (await db.selectFrom('structures').select('name').where('id', '=', event.structureId).executeTakeFirst())?.name ?? null
  return null
}
