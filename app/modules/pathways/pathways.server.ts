import type { Selectable } from 'kysely'
import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import type { Actor, Viewer } from '#app/modules/auth/viewer.ts'
import { DISCUSSION_RICH_TEXT } from '#app/modules/discussions/discussion-text.server.ts'
import { can as canEvent } from '#app/modules/events/events.policy.ts'
import { eventAccessItem, getEventById } from '#app/modules/events/events.server.ts'
import { can as canResource } from '#app/modules/resources/resources.policy.ts'
import { loadAccessItems } from '#app/modules/resources/resources.server.ts'
import { parseRichText } from '#app/modules/rich-text/rich-text.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { slugify } from '#app/utils/slug.ts'
import { db, type Executor } from '#db/client.server.ts'
import type { PathwayStepKind, PathwaysTable, PathwayStepsTable } from '#db/schema/pathways.ts'
import { fundingState } from '#search/funding-state.ts'
import { type PathwayAccessItem, can, canCreate, mayAssignGroup, mayTrackProgress, visibleTo } from './pathways.policy.ts'
import { type ProgressSummary, type StepProgressInput, stepFlags, summarise } from './progress.ts'

// Writes and reads of pathways (issue 15). Every write takes the actor and asks the policy (pathways.policy.ts).
// Steps have stable ids: moving one swaps positions, never ids, so progress (stored per person and step id) survives
// every edit. What a step points to is read through its own policy at each view: a step pointing to something the
// viewer may not read shows as « Étape réservée aux membres », without its title, and does not count in progress.

export type PathwayRow = Selectable<PathwaysTable>
export type StepRow = Selectable<PathwayStepsTable>

export { PATHWAY_LIMITS, PATHWAY_MESSAGES } from './labels.ts'
import { PATHWAY_LIMITS } from './labels.ts'

export type PathwayInput = {
  title: string
  /** Restricted rich text (the discussions' set), as posted (JSON string or object). */
  intro: unknown
  nextSteps?: string
  contactId?: string | null
  territorySlug?: string | null
  groupId?: string | null
}

export type StepInput = { target: string; linkTitle?: string; note?: string }

export type PathwayField = keyof PathwayInput
export type StepField = keyof StepInput
type Invalid<F extends string> = { ok: false; reason: 'invalid'; errors: Partial<Record<F, string>> }
type Forbidden = { ok: false; reason: 'forbidden' }
type NotFound = { ok: false; reason: 'not-found' }
const FORBIDDEN: Forbidden = { ok: false, reason: 'forbidden' }
const NOT_FOUND: NotFound = { ok: false, reason: 'not-found' }

