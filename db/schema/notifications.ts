import type { Generated } from 'kysely'

// Tables of follows and in-app notifications (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type FollowKind = 'resource' | 'structure' | 'group' | 'territory' | 'theme' | 'search' | 'event'
export type FollowOrigin = 'manual' | 'auto'

export interface FollowsTable {
  id: string
  userId: string
  targetKind: FollowKind
  /** An id (resource, structure, group, event), a slug (territory, theme) or a normalised query string (search). */
  targetKey: string
  origin: Generated<FollowOrigin>
  createdAt: string
  /** Set when the person stopped following (kept so an automatic follow is not created again). */
  stoppedAt: string | null
}

export type NotificationOutboxStatus = 'pending' | 'done' | 'failed'

export interface NotificationOutboxTable {
  id: string
  kind: string
  payloadJson: string
  dedupeKey: string | null
  status: Generated<NotificationOutboxStatus>
  attempts: Generated<number>
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  processedAt: string | null
}

export type NotificationTargetType = 'resource' | 'event' | 'group'

export interface NotificationsTable {
  id: string
  userId: string
  sourceId: string
  kind: string
  targetType: NotificationTargetType
  targetId: string
  dataJson: Generated<string>
  createdAt: string
  readAt: string | null
}

export type EmailFrequency = 'immediate' | 'daily' | 'weekly' | 'never'
export type DigestPeriod = 'daily' | 'weekly'

/** A person's choice for one kind of notification (no row: the default of app/modules/notifications/email-settings.ts). */
export interface NotificationEmailSettingsTable {
  userId: string
  kind: string
  frequency: EmailFrequency
  updatedAt: string
}

/** One digest sent (or found empty) for a person and period: the idempotency key of the digest job. */
export interface DigestRunsTable {
  userId: string
  period: DigestPeriod
  /** The first Paris calendar day of the period (yyyy-mm-dd). */
  periodStart: string
  itemCount: number
  createdAt: string
}

export interface NotificationTables {
  follows: FollowsTable
  notificationOutbox: NotificationOutboxTable
  notifications: NotificationsTable
  notificationEmailSettings: NotificationEmailSettingsTable
  digestRuns: DigestRunsTable
}
