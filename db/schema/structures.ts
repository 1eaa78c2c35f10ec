import type { Generated, Selectable } from 'kysely'

// Tables of the structures and people domains (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type LegalForm =
  | 'association'
  | 'scop'
  | 'scic'
  | 'cae'
  | 'cooperative-usagers'
  | 'cooperative-autre'
  | 'mutuelle'
  | 'fondation'
  | 'esus'
  | 'siae'
  | 'autre'

export type SizeBracket = '0' | '1-9' | '10-49' | '50-249' | '250+'
export type MemberRole = 'owner' | 'member'
export type ProfileVisibility = 'public' | 'members' | 'hidden'

export interface StructuresTable {
  id: string
  slug: string
  name: string
  searchName: string
  legalForm: LegalForm
  siret: string | null
  rna: string | null
  communeInsee: string
  territoryId: string
  address: string | null
  websiteUrl: string | null
  contactEmail: string | null
  contactPhone: string | null
  /** 0/1: contact email and phone are shown on the public profile only when the structure chooses so. */
  showContact: Generated<number>
  presentation: string
  description: Generated<string>
  employeesBracket: SizeBracket | null
  volunteersBracket: SizeBracket | null
  logoKey: string | null
  charterSignedAt: string | null
  charterSignedBy: string | null
  labelGrantedAt: string | null
  labelGrantedBy: string | null
  /** Bumped by every edit of the profile: an edit started from an older version is refused (no silent overwrite). */
  version: Generated<number>
  createdAt: string
  updatedAt: string
}

export interface StructureThemesTable {
  structureId: string
  themeSlug: string
}

export interface StructureMembersTable {
  structureId: string
  userId: string
  role: MemberRole
  joinedAt: string
}

export interface StructureInvitationsTable {
  id: string
  structureId: string
  email: string
  role: MemberRole
  tokenHash: string
  invitedBy: string | null
  createdAt: string
  expiresAt: string
  usedAt: string | null
  usedBy: string | null
  revokedAt: string | null
}

export interface StructureJoinRequestsTable {
  id: string
  structureId: string
  userId: string
  message: Generated<string>
  status: Generated<'pending' | 'accepted' | 'refused'>
  createdAt: string
  decidedAt: string | null
  decidedBy: string | null
}

export interface AuditLogTable {
  id: string
  actorId: string | null
  action: string
  targetType: string
  targetId: string
  dataJson: Generated<string>
  createdAt: string
}

export interface ProfilesTable {
  userId: string
  slug: string
  bio: Generated<string>
  visibility: Generated<ProfileVisibility>
  updatedAt: string
}

export interface EmailChangeRequestsTable {
  id: string
  userId: string
  newEmail: string
  tokenHash: string
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

export interface StructureTables {
  structures: StructuresTable
  structureThemes: StructureThemesTable
  structureMembers: StructureMembersTable
  structureInvitations: StructureInvitationsTable
  structureJoinRequests: StructureJoinRequestsTable
  auditLog: AuditLogTable
  profiles: ProfilesTable
  emailChangeRequests: EmailChangeRequestsTable
}

export type Structure = Selectable<StructuresTable>
export type StructureMember = Selectable<StructureMembersTable>
export type Profile = Selectable<ProfilesTable>