export function accessItem(pathway: Pick<PathwayRow, 'status' | 'groupId' | 'territorySlug' | 'createdBy'>): PathwayAccessItem {
  return { status: pathway.status, groupId: pathway.groupId, territorySlug: pathway.territorySlug, createdBy: pathway.createdBy }
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

type CheckedPathway = {
  title: string
  introJson: string
  introHtml: string
  introText: string
  nextSteps: string
  contactId: string | null
  territorySlug: string | null
  groupId: string | null
}

function validatePathway(input: PathwayInput): { value: CheckedPathway } | Invalid<PathwayField> {
  const errors: Partial<Record<PathwayField, string>> = {}
  const title = String(input.title ?? '').trim().replace(/\s+/g, ' ')
  if (!title) errors.title = 'Donnez un titre au parcours.'
  else if (title.length > PATHWAY_LIMITS.title) errors.title = `Le titre ne doit pas dépasser ${PATHWAY_LIMITS.title} caractères.`
  const intro = parseRichText(input.intro, { allowed: DISCUSSION_RICH_TEXT, maxChars: PATHWAY_LIMITS.introChars, maxBytes: 100 * 1024 })
  if (!intro.ok) errors.intro = intro.error
  else if (intro.text.trim() === '') errors.intro = 'Écrivez une introduction : à qui s’adresse ce parcours, et ce qu’il permet.'
  const nextSteps = String(input.nextSteps ?? '').replace(/\r\n?/g, '\n').trim()
  if (nextSteps.length > PATHWAY_LIMITS.nextSteps) errors.nextSteps = `Le texte « Et après ? » ne doit pas dépasser ${PATHWAY_LIMITS.nextSteps} caractères.`
  if (Object.keys(errors).length > 0 || !intro.ok) return { ok: false, reason: 'invalid', errors }
  return {
    value: {
      title,
      introJson: JSON.stringify(intro.doc),
      introHtml: intro.html,
      introText: intro.text,
      nextSteps,
      contactId: input.contactId || null,
      territorySlug: input.territorySlug || null,
      groupId: input.groupId || null,
    },
  }
}

/** The people who may be named as a pathway's contact: coordinators of a group, and admins. */
export async function listContactCandidates(trx: Executor = db): Promise<{ id: string; name: string }[]> {
  return trx
    .selectFrom('users')
    .select(['users.id', 'users.name'])
    .where((eb) =>
      eb.or([
        eb('users.role', '=', 'admin'),
        eb.exists(
          eb
            .selectFrom('groupMemberships')
            .select('groupMemberships.userId')
            .whereRef('groupMemberships.userId', '=', 'users.id')
            .where('groupMemberships.role', '=', 'coordinator'),
        ),
      ]),
    )
    .where('users.emailVerifiedAt', 'is not', null)
    .orderBy('users.name')
    .execute()
}

/** The groups an actor may name as the pathway's maintainers: all for admins, else those they coordinate. */
export async function listAssignableGroups(actor: Actor, current: string | null = null, trx: Executor = db) {
  const groups = await trx.selectFrom('groups').select(['id', 'name']).orderBy('name').execute()
  return groups.filter((g) => mayAssignGroup(actor, g.id, current))
}

async function resolvePathwayReferences(
  value: CheckedPathway,
  actor: Actor,
  current: string | null,
  trx: Executor,
): Promise<Invalid<PathwayField> | Forbidden | null> {
  const errors: Partial<Record<PathwayField, string>> = {}
  if (value.contactId && !(await listContactCandidates(trx)).some((c) => c.id === value.contactId))
    errors.contactId = 'Choisissez la personne à contacter dans la liste (une coordination de groupe).'
  if (value.territorySlug && !(await trx.selectFrom('territories').select('slug').where('slug', '=', value.territorySlug).executeTakeFirst()))
    errors.territorySlug = 'Choisissez un territoire de la liste.'
  if (value.groupId) {
    if (!(await trx.selectFrom('groups').select('id').where('id', '=', value.groupId).executeTakeFirst())) errors.groupId = 'Ce groupe n’existe pas.'
    else if (!mayAssignGroup(actor, value.groupId, current)) return FORBIDDEN
  }
  return Object.keys(errors).length > 0 ? { ok: false, reason: 'invalid', errors } : null
}

/** The slug of a new pathway: the site's `slugify`, unique among pathways (`-2`, `-3`…). */
export async function uniquePathwaySlug(title: string, trx: Executor = db): Promise<string> {
  const base = slugify(title, 'parcours')
  const rows = await trx
    .selectFrom('pathways')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute()
  const taken = new Set(rows.map((r) => r.slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

// ---------------------------------------------------------------------------------------------------------------
// Pathway writes

export async function getPathwayById(id: string, trx: Executor = db): Promise<PathwayRow | null> {
  return (await trx.selectFrom('pathways').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

export async function getPathwayBySlug(slug: string, trx: Executor = db): Promise<PathwayRow | null> {
  return (await trx.selectFrom('pathways').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null
}

export type CreatePathwayResult = { ok: true; pathway: PathwayRow } | Invalid<PathwayField> | Forbidden

export async function createPathway(options: { actor: Actor; input: PathwayInput; now?: Date; trx?: Executor }): Promise<CreatePathwayResult> {
  if (!canCreate(options.actor)) return FORBIDDEN
  const checked = validatePathway(options.input)
  if (!('value' in checked)) return checked
  const run = async (trx: Executor): Promise<CreatePathwayResult> => {
    const refused = await resolvePathwayReferences(checked.value, options.actor, null, trx)
    if (refused) return refused
    const now = (options.now ?? new Date()).toISOString()
    const id = newId()
    await trx
      .insertInto('pathways')
      .values({
        ...checked.value,
        id,
        slug: await uniquePathwaySlug(checked.value.title, trx),
        status: 'draft',
        publishedAt: null,
        createdBy: options.actor.kind === 'person' ? options.actor.id : null,
        createdAt: now,
        updatedAt: now,
      })
      .execute()
    await recordActorAudit(options.actor, { action: 'pathway.created', targetType: 'pathway', targetId: id, data: { title: checked.value.title } }, trx)
    return { ok: true, pathway: (await getPathwayById(id, trx))! }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export type UpdatePathwayResult = { ok: true; pathway: PathwayRow } | Invalid<PathwayField> | Forbidden | NotFound

/** Saves the pathway's fields (its slug stays, so links and bookmarks keep working). */
export async function updatePathway(options: { id: string; actor: Actor; input: PathwayInput; now?: Date }): Promise<UpdatePathwayResult> {
  return db.transaction().execute(async (trx): Promise<UpdatePathwayResult> => {
    const pathway = await getPathwayById(options.id, trx)
    if (!pathway) return NOT_FOUND
    if (!can(options.actor, 'edit', accessItem(pathway))) return can(options.actor, 'read', accessItem(pathway)) ? FORBIDDEN : NOT_FOUND
    const checked = validatePathway(options.input)
    if (!('value' in checked)) return checked
    const refused = await resolvePathwayReferences(checked.value, options.actor, pathway.groupId, trx)
    if (refused) return refused
    await trx
      .updateTable('pathways')
      .set({ ...checked.value, updatedAt: (options.now ?? new Date()).toISOString() })
      .where('id', '=', pathway.id)
      .execute()
    return { ok: true, pathway: (await getPathwayById(pathway.id, trx))! }
  })
}

export type StatusResult = { ok: true; pathway: PathwayRow } | Forbidden | NotFound | { ok: false; reason: 'no-steps' }

/** Publishes (a pathway needs at least one step) or takes back to draft. Recorded in the audit log. */
export async function setPathwayPublished(options: { id: string; actor: Actor; publish: boolean; now?: Date }): Promise<StatusResult> {
  return db.transaction().execute(async (trx): Promise<StatusResult> => {
    const pathway = await getPathwayById(options.id, trx)
    if (!pathway) return NOT_FOUND
    const item = accessItem(pathway)
    if (!can(options.actor, options.publish ? 'publish' : 'unpublish', item)) return can(options.actor, 'read', item) ? FORBIDDEN : NOT_FOUND
    if (options.publish) {
      const steps = await trx.selectFrom('pathwaySteps').select('id').where('pathwayId', '=', pathway.id).execute()
      if (steps.length === 0) return { ok: false, reason: 'no-steps' }
    }
    const now = (options.now ?? new Date()).toISOString()
    await trx
      .updateTable('pathways')
      .set(options.publish ? { status: 'published', publishedAt: pathway.publishedAt ?? now, updatedAt: now } : { status: 'draft', updatedAt: now })
      .where('id', '=', pathway.id)
      .execute()
    await recordActorAudit(
      options.actor,
      { action: options.publish ? 'pathway.published' : 'pathway.unpublished', targetType: 'pathway', targetId: pathway.id },
      trx,
    )
    return { ok: true, pathway: (await getPathwayById(pathway.id, trx))! }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Steps

type Target = { kind: 'resource'; slug: string } | { kind: 'event'; id: string } | { kind: 'link'; url: string }

const TARGET_HELP = 'Collez l’adresse d’une ressource (/ressources/…) ou d’un événement (/agenda/…) d’Essaim, ou un lien https:// vers un autre site.'

/** What a step's address points to: a page of Essaim (by path or full address), or an outside https link. */
export function parseStepTarget(raw: string): Target | { error: string } {
  const text = String(raw ?? '').trim()
  if (!text) return { error: `Indiquez l’adresse de l’étape. ${TARGET_HELP}` }
  let path: string
  if (text.startsWith('/') && !text.startsWith('//')) path = text
  else {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return { error: `Cette adresse n’est pas valide. ${TARGET_HELP}` }
    }
    if (url.origin !== getEnv().publicUrl.origin) {
      if (url.protocol !== 'https:') return { error: 'Un lien vers un autre site doit commencer par https://.' }
      if (text.length > 2000) return { error: 'Ce lien est trop long.' }
      return { kind: 'link', url: url.href }
    }
    path = url.pathname
  }
  const pathname = path.split(/[?#]/)[0]
  const resource = /^\/ressources\/([^/]+)\/?$/.exec(pathname)
  if (resource) return { kind: 'resource', slug: decodeURIComponent(resource[1]) }
  const event = /^\/agenda\/([^/.]+)\/?$/.exec(pathname)
  if (event) return { kind: 'event', id: decodeURIComponent(event[1]) }
  return { error: `Cette adresse d’Essaim n’est ni une ressource ni un événement. ${TARGET_HELP}` }
}

async function nextPosition(pathwayId: string, trx: Executor): Promise<number> {
  const row = await trx
    .selectFrom('pathwaySteps')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('pathwayId', '=', pathwayId)
    .executeTakeFirst()
  return (row?.max ?? 0) + 1
}

async function editablePathway(id: string, actor: Actor, trx: Executor): Promise<PathwayRow | Forbidden | NotFound> {
  const pathway = await getPathwayById(id, trx)
  if (!pathway) return NOT_FOUND
  if (can(actor, 'edit', accessItem(pathway))) return pathway
  return can(actor, 'read', accessItem(pathway)) ? FORBIDDEN : NOT_FOUND
}

export type AddStepResult = { ok: true; stepId: string } | Invalid<StepField> | Forbidden | NotFound

/** Appends a step. A resource or an event must be one the actor may read (else it is « not found »). */
export async function addStep(options: { pathwayId: string; actor: Actor; input: StepInput; now?: Date; trx?: Executor }): Promise<AddStepResult> {
  const run = async (trx: Executor): Promise<AddStepResult> => {
    const pathway = await editablePathway(options.pathwayId, options.actor, trx)
    if ('reason' in pathway) return pathway
    const errors: Partial<Record<StepField, string>> = {}
    const note = String(options.input.note ?? '').replace(/\r\n?/g, '\n').trim()
    if (note.length > PATHWAY_LIMITS.note) errors.note = `La note ne doit pas dépasser ${PATHWAY_LIMITS.note} caractères.`
    const linkTitle = String(options.input.linkTitle ?? '').trim().replace(/\s+/g, ' ')
    const target = parseStepTarget(options.input.target)
    let values: Pick<StepRow, 'kind' | 'resourceId' | 'eventId' | 'url' | 'linkTitle'> | null = null
    if ('error' in target) errors.target = target.error
    else if (target.kind === 'resource') {
      const row = await trx.selectFrom('resources').select('id').where('slug', '=', target.slug).executeTakeFirst()
      const access = row ? (await loadAccessItems([row.id], trx)).get(row.id) : undefined
      if (!row || !access || !(options.actor.kind === 'system' || canResource(options.actor, 'read', access))) errors.target = 'Aucune ressource que vous pouvez lire ne se trouve à cette adresse.'
      else values = { kind: 'resource', resourceId: row.id, eventId: null, url: null, linkTitle: null }
    } else if (target.kind === 'event') {
      const event = await getEventById(target.id, trx)
      if (!event || !canEvent(options.actor, 'read', eventAccessItem(event))) errors.target = 'Aucun événement que vous pouvez lire ne se trouve à cette adresse.'
      else values = { kind: 'event', resourceId: null, eventId: event.id, url: null, linkTitle: null }
    } else {
      if (!linkTitle) errors.linkTitle = 'Donnez un titre au lien : c’est ce que verront les personnes qui suivent le parcours.'
      else if (linkTitle.length > PATHWAY_LIMITS.linkTitle) errors.linkTitle = `Le titre du lien ne doit pas dépasser ${PATHWAY_LIMITS.linkTitle} caractères.`
      else values = { kind: 'link', resourceId: null, eventId: null, url: target.url, linkTitle }
    }
    if (Object.keys(errors).length > 0 || !values) return { ok: false, reason: 'invalid', errors }
    const id = newId()
    const now = (options.now ?? new Date()).toISOString()
    await trx
      .insertInto('pathwaySteps')
      .values({ id, pathwayId: pathway.id, position: await nextPosition(pathway.id, trx), ...values, note, createdAt: now })
      .execute()
    await trx.updateTable('pathways').set({ updatedAt: now }).where('id', '=', pathway.id).execute()
    return { ok: true, stepId: id }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export type StepChangeResult = { ok: true } | Forbidden | NotFound | { ok: false; reason: 'edge' }

/** Removes a step (the marks people made on it go with it; the other steps keep theirs). */
export async function removeStep(options: { pathwayId: string; stepId: string; actor: Actor; now?: Date }): Promise<StepChangeResult> {
  return db.transaction().execute(async (trx): Promise<StepChangeResult> => {
    const pathway = await editablePathway(options.pathwayId, options.actor, trx)
    if ('reason' in pathway) return pathway
    const deleted = await trx.deleteFrom('pathwaySteps').where('id', '=', options.stepId).where('pathwayId', '=', pathway.id).executeTakeFirst()
    if (Number(deleted.numDeletedRows) === 0) return NOT_FOUND
    await trx.updateTable('pathways').set({ updatedAt: (options.now ?? new Date()).toISOString() }).where('id', '=', pathway.id).execute()
    return { ok: true }
  })
}

/** Moves a step one place up or down: two positions swap, ids stay (progress is kept per id). */
export async function moveStep(options: { pathwayId: string; stepId: string; direction: 'up' | 'down'; actor: Actor; now?: Date }): Promise<StepChangeResult> {
  return db.transaction().execute(async (trx): Promise<StepChangeResult> => {
    const pathway = await editablePathway(options.pathwayId, options.actor, trx)
    if ('reason' in pathway) return pathway
    const steps = await trx.selectFrom('pathwaySteps').select(['id', 'position']).where('pathwayId', '=', pathway.id).orderBy('position').execute()
    const index = steps.findIndex((s) => s.id === options.stepId)
    if (index < 0) return NOT_FOUND
    const other = steps[options.direction === 'up' ? index - 1 : index + 1]
    if (!other) return { ok: false, reason: 'edge' }
    const step = steps[index]
    // The unique (pathway, position) index: go through a free position.
    await trx.updateTable('pathwaySteps').set({ position: -1 }).where('id', '=', step.id).execute()
    await trx.updateTable('pathwaySteps').set({ position: step.position }).where('id', '=', other.id).execute()
    await trx.updateTable('pathwaySteps').set({ position: other.position }).where('id', '=', step.id).execute()
    await trx.updateTable('pathways').set({ updatedAt: (options.now ?? new Date()).toISOString() }).where('id', '=', pathway.id).execute()
    return { ok: true }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a pathway with its steps, for one viewer

export type LiveState = { kind: 'closed'; openCallsHref: string } | { kind: 'cancelled' } | null

export type StepView = {
  id: string
  /** 1-based place in the pathway. */
  number: number
  kind: PathwayStepKind
  /** The viewer may not read what the step points to: no title, no link, no note. */
  reserved: boolean
  title: string | null
  href: string | null
  external: boolean
  note: string
  live: LiveState
  done: boolean
  doneAt: string | null
  /** Added after the viewer started the pathway, and not done. */
  isNew: boolean
  /** Done, and what it points to changed since. */
  updatedSinceDone: boolean
}

/** The open calls of a territory on /ressources (a closed call's step points there). */
export function openCallsHref(territory: string): string {
  const params = new URLSearchParams({ type: 'financement-europeen', ouverts: 'oui' })
  if (territory && territory !== 'departement') params.set('territoire', territory)
  return `/ressources?${params}`
}

type ResolvedTarget = { readable: boolean; title: string; href: string; external: boolean; live: LiveState; changedAt: string | null }

/** What each step points to, as `viewer` may see it, with its live state and when it last changed. */
async function resolveTargets(steps: StepRow[], viewer: Viewer | Actor, now: Date, trx: Executor): Promise<Map<string, ResolvedTarget>> {
  const resolved = new Map<string, ResolvedTarget>()
  const resourceIds = steps.flatMap((s) => (s.resourceId ? [s.resourceId] : []))
  const access = resourceIds.length > 0 ? await loadAccessItems(resourceIds, trx) : new Map()
  const resources =
    resourceIds.length > 0
      ? await trx
          .selectFrom('resources')
          .select(['id', 'slug', 'title', 'type', 'territory', 'openingDate', 'deadline', 'updatedAt'])
          .where('id', 'in', resourceIds)
          .execute()
      : []
  const revised =
    resourceIds.length > 0
      ? await trx
          .selectFrom('revisions')
          .select((eb) => ['resourceId', eb.fn.max('createdAt').as('last')])
          .where('resourceId', 'in', resourceIds)
          .groupBy('resourceId')
          .execute()
      : []
  const lastRevision = new Map(revised.map((r) => [r.resourceId, String(r.last)]))
  const byId = new Map(resources.map((r) => [r.id, r]))
  for (const step of steps) {
    if (step.kind === 'resource' && step.resourceId) {
      const resource = byId.get(step.resourceId)
      const item = access.get(step.resourceId)
      const readable = Boolean(resource && item && canResource(viewer, 'read', item))
      const closed = resource?.type === 'financement-europeen' && fundingState(resource, now) === 'closed'
      resolved.set(step.id, {
        readable,
        title: resource?.title ?? '',
        href: resource ? `/ressources/${encodeURIComponent(resource.slug)}` : '',
        external: false,
        live: closed && resource ? { kind: 'closed', openCallsHref: openCallsHref(resource.territory) } : null,
        changedAt: resource ? (lastRevision.get(resource.id) ?? null) : null,
      })
    } else if (step.kind === 'event' && step.eventId) {
      const event = await getEventById(step.eventId, trx)
      resolved.set(step.id, {
        readable: Boolean(event && canEvent(viewer, 'read', eventAccessItem(event))),
        title: event?.title ?? '',
        href: event ? `/agenda/${encodeURIComponent(event.id)}` : '',
        external: false,
        live: event?.status === 'cancelled' ? { kind: 'cancelled' } : null,
        changedAt: event?.updatedAt ?? null,
      })
    } else {
      resolved.set(step.id, { readable: true, title: step.linkTitle ?? step.url ?? '', href: step.url ?? '', external: true, live: null, changedAt: null })
    }
  }
  return resolved
}

async function listSteps(pathwayId: string, trx: Executor): Promise<StepRow[]> {
  return trx.selectFrom('pathwaySteps').selectAll().where('pathwayId', '=', pathwayId).orderBy('position').execute()
}

async function progressOf(userId: string, stepIds: string[], trx: Executor): Promise<Map<string, string>> {
  if (stepIds.length === 0) return new Map()
  const rows = await trx.selectFrom('pathwayProgress').select(['stepId', 'doneAt']).where('userId', '=', userId).where('stepId', 'in', stepIds).execute()
  return new Map(rows.map((r) => [r.stepId, r.doneAt]))
}

export type PathwayView = {
  pathway: PathwayRow
  steps: StepView[]
  progress: ProgressSummary | null
  contact: { name: string } | null
  territoryName: string | null
  groupName: string | null
  can: { edit: boolean; publish: boolean; unpublish: boolean; track: boolean }
}

/** A pathway as `viewer` may see it (null when they may not: a draft of someone else is « not found »). */
export async function getPathwayForViewer(
  slug: string,
  viewer: Viewer | Actor,
  options: { now?: Date; trx?: Executor } = {},
): Promise<PathwayView | null> {
  const trx = options.trx ?? db
  const now = options.now ?? new Date()
  const pathway = await getPathwayBySlug(slug, trx)
  if (!pathway) return null
  const item = accessItem(pathway)
  if (!can(viewer, 'read', item)) return null
  const rows = await listSteps(pathway.id, trx)
  const targets = await resolveTargets(rows, viewer, now, trx)
  const tracked = viewer.kind === 'person' && mayTrackProgress(viewer)
  const marks = tracked ? await progressOf(viewer.id, rows.map((r) => r.id), trx) : new Map<string, string>()
  const inputs: StepProgressInput[] = rows.map((row) => {
    const target = targets.get(row.id)!
    return { id: row.id, createdAt: row.createdAt, visible: target.readable, doneAt: marks.get(row.id) ?? null, changedAt: target.changedAt }
  })
  const flags = stepFlags(inputs)
  const steps: StepView[] = rows.map((row, i) => {
    const target = targets.get(row.id)!
    const flag = flags.get(row.id)!
    const reserved = !target.readable
    return {
      id: row.id,
      number: i + 1,
      kind: row.kind,
      reserved,
      title: reserved ? null : target.title,
      href: reserved ? null : target.href,
      external: target.external,
      note: reserved ? '' : row.note,
      live: reserved ? null : target.live,
      done: flag.done,
      doneAt: flag.done ? (marks.get(row.id) ?? null) : null,
      isNew: tracked && flag.isNew,
      updatedSinceDone: tracked && flag.updatedSinceDone,
    }
  })
  const contact = pathway.contactId ? await trx.selectFrom('users').select('name').where('id', '=', pathway.contactId).executeTakeFirst() : undefined
  const territory = pathway.territorySlug
    ? await trx.selectFrom('territories').select('name').where('slug', '=', pathway.territorySlug).executeTakeFirst()
    : undefined
  const group = pathway.groupId ? await trx.selectFrom('groups').select('name').where('id', '=', pathway.groupId).executeTakeFirst() : undefined
  return {
    pathway,
    steps,
    progress: tracked ? summarise(inputs) : null,
    contact: contact ?? null,
    territoryName: territory?.name ?? null,
    groupName: group?.name ?? null,
    can: { edit: can(viewer, 'edit', item), publish: can(viewer, 'publish', item), unpublish: can(viewer, 'unpublish', item), track: tracked },
  }
}

export type MarkResult = { ok: true } | NotFound | Forbidden

/**
 * Marks a step done (or not done) for the actor. The step must be in a pathway they may read and point to something
 * they may read. Marking done again (after the target changed) takes the new time, which clears « Mise à jour depuis
 * votre passage »; « not done » removes the mark.
 */
export async function markStep(options: { slug: string; stepId: string; done: boolean; actor: Actor; now?: Date }): Promise<MarkResult> {
  const actor = options.actor
  if (actor.kind !== 'person' || !mayTrackProgress(actor)) return FORBIDDEN
  return db.transaction().execute(async (trx): Promise<MarkResult> => {
    const pathway = await getPathwayBySlug(options.slug, trx)
    if (!pathway || !can(actor, 'read', accessItem(pathway))) return NOT_FOUND
    const step = await trx.selectFrom('pathwaySteps').selectAll().where('id', '=', options.stepId).where('pathwayId', '=', pathway.id).executeTakeFirst()
    if (!step) return NOT_FOUND
    const target = (await resolveTargets([step], actor, options.now ?? new Date(), trx)).get(step.id)
    if (!target?.readable) return NOT_FOUND
    if (options.done) {
      await trx
        .insertInto('pathwayProgress')
        .values({ userId: actor.id, stepId: step.id, doneAt: (options.now ?? new Date()).toISOString() })
        .onConflict((oc) => oc.columns(['userId', 'stepId']).doUpdateSet({ doneAt: (eb) => eb.ref('excluded.doneAt') }))
        .execute()
    } else {
      await trx.deleteFrom('pathwayProgress').where('userId', '=', actor.id).where('stepId', '=', step.id).execute()
    }
    return { ok: true }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Lists

export type PathwayListItem = {
  slug: string
  title: string
  introExcerpt: string
  stepCount: number
  status: PathwayRow['status']
  territoryName: string | null
}

/** The first words of a text, cut at a word, with « … » when cut. */
export function excerpt(text: string, max = 200): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`
}

async function listFor(viewer: Viewer | Actor, options: { publishedOnly: boolean; limit?: number; trx?: Executor }): Promise<PathwayListItem[]> {
  const trx = options.trx ?? db
  let query = trx
    .selectFrom('pathways')
    .leftJoin('territories', 'territories.slug', 'pathways.territorySlug')
    .select((eb) => [
      'pathways.slug',
      'pathways.title',
      'pathways.introText',
      'pathways.status',
      'territories.name as territoryName',
      eb.selectFrom('pathwaySteps').select(eb.fn.countAll<number>().as('n')).whereRef('pathwaySteps.pathwayId', '=', 'pathways.id').as('stepCount'),
    ])
    .where(visibleTo(viewer))
    .orderBy('pathways.status', 'desc')
    .orderBy('pathways.title')
  if (options.publishedOnly) query = query.where('pathways.status', '=', 'published')
  if (options.limit) query = query.limit(options.limit)
  const rows = await query.execute()
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    introExcerpt: excerpt(r.introText),
    stepCount: Number(r.stepCount ?? 0),
    status: r.status,
    territoryName: r.territoryName ?? null,
  }))
}

/** The published pathways (for the home page « Par où commencer ? »): title, slug, intro excerpt, step count. */
export function listPublishedPathways(viewer: Viewer | Actor, options: { limit?: number; trx?: Executor } = {}) {
  return listFor(viewer, { ...options, publishedOnly: true })
}

/** /parcours: the published pathways, and the drafts the viewer maintains (published first). */
export function listPathways(viewer: Viewer | Actor, options: { trx?: Executor } = {}) {
  return listFor(viewer, { ...options, publishedOnly: false })
}

export type MyPathway = { slug: string; title: string; done: number; total: number; complete: boolean }

/** « Mes parcours » on /compte: the pathways the person started (a step done), with their progress. */
export async function listMyPathways(viewer: Viewer, options: { now?: Date; trx?: Executor } = {}): Promise<MyPathway[]> {
  if (viewer.kind !== 'person') return []
  const trx = options.trx ?? db
  const started = await trx
    .selectFrom('pathwayProgress')
    .innerJoin('pathwaySteps', 'pathwaySteps.id', 'pathwayProgress.stepId')
    .innerJoin('pathways', 'pathways.id', 'pathwaySteps.pathwayId')
    .select('pathways.slug')
    .distinct()
    .where('pathwayProgress.userId', '=', viewer.id)
    .execute()
  const mine: MyPathway[] = []
  for (const { slug } of started) {
    const view = await getPathwayForViewer(slug, viewer, options)
    if (!view?.progress) continue
    mine.push({ slug, title: view.pathway.title, ...view.progress })
  }
  return mine.sort((a, b) => Number(a.complete) - Number(b.complete) || a.title.localeCompare(b.title, 'fr'))
}

/** For the edit page: the pathway, if the actor may edit it (else null: the route answers 404). */
export async function getPathwayForEditor(slug: string, actor: Viewer | Actor, trx: Executor = db) {
  const view = await getPathwayForViewer(slug, actor, { trx })
  if (!view?.can.edit) return null
  return view
}
