import { type Actor, isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'

// Who may curate what (DESIGN.md §9), pure: « Validé par le réseau » and featured resources. Coordinators act on
// what belongs to what they coordinate — a resource of their territory, or one that is for one of their groups —
// admins on everything. The system (demo data, jobs) may too.

export type CurationItem = {
  /** The resource's territory slug (`departement` for the whole of Pas-de-Calais). */
  territory: string
  /** Groups the resource is for. */
  groupIds: readonly string[]
  status: string
  deletedAt: string | null
}

function coordinatesGroup(actor: Viewer | Actor, groupId: string): boolean {
  return actor.kind === 'person' && actor.groups.get(groupId) === 'coordinator'
}

/** Coordinates the item: its territory, or one of its groups. */
export function coordinatesItem(actor: Viewer | Actor, item: Pick<CurationItem, 'territory' | 'groupIds'>): boolean {
  if (actor.kind !== 'person' || !actor.verified) return false
  return actor.coordinates.has(item.territory) || item.groupIds.some((id) => coordinatesGroup(actor, id))
}

/** Mark a resource « Validé par le réseau », confirm or withdraw the validation: published resources only. */
export function mayValidate(actor: Viewer | Actor, item: CurationItem): boolean {
  if (item.deletedAt || item.status !== 'published') return false
  if (actor.kind === 'system' || isAdmin(actor)) return true
  return coordinatesItem(actor, item)
}

/** Feature resources on a group's page: its coordinators and admins. */
export function mayFeatureOnGroup(actor: Viewer | Actor, groupId: string): boolean {
  if (actor.kind === 'system' || isAdmin(actor)) return true
  return actor.kind === 'person' && actor.verified && coordinatesGroup(actor, groupId)
}

/** Feature resources on the home page: admins only. */
export function mayFeatureOnHome(actor: Viewer | Actor): boolean {
  return actor.kind === 'system' || isAdmin(actor)
}

export type ValidationState = 'valid' | 'due' | 'stale'

/** Days before the review-by date when a validation enters the queue. */
export const REVALIDATION_NOTICE_DAYS = 30
const DAY_MS = 24 * 3600 * 1000

/**
 * A validation at `now`: `stale` from its review-by instant on (the badge reads « À revérifier »), `due` in the 30 days
 * before (it is in the queue), `valid` otherwise.
 */
export function validationState(validation: { reviewBy: string }, now: Date = new Date()): ValidationState {
  const reviewBy = Date.parse(validation.reviewBy)
  if (reviewBy <= now.getTime()) return 'stale'
  if (reviewBy - REVALIDATION_NOTICE_DAYS * DAY_MS <= now.getTime()) return 'due'
  return 'valid'
}

/** In the revalidation queue: due, stale, or its substance edited since it was validated. */
export function needsRevalidation(validation: { reviewBy: string; substanceEditedAt: string | null }, now: Date = new Date()): boolean {
  return validation.substanceEditedAt !== null || validationState(validation, now) !== 'valid'
}

/** The review-by instant of a validation made at `at`: `months` calendar months later (end of month clamped). */
export function reviewByFrom(at: Date, months: number): Date {
  const date = new Date(at.getTime())
  const day = date.getUTCDate()
  date.setUTCDate(1)
  date.setUTCMonth(date.getUTCMonth() + months)
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
  date.setUTCDate(Math.min(day, last))
  return date
}

/**
 * The columns of `resources` whose change is a change of substance (the validation goes back to the queue): the body,
 * dates, amounts and the facts of each kind (kept in `details_json`: eligible legal forms, steps, results…), the
 * official and registration links, the cost. The title, summary, themes, territory, audience and links to structures
 * or groups are presentation or filing, not substance (a title typo fix does not count).
 */
export const SUBSTANCE_COLUMNS = [
  'bodyText',
  'openingDate',
  'deadline',
  'amountMin',
  'amountMax',
  'cofinancingRate',
  'programme',
  'startDate',
  'detailsJson',
  'officialUrl',
  'registrationUrl',
  'cost',
] as const

export type SubstanceColumn = (typeof SUBSTANCE_COLUMNS)[number]

export function substanceChanged(
  before: { [K in SubstanceColumn]: unknown },
  after: { [K in SubstanceColumn]: unknown },
): SubstanceColumn[] {
  return SUBSTANCE_COLUMNS.filter((column) => (before[column] ?? null) !== (after[column] ?? null))
}
