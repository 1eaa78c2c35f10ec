import type { Selectable } from 'kysely'
import { enqueueNotification } from '#app/modules/notifications/outbox.server.ts'
import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import type { Actor } from '#app/modules/auth/viewer.ts'
import { isAdmin, viewerId } from '#app/modules/auth/viewer.ts'
import { parseDiscussionBody } from '#app/modules/discussions/discussion-text.server.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { db, type Executor } from '#db/client.server.ts'
import { enqueueSearchUpdate } from '#search/outbox.server.ts'
import { EVENT_KINDS, type EventKind, type EventsTable, type EventVisibility } from '#db/schema/events.ts'
import { eventCancelledMessage } from './emails.server.ts'
import { can, canCreateFor, type EventAccessItem, visibleTo } from './events.policy.ts'
import { promoteWaiting } from './registrations.server.ts'

// Writes and reads of events (issue 13). Every write takes the actor and asks the policy (events.policy.ts) itself.
// The iCalendar UID is made once at creation and never changed; SEQUENCE goes up when the start, the end or the place
// (commune, address, online link) changes, and on cancellation. Editing never touches registrations, except that a
// larger capacity promotes people waiting, in the same transaction (registrations.server.ts `promoteWaiting`).

export type EventRow = Selectable<EventsTable>
export type EventRecord = EventRow & { groupIds: string[] }

export type EventInput = {
  title: string
  /** Restricted rich text (the discussions' set), as posted (JSON string or object). */
  description: unknown
  /** Instants (ISO-8601 with an offset, or Date); stored in UTC. */
  startsAt: string | Date
  endsAt: string | Date
  communeInsee?: string | null
  address?: string
  onlineUrl?: string | null
  /** The organiser: exactly one. */
  groupId?: string | null
  structureId?: string | null
  territorySlug?: string | null
  kind: EventKind
  capacity?: number | null
  registrationDeadline?: string | Date | null
  visibility: EventVisibility
  /** For `group` visibility: the groups whose members read it. */
  groupIds?: readonly string[]
}

export const EVENT_MESSAGES = {
  conflict: 'Cet événement a été modifié entre-temps par quelqu’un d’autre : rechargez la page pour voir sa version actuelle.',
  cancelled: 'Cet événement est annulé : il ne peut plus être modifié.',
} as const

export type EventFieldErrors = Partial<Record<keyof EventInput | 'organiser', string>>
type Invalid = { ok: false; reason: 'invalid'; errors: EventFieldErrors }
type Forbidden = { ok: false; reason: 'forbidden' }
type NotFound = { ok: false; reason: 'not-found' }
const FORBIDDEN: Forbidden = { ok: false, reason: 'forbidden' }
const NOT_FOUND: NotFound = { ok: false, reason: 'not-found' }

type Checked = Omit<
  EventRow,
  'id' | 'uid' | 'status' | 'sequence' | 'cancelledAt' | 'createdBy' | 'createdAt' | 'updatedAt' | 'version'
> & { groupIds: string[] }

