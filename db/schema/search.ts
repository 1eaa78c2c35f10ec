import type { Generated } from 'kysely'

// Tables of the search domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type SearchEntityType = 'resource' | 'structure'
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

export interface SearchTables {
  searchOutbox: SearchOutboxTable
}
