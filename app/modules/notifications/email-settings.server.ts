import { type Executor, db } from '#db/client.server.ts'
import { NOTIFICATION_KINDS, type NotificationKind, isNotificationKind } from './kinds.ts'
import {
  DEFAULT_EMAIL_FREQUENCY,
  EMAIL_FREQUENCIES,
  type EmailFrequency,
  type EmailSettings,
  type UnsubscribeScope,
  applyUnsubscribe,
} from './email-settings.ts'

// A person's email settings per notification kind (issue 17 §5): the stored choices over the defaults.

function isFrequency(value: string): value is EmailFrequency {
  return (EMAIL_FREQUENCIES as readonly string[]).includes(value)
}

export async function getEmailSettings(userId: string, trx: Executor = db): Promise<EmailSettings> {
  const rows = await trx.selectFrom('notificationEmailSettings').select(['kind', 'frequency']).where('userId', '=', userId).execute()
  const settings: EmailSettings = { ...DEFAULT_EMAIL_FREQUENCY }
  for (const row of rows) if (isNotificationKind(row.kind) && isFrequency(row.frequency)) settings[row.kind] = row.frequency
  return settings
}

export async function emailFrequencyFor(userId: string, kind: NotificationKind, trx: Executor = db): Promise<EmailFrequency> {
  const row = await trx
    .selectFrom('notificationEmailSettings')
    .select('frequency')
    .where('userId', '=', userId)
    .where('kind', '=', kind)
    .executeTakeFirst()
  return row && isFrequency(row.frequency) ? row.frequency : DEFAULT_EMAIL_FREQUENCY[kind]
}

/** Stores every kind's choice (a choice equal to the default is stored too: the person made it). */
export async function saveEmailSettings(userId: string, settings: EmailSettings, trx: Executor = db, now = new Date()): Promise<void> {
  for (const kind of NOTIFICATION_KINDS) {
    await trx
      .insertInto('notificationEmailSettings')
      .values({ userId, kind, frequency: settings[kind], updatedAt: now.toISOString() })
      .onConflict((oc) => oc.columns(['userId', 'kind']).doUpdateSet({ frequency: settings[kind], updatedAt: now.toISOString() }))
      .execute()
  }
}

/** One-click unsubscribe: the kinds of `scope` set to « jamais ». False when the account no longer exists. */
export async function unsubscribe(userId: string, scope: UnsubscribeScope, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()
    if (!user) return false
    await saveEmailSettings(userId, applyUnsubscribe(await getEmailSettings(userId, trx), scope), trx, now)
    return true
  })
}

/** The account export: the setting of each kind, and whether the person chose it. */
export async function exportEmailSettings(userId: string, trx: Executor = db) {
  const rows = await trx.selectFrom('notificationEmailSettings').select(['kind', 'frequency', 'updatedAt']).where('userId', '=', userId).execute()
  const settings = await getEmailSettings(userId, trx)
  const digests = await trx.selectFrom('digestRuns').select(['period', 'periodStart', 'itemCount', 'createdAt']).where('userId', '=', userId).orderBy('createdAt').execute()
  return {
    reglages: NOTIFICATION_KINDS.map((kind) => {
      const chosen = rows.find((r) => r.kind === kind)
      return { kind, frequency: settings[kind], chosenAt: chosen?.updatedAt ?? null }
    }),
    resumesEnvoyes: digests,
  }
}
