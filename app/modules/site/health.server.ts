import { sql } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import { getEmailOutboxCounts } from '#app/modules/email/outbox.server.ts'
import { getNotificationOutboxCounts } from '#app/modules/notifications/outbox.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { searchHealth } from '#app/modules/search/indexing.server.ts'

type OutboxCounts = { pending: number; failed: number }

export type HealthReport =
  | {
      status: 'ok'
      database: 'ok'
      emailOutbox: OutboxCounts & {
        /** smtp: sent; dev-mailbox: local trial run, read at /dev/emails; disabled: a deployment that cannot send. */
        delivery: 'smtp' | 'dev-mailbox' | 'disabled'
      }
      search: OutboxCounts & { engine: 'sqlite' | 'meilisearch' }
      /** Notification events waiting for their fan-out, or given up after their retries. */
      notificationOutbox: OutboxCounts
      /** What a deployer must fix although the site answers (the status stays 200). */
      warnings?: string[]
    }
  | { status: 'error'; database: 'error' }

/**
 * What /healthz answers: the database answers a query, how many emails wait or failed in the outbox and whether
 * they can leave at all.
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
    const notifications = await getNotificationOutboxCounts(executor)
    const delivery = getEnv().emailDelivery
    const warnings =
      delivery === 'disabled'
        ? ['SMTP_URL manquant : PUBLIC_URL est défini mais aucun courriel ne peut partir (ils attendent dans la file).']
        : []
    return {
      httpStatus: 200,
      report: {
        status: 'ok',
        database: 'ok',
        emailOutbox: { pending: email.pending, failed: email.failed, delivery },
        search,
        notificationOutbox: { pending: notifications.pending, failed: notifications.failed },
        ...(warnings.length ? { warnings } : {}),
      },
    }
  } catch (error) {
    return { httpStatus: 503, report: { status: 'error', database: 'error' }, error }
  }
}
