import { type Executor, db } from '#db/client.server.ts'
import { type Actor, type PersonViewer, isAdmin } from '#app/modules/auth/viewer.ts'
import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import type { OutgoingEmail } from '#app/modules/email/outbox.server.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { enqueueNotification } from '#app/modules/notifications/outbox.server.ts'
import { escapeHtml, siteUrl } from '#app/modules/email/templates.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import type { ResourceReviewEvent, ResourceRow } from '#db/schema/resources.ts'
import { enqueueSearchUpdate } from '#search/outbox.server.ts'
import { getFullResourceById, getResourceRowById, notifyFirstPublication, territoryName } from './resources.server.ts'
import { RESOURCE_TYPE_LABELS, TERRITORY_DEPARTEMENT } from './resources.schema.ts'
import { type ReviewDecision, type ReviewRefusal, REVIEW_TRANSITIONS, mayReview, reviewTransition } from './review.ts'

// The review of first contributions, on the database: the pending resources a person may decide on (the queue's
// `relecture` source and the header count), one resource with its history for the decision page, and the decision
// itself (status, history row, audit log and the author's email, in one transaction). The rules are in review.ts.

export type PendingResource = {
  id: string
  slug: string
  title: string
  type: ResourceRow['type']
  territory: string
  authorName: string | null
  /** When it entered the queue (its last `submitted` step; its last update when none was recorded). */
  since: string
}

/** Narrows a query on `resources` to the pending resources this person decides on (review.ts's `mayReview` as SQL). */
function pendingFor(viewer: PersonViewer, territory: string | null | undefined, trx: Executor) {
  let query = trx
    .selectFrom('resources')
    .where('resources.status', '=', 'pending')
    .where('resources.deletedAt', 'is', null)
    .where((eb) => eb.or([eb('resources.authorId', 'is', null), eb('resources.authorId', '!=', viewer.id)]))
  if (!isAdmin(viewer)) {
    const territories = [...viewer.coordinates].filter((t) => t !== TERRITORY_DEPARTEMENT)
    // No territory coordinated: nothing (the `in` list must not be empty).
    query = query.where('resources.territory', 'in', territories.length ? territories : ['\u0000'])
  }
  if (territory) query = query.where('resources.territory', '=', territory)
  return query
}

/** Whether this person could ever decide on a review (the queue is skipped for others). */
export function reviewsAnything(viewer: PersonViewer): boolean {
  return viewer.verified && (isAdmin(viewer) || viewer.coordinates.size > 0)
}

/** The pending resources this person may decide on, oldest first. */
export async function listPendingResources(
  viewer: PersonViewer,
  options: { territory?: string | null; trx?: Executor } = {},
): Promise<PendingResource[]> {
  if (!reviewsAnything(viewer)) return []
  const trx = options.trx ?? db
  const rows = await pendingFor(viewer, options.territory, trx)
    .leftJoin('users', 'users.id', 'resources.authorId')
    .select((eb) => [
      'resources.id',
      'resources.slug',
      'resources.title',
      'resources.type',
      'resources.territory',
      'users.name as authorName',
      eb
        .selectFrom('resourceReviews')
        .select((e) => e.fn.max('resourceReviews.createdAt').as('at'))
        .whereRef('resourceReviews.resourceId', '=', 'resources.id')
        .where('resourceReviews.event', '=', 'submitted')
        .as('submittedAt'),
      'resources.updatedAt',
    ])
    .execute()
  return rows
    .map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      type: r.type,
      territory: r.territory,
      authorName: r.authorName ?? null,
      since: (r.submittedAt as string | null) ?? r.updatedAt,
    }))
    .sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id))
}

