import { Cron } from 'croner'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import type { Database } from '#db/schema.ts'
import type { DigestPeriod } from '#db/schema/notifications.ts'
import type { PersonViewer } from '#app/modules/auth/viewer.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { visibleTo as resourceVisibleTo } from '#app/modules/resources/resources.policy.ts'
import { TERRITORY_DEPARTEMENT } from '#app/modules/resources/labels.ts'
import { PARIS, formatDateFr, formatDayFr } from '#app/utils/dates-fr.ts'
import { EMAIL_KIND_LABELS, EMAIL_SETTING_KINDS } from './email-settings.ts'
import { getEmailSettings } from './email-settings.server.ts'
import { type DigestCall, type DigestSection, digestEmail } from './emails.server.tsx'
import { isNotificationKind } from './kinds.ts'
import { readableBy } from './notifications.policy.ts'
import { describeNotifications } from './notifications.server.ts'

// The daily and weekly digests (issue 17 §5). A digest covers whole Paris calendar days, half-open [start, end): the
// daily one yesterday, the weekly one last Monday to Sunday. It is sent at 7 h (Paris) to each person with a confirmed
// address who has something new in the window — notifications of kinds they set to this digest, re-read now through
// `readableBy` with their memberships now (a member who left a group since gets none of its items) — grouped by
// territory and kind, followed by the calls closing in the next 30 days they may read and that concern what they
// follow or their territory. Nothing new: no email.
//
// Idempotent: a `digest_runs` row (person, period, first day) is written in the transaction that enqueues the email,
// so a second run, or a run after a restart mid-way, skips whoever already had theirs. Catching up after downtime:
// each run (and the one at start) does the last period due, never older ones.

/** Digests go out at 7 h, Paris time. */
export const DIGEST_HOUR = 7
export const DAILY_DIGEST_SCHEDULE = '0 7 * * *'
export const WEEKLY_DIGEST_SCHEDULE = '0 7 * * 1'
export const CALLS_CLOSING_DAYS = 30

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function wallClock(date: Date) {
  const parts = Object.fromEntries(parisParts.formatToParts(date).map((p) => [p.type, p.value]))
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    asUtc: Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)),
  }
}

