import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// The review of first contributions (issue 14): a resource by someone without enough approved resources enters
// `pending`; coordinators approve it, ask for changes or refuse it, each with a note. Every step is one row here, in
// order: `submitted` (it entered the queue: the queue's « since »), then the decision. The resource's own status says
// where it is; this table says why (the last note shown to the author) and keeps the history the decision page shows.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('event', 'text', (c) =>
      c.notNull().check(sql`event in ('submitted', 'approved', 'changes_requested', 'refused')`),
    )
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('resource_reviews_resource_idx').on('resource_reviews').columns(['resource_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource_reviews').ifExists().execute()
}
