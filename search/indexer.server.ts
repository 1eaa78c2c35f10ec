import { type Executor, db } from '#db/client.server.ts'
import type { SearchEntityType } from '#db/schema/search.ts'
import type { SearchDocument, SearchEngine, SearchKind } from './engine.ts'
import { onSearchUpdateEnqueued, reportStaleDocuments, takeStaleDocuments } from './outbox.server.ts'
import { type SearchSources, sourceOf } from './sources.ts'

// Drains `search_outbox` into the engine. A row is deleted only after the engine accepted its change, so a crash at
// any moment loses nothing: the next drain (after the next write, on the interval, or at start) replays what is left.
// Replays are harmless: an upsert re-reads the entity from the database, a delete of a missing document is a no-op.
// The engine and the searchable types (`sources`) are handed in by the composition root
// (app/modules/search/indexing.server.ts): search/ knows no domain.

/** After this many failed attempts a row counts as `failed` in /healthz; it is still retried, less often. */
export const FAILED_AFTER_ATTEMPTS = 5
const MAX_BACKOFF_MS = 15 * 60 * 1000

export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS)
}

export interface DrainResult {
  indexed: number
  removed: number
  failed: number
}

export interface DrainOptions {
  engine: SearchEngine
  sources: SearchSources
  batchSize?: number
  now?: () => Date
}

export async function drainSearchOutbox(options: DrainOptions): Promise<DrainResult> {
  const { engine, sources } = options
  const now = options.now ?? (() => new Date())
  const batchSize = options.batchSize ?? 200
  const total: DrainResult = { indexed: 0, removed: 0, failed: 0 }
  // Documents a search found stale (search.server.ts `recheckHits`): refreshed from the database like an upsert.
  const stale = takeStaleDocuments()
  if (stale.length > 0) {
    try {
      const result = await apply(engine, sources, stale.map((key) => ({ ...key, op: 'upsert' as const })))
      total.indexed += result.indexed
      total.removed += result.removed
    } catch {
      // Kept for the next drain, without waking the indexer again at once (the engine may be down).
      reportStaleDocuments(stale, { wake: false })
      total.failed += stale.length
    }
  }
  // Bounded: rows failing again are pushed into the future, so each pass sees fewer due rows.
  for (let pass = 0; pass < 50; pass++) {
    const rows = await db
      .selectFrom('searchOutbox')
      .selectAll()
      .where('nextAttemptAt', '<=', now().toISOString())
      .orderBy('id')
      .limit(batchSize)
      .execute()
    if (rows.length === 0) break
    // The latest row of an entity decides what happens to it; older rows are settled with it.
    const latest = new Map<string, { type: SearchEntityType; id: string; op: 'upsert' | 'delete'; rowIds: number[] }>()
    for (const row of rows) {
      const key = `${row.entityType}:${row.entityId}`
      const entry = latest.get(key) ?? { type: row.entityType, id: row.entityId, op: row.operation, rowIds: [] }
      entry.op = row.operation
      entry.rowIds.push(row.id)
      latest.set(key, entry)
    }
    const entries = [...latest.values()]
    try {
      const result = await apply(engine, sources, entries)
      await deleteRows(entries.flatMap((e) => e.rowIds))
      total.indexed += result.indexed
      total.removed += result.removed
    } catch {
      // One bad entity must not hold the others back: retry one by one, recording each failure.
      for (const entry of entries) {
        try {
          const result = await apply(engine, sources, [entry])
          await deleteRows(entry.rowIds)
          total.indexed += result.indexed
          total.removed += result.removed
        } catch (error) {
          total.failed++
          await recordFailure(entry.rowIds, error, now())
        }
      }
    }
    if (rows.length < batchSize) break
  }
  return total
}

async function apply(
  engine: SearchEngine,
  sources: SearchSources,
  entries: { type: SearchEntityType; id: string; op: 'upsert' | 'delete' }[],
) {
  const upserts: SearchDocument[] = []
  const removals: { kind: SearchKind; id: string }[] = []
  for (const type of new Set(entries.map((e) => e.type))) {
    const ofType = entries.filter((e) => e.type === type)
    const toLoad = ofType.filter((e) => e.op === 'upsert').map((e) => e.id)
    // A kind nobody registered throws: its rows fail visibly (/healthz) rather than vanish.
    const documents = toLoad.length > 0 ? await sourceOf(sources, type).loadDocuments(toLoad) : new Map<string, SearchDocument | null>()
    for (const entry of ofType) {
      const document = entry.op === 'upsert' ? documents.get(entry.id) : null
      if (document) upserts.push(document)
      else removals.push({ kind: type, id: entry.id })
    }
  }
  await engine.upsert(upserts)
  await engine.remove(removals)
  return { indexed: upserts.length, removed: removals.length }
}

async function deleteRows(ids: number[]) {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .deleteFrom('searchOutbox')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute()
  }
}

async function recordFailure(ids: number[], error: unknown, now: Date) {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500)
  await db.transaction().execute(async (trx) => {
    for (const id of ids) {
      const row = await trx.selectFrom('searchOutbox').select('attempts').where('id', '=', id).executeTakeFirst()
      if (!row) continue
      const attempts = row.attempts + 1
      await trx
        .updateTable('searchOutbox')
        .set({
          attempts,
          status: attempts >= FAILED_AFTER_ATTEMPTS ? 'failed' : 'pending',
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
          lastError: message,
        })
        .where('id', '=', id)
        .execute()
    }
  })
}

export async function searchOutboxCounts(trx: Executor = db): Promise<{ pending: number; failed: number }> {
  const rows = await trx
    .selectFrom('searchOutbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute()
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0)
  return { pending: count('pending'), failed: count('failed') }
}

/**
 * Runs the indexer in this process: right after a write enqueues (the drain waits for the connection, so it reads
 * after the transaction has committed), and on an interval for retries and for rows written by other processes.
 * `intervalMs: null` keeps only the drain after this process's own writes (the other processes of a cluster: one
 * process holds the interval). Returns a stop function. Drains never overlap within a process; drains of two processes
 * may overlap, which is harmless (a replayed upsert re-reads the database, a replayed delete is a no-op).
 */
export function startSearchIndexer(options: {
  engine: () => Promise<SearchEngine>
  sources: SearchSources
  intervalMs?: number | null
  onError?: (error: unknown) => void
}): () => void {
  let running = false
  let again = false
  let wakeTimer: NodeJS.Timeout | undefined
  const run = async () => {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      do {
        again = false
        await drainSearchOutbox({ engine: await options.engine(), sources: options.sources })
      } while (again)
    } catch (error) {
      options.onError?.(error)
    } finally {
      running = false
    }
  }
  onSearchUpdateEnqueued(() => {
    clearTimeout(wakeTimer)
    wakeTimer = setTimeout(run, 20)
  })
  const interval = options.intervalMs === null ? undefined : setInterval(run, options.intervalMs ?? 5_000)
  if (interval) void run()
  return () => {
    clearInterval(interval)
    clearTimeout(wakeTimer)
    onSearchUpdateEnqueued(undefined)
  }
}
