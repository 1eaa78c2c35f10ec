import type { Generated } from 'kysely'

// Tables of the agenda domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type EventVisibility = 'public' | 'members' | 'group'

export const EVENT_KINDS = ['pleniere-cdess', 'seance-territoriale', 'formation', 'reunion-reseau', 'autre'] as const
export type EventKind = (typeof EVENT_KINDS)[number]
export type EventStatus = 'scheduled' | 'cancelled'
export type RegistrationState = 'registered' | 'waiting' | 'cancelled'

export interface EventsTable {
  id: string
  /** iCalendar UID, set once at creation, never changed. */
  uid: string
  title: string
  /** Restricted rich text (the discussions' set) as validated JSON, its HTML and its plain text. */
  descriptionJson: string
  descriptionHtml: Generated<string>
  descriptionText: Generated<string>
  /** ISO-8601 UTC. */
  startsAt: string
  endsAt: string
  communeInsee: string | null
  address: Generated<string>
  onlineUrl: string | null
  /** The organiser: exactly one of the two (CHECK). */
  groupId: string | null
  structureId: string | null
  territorySlug: string | null
  kind: EventKind
  /** Null: no limit. */
  capacity: number | null
  registrationDeadline: string | null
  visibility: EventVisibility
  status: Generated<EventStatus>
  /** iCalendar SEQUENCE: raised when the date, time or place changes, and on cancellation. */
  sequence: Generated<number>
  cancelledAt: string | null
  createdBy: string | null
  createdAt: string
  updatedAt: string
  version: Generated<number>
}

export interface EventGroupsTable {
  eventId: string
  groupId: string
}

export interface EventRegistrationsTable {
  id: string
  eventId: string
  userId: string
  state: RegistrationState
  position: number | null
  createdAt: string
  promotedAt: string | null
  cancelledAt: string | null
}

export interface EventFeedTokensTable {
  userId: string
  /** SHA-256 (hex) of the secret token; the token itself is never stored. */
  tokenHash: string
  createdAt: string
  lastUsedAt: string | null
}

export interface EventTables {
  events: EventsTable
  eventGroups: EventGroupsTable
  eventRegistrations: EventRegistrationsTable
  eventFeedTokens: EventFeedTokensTable
}
