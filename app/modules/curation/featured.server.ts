import { type ExpressionBuilder, sql } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import type { Database } from '#db/schema.ts'
import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import type { Actor, Viewer } from '#app/modules/auth/viewer.ts'
import { visibleTo } from '#app/modules/resources/resources.policy.ts'
import { newId } from '#app/utils/ids.server.ts'
import { mayFeatureOnGroup, mayFeatureOnHome } from './curation.policy.ts'

// Featured resources (issue 14 §6): coordinators put resources forward on their group's page, admins on the home page,
// in an order they choose, until an optional end date. What a viewer is shown goes through the resources policy
// (`visibleTo`, published only): a featured group-only resource is shown only to those who may read it. Expired items
// disappear on their own (the end date is checked at read time).
//
// What may be featured where: on the home page (public), published public resources only; on a group's page, published
// resources the group's members may read (public, members-only, or group-only for that group). Every write checks the
// actor (curation.policy.ts) and is written to the audit log.

/** `null`: the home page. */
export type FeaturePlace = { groupId: string | null }

export type FeaturedItem = {
  id: string
  resourceId: string
  slug: string
  title: string
  summary: string
  type: string
  position: number
  endsAt: string | null
}

function mayFeature(actor: Actor | Viewer, place: FeaturePlace): boolean {
  return place.groupId === null ? mayFeatureOnHome(actor) : mayFeatureOnGroup(actor, place.groupId)
}

/** What a viewer sees featured in a place, in order, expired ones left out. */
export async function listFeatured(
  place: FeaturePlace,
  viewer: Viewer | Actor,
  options: { now?: Date; limit?: number; trx?: Executor } = {},
): Promise<FeaturedItem[]> {
  const trx = options.trx ?? db
  const now = (options.now ?? new Date()).toISOString()
  let query = trx
    .selectFrom('featuredResources')
    .innerJoin('resources', 'resources.id', 'featuredResources.resourceId')
    .select([
      'featuredResources.id',
      'featuredResources.resourceId',
      'resources.slug',
      'resources.title',
      'resources.summary',
      'resources.type',
      'featuredResources.position',
      'featuredResources.endsAt',
    ])
    .where('resources.status', '=', 'published')
    .where(visibleTo(viewer))
    .where((eb) => eb.or([eb('featuredResources.endsAt', 'is', null), eb('featuredResources.endsAt', '>', now)]))
  query = place.groupId === null ? query.where('featuredResources.groupId', 'is', null) : query.where('featuredResources.groupId', '=', place.groupId)
  return query
    .orderBy('featuredResources.position')
    .orderBy('featuredResources.createdAt')
    .limit(options.limit ?? 12)
    .execute()
}

/** Everything featured in a place, expired included (the management page), for those who may manage it. */
export async function listFeaturedForManager(place: FeaturePlace, actor: Actor, trx: Executor = db): Promise<FeaturedItem[] | null> {
  if (!mayFeature(actor, place)) return null
  let query = trx
    .selectFrom('featuredResources')
    .innerJoin('resources', 'resources.id', 'featuredResources.resourceId')
    .select([
      'featuredResources.id',
      'featuredResources.resourceId',
      'resources.slug',
      'resources.title',
      'resources.summary',
      'resources.type',
      'featuredResources.position',
      'featuredResources.endsAt',
    ])
    .where('resources.deletedAt', 'is', null)
  query = place.groupId === null ? query.where('featuredResources.groupId', 'is', null) : query.where('featuredResources.groupId', '=', place.groupId)
  return query.orderBy('featuredResources.position').orderBy('featuredResources.createdAt').execute()
}

export type FeatureResult = { ok: true; id: string } | { ok: false; reason: 'forbidden' | 'not-found' | 'already' | 'past' }

/** Resources that may be featured in a place (see the header): published, visible, readable by its audience. */
function featurable(place: FeaturePlace) {
  return (eb: ExpressionBuilder<Database, 'resources'>) => {
    const base = [eb('resources.status', '=', 'published'), eb('resources.deletedAt', 'is', null), eb('resources.hiddenAt', 'is', null)]
    if (place.groupId === null) return eb.and([...base, eb('resources.visibility', '=', 'public')])
    const groupId = place.groupId
    return eb.and([
      ...base,
      eb.or([
        eb('resources.visibility', 'in', ['public', 'members']),
        eb.and([
          eb('resources.visibility', '=', 'group'),
          eb.exists(
            eb
              .selectFrom('resourceGroups')
              .select('resourceGroups.groupId')
              .whereRef('resourceGroups.resourceId', '=', 'resources.id')
              .where('resourceGroups.groupId', '=', groupId),
          ),
        ]),
      ]),
    ])
  }
}

export type FeaturableCandidate = { slug: string; title: string; type: string; featured: boolean }

/** Resources that may be featured in a place whose title contains `query` (the manager's search), or null if refused. */
export async function searchFeaturable(place: FeaturePlace, actor: Actor | Viewer, query: string, trx: Executor = db): Promise<FeaturableCandidate[] | null> {
  if (!mayFeature(actor, place)) return null
  const words = query.trim().slice(0, 100)
  if (!words) return []
  const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows = await trx
    .selectFrom('resources')
    .select(['resources.id', 'resources.slug', 'resources.title', 'resources.type'])
    .where(featurable(place))
    .where(sql<boolean>`resources.title like ${pattern} escape '\\'`)
    .orderBy('resources.publishedAt', 'desc')
    .limit(10)
    .execute()
  const featured = new Set((await placed(trx, place).select('featuredResources.resourceId').execute()).map((r) => r.resourceId))
  return rows.map((r) => ({ slug: r.slug, title: r.title, type: r.type, featured: featured.has(r.id) }))
}

