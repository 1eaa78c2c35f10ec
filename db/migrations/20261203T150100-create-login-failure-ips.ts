import type { Kysely } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// The login throttle's memory (the addresses that produced wrong passwords for an account, and the failures of
// addresses without an account) moves from process memory to the database, so that every process serving the port
// (WEB_CONCURRENCY) gives the same delays and the same answers. Rows older than an hour are erased as they are read.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failure_ips')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('login_failure_ips_key_at').on('login_failure_ips').columns(['key', 'at']).execute()
  await db.schema.createIndex('login_failure_ips_key_ip').on('login_failure_ips').columns(['key', 'ip']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failure_ips').execute()
}
