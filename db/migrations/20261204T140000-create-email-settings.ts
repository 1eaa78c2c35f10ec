import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Notification emails (issue 17, item 5).
// - `notification_email_settings`: how a person wants to be emailed about one kind of notification (immediately, in
//   the daily or the weekly digest, never). Only the choices the person made are stored: the defaults live in code,
//   so a person with no row gets the defaults (and a default can become more conservative later for everyone).
// - `digest_runs`: one row per (person, period kind, first Paris day of the period), written in the transaction that
//   enqueues the digest email: the job run twice, or restarted mid-run, sends each digest once.
// - `email_outbox.headers_json`: extra headers of an email (List-Unsubscribe, List-Unsubscribe-Post, List-Id), as a
//   JSON object, passed to nodemailer.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_email_settings')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('immediate', 'daily', 'weekly', 'never')`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_email_settings_pk', ['user_id', 'kind'])
    .execute()

  await db.schema
    .createTable('digest_runs')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period in ('daily', 'weekly')`))
    /** The first Paris calendar day of the period (yyyy-mm-dd). */
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_runs_pk', ['user_id', 'period', 'period_start'])
    .execute()

  await db.schema.alterTable('email_outbox').addColumn('headers_json', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('headers_json').execute()
  await db.schema.dropTable('digest_runs').ifExists().execute()
  await db.schema.dropTable('notification_email_settings').ifExists().execute()
}
