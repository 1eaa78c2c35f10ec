import type { Executor } from '#db/client.server.ts'
import type { SearchEntityType, SearchOperation } from '#db/schema/search.ts'

/**
 * Records that an entity's search document must be refreshed (upsert) or removed (delete).
 * Call it with the transaction of the write that changes what search shows: the row exists if and only if the change
 * does, so no update is lost, whatever happens after commit. The indexer drains the outbox after commit and on an
 * interval (search/indexer.server.ts).
 */
export async function enqueueSearchUpdate(
  trx: Executor,
  update: { type: SearchEntityType; id: string; op: SearchOperation },
): Promise<void> {
  const now = new Date().toISOString()
  await trx
    .insertInto('searchOutbox')
    .values({ entityType: update.type, entityId: update.id, operation: update.op, nextAttemptAt: now, createdAt: now, lastError: null })
    .execute()
  afterEnqueue?.()
}

let afterEnqueue: (() => void) | undefined

type EntityKey = { type: SearchEntityType; id: string }
const staleDocuments = new Map<string, EntityKey>()
/** Stale documents remembered between two drains: beyond, a report is dropped (the next search reports it again). */
const MAX_STALE_DOCUMENTS = 10_000

/**
 * A search found these documents stale in the index (the database no longer shows them as indexed). Remembered in
 * memory, never written: a search is a GET and writes nothing. The indexer refreshes them in its next drain
 * (`takeStaleDocuments`). Losing the notice (a restart) costs nothing: hits are re-checked on every search, so a stale
 * entry is never shown, and the next search reports it again.
 */
export function reportStaleDocuments(keys: readonly EntityKey[], options: { wake?: boolean } = {}) {
  let added = false
  for (const key of keys) {
    const name = `${key.type}:${key.id}`
    if (staleDocuments.has(name)) continue
    if (staleDocuments.size >= MAX_STALE_DOCUMENTS) break
    staleDocuments.set(name, { type: key.type, id: key.id })
    added = true
  }
  if (added && options.wake !== false) afterEnqueue?.()
}

/** The documents reported stale since the last call (the indexer takes them; it reports back what it could not do). */
export function takeStaleDocuments(): EntityKey[] {
  const keys = [...staleDocuments.values()]
  staleDocuments.clear()
  return keys
}

/** The indexer registers itself here so that an enqueue (or a stale report) wakes it up right after the transaction commits. */
export function onSearchUpdateEnqueued(listener: (() => void) | undefined) {
  afterEnqueue = listener
}
