import { type Executor, db } from '#db/client.server.ts'
import type { SearchEngine } from '#search/engine.ts'
import {
  type DrainOptions,
  type DrainResult,
  drainSearchOutbox as drain,
  searchOutboxCounts,
  startSearchIndexer as start,
} from '#search/indexer.server.ts'
import { type ReindexProgress, reindexAll as reindex } from '#search/reindex.ts'
import { configuredEngineName, getSearchEngine } from './engine.server.ts'
import { SEARCHABLE_TYPES } from './registry.server.ts'

// The search infrastructure wired to this application: the registered searchable types and the configured engine
// handed to the indexer and the full reindex (search/ receives them, it imports nothing from app/).

/** Drains `search_outbox` (and the stale documents searches reported) into the engine. */
export async function drainSearchOutbox(options: Partial<Omit<DrainOptions, 'sources'>> = {}): Promise<DrainResult> {
  return drain({ ...options, engine: options.engine ?? (await getSearchEngine()), sources: SEARCHABLE_TYPES })
}

/** Runs the indexer in this process (app/utils/workers.server.ts); returns a stop function. */
export function startSearchIndexer(options: { intervalMs?: number | null; onError?: (error: unknown) => void } = {}): () => void {
  return start({ ...options, engine: getSearchEngine, sources: SEARCHABLE_TYPES })
}

/** Full rebuild of the index from the database, for every registered type. */
export function reindexAll(options: { engine: SearchEngine; batchSize?: number; onProgress?: (progress: ReindexProgress) => void }) {
  return reindex({ ...options, sources: SEARCHABLE_TYPES })
}

/** What /healthz shows of search: rows waiting in the outbox, rows failing, and which engine serves. */
export async function searchHealth(trx: Executor = db) {
  return { ...(await searchOutboxCounts(trx)), engine: configuredEngineName() }
}