/** How many pending resources this person may decide on (one query). */
export async function countPendingResources(viewer: PersonViewer, trx: Executor = db): Promise<number> {
  if (!reviewsAnything(viewer)) return 0
  const row = await pendingFor(viewer, null, trx)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

export type ReviewStep = { event: ResourceReviewEvent; note: string; createdAt: string; actorName: string | null }

/** The review history of a resource, oldest first. */
export async function listReviewSteps(resourceId: string, trx: Executor = db): Promise<ReviewStep[]> {
  return trx
    .selectFrom('resourceReviews')
    .leftJoin('users', 'users.id', 'resourceReviews.actorId')
    .select(['resourceReviews.event', 'resourceReviews.note', 'resourceReviews.createdAt', 'users.name as actorName'])
    .where('resourceReviews.resourceId', '=', resourceId)
    .orderBy('resourceReviews.createdAt')
    .orderBy('resourceReviews.id')
    .execute()
}

/**
 * The last decision told to the author, while it still applies: a request for changes or a refusal on a resource
 * back in draft (shown on its edit page), null otherwise.
 */
export async function latestReviewMessage(resource: { id: string; status: ResourceRow['status'] }, trx: Executor = db): Promise<ReviewStep | null> {
  if (resource.status !== 'draft') return null
  const steps = await listReviewSteps(resource.id, trx)
  const last = steps.at(-1)
  return last && (last.event === 'changes_requested' || last.event === 'refused') ? last : null
}

/** The pending resource as its reviewer reads it, with its history; null (404) when this person may not decide on it. */
export async function getResourceForReview(id: string, viewer: PersonViewer, trx: Executor = db) {
  const row = await getResourceRowById(id, trx)
  if (!row || row.deletedAt || row.status !== 'pending' || !mayReview(viewer, row)) return null
  // The reviewer reads it whatever its audience (they must see what they approve): mayReview is the check here.
  const resource = await getFullResourceById(row.id, trx)
  if (!resource) return null
  return { resource, steps: await listReviewSteps(row.id, trx) }
}

export type ReviewResult = { ok: true; resource: ResourceRow } | { ok: false; reason: ReviewRefusal | 'not-found' }

export const REVIEW_MESSAGES: Record<ReviewRefusal, string> = {
  'not-pending': 'Cette ressource n’attend plus de relecture : une autre personne a sans doute déjà décidé.',
  'not-reviewer': 'Vous ne pouvez pas décider de cette ressource.',
  'own-resource': 'Vous ne pouvez pas relire votre propre ressource.',
  'note-required': 'Expliquez en quelques mots ce que vous demandez à l’auteur ou à l’autrice.',
  'note-too-long': 'Le message doit faire au plus 2 000 caractères.',
}

const AUDIT_ACTIONS: Record<ReviewDecision, string> = {
  approve: 'resource.review.approved',
  'request-changes': 'resource.review.changes-requested',
  refuse: 'resource.review.refused',
}

/**
 * A reviewer's decision on a pending resource: its status moves (review.ts), the step is written with its note, the
 * audit log records who, when, what and the note, and the author is told by email (outbox), in one transaction.
 * `not-found` when the resource does not exist or this person may not decide on it (the route answers 404).
 */
export async function reviewResource(options: {
  id: string
  decision: ReviewDecision
  note: string
  actor: Actor
  now?: Date
}): Promise<ReviewResult> {
  const note = options.note.trim()
  return db.transaction().execute(async (trx): Promise<ReviewResult> => {
    const row = await getResourceRowById(options.id, trx)
    if (!row || row.deletedAt || !mayReview(options.actor, row)) return { ok: false, reason: 'not-found' }
    const decided = reviewTransition(options.actor, options.decision, row, note)
    if (!decided.ok) return decided
    const now = (options.now ?? new Date()).toISOString()
    const to = decided.to
    const updated = await trx
      .updateTable('resources')
      .set({
        status: to,
        publishedAt: to === 'published' ? (row.publishedAt ?? now) : row.publishedAt,
        version: row.version + 1,
        updatedAt: now,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst()
    if (!updated) return { ok: false, reason: 'not-pending' }
    const event = REVIEW_TRANSITIONS[options.decision].event
    await trx
      .insertInto('resourceReviews')
      .values({ id: newId(), resourceId: row.id, actorId: options.actor.kind === 'person' ? options.actor.id : null, event, note, createdAt: now })
      .execute()
    await recordActorAudit(
      options.actor,
      { action: AUDIT_ACTIONS[options.decision], targetType: 'resource', targetId: row.id, data: { note, title: row.title, to } },
      trx,
    )
    await enqueueSearchUpdate(trx, { type: 'resource', id: row.id, op: 'upsert' })
    // In the app too (issue 17 §4): the author hears of the decision; once approved, its followers of the news.
    const actorId = options.actor.kind === 'person' ? options.actor.id : null
    if (row.authorId) {
      await enqueueNotification({ kind: 'review_decision', resourceId: row.id, authorId: row.authorId, decision: options.decision, actorId }, { trx })
    }
    await notifyFirstPublication(trx, row, updated, row.authorId)
    const author = row.authorId ? await trx.selectFrom('users').select(['email']).where('id', '=', row.authorId).executeTakeFirst() : undefined
    if (author) {
      await enqueueEmail(reviewDecisionMessage({ to: author.email, decision: options.decision, note, resource: updated, territory: row.territory === TERRITORY_DEPARTEMENT ? null : await territoryName(row.territory, trx) }), trx)
    }
    return { ok: true, resource: updated }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// The author's email

function build(template: string, to: string, subject: string, paragraphs: (string | { link: string; label: string })[]): OutgoingEmail {
  const text = [...paragraphs.map((p) => (typeof p === 'string' ? p : `${p.label} : ${p.link}`)), '', `— L’équipe Essaim\n${siteUrl('/')}`].join('\n\n')
  const html = [
    '<!doctype html>',
    '<html lang="fr">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body>',
    ...paragraphs.map((p) => (typeof p === 'string' ? `<p>${escapeHtml(p)}</p>` : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>`)),
    `<p>— L’équipe Essaim<br><a href="${escapeHtml(siteUrl('/'))}">Essaim</a></p>`,
    '</body>',
    '</html>',
  ].join('\n')
  return { to, subject, text, html, template }
}

/** To the author: the reviewer's decision on their resource, with the note. */
export function reviewDecisionMessage(input: {
  to: string
  decision: ReviewDecision
  note: string
  resource: Pick<ResourceRow, 'slug' | 'title' | 'type'>
  /** The territory's name; null for a resource of the whole département (decided by the network's team). */
  territory: string | null
}): OutgoingEmail {
  const { resource, note } = input
  const who = input.territory ? `La coordination du territoire ${input.territory}` : 'L’équipe d’animation du réseau'
  const kind = RESOURCE_TYPE_LABELS[resource.type].toLowerCase()
  const said = note ? [`Son message : « ${note} »`] : []
  switch (input.decision) {
    case 'approve':
      return build('resource-review-approved', input.to, `Votre ressource « ${resource.title} » est publiée`, [
        'Bonjour,',
        `${who} a relu votre ressource (${kind}) « ${resource.title} » : elle est publiée sur Essaim.`,
        ...said,
        { link: siteUrl(`/ressources/${resource.slug}`), label: 'Voir la ressource' },
      ])
    case 'request-changes':
      return build('resource-review-changes', input.to, `Des modifications sont demandées pour « ${resource.title} »`, [
        'Bonjour,',
        `${who} a relu votre ressource « ${resource.title} » et vous demande quelques modifications avant de la publier. Elle est revenue dans vos brouillons.`,
        ...said,
        'Une fois les modifications faites, cliquez sur « Publier » : elle repassera en relecture.',
        { link: siteUrl(`/ressources/${resource.slug}/modifier`), label: 'Modifier la ressource' },
      ])
    case 'refuse':
      return build('resource-review-refused', input.to, `Votre ressource « ${resource.title} » n’est pas publiée`, [
        'Bonjour,',
        `${who} a relu votre ressource « ${resource.title} » et ne l’a pas acceptée. Elle reste dans vos brouillons, visible de vous seul ou seule.`,
        ...said,
        'Si vous pensez qu’il s’agit d’une erreur, vous pouvez la corriger et la proposer de nouveau : une autre relecture aura lieu.',
        { link: siteUrl(`/ressources/${resource.slug}/modifier`), label: 'Retrouver la ressource' },
      ])
  }
}
