import { sql } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import { getEmailOutboxCounts } from '#app/modules/email/outbox.server.ts'
import { searchHealth } from '#search/indexer.server.ts'

type OutboxCounts = { pending: number; failed: number }

export type HealthReport =
  | {
      status: 'ok'
      database: 'ok'
      emailOutbox: OutboxCounts
      search: OutboxCounts & { engine: 'sqlite' | 'meilisearch' }
    }
  | { status: 'error'; database: 'error' }

/**
 * What /healthz answers: the database answers a query, and how many emails wait or failed in the outbox.
 * Takes the executor so a test can hand it a closed database. The error itself is returned to the caller to log,
 * never put in the public report.
 */
export async function checkHealth(
  executor: Executor = db,
): Promise<{ httpStatus: 200 | 503; report: HealthReport; error?: unknown }> {
  try {
    await sql`select 1`.execute(executor)
    const email = await getEmailOutboxCounts(executor)
    const search = await searchHealth(executor)
    return {
      httpStatus: 200,
      report: {
        status: 'ok',
        database: 'ok',
        emailOutbox: { pending: email.pending, failed: email.failed },
        search,
      },
    }
  } catch (error) {
    return { httpStatus: 503, report: { status: 'error', database: 'error' }, error }
  }
}
