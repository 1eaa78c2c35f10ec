import { Cron } from 'croner'
import { type Executor, db } from '#db/client.server.ts'
import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { PARIS } from '#app/utils/dates-fr.ts'
import { enqueueSearchUpdate } from '#search/outbox.server.ts'
import { reindexStaleValidations } from './validations.server.ts'

// Funding calls close themselves (issue 14 §5). The state of a call is always computed from its deadline by the one
// rule (search/funding-state.ts: closed from the deadline instant on), so pages, lists and search already say
// « Clôturé » at the right instant. This job makes the stored data agree with that rule: it records `closed_at` on
// each published call whose deadline passed, refreshes its search document through the outbox (lists and facets move),
// and clears `closed_at` when a call's deadline was moved back into the future. It also refreshes the search documents
// of validations whose review-by date passed (the « Validé par le réseau » filter drops them).
//
// Idempotent: a call is closed once (the `closed_at is null` condition); run twice, the second run does nothing.
// Catching up: it runs at start, so a call whose deadline passed while the server was down is closed then.

const ACTOR = systemActor('fermeture-des-appels')

export type ClosingReport = { closed: string[]; reopened: string[]; staleValidations: string[] }

export async function closeExpiredCalls(options: { now?: Date; trx?: Executor } = {}): Promise<ClosingReport> {
  const run = async (trx: Executor): Promise<ClosingReport> => {
    const now = (options.now ?? new Date()).toISOString()
    const toClose = await trx
      .selectFrom('resources')
      .select('id')
      .where('status', '=', 'published')
      .where('deletedAt', 'is', null)
      .where('closedAt', 'is', null)
      .where('deadline', 'is not', null)
      .where('deadline', '<=', now)
      .execute()
    const toReopen = await trx
      .selectFrom('resources')
      .select('id')
      .where('closedAt', 'is not', null)
      .where((eb) => eb.or([eb('deadline', 'is', null), eb('deadline', '>', now)]))
      .execute()
    for (const { id } of toClose) {
      await trx.updateTable('resources').set({ closedAt: now }).where('id', '=', id).execute()
      await recordActorAudit(ACTOR, { action: 'resource.call_closed', targetType: 'resource', targetId: id }, trx)
      await enqueueSearchUpdate(trx, { type: 'resource', id, op: 'upsert' })
    }
    for (const { id } of toReopen) {
      await trx.updateTable('resources').set({ closedAt: null }).where('id', '=', id).execute()
      await enqueueSearchUpdate(trx, { type: 'resource', id, op: 'upsert' })
    }
    const staleValidations = await reindexStaleValidations({ now: options.now, trx })
    return { closed: toClose.map((r) => r.id), reopened: toReopen.map((r) => r.id), staleValidations }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/** Every 15 minutes, Paris time. */
export const CLOSING_SCHEDULE = '*/15 * * * *'

/**
 * Starts the job: once now (catching up after downtime), then every 15 minutes in Europe/Paris, never overlapping
 * itself. Returns the function that stops it.
 */
export function startClosingJob(options: { onError: (error: unknown) => void; now?: () => Date }): () => void {
  const task = async () => {
    try {
      await closeExpiredCalls({ now: options.now?.() })
    } catch (error) {
      options.onError(error)
    }
  }
  const job = new Cron(CLOSING_SCHEDULE, { timezone: PARIS, protect: true, name: 'fermeture-des-appels' }, task)
  void task()
  return () => job.stop()
}
