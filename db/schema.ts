import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { CommentTables } from './schema/comments.ts'
import type { CurationTables } from './schema/curation.ts'
import type { DiscussionTables } from './schema/discussions.ts'
import type { EventTables } from './schema/events.ts'
import type { GroupTables } from './schema/groups.ts'
import type { IndicatorTables } from './schema/indicators.ts'
import type { NotificationTables } from './schema/notifications.ts'
import type { PathwayTables } from './schema/pathways.ts'
import type { ReportTables } from './schema/reports.ts'
import type { ResourceTables } from './schema/resources.ts'
import type { SearchTables } from './schema/search.ts'
import type { StructureTables } from './schema/structures.ts'

// TypeScript view of the tables (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export interface TerritoriesTable {
  id: string
  slug: string
  name: string
  position: number
}

export interface EpcisTable {
  siren: string
  name: string
  territoryId: string
}

export interface CommunesTable {
  insee: string
  name: string
  /** Lower-case, accents folded, hyphens as spaces: what the autocomplete matches. */
  searchName: string
  /** Comma-separated postal codes. */
  postalCodes: string
  population: number
  epciSiren: string
  territoryId: string
}

export type Role = 'member' | 'admin'

export interface UsersTable {
  id: string
  email: string
  name: string
  passwordHash: string
  role: Role
  emailVerifiedAt: string | null
  charterAcceptedAt: string | null
  territoryId: string | null
  createdAt: string
  updatedAt: string
}

export interface SessionsTable {
  /** Public identifier (shown to the owner for revocation); not a credential. */
  id: string
  /** SHA-256 (hex) of the secret token held in the cookie. */
  tokenHash: string
  userId: string
  createdAt: string
  /** Absolute end of life. */
  expiresAt: string
  /** Sliding inactivity expiry is computed from this. */
  lastSeenAt: string
  userAgent: string
}

export type AuthTokenPurpose = 'verify_email' | 'reset_password'

export interface AuthTokensTable {
  id: string
  tokenHash: string
  userId: string
  purpose: AuthTokenPurpose
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

export interface FailedLoginsTable {
  id: Generated<number>
  userId: string
  attemptedAt: string
}

export type EmailStatus = 'pending' | 'sent' | 'failed'

export interface EmailOutboxTable {
  id: string
  toAddress: string
  subject: string
  textBody: string
  htmlBody: string
  template: string
  status: Generated<EmailStatus>
  attempts: Generated<number>
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  sentAt: string | null
  /** Extra headers (List-Unsubscribe…), a JSON object of strings; null for none. */
  headersJson: string | null
}

/**
 * Each later domain declares its tables in its own file (db/schema/<domain>.ts) and is listed here, so parallel work
 * on different domains does not edit the same lines.
 */
export interface Database
  extends ResourceTables,
    StructureTables,
    SearchTables,
    GroupTables,
    DiscussionTables,
    EventTables,
    ReportTables,
    PathwayTables,
    CurationTables,
    CommentTables,
    IndicatorTables,
    NotificationTables {
  territories: TerritoriesTable
  epcis: EpcisTable
  communes: CommunesTable
  users: UsersTable
  sessions: SessionsTable
  authTokens: AuthTokensTable
  failedLogins: FailedLoginsTable
  emailOutbox: EmailOutboxTable
}

export type Territory = Selectable<TerritoriesTable>
export type Commune = Selectable<CommunesTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Session = Selectable<SessionsTable>
export type EmailOutboxRow = Selectable<EmailOutboxTable>
