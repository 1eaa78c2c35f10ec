import { type Executor, db } from '#db/client.server.ts'
import type { ResourceRow } from '#db/schema/resources.ts'
import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import { type Actor, isAdmin, type PersonViewer } from '#app/modules/auth/viewer.ts'
import type { QueueItem, QueueSource } from '#app/modules/moderation/queue.ts'
import { TERRITORY_DEPARTEMENT } from '#app/modules/resources/labels.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { formatDateFr } from '#app/utils/dates-fr.ts'
import { enqueueSearchUpdate } from '#search/outbox.server.ts'
import {
  type CurationItem,
  mayValidate,
  REVALIDATION_NOTICE_DAYS,
  reviewByFrom,
  type SubstanceColumn,
  substanceChanged,
  type ValidationState,
  validationState,
} from './curation.policy.ts'

// « Validé par le réseau » (issue 14 §4): coordinators of a resource's territory or of one of its groups, and admins,
// mark a published resource validated. A validation has a review-by date (VALIDATION_MONTHS, 12 by default); 30 days
// before it the resource enters the moderation queue (`revalidationQueueSource`), after it the badge reads
// « À revérifier » (it never vanishes). Editing the substance (SUBSTANCE_COLUMNS) puts it back in the queue. Every act
// is written to the audit log; every change of what search shows goes through the search outbox.

const DAY_MS = 24 * 3600 * 1000

export type ResourceValidation = {
  resourceId: string
  validatedAt: string
  reviewBy: string
  substanceEditedAt: string | null
  validatorName: string | null
  state: ValidationState
}

export type CurationTarget = CurationItem & { id: string; slug: string; title: string }

/** What the policy needs of a resource, or null when it does not exist. */
export async function getCurationTarget(resourceId: string, trx: Executor = db): Promise<CurationTarget | null> {
  const row = await trx
    .selectFrom('resources')
    .select(['id', 'slug', 'title', 'territory', 'status', 'deletedAt'])
    .where('id', '=', resourceId)
    .executeTakeFirst()
  if (!row) return null
  const groups = await trx.selectFrom('resourceGroups').select('groupId').where('resourceId', '=', resourceId).execute()
  return { ...row, groupIds: groups.map((g) => g.groupId) }
}

export async function getValidation(resourceId: string, options: { now?: Date; trx?: Executor } = {}): Promise<ResourceValidation | null> {
  const trx = options.trx ?? db
  const row = await trx
    .selectFrom('resourceValidations')
    .leftJoin('users', 'users.id', 'resourceValidations.validatedBy')
    .select([
      'resourceValidations.resourceId',
      'resourceValidations.validatedAt',
      'resourceValidations.reviewBy',
      'resourceValidations.substanceEditedAt',
      'users.name as validatorName',
    ])
    .where('resourceValidations.resourceId', '=', resourceId)
    .executeTakeFirst()
  if (!row) return null
  return { ...row, state: validationState(row, options.now) }
}

export type ValidationResult = { ok: true; validation: ResourceValidation } | { ok: false; reason: 'forbidden' | 'not-found' }

/**
 * Marks a resource validated, or confirms its validation (a new review-by date, the substance edit forgotten), if the
 * actor may. Writes the audit log and refreshes the search document in the same transaction.
 */
