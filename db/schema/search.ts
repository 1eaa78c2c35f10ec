import type { Generated } from 'kysely'

// Tables of the search domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type SearchEntityType = 'resource' | 'structure' | 'discussion' | 'event'
export type SearchOperation = 'upsert' | 'delete'

export interface SearchOutboxTable {
  id: Generated<number>
  entityType: SearchEntityType
  entityId: string
  operation: SearchOperation
  status: Generated<'pending' | 'failed'>
  attempts: Generated<number>
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
}

/** A group of equivalent terms, edited by admins (JSON array of strings). */
export interface SearchSynonymsTable {
  id: Generated<number>
  terms: string
  updatedAt: string
}

/** How often a (folded) query was searched in an ISO week (`2026-W48`), and how often it found nothing. No user data. */
export interface SearchQueryStatsTable {
  week: string
  query: string
  searches: number
  zeroResults: number
}

export interface SearchTables {
  searchOutbox: SearchOutboxTable
  searchSynonyms: SearchSynonymsTable
  searchQueryStats: SearchQueryStatsTable
}
