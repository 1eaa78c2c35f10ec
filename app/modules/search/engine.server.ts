import { getEnv } from '#app/utils/env.server.ts'
import type { SearchEngine } from '#search/engine.ts'
import {
  type SearchEngineConfig,
  createSearchEngine,
  engineNameFor,
  getSearchEngine as getEngine,
  resetSearchEngine,
} from '#search/engine.server.ts'

// The search engine of the application: search/ builds it, the validated environment says which (MEILISEARCH_URL).

export function searchEngineConfig(): SearchEngineConfig {
  const env = getEnv()
  return { meilisearchUrl: env.meilisearchUrl, meilisearchApiKey: env.meilisearchApiKey }
}

/** The initialised engine of this process. */
export function getSearchEngine(): Promise<SearchEngine> {
  return getEngine(searchEngineConfig())
}

/** A new engine as configured (not initialised): scripts and benchmarks. */
export function createConfiguredEngine(): SearchEngine {
  return createSearchEngine(searchEngineConfig())
}

export function configuredEngineName(): SearchEngine['name'] {
  return engineNameFor(searchEngineConfig())
}

export { resetSearchEngine }