/** Features a published resource in a place (last in the order), if the actor may. */
export async function featureResource(options: {
  place: FeaturePlace
  resourceSlug: string
  actor: Actor
  endsAt?: string | null
  now?: Date
}): Promise<FeatureResult> {
  if (!mayFeature(options.actor, options.place)) return { ok: false, reason: 'forbidden' }
  if (options.endsAt && options.endsAt <= (options.now ?? new Date()).toISOString()) return { ok: false, reason: 'past' }
  return db.transaction().execute(async (trx) => {
    const resource = await trx
      .selectFrom('resources')
      .select('resources.id')
      .where('resources.slug', '=', options.resourceSlug)
      .where(featurable(options.place))
      .executeTakeFirst()
    if (!resource) return { ok: false, reason: 'not-found' } as const
    const existing = await placed(trx, options.place)
      .select(['featuredResources.resourceId', 'featuredResources.position'])
      .execute()
    if (existing.some((e) => e.resourceId === resource.id)) return { ok: false, reason: 'already' } as const
    const id = newId()
    await trx
      .insertInto('featuredResources')
      .values({
        id,
        resourceId: resource.id,
        groupId: options.place.groupId,
        position: existing.reduce((max, e) => Math.max(max, e.position), 0) + 1,
        endsAt: options.endsAt ?? null,
        createdBy: options.actor.kind === 'person' ? options.actor.id : null,
        createdAt: (options.now ?? new Date()).toISOString(),
      })
      .execute()
    await recordActorAudit(
      options.actor,
      { action: 'resource.featured', targetType: 'resource', targetId: resource.id, data: { groupId: options.place.groupId, endsAt: options.endsAt ?? null } },
      trx,
    )
    return { ok: true, id } as const
  })
}

function placed(trx: Executor, place: FeaturePlace) {
  const query = trx.selectFrom('featuredResources')
  return place.groupId === null ? query.where('featuredResources.groupId', 'is', null) : query.where('featuredResources.groupId', '=', place.groupId)
}

/** Removes a featured item from its place, if the actor may. */
export async function unfeature(options: { place: FeaturePlace; id: string; actor: Actor }): Promise<boolean> {
  if (!mayFeature(options.actor, options.place)) return false
  return db.transaction().execute(async (trx) => {
    const row = await placed(trx, options.place).select(['id', 'resourceId']).where('id', '=', options.id).executeTakeFirst()
    if (!row) return false
    await trx.deleteFrom('featuredResources').where('id', '=', row.id).execute()
    await recordActorAudit(options.actor, { action: 'resource.unfeatured', targetType: 'resource', targetId: row.resourceId, data: { groupId: options.place.groupId } }, trx)
    return true
  })
}

/** Moves a featured item one step up or down in its place (swaps positions with its neighbour), if the actor may. */
export async function moveFeatured(options: { place: FeaturePlace; id: string; direction: 'up' | 'down'; actor: Actor }): Promise<boolean> {
  if (!mayFeature(options.actor, options.place)) return false
  return db.transaction().execute(async (trx) => {
    const rows = await placed(trx, options.place).select(['id', 'position']).orderBy('position').orderBy('createdAt').execute()
    const index = rows.findIndex((r) => r.id === options.id)
    const other = options.direction === 'up' ? index - 1 : index + 1
    if (index < 0 || other < 0 || other >= rows.length) return false
    // Renumber 1..n in the new order (positions stay distinct whatever they were).
    const order = rows.map((r) => r.id)
    ;[order[index], order[other]] = [order[other], order[index]]
    for (const [i, id] of order.entries()) await trx.updateTable('featuredResources').set({ position: i + 1 }).where('id', '=', id).execute()
    const moved = await trx.selectFrom('featuredResources').select('resourceId').where('id', '=', options.id).executeTakeFirstOrThrow()
    await recordActorAudit(
      options.actor,
      { action: 'resource.featured_moved', targetType: 'resource', targetId: moved.resourceId, data: { groupId: options.place.groupId, direction: options.direction, position: other + 1 } },
      trx,
    )
    return true
  })
}

export type EndResult = { ok: true } | { ok: false; reason: 'forbidden' | 'not-found' | 'past' }

/** Sets or clears (`null`) the end date of a featured item, if the actor may; a date already past is refused. */
export async function setFeaturedEnd(options: { place: FeaturePlace; id: string; endsAt: string | null; actor: Actor; now?: Date }): Promise<EndResult> {
  if (!mayFeature(options.actor, options.place)) return { ok: false, reason: 'forbidden' }
  if (options.endsAt && options.endsAt <= (options.now ?? new Date()).toISOString()) return { ok: false, reason: 'past' }
  return db.transaction().execute(async (trx) => {
    const row = await placed(trx, options.place).select(['id', 'resourceId']).where('id', '=', options.id).executeTakeFirst()
    if (!row) return { ok: false, reason: 'not-found' } as const
    await trx.updateTable('featuredResources').set({ endsAt: options.endsAt }).where('id', '=', row.id).execute()
    await recordActorAudit(
      options.actor,
      { action: 'resource.featured_end_changed', targetType: 'resource', targetId: row.resourceId, data: { groupId: options.place.groupId, endsAt: options.endsAt } },
      trx,
    )
    return { ok: true } as const
  })
}
