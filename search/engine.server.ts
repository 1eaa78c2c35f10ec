import { db, getSqlite } from '#db/client.server.ts'
import type { SearchEngine } from './engine.ts'
import { MeilisearchEngine } from './meilisearch/meilisearch-engine.ts'
import { SqliteSearchEngine } from './sqlite/sqlite-engine.ts'
import { listSynonymGroups } from './synonyms.server.ts'

// The engine of this process: Meilisearch when a Meilisearch URL is configured, the embedded SQLite FTS5 engine
// otherwise. The configuration is handed in by the caller (app/modules/search/engine.server.ts reads it from the
// validated environment); search/ reads no environment itself.

export interface SearchEngineConfig {
  meilisearchUrl?: string | null
  meilisearchApiKey?: string | null
  /** Synonym groups fixed by the application (the glossary's terms), applied before the admins' list. */
  baseSynonyms?: readonly string[][]
}

let engine: Promise<SearchEngine> | undefined

export function engineNameFor(config: SearchEngineConfig): SearchEngine['name'] {
  return config.meilisearchUrl ? 'meilisearch' : 'sqlite'
}

export function createSearchEngine(config: SearchEngineConfig): SearchEngine {
  if (config.meilisearchUrl) {
    return new MeilisearchEngine({ url: config.meilisearchUrl, apiKey: config.meilisearchApiKey ?? undefined, indexUid: 'essaim' })
  }
  return new SqliteSearchEngine(getSqlite(), {
    exclusive: (fn) => db.connection().execute(async () => fn()),
  })
}

/**
 * The initialised engine of this process (settings applied once, idempotently), created from `config` on first use.
 * A failed start is retried on the next call.
 */
export function getSearchEngine(config: SearchEngineConfig): Promise<SearchEngine> {
  engine ??= (async () => {
    const created = createSearchEngine(config)
    await created.init({ synonyms: [...(config.baseSynonyms ?? []), ...(await listSynonymGroups())] })
    return created
  })().catch((error) => {
    engine = undefined
    throw error
  })
  return engine
}

/** Tests swap engines; the next call creates a fresh one. */
export function resetSearchEngine() {
  engine = undefined
}
