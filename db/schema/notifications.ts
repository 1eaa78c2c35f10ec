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

export interface NotificationTables {
  follows: FollowsTable
  notificationOutbox: NotificationOutboxTable
  notifications: NotificationsTable
}
