// Who may do what with a structure: one pure table, shared by the server (authorisation) and the UI (what to show).

export type StructureAction =
  | 'view'
  | 'edit'
  | 'delete'
  | 'manage-members'
  | 'sign-charter'
  | 'grant-label'
  | 'request-join'
  | 'leave'

/** The viewer's relation to one structure. */
export type StructureRelation = 'owner' | 'member' | 'other-member' | 'admin' | 'anonymous'

export type Viewer = { id: string; role: 'member' | 'admin'; emailVerifiedAt?: string | null } | null

const RULES: Record<StructureAction, readonly StructureRelation[]> = {
  // Structure profiles are public: they are how the network finds each other.
  view: ['owner', 'member', 'other-member', 'admin', 'anonymous'],
  edit: ['owner', 'admin'],
  delete: ['owner', 'admin'],
  // Invitations, join requests and roles. Admins may step in (a structure whose owners left, say).
  'manage-members': ['owner', 'admin'],
  // Signing commits the structure: only its owners may.
  'sign-charter': ['owner'],
  'grant-label': ['admin'],
  'request-join': ['other-member'],
  leave: ['owner', 'member'],
}

/**
 * The relation of a viewer to a structure given their membership role there (null if none). An admin who is also a
 * member of the structure acts as its owner or member for what those may do, and as an admin otherwise.
 */
export function relationsOf(viewer: Viewer, membershipRole: 'owner' | 'member' | null): StructureRelation[] {
  if (!viewer) return ['anonymous']
  const relations: StructureRelation[] = []
  if (membershipRole) relations.push(membershipRole)
  if (viewer.role === 'admin') relations.push('admin')
  if (!membershipRole) relations.push('other-member')
  return relations
}

export function canOnStructure(
  viewer: Viewer,
  membershipRole: 'owner' | 'member' | null,
  action: StructureAction,
): boolean {
  const relations = relationsOf(viewer, membershipRole)
  // A person whose address is not confirmed yet can look, not act.
  if (action !== 'view' && action !== 'leave' && viewer && !viewer.emailVerifiedAt && viewer.role !== 'admin') return false
  return relations.some((relation) => RULES[action].includes(relation))
}

export const STRUCTURE_ACTIONS = Object.keys(RULES) as StructureAction[]
export const STRUCTURE_RULES = RULES
