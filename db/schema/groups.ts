import type { Generated } from 'kysely'

// Tables of the groups domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type GroupKind = 'territory' | 'thematic'
export type GroupJoinPolicy = 'open' | 'request' | 'invitation'
export type GroupPageVisibility = 'public' | 'members'
export type GroupMemberRole = 'member' | 'coordinator'
export type GroupJoinRequestStatus = 'pending' | 'approved' | 'refused'

export interface GroupsTable {
  id: string
  slug: string
  name: string
  description: Generated<string>
  kind: GroupKind
  /** The territory of a territory group (null for a thematic group). */
  territorySlug: string | null
  joinPolicy: Generated<GroupJoinPolicy>
  pageVisibility: Generated<GroupPageVisibility>
  /** 1 = hidden: listed only to its members and admins; invitation only (CHECK in the migration). */
  hidden: Generated<number>
  coverKey: string | null
  createdAt: string
  updatedAt: string
  version: Generated<number>
}

export interface GroupMembershipsTable {
  groupId: string
  userId: string
  role: Generated<GroupMemberRole>
  joinedAt: string
}

export interface GroupJoinRequestsTable {
  id: string
  groupId: string
  userId: string
  message: Generated<string>
  status: Generated<GroupJoinRequestStatus>
  createdAt: string
  decidedAt: string | null
  decidedBy: string | null
  decisionMessage: string | null
}

export interface GroupInvitationsTable {
  id: string
  groupId: string
  email: string
  role: Generated<GroupMemberRole>
  tokenHash: string
  invitedBy: string | null
  createdAt: string
  expiresAt: string
  usedAt: string | null
  usedBy: string | null
  revokedAt: string | null
}

export interface GroupBlocksTable {
  groupId: string
  userId: string
  blockedBy: string | null
  blockedAt: string
  reason: Generated<string>
}

export interface GroupTables {
  groups: GroupsTable
  groupMemberships: GroupMembershipsTable
  groupJoinRequests: GroupJoinRequestsTable
  groupInvitations: GroupInvitationsTable
  groupBlocks: GroupBlocksTable
}