export async function validateResource(options: { resourceId: string; actor: Actor; now?: Date; trx?: Executor }): Promise<ValidationResult> {
  const run = async (trx: Executor): Promise<ValidationResult> => {
    const target = await getCurationTarget(options.resourceId, trx)
    if (!target || target.deletedAt) return { ok: false, reason: 'not-found' }
    if (!mayValidate(options.actor, target)) return { ok: false, reason: 'forbidden' }
    const now = options.now ?? new Date()
    const reviewBy = reviewByFrom(now, getEnv().validationMonths).toISOString()
    const existing = await trx.selectFrom('resourceValidations').select('resourceId').where('resourceId', '=', target.id).executeTakeFirst()
    const values = {
      validatedBy: options.actor.kind === 'person' ? options.actor.id : null,
      validatedAt: now.toISOString(),
      reviewBy,
      substanceEditedAt: null,
      staleIndexedAt: null,
    }
    if (existing) await trx.updateTable('resourceValidations').set(values).where('resourceId', '=', target.id).execute()
    else await trx.insertInto('resourceValidations').values({ resourceId: target.id, ...values }).execute()
    await recordActorAudit(
      options.actor,
      { action: existing ? 'resource.validation_renewed' : 'resource.validated', targetType: 'resource', targetId: target.id, data: { reviewBy } },
      trx,
    )
    await enqueueSearchUpdate(trx, { type: 'resource', id: target.id, op: 'upsert' })
    const validation = await getValidation(target.id, { now, trx })
    if (!validation) throw new Error('validation vanished')
    return { ok: true, validation }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/** Withdraws a resource's validation (the badge goes), if the actor may. False when refused or not validated. */
export async function withdrawValidation(options: { resourceId: string; actor: Actor; note?: string; trx?: Executor }): Promise<boolean> {
  const run = async (trx: Executor): Promise<boolean> => {
    const target = await getCurationTarget(options.resourceId, trx)
    if (!target || target.deletedAt || !mayValidate(options.actor, target)) return false
    const deleted = await trx.deleteFrom('resourceValidations').where('resourceId', '=', target.id).executeTakeFirst()
    if (Number(deleted.numDeletedRows) === 0) return false
    await recordActorAudit(
      options.actor,
      { action: 'resource.validation_withdrawn', targetType: 'resource', targetId: target.id, data: options.note ? { note: options.note } : {} },
      trx,
    )
    await enqueueSearchUpdate(trx, { type: 'resource', id: target.id, op: 'upsert' })
    return true
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/**
 * Called by the resource save (resources.server.ts, in its transaction) with the row before and after: a change of
 * substance of a validated resource puts its validation back in the queue (once, until it is confirmed again).
 */
export async function noteResourceEdit(
  trx: Executor,
  before: Pick<ResourceRow, 'id' | SubstanceColumn>,
  after: Pick<ResourceRow, SubstanceColumn>,
  actor: Actor,
  now: string,
): Promise<void> {
  const changed = substanceChanged(before, after)
  if (changed.length === 0) return
  const reopened = await trx
    .updateTable('resourceValidations')
    .set({ substanceEditedAt: now })
    .where('resourceId', '=', before.id)
    .where('substanceEditedAt', 'is', null)
    .executeTakeFirst()
  if (Number(reopened.numUpdatedRows) === 0) return
  await recordActorAudit(actor, { action: 'resource.validation_reopened', targetType: 'resource', targetId: before.id, data: { changed } }, trx)
}

/** Whether search shows the resource as validated: a validation whose review-by date has not passed. */
export async function validatedResourceIds(ids: readonly string[], now: Date = new Date(), trx: Executor = db): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await trx
    .selectFrom('resourceValidations')
    .select('resourceId')
    .where('resourceId', 'in', [...ids])
    .where('reviewBy', '>', now.toISOString())
    .execute()
  return new Set(rows.map((r) => r.resourceId))
}

/**
 * Validations whose review-by date passed and whose search document was not refreshed since: the scheduled job
 * refreshes them (so the « Validé par le réseau » filter and facet drop them) and records it. Idempotent.
 */
export async function reindexStaleValidations(options: { now?: Date; trx?: Executor } = {}): Promise<string[]> {
  const run = async (trx: Executor) => {
    const now = (options.now ?? new Date()).toISOString()
    const rows = await trx
      .selectFrom('resourceValidations')
      .select('resourceId')
      .where('reviewBy', '<=', now)
      .where('staleIndexedAt', 'is', null)
      .execute()
    for (const row of rows) await enqueueSearchUpdate(trx, { type: 'resource', id: row.resourceId, op: 'upsert' })
    if (rows.length > 0) {
      await trx
        .updateTable('resourceValidations')
        .set({ staleIndexedAt: now })
        .where(
          'resourceId',
          'in',
          rows.map((r) => r.resourceId),
        )
        .execute()
    }
    return rows.map((r) => r.resourceId)
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

// The moderation queue's « à revérifier » items.

type QueueRow = {
  resourceId: string
  slug: string
  title: string
  territory: string
  status: string
  deletedAt: string | null
  reviewBy: string
  substanceEditedAt: string | null
}

async function openRevalidations(viewer: PersonViewer, options: { territory?: string | null; now?: Date }, trx: Executor = db) {
  const now = options.now ?? new Date()
  if (!viewer.verified) return []
  const admin = isAdmin(viewer)
  const coordinated = [...viewer.groups].filter(([, role]) => role === 'coordinator').map(([id]) => id)
  const territories = [...viewer.coordinates]
  if (!admin && coordinated.length === 0 && territories.length === 0) return []
  const noticeEnd = new Date(now.getTime() + REVALIDATION_NOTICE_DAYS * DAY_MS).toISOString()
  let query = trx
    .selectFrom('resourceValidations')
    .innerJoin('resources', 'resources.id', 'resourceValidations.resourceId')
    .select([
      'resourceValidations.resourceId',
      'resources.slug',
      'resources.title',
      'resources.territory',
      'resources.status',
      'resources.deletedAt',
      'resourceValidations.reviewBy',
      'resourceValidations.substanceEditedAt',
    ])
    .where('resources.status', '=', 'published')
    .where('resources.deletedAt', 'is', null)
    .where((eb) => eb.or([eb('resourceValidations.reviewBy', '<=', noticeEnd), eb('resourceValidations.substanceEditedAt', 'is not', null)]))
  if (options.territory) query = query.where('resources.territory', '=', options.territory)
  if (!admin) {
    query = query.where((eb) => {
      const scope = []
      if (territories.length > 0) scope.push(eb('resources.territory', 'in', territories))
      if (coordinated.length > 0) {
        scope.push(
          eb.exists(
            eb
              .selectFrom('resourceGroups')
              .select('resourceGroups.groupId')
              .whereRef('resourceGroups.resourceId', '=', 'resources.id')
              .where('resourceGroups.groupId', 'in', coordinated),
          ),
        )
      }
      return eb.or(scope)
    })
  }
  const rows: QueueRow[] = await query.execute()
  if (rows.length === 0) return []
  const groups = await trx
    .selectFrom('resourceGroups')
    .select(['resourceId', 'groupId'])
    .where(
      'resourceId',
      'in',
      rows.map((r) => r.resourceId),
    )
    .execute()
  const groupIds = new Map<string, string[]>()
  for (const g of groups) groupIds.set(g.resourceId, [...(groupIds.get(g.resourceId) ?? []), g.groupId])
  // The policy has the last word (the SQL above only narrows).
  return rows.filter((r) => mayValidate(viewer, { ...r, groupIds: groupIds.get(r.resourceId) ?? [] }))
}

function queueItem(row: QueueRow, now: Date): QueueItem {
  const noticeStart = new Date(Date.parse(row.reviewBy) - REVALIDATION_NOTICE_DAYS * DAY_MS).toISOString()
  const since = row.substanceEditedAt && row.substanceEditedAt < noticeStart ? row.substanceEditedAt : noticeStart
  const state = validationState(row, now)
  const summary = [
    state === 'stale' ? `Validation échue le ${formatDateFr(row.reviewBy)}` : state === 'due' ? `Validation à revoir avant le ${formatDateFr(row.reviewBy)}` : null,
    row.substanceEditedAt ? `Contenu modifié le ${formatDateFr(row.substanceEditedAt)} depuis la validation` : null,
  ]
    .filter(Boolean)
    .join(' · ')
  return {
    kind: 'revalidation',
    id: row.resourceId,
    title: row.title,
    href: `/moderation/revalidation/${row.slug}`,
    summary,
    territory: row.territory === TERRITORY_DEPARTEMENT ? null : row.territory,
    since,
  }
}

/** Validations to check again, scoped to what the viewer coordinates, oldest first. */
export async function listRevalidations(
  viewer: PersonViewer,
  options: { territory?: string | null; now?: Date; trx?: Executor } = {},
): Promise<QueueItem[]> {
  const now = options.now ?? new Date()
  const rows = await openRevalidations(viewer, { territory: options.territory, now }, options.trx)
  return rows.map((row) => queueItem(row, now)).sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.id < b.id ? -1 : 1))
}

export const revalidationQueueSource: QueueSource = {
  kind: 'revalidation',
  label: 'Validations à revérifier',
  list: (viewer, options) => listRevalidations(viewer, options),
  count: async (viewer) => (await openRevalidations(viewer, {})).length,
}
