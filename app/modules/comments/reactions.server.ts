import type { Actor, Viewer } from '#app/modules/auth/viewer.ts'
import { getResourceAccess } from '#app/modules/resources/resources.server.ts'
import { can as canResource } from '#app/modules/resources/resources.policy.ts'
import { type Executor, db } from '#db/client.server.ts'
import type { ReactionKind } from '#db/schema/comments.ts'
import { enqueueNotification } from '#app/modules/notifications/outbox.server.ts'
import { mayNameStructure, type ReactionRefusal, reactionRefusal } from './comments.policy.ts'

// Reactions on resources (issue 17, item 2): « Utile » and « Je l'ai testé », one of each per person (the primary key),
// undone by posting again (a toggle). « Je l'ai testé » may name one of the person's structures; the resource page
// lists the structures that tried it (structure profiles are public: every named structure is listed, linked to its
// page). Only on a resource the viewer may read, never on one they own (comments.policy `reactionRefusal`).

export type { ReactionKind }
export const REACTION_KINDS: readonly ReactionKind[] = ['useful', 'tested']

export type ReactionsView = {
  useful: number
  tested: number
  /** The structures named by the people who tested it, by name. */
  testedBy: { slug: string; name: string }[]
  mine: { useful: boolean; tested: boolean; structureId: string | null }
  /** Why this viewer may not react (null: they may). */
  refusal: Exclude<ReactionRefusal, 'not-found'> | null
  /** The structures this viewer may name for « Je l'ai testé ». */
  myStructures: { id: string; name: string }[]
}

/** The reactions of a resource this viewer may read (null otherwise). */
export async function getReactions(resourceId: string, viewer: Viewer, trx: Executor = db): Promise<ReactionsView | null> {
  const access = await getResourceAccess(resourceId, trx)
  if (!access || !canResource(viewer, 'read', access)) return null
  const counts = await trx
    .selectFrom('resourceReactions')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('resourceId', '=', resourceId)
    .groupBy('kind')
    .execute()
  const count = (kind: ReactionKind) => Number(counts.find((c) => c.kind === kind)?.n ?? 0)
  const testedBy = await trx
    .selectFrom('resourceReactions')
    .innerJoin('structures', 'structures.id', 'resourceReactions.structureId')
    .select(['structures.slug', 'structures.name'])
    .distinct()
    .where('resourceReactions.resourceId', '=', resourceId)
    .where('resourceReactions.kind', '=', 'tested')
    .orderBy('structures.name')
    .execute()
  const mine = { useful: false, tested: false, structureId: null as string | null }
  let myStructures: { id: string; name: string }[] = []
  if (viewer.kind === 'person') {
    const rows = await trx.selectFrom('resourceReactions').select(['kind', 'structureId']).where('resourceId', '=', resourceId).where('userId', '=', viewer.id).execute()
    for (const row of rows) {
      mine[row.kind] = true
      if (row.kind === 'tested') mine.structureId = row.structureId
    }
    const ids = [...viewer.structures.keys()]
    if (ids.length > 0) myStructures = await trx.selectFrom('structures').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute()
  }
  const refusal = reactionRefusal(viewer, access)
  return { useful: count('useful'), tested: count('tested'), testedBy, mine, refusal: refusal === 'not-found' ? null : refusal, myStructures }
}

export type ReactionResult =
  | { ok: true; active: boolean }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'forbidden'; refusal: Exclude<ReactionRefusal, 'not-found'> }
  | { ok: false; reason: 'invalid'; message: string }

export const REACTION_MESSAGES = {
  unverified: 'Confirmez votre adresse e-mail pour réagir à une ressource.',
  own: 'Vous ne pouvez pas réagir à une ressource dont vous êtes l’auteur ou l’autrice, ni à celle de votre structure.',
  closed: 'On ne peut pas réagir à cette ressource pour le moment.',
  structure: 'Choisissez une de vos structures, ou aucune.',
  kind: 'Réaction inconnue.',
} as const

/**
 * Adds the reaction, or takes it back when the person already gave it. « Je l'ai testé » may name `structureId`, one of
 * the actor's structures (empty: none).
 */
export async function toggleReaction(options: {
  actor: Actor
  resourceId: string
  kind: unknown
  structureId?: unknown
  trx?: Executor
}): Promise<ReactionResult> {
  const run = async (trx: Executor): Promise<ReactionResult> => {
    const access = await getResourceAccess(options.resourceId, trx)
    if (!access) return { ok: false, reason: 'not-found' }
    const refusal = reactionRefusal(options.actor, access)
    if (refusal === 'not-found') return { ok: false, reason: 'not-found' }
    if (refusal || options.actor.kind !== 'person') return { ok: false, reason: 'forbidden', refusal: refusal ?? 'unverified' }
    const kind = REACTION_KINDS.find((k) => k === options.kind)
    if (!kind) return { ok: false, reason: 'invalid', message: REACTION_MESSAGES.kind }
    const structureId = kind === 'tested' ? String(options.structureId ?? '').trim() || null : null
    if (structureId && !mayNameStructure(options.actor, structureId)) return { ok: false, reason: 'invalid', message: REACTION_MESSAGES.structure }
    const userId = options.actor.id
    const existing = await trx
      .selectFrom('resourceReactions')
      .select('kind')
      .where('resourceId', '=', access.id)
      .where('userId', '=', userId)
      .where('kind', '=', kind)
      .executeTakeFirst()
    if (existing) {
      await trx.deleteFrom('resourceReactions').where('resourceId', '=', access.id).where('userId', '=', userId).where('kind', '=', kind).execute()
      return { ok: true, active: false }
    }
    await trx
      .insertInto('resourceReactions')
      .values({ resourceId: access.id, userId, kind, structureId, createdAt: new Date().toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute()
    // Its author hears of it in the bell, grouped per resource and reaction (the fan-out counts them when it runs).
    await enqueueNotification({ kind: 'reaction', resourceId: access.id, reaction: kind, actorId: userId }, { trx })
    return { ok: true, active: true }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}
