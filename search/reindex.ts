import { pathToFileURL } from 'node:url'
import type { SearchEngine } from './engine.ts'
import { documentKey } from './engine.ts'
import { countIndexable, indexableIds, loadSearchDocuments } from './documents.ts'
import { listSynonymGroups } from './synonyms.server.ts'

// Full rebuild of the index from the database (`npm run search:reindex`). Safe while the site serves: documents are
// upserted in small batches (each its own short transaction), never dropped and recreated, so searches keep
// answering; the outbox indexer may run at the same time (both write what the database says). Documents the
// database no longer wants are swept at the end, each re-checked against the database first.

export type ReindexProgress = { done: number; total: number; elapsedMs: number }

export async function reindexAll(options: {
  engine: SearchEngine
  batchSize?: number
  onProgress?: (progress: ReindexProgress) => void
}): Promise<{ indexed: number; removed: number; elapsedMs: number }> {
  const { engine } = options
  const started = performance.now()
  await engine.applySettings({ synonyms: await listSynonymGroups() })
  const types = ['resource', 'structure'] as const
  let total = 0
  for (const type of types) total += await countIndexable(type)
  const seen = new Set<string>()
  let done = 0
  options.onProgress?.({ done, total, elapsedMs: 0 })
  for (const type of types) {
    for await (const ids of indexableIds(type, options.batchSize ?? 500)) {
      const documents = [...(await loadSearchDocuments(type, ids)).values()].filter((d) => d !== null)
      await engine.upsert(documents)
      for (const d of documents) seen.add(documentKey(d))
      done += ids.length
      options.onProgress?.({ done, total: Math.max(total, done), elapsedMs: performance.now() - started })
    }
  }
  const stale = (await engine.listKeys()).filter((key) => !seen.has(key))
  let removed = 0
  for (const type of types) {
    const ids = stale.filter((k) => k.startsWith(`${type}:`)).map((k) => k.slice(type.length + 1))
    for (let i = 0; i < ids.length; i += 500) {
      const current = await loadSearchDocuments(type, ids.slice(i, i + 500))
      const back = [...current.values()].filter((d) => d !== null)
      const gone = [...current.entries()].filter(([, d]) => d === null).map(([id]) => ({ kind: type, id }))
      await engine.upsert(back)
      await engine.remove(gone)
      removed += gone.length
    }
  }
  await engine.optimize?.()
  return { indexed: seen.size, removed, elapsedMs: performance.now() - started }
}

export function progressBar({ done, total, elapsedMs }: ReindexProgress, width = 30): string {
  const ratio = total === 0 ? 1 : Math.min(done / total, 1)
  const filled = Math.round(ratio * width)
  const fr = new Intl.NumberFormat('fr-FR')
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(ratio * 100)} % — ${fr.format(done)}/${fr.format(total)} documents — ${(elapsedMs / 1000).toFixed(1)} s`
}

// CLI: npm run search:reindex
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadDotEnv } = await import('../scripts/load-env.ts')
  loadDotEnv()
  const { createConfiguredEngine } = await import('./engine.server.ts')
  const { closeDb } = await import('#db/client.server.ts')
  const engine = createConfiguredEngine()
  const tty = process.stderr.isTTY
  let lastLine = 0
  try {
    await engine.init({ synonyms: await listSynonymGroups() })
    console.log(`Réindexation complète (moteur : ${engine.name})…`)
    const result = await reindexAll({
      engine,
      onProgress: (progress) => {
        if (tty) process.stderr.write(`\r${progressBar(progress)}`)
        else if (progress.elapsedMs - lastLine > 2000 || progress.done === progress.total) {
          lastLine = progress.elapsedMs
          console.log(progressBar(progress))
        }
      },
    })
    if (tty) process.stderr.write('\n')
    console.log(
      `Terminé : ${result.indexed} documents indexés, ${result.removed} retirés, en ${(result.elapsedMs / 1000).toFixed(1)} s.`,
    )
  } catch (error) {
    if (tty) process.stderr.write('\n')
    console.error('Échec de la réindexation :', error instanceof Error ? error.message : error)
    process.exitCode = 1
  } finally {
    await closeDb()
  }
}
