import type { Actor, Viewer } from '#app/modules/auth/viewer.ts'

// Who may do what with a structure (DESIGN.md §9): one pure table of relation × action, shared by the pages (what
// to show, what to refuse with a 404), the module writes (which check it themselves, whoever calls them) and the UI.
// The relation comes from the viewer alone (`viewer.structures` holds the person's memberships): no query here.

export type StructureAction =
  | 'view'
  | 'edit'
  | 'delete'
  | 'manage-members'
  | 'sign-charter'
  | 'grant-label'
  | 'request-join'
  | 'leave'

/** The viewer's relation to one structure. `system` is an import or a script, acting for the platform. */
export type StructureRelation = 'owner' | 'member' | 'other-member' | 'admin' | 'anonymous' | 'system'

const RULES: Record<StructureAction, readonly StructureRelation[]> = {
  // Structure profiles are public: they are how the network finds each other.
  view: ['owner', 'member', 'other-member', 'admin', 'anonymous', 'system'],
  edit: ['owner', 'admin', 'system'],
  delete: ['owner', 'admin', 'system'],
  // Invitations, join requests and roles. Admins may step in (a structure whose owners left, say).
  'manage-members': ['owner', 'admin', 'system'],
  // Signing commits the structure: only its owners may, in person.
  'sign-charter': ['owner'],
  'grant-label': ['admin', 'system'],
  // Joining and leaving are a person's own acts.
  'request-join': ['other-member'],
  leave: ['owner', 'member'],
}

/** Actions a person whose address is not confirmed yet may still do: look, and leave. */
const WITHOUT_VERIFIED_ADDRESS: readonly StructureAction[] = ['view', 'leave']

/**
 * The relations of a viewer to a structure. An admin who is also a member of the structure acts as its owner or
 * member for what those may do, and as an admin otherwise.
 */
export function relationsOf(viewer: Viewer | Actor, structure: { id: string }): StructureRelation[] {
  if (viewer.kind === 'anonymous') return ['anonymous']
  if (viewer.kind === 'system') return ['system']
  const relations: StructureRelation[] = []
  const membership = viewer.structures.get(structure.id)
  if (membership) relations.push(membership)
  if (viewer.role === 'admin') relations.push('admin')
  if (!membership) relations.push('other-member')
  return relations
}

/** The viewer's membership role in this structure (null when none, anonymous or system). */
export function membershipOf(viewer: Viewer | Actor, structure: { id: string }): 'owner' | 'member' | null {
  return viewer.kind === 'person' ? (viewer.structures.get(structure.id) ?? null) : null
}

export function can(viewer: Viewer | Actor, action: StructureAction, structure: { id: string }): boolean {
  // A person whose address is not confirmed yet can look, not act (admins are trusted).
  if (viewer.kind === 'person' && !viewer.verified && viewer.role !== 'admin' && !WITHOUT_VERIFIED_ADDRESS.includes(action)) {
    return false
  }
  return relationsOf(viewer, structure).some((relation) => RULES[action].includes(relation))
}

export const STRUCTURE_ACTIONS = Object.keys(RULES) as StructureAction[]
export const STRUCTURE_RULES = RULES
