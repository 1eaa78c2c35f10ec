import { glossarySynonymGroups } from '#app/modules/glossary/glossary.ts'
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

/** The glossary's terms and their expansions (app/modules/glossary): searched both ways, whatever the admins' list. */
export const GLOSSARY_SYNONYMS: readonly string[][] = glossarySynonymGroups()

export function searchEngineConfig(): SearchEngineConfig {
  const env = getEnv()
  return { meilisearchUrl: env.meilisearchUrl, meilisearchApiKey: env.meilisearchApiKey, baseSynonyms: GLOSSARY_SYNONYMS }
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
