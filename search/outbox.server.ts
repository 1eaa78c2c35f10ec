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

/** The indexer registers itself here so that an enqueue wakes it up right after the transaction commits. */
export function onSearchUpdateEnqueued(listener: (() => void) | undefined) {
  afterEnqueue = listener
}
