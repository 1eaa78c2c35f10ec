import { type Actor, isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'
import type { ResourceStatus } from '#db/schema/resources.ts'
import { TERRITORY_DEPARTEMENT } from './resources.schema.ts'

// The review of first contributions (issue 14), pure: who waits for a review, who decides, and where each decision
// leads. resources.server.ts (publishing) and review.server.ts (decisions) follow it; review.test.ts holds it as a table.
//
// - A person with fewer than N approved resources (env REVIEW_THRESHOLD, default 2) who publishes gets `pending`.
//   Admins, coordinators (of a territory or of any group) and the system (imports, demo data) never wait.
// - The coordinators of the resource's territory decide, and the admins (a resource « Tout le Pas-de-Calais » has no
//   territory coordinator: admins only). Nobody decides on their own resource.
// - approve → published (it counts toward N); ask for changes → draft, with a message to the author; refuse → draft
//   too, with the reason. A refused resource is not archived: `archived` is readable by everyone (« Archivée »), and a
//   refused one must stay private to its author. Back in the author's drafts, it may be corrected and sent again,
//   which is the appeal the reference systems ask for (the decision page shows the earlier refusal to the next reviewer).

export type ReviewDecision = 'approve' | 'request-changes' | 'refuse'

export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['approve', 'request-changes', 'refuse']

/** Where each decision leads, from `pending` only; the event it writes in resource_reviews; whether a note is required. */
export const REVIEW_TRANSITIONS: Record<ReviewDecision, { to: ResourceStatus; event: 'approved' | 'changes_requested' | 'refused'; noteRequired: boolean }> = {
  approve: { to: 'published', event: 'approved', noteRequired: false },
  'request-changes': { to: 'draft', event: 'changes_requested', noteRequired: true },
  refuse: { to: 'draft', event: 'refused', noteRequired: true },
}

export const NOTE_MAX = 2000

/** What a review decision needs of a resource. */
export type ReviewItem = { status: ResourceStatus; territory: string; authorId: string | null; deletedAt: string | null }

export type ReviewRefusal = 'not-pending' | 'not-reviewer' | 'own-resource' | 'note-required' | 'note-too-long'

/** A coordinator: of a territory group, or of any group. */
export function isCoordinator(actor: Viewer | Actor): boolean {
  if (actor.kind !== 'person') return false
  if (actor.coordinates.size > 0) return true
  for (const role of actor.groups.values()) if (role === 'coordinator') return true
  return false
}

/** Whether what this actor publishes waits for a review, given how many of their resources were approved. */
export function needsReview(actor: Actor, approvedCount: number, threshold: number): boolean {
  if (actor.kind === 'system' || isAdmin(actor) || isCoordinator(actor)) return false
  return approvedCount < threshold
}

/** Who decides on a resource of this territory: admins, and the coordinators of that very territory. */
export function mayReview(actor: Viewer | Actor, item: Pick<ReviewItem, 'territory' | 'authorId'>): boolean {
  if (actor.kind !== 'person' || !actor.verified) return false
  if (item.authorId === actor.id) return false
  if (isAdmin(actor)) return true
  return item.territory !== TERRITORY_DEPARTEMENT && actor.coordinates.has(item.territory)
}

/** The state × actor × decision table: the status a decision leads to, or why it is refused. */
export function reviewTransition(
  actor: Viewer | Actor,
  decision: ReviewDecision,
  item: ReviewItem,
  note: string,
): { ok: true; to: ResourceStatus } | { ok: false; reason: ReviewRefusal } {
  if (actor.kind === 'person' && item.authorId === actor.id) return { ok: false, reason: 'own-resource' }
  if (!mayReview(actor, item)) return { ok: false, reason: 'not-reviewer' }
  if (item.deletedAt || item.status !== 'pending') return { ok: false, reason: 'not-pending' }
  const t = REVIEW_TRANSITIONS[decision]
  if (t.noteRequired && note.trim() === '') return { ok: false, reason: 'note-required' }
  if (note.length > NOTE_MAX) return { ok: false, reason: 'note-too-long' }
  return { ok: true, to: t.to }
}

export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  approve: 'Approuver et publier',
  'request-changes': 'Demander des modifications',
  refuse: 'Refuser',
}

export const REVIEW_EVENT_LABELS = {
  submitted: 'Envoyée en relecture',
  approved: 'Approuvée',
  changes_requested: 'Modifications demandées',
  refused: 'Refusée',
} as const
