import type { Kysely } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// The creation page's first autosave makes one draft per page load (its `draftKey`), whatever the retries and double
// submissions. The key → draft map moves from process memory to this table, so that a retry answered by another
// process (WEB_CONCURRENCY) finds the draft the first request made. Keys are forgotten after a few hours.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource_draft_keys')
    .addColumn('person_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('draft_key', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.references('resources.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_draft_keys_pk', ['person_id', 'draft_key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource_draft_keys').execute()
}