function toUtc(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function validate(input: EventInput): { value: Checked } | Invalid {
  const errors: EventFieldErrors = {}
  const title = input.title.trim()
  if (title.length === 0) errors.title = 'Donnez un titre à l’événement.'
  else if (title.length > 200) errors.title = 'Le titre ne doit pas dépasser 200 caractères.'
  const description = parseDiscussionBody(input.description)
  if (!description.ok) errors.description = description.error
  const startsAt = toUtc(input.startsAt)
  const endsAt = toUtc(input.endsAt)
  if (!startsAt) errors.startsAt = 'Indiquez une date et une heure de début valides.'
  if (!endsAt) errors.endsAt = 'Indiquez une date et une heure de fin valides.'
  else if (startsAt && endsAt < startsAt) errors.endsAt = 'La fin doit venir après le début.'
  const deadline = toUtc(input.registrationDeadline)
  if (input.registrationDeadline && !deadline) errors.registrationDeadline = 'Indiquez une date limite valide.'
  else if (deadline && startsAt && deadline > startsAt)
    errors.registrationDeadline = 'La date limite d’inscription doit précéder le début.'
  const capacity = input.capacity ?? null
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1))
    errors.capacity = 'Le nombre de places est un nombre entier d’au moins 1 (laissez vide pour ne pas limiter).'
  if (!EVENT_KINDS.includes(input.kind)) errors.kind = 'Choisissez le type d’événement.'
  const onlineUrl = input.onlineUrl?.trim() || null
  if (onlineUrl && !/^https?:\/\/[^\s]+$/i.test(onlineUrl)) errors.onlineUrl = 'Le lien doit commencer par https:// ou http://.'
  const address = (input.address ?? '').trim()
  if (address.length > 300) errors.address = 'L’adresse ne doit pas dépasser 300 caractères.'
  const groupId = input.groupId ?? null
  const structureId = input.structureId ?? null
  if ((groupId === null) === (structureId === null)) errors.organiser = 'Choisissez l’organisateur : un groupe ou une structure.'
  const groupIds = [...new Set(input.groupIds ?? [])]
  if (!['public', 'members', 'group'].includes(input.visibility)) errors.visibility = 'Choisissez à qui l’événement s’adresse.'
  else if (input.visibility === 'group' && groupIds.length === 0) errors.groupIds = 'Choisissez au moins un groupe.'
  if (Object.keys(errors).length > 0 || !description.ok) return { ok: false, reason: 'invalid', errors }
  return {
    value: {
      title,
      descriptionJson: JSON.stringify(description.doc),
      descriptionHtml: description.html,
      descriptionText: description.text,
      startsAt: startsAt!,
      endsAt: endsAt!,
      communeInsee: input.communeInsee || null,
      address,
      onlineUrl,
      groupId,
      structureId,
      territorySlug: input.territorySlug || null,
      kind: input.kind,
      capacity,
      registrationDeadline: deadline,
      visibility: input.visibility,
      groupIds: input.visibility === 'group' ? groupIds : [],
    },
  }
}

/** The groups an actor may make an event for: admins any; others the organising group and the groups they belong to. */
function mayTarget(actor: Actor, groupIds: readonly string[], organiserGroupId: string | null, current: readonly string[] = []) {
  if (actor.kind === 'system' || isAdmin(actor)) return true
  return groupIds.every((id) => id === organiserGroupId || current.includes(id) || actor.groups.has(id))
}

/** Checks what the database holds: the commune, the territory and the organiser exist; the territory from the commune. */
async function resolveReferences(value: Checked, trx: Executor): Promise<Checked | Invalid> {
  const errors: EventFieldErrors = {}
  let territorySlug = value.territorySlug
  if (value.communeInsee) {
    const commune = await trx
      .selectFrom('communes')
      .innerJoin('territories', 'territories.id', 'communes.territoryId')
      .select('territories.slug')
      .where('communes.insee', '=', value.communeInsee)
      .executeTakeFirst()
    if (!commune) errors.communeInsee = 'Choisissez une commune de la liste.'
    else territorySlug ??= commune.slug
  }
  if (territorySlug && !(await trx.selectFrom('territories').select('slug').where('slug', '=', territorySlug).executeTakeFirst()))
    errors.territorySlug = 'Choisissez un territoire de la liste.'
  if (value.groupId && !(await trx.selectFrom('groups').select('id').where('id', '=', value.groupId).executeTakeFirst()))
    errors.organiser = 'Ce groupe n’existe pas.'
  if (value.structureId && !(await trx.selectFrom('structures').select('id').where('id', '=', value.structureId).executeTakeFirst()))
    errors.organiser = 'Cette structure n’existe pas.'
  if (value.groupIds.length > 0) {
    const found = await trx.selectFrom('groups').select('id').where('id', 'in', value.groupIds).execute()
    if (found.length !== value.groupIds.length) errors.groupIds = 'Un des groupes choisis n’existe pas.'
  }
  if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors }
  return { ...value, territorySlug }
}

