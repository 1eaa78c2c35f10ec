import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Events become searchable (issue 13): `search_outbox.entity_type` gains `event` (the table is rebuilt, SQLite cannot
// alter a CHECK constraint; its rows, ids and sequence are kept), and every event is queued once so the index gets
// the events written before this migration.

export async function up(db: Kysely<any>): Promise<void> {
  await rebuildSearchOutbox(db, `('resource', 'structure', 'discussion', 'event')`)
  await sql`insert into search_outbox (entity_type, entity_id, operation, status, attempts, next_attempt_at, created_at)
    select 'event', id, 'upsert', 'pending', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    from events`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from search_outbox where entity_type = 'event'`.execute(db)
  await rebuildSearchOutbox(db, `('resource', 'structure', 'discussion')`)
}

/** `search_outbox` again with another list of entity types, its rows and ids (and so its sequence) kept. */
async function rebuildSearchOutbox(db: Kysely<any>, types: string) {
  await db.schema
    .createTable('search_outbox_new')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('entity_type', 'text', (c) => c.notNull().check(sql.raw(`entity_type in ${types}`)))
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull().check(sql`operation in ('upsert', 'delete')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into search_outbox_new (id, entity_type, entity_id, operation, status, attempts, next_attempt_at, last_error, created_at)
    select id, entity_type, entity_id, operation, status, attempts, next_attempt_at, last_error, created_at from search_outbox`.execute(db)
  // Keep the sequence: the search page compares it before and after asking the engine (outboxMark).
  await sql`update sqlite_sequence set seq = (select coalesce(max(seq), 0) from sqlite_sequence where name = 'search_outbox')
    where name = 'search_outbox_new'`.execute(db)
  await sql`insert into sqlite_sequence (name, seq) select 'search_outbox_new', seq from sqlite_sequence where name = 'search_outbox'
    and not exists (select 1 from sqlite_sequence where name = 'search_outbox_new')`.execute(db)
  await db.schema.dropTable('search_outbox').execute()
  await sql`alter table search_outbox_new rename to search_outbox`.execute(db)
  await db.schema.createIndex('search_outbox_due_idx').on('search_outbox').columns(['status', 'next_attempt_at']).execute()
}
