// Who is looking, or acting: one shape for every page check, list filter, search filter and module write (DESIGN.md
// §9). Pure: no database, importable from policies, the UI and tests. Built once per request by `getViewer`
// (viewer.server.ts); tests and senders build one for a given person with `personViewer`.

export type SiteRole = 'member' | 'admin'
export type StructureRole = 'owner' | 'member'
export type GroupRole = 'member' | 'coordinator'

export type AnonymousViewer = { readonly kind: 'anonymous' }

export type PersonViewer = {
  readonly kind: 'person'
  readonly id: string
  readonly role: SiteRole
  /** The address is confirmed: « membres » means verified members (an unverified account reads as anonymous). */
  readonly verified: boolean
  /** Structures the person belongs to, with their role there. */
  readonly structures: ReadonlyMap<string, StructureRole>
  /** Groups the person belongs to, with their role there (filled by the groups module). */
  readonly groups: ReadonlyMap<string, GroupRole>
  /** Territories the person coordinates (filled by the groups module). */
  readonly coordinates: ReadonlySet<string>
}

export type Viewer = AnonymousViewer | PersonViewer

/** Who performs a module write: a person, or the system itself (an import, a scheduled job), named for the audit. */
export type SystemActor = { readonly kind: 'system'; readonly name: string }
export type Actor = PersonViewer | SystemActor

export const ANONYMOUS: AnonymousViewer = Object.freeze({ kind: 'anonymous' })

export function systemActor(name: string): SystemActor {
  return Object.freeze({ kind: 'system', name })
}

export function personViewer(
  user: { id: string; role: SiteRole; emailVerifiedAt?: string | null },
  memberships: {
    structures?: Iterable<readonly [string, StructureRole]>
    groups?: Iterable<readonly [string, GroupRole]>
    coordinates?: Iterable<string>
  } = {},
): PersonViewer {
  return Object.freeze({
    kind: 'person',
    id: user.id,
    role: user.role,
    verified: Boolean(user.emailVerifiedAt),
    structures: new Map(memberships.structures ?? []),
    groups: new Map(memberships.groups ?? []),
    coordinates: new Set(memberships.coordinates ?? []),
  })
}

export function isPerson(viewer: Viewer | Actor | null | undefined): viewer is PersonViewer {
  return viewer?.kind === 'person'
}

export function isAdmin(viewer: Viewer | Actor | null | undefined): boolean {
  return viewer?.kind === 'person' && viewer.role === 'admin'
}

/** The viewer's id when a person, else null (for audit columns and author ids). */
export function viewerId(viewer: Viewer | Actor | null | undefined): string | null {
  return viewer?.kind === 'person' ? viewer.id : null
}
