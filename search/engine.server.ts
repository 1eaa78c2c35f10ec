import { getEnv } from '#app/utils/env.server.ts'
import { db, getSqlite } from '#db/client.server.ts'
import type { SearchEngine } from './engine.ts'
import { MeilisearchEngine } from './meilisearch/meilisearch-engine.ts'
import { SqliteSearchEngine } from './sqlite/sqlite-engine.ts'
import { listSynonymGroups } from './synonyms.server.ts'

// The engine of this process: Meilisearch when MEILISEARCH_URL is set, the embedded SQLite FTS5 engine otherwise.

let engine: Promise<SearchEngine> | undefined

export function configuredEngineName(): SearchEngine['name'] {
  return getEnv().meilisearchUrl ? 'meilisearch' : 'sqlite'
}

export function createConfiguredEngine(): SearchEngine {
  const env = getEnv()
  if (env.meilisearchUrl) {
    return new MeilisearchEngine({ url: env.meilisearchUrl, apiKey: env.meilisearchApiKey, indexUid: 'essaim' })
  }
  return new SqliteSearchEngine(getSqlite(), {
    exclusive: (fn) => db.connection().execute(async () => fn()),
  })
}

/** The initialised engine (settings applied once, idempotently). A failed start is retried on the next call. */
export function getSearchEngine(): Promise<SearchEngine> {
  engine ??= (async () => {
    const created = createConfiguredEngine()
    await created.init({ synonyms: await listSynonymGroups() })
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
