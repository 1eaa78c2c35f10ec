import { type Actor, isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'
import { type DiscussionGroup, isModerator } from '#app/modules/discussions/discussions.policy.ts'
import { type CommentParent, canReadParent, isCommentModerator } from '#app/modules/comments/comments.policy.ts'
import { coordinatesTerritory } from '#app/modules/resources/resources.policy.ts'
import type { ReportReason } from '#db/schema/reports.ts'

// Who may report and who decides (issue 14, item 2). Pure. Seeing the item is each content type's own policy (a
// resource's `can(viewer, 'read')`, a post whole in a thread the viewer may view); this file adds what reports need:
// reporting takes a logged-in person with a confirmed address, never the item's author; deciding is for the
// coordinators of the item's territory (a resource) or group (a discussion post), and for admins.

export const REPORT_REASONS: readonly { value: ReportReason; label: string }[] = [
  { value: 'spam', label: 'Contenu publicitaire ou indésirable' },
  { value: 'abuse', label: 'Propos injurieux ou discriminatoires' },
  { value: 'misinformation', label: 'Informations fausses ou obsolètes' },
  { value: 'personal_data', label: 'Données personnelles' },
  { value: 'other', label: 'Autre' },
]

export const MAX_REPORT_DETAILS = 1000
export const MAX_DECISION_NOTE = 1000

export function reasonLabel(reason: ReportReason): string {
  return REPORT_REASONS.find((r) => r.value === reason)?.label ?? reason
}

/** A logged-in person with a confirmed address, who is not the item's author. */
export function canReport(viewer: Viewer | Actor, item: { authorId: string | null }): boolean {
  if (viewer.kind !== 'person' || !viewer.verified) return false
  return item.authorId === null || item.authorId !== viewer.id
}

/** The part of the item deciding needs: a resource's territory, a post's group, or what a comment is on. */
export type DecisionScope =
  | { kind: 'resource'; territory: string }
  | { kind: 'discussion_post'; group: DiscussionGroup }
  | { kind: 'comment'; parent: CommentParent }

/**
 * Admins; coordinators of the resource's territory, or of the post's group; for a comment, its moderators
 * (comments.policy: the coordination of the resource's territory or of the event's group) who may read its item.
 */
export function canDecide(actor: Viewer | Actor, scope: DecisionScope): boolean {
  if (actor.kind !== 'person' || !actor.verified) return false
  if (isAdmin(actor)) return true
  if (scope.kind === 'comment') return canCommentModerate(actor, scope.parent)
  return scope.kind === 'resource' ? coordinatesTerritory(actor, scope.territory) : isModerator(actor, scope.group)
}

function canCommentModerate(actor: Viewer | Actor, parent: CommentParent): boolean {
  return isCommentModerator(actor, parent) && canReadParent(actor, parent)
}

export type ReportInput = { reason: ReportReason; details: string }

/** The form's values checked, or French messages by field. */
export function parseReportInput(
  raw: { reason?: unknown; details?: unknown },
): { ok: true; value: ReportInput } | { ok: false; errors: Partial<Record<'reason' | 'details', string>> } {
  const reason = REPORT_REASONS.find((r) => r.value === raw.reason)?.value
  const details = String(raw.details ?? '').trim()
  const errors: Partial<Record<'reason' | 'details', string>> = {}
  if (!reason) errors.reason = 'Choisissez le motif du signalement.'
  if (details.length > MAX_REPORT_DETAILS) errors.details = `Le texte ne doit pas dépasser 1 000 caractères.`
  else if (reason === 'other' && !details) errors.details = 'Précisez le motif : le texte est obligatoire pour « Autre ».'
  if (!reason || errors.details) return { ok: false, errors }
  return { ok: true, value: { reason, details } }
}

/** The decision's note, checked (optional, at most 1 000 characters). */
export function parseDecisionNote(raw: unknown): { ok: true; note: string } | { ok: false; error: string } {
  const note = String(raw ?? '').trim()
  if (note.length > MAX_DECISION_NOTE) return { ok: false, error: `La note ne doit pas dépasser 1 000 caractères.` }
  return { ok: true, note }
}
