// Follows (issue 17 §3): the kinds and their French labels. Client-safe (no server import): pages and the account's
// « Abonnements » page read them.

export const FOLLOW_KINDS = ['resource', 'structure', 'group', 'territory', 'theme', 'event', 'search'] as const
export type FollowKind = (typeof FOLLOW_KINDS)[number]

/** Headings of /compte/abonnements, one per kind. */
export const FOLLOW_KIND_LABELS: Record<FollowKind, string> = {
  resource: 'Ressources',
  structure: 'Structures',
  group: 'Groupes',
  territory: 'Territoires',
  theme: 'Thèmes',
  event: 'Événements',
  search: 'Recherches enregistrées',
}

export function isFollowKind(value: unknown): value is FollowKind {
  return typeof value === 'string' && (FOLLOW_KINDS as readonly string[]).includes(value)
}

/** Where the follow and stop forms post. */
export const FOLLOW_ACTION = '/abonnements'
