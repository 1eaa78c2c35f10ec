import type { SearchEngine } from './engine.ts'
import { documentKey, parseDocumentKey } from './engine.ts'
import type { SearchSources } from './sources.ts'
import { listSynonymGroups } from './synonyms.server.ts'

// Full rebuild of the index from the database (`npm run search:reindex`). Safe while the site serves: documents are
// upserted in small batches (each its own short transaction), never dropped and recreated, so searches keep
// answering; the outbox indexer may run at the same time (both write what the database says). Documents the
// database no longer wants are swept at the end, each re-checked against the database first. The searchable types
// (`sources`) are handed in (app/modules/search/indexing.server.ts; the CLI is scripts/search-reindex.ts).

export type ReindexProgress = { done: number; total: number; elapsedMs: number }

export async function reindexAll(options: {
  engine: SearchEngine
  sources: SearchSources
  batchSize?: number
  /** Synonym groups fixed by the application, applied before the admins' list (SearchEngineConfig.baseSynonyms). */
  baseSynonyms?: readonly string[][]
  onProgress?: (progress: ReindexProgress) => void
}): Promise<{ indexed: number; removed: number; elapsedMs: number }> {
  const { engine, sources } = options
  const started = performance.now()
  await engine.applySettings({ synonyms: [...(options.baseSynonyms ?? []), ...(await listSynonymGroups())] })
  let total = 0
  for (const source of sources) total += await source.countIndexable()
  const seen = new Set<string>()
  let done = 0
  options.onProgress?.({ done, total, elapsedMs: 0 })
  for (const source of sources) {
    for await (const ids of source.indexableIds(options.batchSize ?? 500)) {
      const documents = [...(await source.loadDocuments(ids)).values()].filter((d) => d !== null)
      await engine.upsert(documents)
      for (const d of documents) seen.add(documentKey(d))
      done += ids.length
      options.onProgress?.({ done, total: Math.max(total, done), elapsedMs: performance.now() - started })
    }
  }
  const stale = (await engine.listKeys()).filter((key) => !seen.has(key))
  let removed = 0
  const staleKeys = stale.map(parseDocumentKey)
  for (const source of sources) {
    const ids = staleKeys.filter((k) => k.kind === source.kind).map((k) => k.id)
    for (let i = 0; i < ids.length; i += 500) {
      const current = await source.loadDocuments(ids.slice(i, i + 500))
      const back = [...current.values()].filter((d) => d !== null)
      const gone = [...current.entries()].filter(([, d]) => d === null).map(([id]) => ({ kind: source.kind, id }))
      await engine.upsert(back)
      await engine.remove(gone)
      removed += gone.length
    }
  }
  // Documents of a kind no longer registered: nothing can rebuild them.
  const orphans = staleKeys.filter((k) => !sources.some((s) => s.kind === k.kind))
  await engine.remove(orphans)
  removed += orphans.length
  await engine.optimize?.()
  return { indexed: seen.size, removed, elapsedMs: performance.now() - started }
}

export function progressBar({ done, total, elapsedMs }: ReindexProgress, width = 30): string {
  const ratio = total === 0 ? 1 : Math.min(done / total, 1)
  const filled = Math.round(ratio * width)
  const fr = new Intl.NumberFormat('fr-FR')
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(ratio * 100)} % — ${fr.format(done)}/${fr.format(total)} documents — ${(elapsedMs / 1000).toFixed(1)} s`
}
