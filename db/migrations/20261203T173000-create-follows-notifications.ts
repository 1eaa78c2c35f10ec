import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Follows and in-app notifications (issue 17, items 3 and 4).
// - `follows`: what a person follows (a resource, a structure, a group, a territory, a theme, a saved search, an
//   event). One row per (person, kind, key). Stopping keeps the row with `stopped_at` set, so an automatic follow is
//   not created again after the person stopped it.
// - `notification_outbox`: events waiting to be fanned out into notifications, written in the transaction of the
//   change and drained by the background worker, with retries. `dedupe_key` makes an event unique when its source
//   could write it twice (a scheduled job run twice).
// - `notifications`: one per (person, outbox event): the unique index makes the fan-out idempotent.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('target_kind', 'text', (c) =>
      c.notNull().check(sql`target_kind in ('resource', 'structure', 'group', 'territory', 'theme', 'search', 'event')`),
    )
    /** An id (resource, structure, group, event), a slug (territory, theme) or a normalised query string (search). */
    .addColumn('target_key', 'text', (c) => c.notNull().check(sql`length(target_key) between 1 and 2000`))
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('manual').check(sql`origin in ('manual', 'auto')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('stopped_at', 'text')
    .execute()
  await db.schema.createIndex('follows_unique_idx').on('follows').columns(['user_id', 'target_kind', 'target_key']).unique().execute()
  await db.schema.createIndex('follows_target_idx').on('follows').columns(['target_kind', 'target_key']).execute()

  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'done', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute()
  await db.schema.createIndex('notification_outbox_due_idx').on('notification_outbox').columns(['status', 'next_attempt_at']).execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** The outbox event it comes from (no foreign key: the outbox may be purged, the notification stays). */
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('resource', 'event', 'group')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema.createIndex('notifications_unique_idx').on('notifications').columns(['user_id', 'source_id']).unique().execute()
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').ifExists().execute()
  await db.schema.dropTable('notification_outbox').ifExists().execute()
  await db.schema.dropTable('follows').ifExists().execute()
}
