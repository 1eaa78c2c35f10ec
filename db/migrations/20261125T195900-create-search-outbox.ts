import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('entity_type', 'text', (c) => c.notNull().check(sql`entity_type in ('resource', 'structure')`))
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull().check(sql`operation in ('upsert', 'delete')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('search_outbox_due_idx').on('search_outbox').columns(['status', 'next_attempt_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_outbox').ifExists().execute()
}
