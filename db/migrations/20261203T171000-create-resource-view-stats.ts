import type { Kysely } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Statistics, not content (issue 16): how many times a funding call's page was read, per Paris day. One row per
// (resource, day), incremented by one upsert when the page is served. Nothing about the reader is stored: no person,
// no IP address, no time of day. Because a GET writes here, the issue-18 security crawl (« no GET changes the
// database ») leaves out every `*_stats` table from its checksum, this one included.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource_view_stats')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('resource_view_stats_pk', ['resource_id', 'day'])
    .execute()
  await db.schema.createIndex('resource_view_stats_day_idx').on('resource_view_stats').columns(['day']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource_view_stats').ifExists().execute()
}