export function eventAccessItem(event: EventRecord): EventAccessItem {
  return {
    visibility: event.visibility,
    groupIds: event.groupIds,
    status: event.status,
    groupId: event.groupId,
    structureId: event.structureId,
    startsAt: event.startsAt,
    registrationDeadline: event.registrationDeadline,
  }
}

/** An event with its audience groups, whoever asks (callers check `can`), or null. */
export async function getEventById(id: string, trx: Executor = db): Promise<EventRecord | null> {
  const event = await trx.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst()
  if (!event) return null
  const groups = await trx.selectFrom('eventGroups').select('groupId').where('eventId', '=', id).orderBy('groupId').execute()
  return { ...event, groupIds: groups.map((g) => g.groupId) }
}

/** The event if `viewer` may read it, else null (a 404 for pages: never confirm it exists). */
export async function getEventForViewer(id: string, viewer: Parameters<typeof can>[0], trx: Executor = db) {
  const event = await getEventById(id, trx)
  return event && can(viewer, 'read', eventAccessItem(event)) ? event : null
}

/** The iCalendar UID of a new event: random (its UUIDv7 id), at the site's domain, kept forever. */
function makeUid(id: string): string {
  return `${id}@${getEnv().publicUrl.hostname}`
}

export type CreateEventResult = { ok: true; event: EventRecord } | Invalid | Forbidden