/** The instant Paris midnight begins on a calendar day (yyyy-mm-dd). French clocks never change at midnight. */
export function parisMidnight(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`)
  const offset = wallClock(new Date(utcMidnight)).asUtc - utcMidnight
  return new Date(utcMidnight - offset)
}

/** yyyy-mm-dd plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

export type DigestWindow = { period: DigestPeriod; startDay: string; endDay: string; start: Date; end: Date }

/**
 * The last period due at `now`: a period is due from 7 h (Paris) on the day after it ends. Daily: the day before the
 * day of the last 7 h; weekly: the Monday-to-Sunday week before the Monday of the last Monday 7 h.
 */
export function dueWindow(period: DigestPeriod, now: Date): DigestWindow {
  const clock = wallClock(now)
  const today = clock.hour < DIGEST_HOUR ? addDays(clock.day, -1) : clock.day
  let endDay = today
  if (period === 'weekly') {
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() // 0 Sunday … 6 Saturday
    endDay = addDays(today, -((weekday + 6) % 7))
  }
  const startDay = addDays(endDay, period === 'daily' ? -1 : -7)
  return { period, startDay, endDay, start: parisMidnight(startDay), end: parisMidnight(endDay) }
}

/** « du 3 décembre 2026 », « du 30 novembre au 6 décembre 2026 ». */
function windowLabel(window: DigestWindow): string {
  const last = addDays(window.endDay, -1)
  if (window.startDay === last) return `du ${formatDayFr(last)}`
  return `du ${formatDayFr(window.startDay)} au ${formatDayFr(last)}`
}

const OUTSIDE_TERRITORY = 'Tout le Pas-de-Calais'

/** The digest of one person for a window, or null when nothing is new for them. Read now, for their viewer now. */
export async function buildDigest(userId: string, window: DigestWindow, options: { now: Date; trx?: Executor }) {
  const trx = options.trx ?? db
  const user = await trx
    .selectFrom('users')
    .leftJoin('territories', 'territories.id', 'users.territoryId')
    .select(['users.email', 'users.name', 'users.emailVerifiedAt', 'territories.slug as territory'])
    .where('users.id', '=', userId)
    .executeTakeFirst()
  const viewer = await viewerById(userId, trx)
  if (!user?.emailVerifiedAt || !viewer) return null
  const settings = await getEmailSettings(userId, trx)
  const kinds = EMAIL_SETTING_KINDS.filter((kind) => settings[kind] === window.period)
  if (kinds.length === 0) return null
  const rows = await trx
    .selectFrom('notifications')
    .selectAll('notifications')
    .where('notifications.userId', '=', userId)
    .where('notifications.kind', 'in', kinds)
    .where('notifications.createdAt', '>=', window.start.toISOString())
    .where('notifications.createdAt', '<', window.end.toISOString())
    .where(readableBy(viewer))
    .orderBy('notifications.createdAt')
    .execute()
  const lines = await describeNotifications(rows, trx)
  if (lines.length === 0) return null
  const territoryNames = new Map((await trx.selectFrom('territories').select(['slug', 'name']).execute()).map((t) => [t.slug, t.name]))
  const nameOf = (slug: string | null) => (slug && slug !== TERRITORY_DEPARTEMENT ? (territoryNames.get(slug) ?? OUTSIDE_TERRITORY) : OUTSIDE_TERRITORY)
  // Territories in the site's order (the whole department last); kinds in the settings page's order.
  const order = [...territoryNames.values(), OUTSIDE_TERRITORY]
  const byTerritory = new Map<string, DigestSection>()
  for (const line of lines) {
    const name = nameOf(line.territory)
    const section = byTerritory.get(name) ?? { territory: name, kinds: [] }
    byTerritory.set(name, section)
    const label = isNotificationKind(line.kind) ? EMAIL_KIND_LABELS[line.kind].legend : 'Autres nouveautés'
    let group = section.kinds.find((k) => k.label === label)
    if (!group) {
      group = { label, lines: [] }
      section.kinds.push(group)
    }
    group.lines.push({ text: line.text, href: line.href })
  }
  const kindOrder = EMAIL_SETTING_KINDS.map((k) => EMAIL_KIND_LABELS[k].legend)
  const sections = [...byTerritory.values()].sort((a, b) => order.indexOf(a.territory) - order.indexOf(b.territory))
  for (const section of sections) section.kinds.sort((a, b) => kindOrder.indexOf(a.label) - kindOrder.indexOf(b.label))
  const calls = await callsClosingFor(viewer, user.territory, options.now, trx)
  return { user: { email: user.email, name: user.name }, itemCount: lines.length, sections, calls }
}

/**
 * Published, open calls whose deadline falls in the next 30 days, that the viewer may read now and that concern what
 * they follow: the call itself, one of its structures or groups, its territory (or their own), one of its themes.
 * Calls for the whole department go to whoever follows or has a territory.
 */
export async function callsClosingFor(viewer: PersonViewer, ownTerritory: string | null, now: Date, trx: Executor = db): Promise<DigestCall[]> {
  const follows = await trx.selectFrom('follows').select(['targetKind', 'targetKey']).where('userId', '=', viewer.id).where('stoppedAt', 'is', null).execute()
  const keys = (kind: string) => follows.filter((f) => f.targetKind === kind).map((f) => f.targetKey)
  const territories = [...keys('territory'), ...(ownTerritory ? [ownTerritory] : [])]
  if (territories.length > 0) territories.push(TERRITORY_DEPARTEMENT)
  const until = new Date(now.getTime() + CALLS_CLOSING_DAYS * 86_400_000)
  const rows = await trx
    .selectFrom('resources')
    .select(['resources.id', 'resources.title', 'resources.slug', 'resources.deadline'])
    .where('resources.status', '=', 'published')
    .where('resources.deletedAt', 'is', null)
    .where('resources.closedAt', 'is', null)
    .where('resources.deadline', '>', now.toISOString())
    .where('resources.deadline', '<=', until.toISOString())
    .where(resourceVisibleTo(viewer))
    .where((eb: ExpressionBuilder<Database, 'resources'>) => {
      const anyOf: Expression<SqlBool>[] = [sql<SqlBool>`0`]
      const ids = keys('resource')
      if (ids.length) anyOf.push(eb('resources.id', 'in', ids))
      if (territories.length) anyOf.push(eb('resources.territory', 'in', territories))
      const themes = keys('theme')
      if (themes.length) {
        anyOf.push(
          eb.exists(
            eb
              .selectFrom('resourceThemes')
              .innerJoin('themes', 'themes.id', 'resourceThemes.themeId')
              .select('resourceThemes.resourceId')
              .whereRef('resourceThemes.resourceId', '=', 'resources.id')
              .where('themes.slug', 'in', themes),
          ),
        )
      }
      const structures = keys('structure')
      if (structures.length) {
        anyOf.push(
          eb.exists(
            eb.selectFrom('resourceStructures').select('resourceStructures.resourceId').whereRef('resourceStructures.resourceId', '=', 'resources.id').where('resourceStructures.structureId', 'in', structures),
          ),
        )
      }
      const groups = keys('group')
      if (groups.length) {
        anyOf.push(
          eb.exists(
            eb.selectFrom('resourceGroups').select('resourceGroups.resourceId').whereRef('resourceGroups.resourceId', '=', 'resources.id').where('resourceGroups.groupId', 'in', groups),
          ),
        )
      }
      return eb.or(anyOf)
    })
    .orderBy('resources.deadline')
    .limit(20)
    .execute()
  return rows.map((r) => ({ title: r.title, href: `/ressources/${encodeURIComponent(r.slug)}`, deadline: formatDateFr(r.deadline!) }))
}

export type DigestReport = { window: DigestWindow; sent: string[]; skipped: number }

/**
 * Sends the digests of the period due at `now`. Candidates: people with a notification in the window (the digest
 * then decides, per person, whether anything is left for them). `onSent` is called after each commit (tests use it
 * to stop a run mid-way, as a crash would).
 */
export async function runDigests(
  period: DigestPeriod,
  options: { now?: Date; onSent?: (userId: string) => void } = {},
): Promise<DigestReport> {
  const now = options.now ?? new Date()
  const window = dueWindow(period, now)
  const candidates = await db
    .selectFrom('notifications')
    .select('userId')
    .distinct()
    .where('createdAt', '>=', window.start.toISOString())
    .where('createdAt', '<', window.end.toISOString())
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('digestRuns')
            .select('digestRuns.userId')
            .whereRef('digestRuns.userId', '=', 'notifications.userId')
            .where('digestRuns.period', '=', period)
            .where('digestRuns.periodStart', '=', window.startDay),
        ),
      ),
    )
    .orderBy('userId')
    .execute()
  const report: DigestReport = { window, sent: [], skipped: 0 }
  for (const { userId } of candidates) {
    const sent = await db.transaction().execute(async (trx) => {
      const digest = await buildDigest(userId, window, { now, trx })
      if (!digest) return false
      // The key first: a second run (another process, a restart) that got here too writes nothing and sends nothing.
      const run = await trx
        .insertInto('digestRuns')
        .values({ userId, period, periodStart: window.startDay, itemCount: digest.itemCount, createdAt: now.toISOString() })
        .onConflict((oc) => oc.columns(['userId', 'period', 'periodStart']).doNothing())
        .executeTakeFirst()
      if (Number(run.numInsertedOrUpdatedRows ?? 0n) === 0) return false
      const email = await digestEmail({
        to: digest.user.email,
        userId,
        name: digest.user.name,
        period,
        periodLabel: windowLabel(window),
        itemCount: digest.itemCount,
        sections: digest.sections,
        calls: digest.calls,
        now,
      })
      await enqueueEmail(email, trx)
      return true
    })
    if (sent) {
      report.sent.push(userId)
      options.onSent?.(userId)
    } else report.skipped++
  }
  return report
}

/**
 * Starts the digests: daily every day at 7 h and weekly on Mondays at 7 h (Europe/Paris), never overlapping
 * themselves, and once now (catching up the last period due). Background process only. Returns the stop function.
 */
export function startDigestJobs(options: { onError: (error: unknown) => void; now?: () => Date }): () => void {
  const task = (period: DigestPeriod) => async () => {
    try {
      await runDigests(period, { now: options.now?.() })
    } catch (error) {
      options.onError(error)
    }
  }
  const daily = new Cron(DAILY_DIGEST_SCHEDULE, { timezone: PARIS, protect: true, name: 'resume-quotidien' }, task('daily'))
  const weekly = new Cron(WEEKLY_DIGEST_SCHEDULE, { timezone: PARIS, protect: true, name: 'resume-hebdomadaire' }, task('weekly'))
  void task('daily')().then(task('weekly'))
  return () => {
    daily.stop()
    weekly.stop()
  }
}
