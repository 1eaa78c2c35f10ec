import type { Kysely } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// The authentication rate limits move from process memory to the database, so that every process serving the port
// counts the same hits (several processes per machine: WEB_CONCURRENCY). One row per counted request; rows older than
// an hour are erased by the limiter itself.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rate_limit_hits_key_at').on('rate_limit_hits').columns(['key', 'at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_hits').execute()
}