export async function createEvent(options: { actor: Actor; input: EventInput; now?: Date; trx?: Executor }): Promise<CreateEventResult> {
  const checked = validate(options.input)
  if (!('value' in checked)) return checked
  if (!canCreateFor(options.actor, checked.value)) return FORBIDDEN
  if (!mayTarget(options.actor, checked.value.groupIds, checked.value.groupId)) return FORBIDDEN
  const run = async (trx: Executor): Promise<CreateEventResult> => {
    const resolved = await resolveReferences(checked.value, trx)
    if ('ok' in resolved) return resolved
    const { groupIds, ...value } = resolved
    const now = (options.now ?? new Date()).toISOString()
    const id = newId()
    await trx
      .insertInto('events')
      .values({
        ...value,
        id,
        uid: makeUid(id),
        status: 'scheduled',
        sequence: 0,
        cancelledAt: null,
        createdBy: options.actor.kind === 'person' ? options.actor.id : null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute()
    if (groupIds.length > 0) await trx.insertInto('eventGroups').values(groupIds.map((groupId) => ({ eventId: id, groupId }))).execute()
    await enqueueSearchUpdate(trx, { type: 'event', id, op: 'upsert' })
    await recordActorAudit(options.actor, { action: 'event.created', targetType: 'event', targetId: id, data: { title: value.title } }, trx)
    return { ok: true, event: (await getEventById(id, trx))! }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/** The fields whose change moves the event in calendars (RFC 5546: SEQUENCE goes up). */
const SCHEDULE_FIELDS = ['startsAt', 'endsAt', 'communeInsee', 'address', 'onlineUrl'] as const

export type UpdateEventResult =
  | { ok: true; event: EventRecord; rescheduled: boolean; promoted: number }
  | Invalid
  | Forbidden
  | NotFound
  | { ok: false; reason: 'cancelled'; message: string }
  | { ok: false; reason: 'conflict'; message: string; current: { version: number; updatedAt: string } }

/**
 * Saves an event if nobody saved it since `expectedVersion` (optimistic locking). The organiser stays (an event does
 * not change hands here); the UID never changes; SEQUENCE + 1 when the start, the end or the place changes.
 */
export async function updateEvent(options: {
  id: string
  input: Omit<EventInput, 'groupId' | 'structureId'>
  expectedVersion: number
  actor: Actor
  now?: Date
  trx?: Executor
}): Promise<UpdateEventResult> {
  const run = async (trx: Executor): Promise<UpdateEventResult> => {
    const before = await getEventById(options.id, trx)
    if (!before || !can(options.actor, 'read', eventAccessItem(before))) return NOT_FOUND
    if (before.status === 'cancelled') return { ok: false, reason: 'cancelled', message: EVENT_MESSAGES.cancelled }
    if (!can(options.actor, 'edit', eventAccessItem(before))) return FORBIDDEN
    const conflict = {
      ok: false,
      reason: 'conflict',
      message: EVENT_MESSAGES.conflict,
      current: { version: before.version, updatedAt: before.updatedAt },
    } as const
    if (before.version !== options.expectedVersion) return conflict
    const checked = validate({ ...options.input, groupId: before.groupId, structureId: before.structureId })
    if (!('value' in checked)) return checked
    if (!mayTarget(options.actor, checked.value.groupIds, before.groupId, before.groupIds)) return FORBIDDEN
    const resolved = await resolveReferences(checked.value, trx)
    if ('ok' in resolved) return resolved
    const { groupIds, groupId: _g, structureId: _s, ...value } = resolved
    const rescheduled = SCHEDULE_FIELDS.some((key) => before[key] !== value[key])
    const now = (options.now ?? new Date()).toISOString()
    const updated = await trx
      .updateTable('events')
      .set({ ...value, sequence: before.sequence + (rescheduled ? 1 : 0), version: before.version + 1, updatedAt: now })
      .where('id', '=', before.id)
      .where('version', '=', options.expectedVersion)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return conflict
    await trx.deleteFrom('eventGroups').where('eventId', '=', before.id).execute()
    if (groupIds.length > 0) await trx.insertInto('eventGroups').values(groupIds.map((g) => ({ eventId: before.id, groupId: g }))).execute()
    const promoted = await promoteWaiting(before.id, { now: options.now ?? new Date(), trx })
    const changes = Object.fromEntries(
      (['title', 'startsAt', 'endsAt', 'communeInsee', 'address', 'onlineUrl', 'kind', 'capacity', 'registrationDeadline', 'visibility'] as const)
        .filter((key) => before[key] !== value[key])
        .map((key) => [key, { from: before[key], to: value[key] }]),
    )
    await enqueueSearchUpdate(trx, { type: 'event', id: before.id, op: 'upsert' })
    await recordActorAudit(options.actor, { action: 'event.updated', targetType: 'event', targetId: before.id, data: { changes, promoted } }, trx)
    // Registered people and followers hear of a change in the app (issue 17 §4); a save that changed nothing tells nobody.
    if (Object.keys(changes).length > 0 || before.descriptionJson !== value.descriptionJson) {
      await enqueueNotification({ kind: 'event_changed', eventId: before.id, actorId: viewerId(options.actor) }, { trx })
    }
    return { ok: true, event: (await getEventById(before.id, trx))!, rescheduled, promoted }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export type CancelEventResult = { ok: true; event: EventRecord; told: number } | Forbidden | NotFound | { ok: false; reason: 'cancelled'; message: string }

/**
 * Cancels an event: the page stays (« Annulé »), SEQUENCE + 1 (calendars show it cancelled), every registered and
 * waiting person is told through the outbox; their registrations are kept as they were (the history).
 */
export async function cancelEvent(options: { id: string; actor: Actor; now?: Date; trx?: Executor }): Promise<CancelEventResult> {
  const run = async (trx: Executor): Promise<CancelEventResult> => {
    const before = await getEventById(options.id, trx)
    if (!before || !can(options.actor, 'read', eventAccessItem(before))) return NOT_FOUND
    if (before.status === 'cancelled') return { ok: false, reason: 'cancelled', message: EVENT_MESSAGES.cancelled }
    if (!can(options.actor, 'cancel', eventAccessItem(before))) return FORBIDDEN
    const now = (options.now ?? new Date()).toISOString()
    await trx
      .updateTable('events')
      .set({ status: 'cancelled', cancelledAt: now, sequence: before.sequence + 1, version: before.version + 1, updatedAt: now })
      .where('id', '=', before.id)
      .execute()
    const people = await trx
      .selectFrom('eventRegistrations')
      .innerJoin('users', 'users.id', 'eventRegistrations.userId')
      .select(['users.email', 'eventRegistrations.state'])
      .where('eventRegistrations.eventId', '=', before.id)
      .where('eventRegistrations.state', 'in', ['registered', 'waiting'])
      .orderBy('eventRegistrations.createdAt')
      .execute()
    for (const person of people) {
      await enqueueEmail(eventCancelledMessage({ to: person.email, event: before, waiting: person.state === 'waiting' }), trx)
    }
    await enqueueSearchUpdate(trx, { type: 'event', id: before.id, op: 'upsert' })
    await recordActorAudit(options.actor, { action: 'event.cancelled', targetType: 'event', targetId: before.id, data: { told: people.length } }, trx)
    await enqueueNotification({ kind: 'event_cancelled', eventId: before.id, actorId: viewerId(options.actor) }, { trx })
    return { ok: true, event: (await getEventById(before.id, trx))!, told: people.length }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export type ListEventsOptions = {
  viewer: Parameters<typeof visibleTo>[0]
  /** Upcoming (not ended yet, soonest first; the default) or past (ended, latest first). */
  when?: 'upcoming' | 'past'
  territorySlug?: string | null
  /** Organised by this group, or for it (`group` audience). */
  groupId?: string | null
  kind?: EventKind | null
  /** A month view: events overlapping [from, to) (UTC instants), soonest first; `when` is then ignored. */
  range?: { from: string; to: string }
  limit?: number
  offset?: number
  now?: Date
  trx?: Executor
}

function filteredEvents(options: ListEventsOptions) {
  const trx = options.trx ?? db
  const now = (options.now ?? new Date()).toISOString()
  let query = trx.selectFrom('events').where(visibleTo(options.viewer))
  if (options.territorySlug) query = query.where('events.territorySlug', '=', options.territorySlug)
  if (options.kind) query = query.where('events.kind', '=', options.kind)
  const groupId = options.groupId
  if (groupId) {
    query = query.where((eb) =>
      eb.or([
        eb('events.groupId', '=', groupId),
        eb.exists(
          eb.selectFrom('eventGroups').select('eventGroups.groupId').whereRef('eventGroups.eventId', '=', 'events.id').where('eventGroups.groupId', '=', groupId),
        ),
      ]),
    )
  }
  if (options.range) return query.where('events.startsAt', '<', options.range.to).where('events.endsAt', '>=', options.range.from)
  if (options.when === 'past') return query.where('events.endsAt', '<', now)
  return query.where('events.endsAt', '>=', now)
}

/** How many events `listEvents` would give with these options and no limit (the list's exact total, in SQL). */
export async function countEvents(options: Omit<ListEventsOptions, 'limit' | 'offset'>): Promise<number> {
  const row = await filteredEvents(options)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The agenda's list: what the viewer may read (`visibleTo`), filtered; cancelled events included (shown « Annulé »). */
export async function listEvents(options: ListEventsOptions): Promise<EventRecord[]> {
  const trx = options.trx ?? db
  const filtered = filteredEvents(options).selectAll('events')
  const query = options.range || options.when !== 'past' ? filtered.orderBy('events.startsAt') : filtered.orderBy('events.startsAt', 'desc')
  const rows = await query
    .orderBy('events.id')
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0)
    .execute()
  const ids = rows.map((r) => r.id)
  const links = ids.length > 0 ? await trx.selectFrom('eventGroups').select(['eventId', 'groupId']).where('eventId', 'in', ids).execute() : []
  return rows.map((r) => ({ ...r, groupIds: links.filter((l) => l.eventId === r.id).map((l) => l.groupId).sort() }))
}
