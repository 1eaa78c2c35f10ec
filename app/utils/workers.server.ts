import { deleteExpiredSessions } from '#app/modules/auth/session.server.ts'
import { drainEmailOutbox, purgeOldEmails } from '#app/modules/email/outbox.server.ts'
import { sweepOrphanUploads } from '#app/modules/uploads/sweep.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { getSearchEngine } from '#app/modules/search/engine.server.ts'
import { startSearchIndexer } from '#app/modules/search/indexing.server.ts'
import { flushQueryStats } from '#app/modules/search/query-stats.server.ts'
import { startClosingJob } from '#app/modules/curation/closing.server.ts'
import { drainNotificationOutbox } from '#app/modules/notifications/fanout.server.ts'
import { startClosingReminderJob } from '#app/modules/notifications/notifications.server.ts'
import { startDigestJobs } from '#app/modules/notifications/digest.server.ts'

/**
 * Background work of the web process: drain the email outbox, forget expired sessions, erase old emails.
 * Each task runs on an interval and never overlaps with itself; errors are logged, never thrown.
 * With several processes behind one port (server.ts, WEB_CONCURRENCY), exactly one runs the shared jobs
 * (`background: true`: outboxes on an interval, clean-ups, scheduled jobs); every process flushes its own in-memory
 * query counts, warms its own copy of the search attributes and indexes right after its own writes.
 * server.ts calls it through the Remix build (app/entry.server.tsx re-exports it), so it works on the same module
 * instances as the routes: the query counts it flushes are the ones the search routes made.
 */
export function startBackgroundWorkers(options: { background?: boolean } = {}): () => Promise<void> {
  const background = options.background ?? true
  const env = getEnv()
  const timers: NodeJS.Timeout[] = []
  const every = (ms: number, name: string, task: () => Promise<unknown>) => {
    let running = false
    const run = async () => {
      if (running) return
      running = true
      try {
        await task()
      } catch (error) {
        console.error(`[worker:${name}]`, error instanceof Error ? error.message : error)
      } finally {
        running = false
      }
    }
    timers.push(setInterval(run, ms))
    void run()
  }
  every(env.searchStatsFlushIntervalMs, 'search-stats', () => flushQueryStats())
  if (background) {
    every(5_000, 'email-outbox', () => drainEmailOutbox())
    every(60 * 60 * 1000, 'sessions', () => deleteExpiredSessions())
    every(6 * 60 * 60 * 1000, 'email-retention', () => purgeOldEmails())
    every(60 * 60 * 1000, 'uploads-sweep', () => sweepOrphanUploads())
    every(5_000, 'notification-outbox', () => drainNotificationOutbox())
  }
  // Search: drained right after each write that enqueues (post-commit wake-up) and, in the background process, on an
  // interval (5 s unless SEARCH_DRAIN_INTERVAL_MS) for retries and rows written by other processes.
  const stopSearchIndexer = startSearchIndexer({
    intervalMs: background ? env.searchDrainIntervalMs : null,
    onError: (error) => console.error('[worker:search-indexer]', error instanceof Error ? error.message : error),
  })
  // Funding calls close themselves at their deadline (croner, every 15 min in Europe/Paris, and once now: catch-up),
  // in the background process only.
  const stopClosingJob = background
    ? startClosingJob({
        onError: (error) => console.error('[worker:closing-calls]', error instanceof Error ? error.message : error),
      })
    : () => {}
  // Followed funding calls closing in 7 days (croner, daily at 8:00 Europe/Paris, and once now), background only.
  const stopClosingReminders = background
    ? startClosingReminderJob({
        onError: (error) => console.error('[worker:closing-reminders]', error instanceof Error ? error.message : error),
      })
    : () => {}
  // Daily (7 h) and weekly (Monday 7 h) digests of notifications by email (croner, Europe/Paris, and once now:
  // catching up the last period due; idempotent through digest_runs), background only.
  const stopDigests = background
    ? startDigestJobs({
        onError: (error) => console.error('[worker:digests]', error instanceof Error ? error.message : error),
      })
    : () => {}
  // The embedded engine loads its in-memory attributes and vocabulary once, now, not during the first search.
  const warming = setTimeout(() => {
    getSearchEngine()
      .then((engine) => engine.warm?.())
      .catch((error) => console.error('[worker:search-warm]', error instanceof Error ? error.message : error))
  }, 100)
  return async () => {
    clearTimeout(warming)
    stopSearchIndexer()
    stopClosingJob()
    stopClosingReminders()
    stopDigests()
    for (const timer of timers) clearInterval(timer)
    // Query counts still in memory.
    await flushQueryStats().catch((error) => console.error('[worker:search-stats]', error instanceof Error ? error.message : error))
  }
}
