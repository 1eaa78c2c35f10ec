import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Reports (issue 14, item 2): a logged-in person reports an item they can see (a resource, a discussion post, later a
// comment) with a reason from a list and a text. One report per person and item (unique index). After a threshold of
// reports from different people the item is hidden until a coordinator decides: a resource through its own
// `hidden_at` (added here), a discussion post through its existing `hidden_at` (with the reports' reason). A decision
// closes every open report of the item: `dismissed` (the item is shown again) or `upheld` (the item is withdrawn).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('resource', 'discussion_post', 'comment')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    /** Null once the reporter's account is deleted (the report stays, anonymous). */
    .addColumn('reporter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason in ('spam', 'abuse', 'misinformation', 'personal_data', 'other')`),
    )
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('').check(sql`length(details) <= 1000`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'dismissed', 'upheld')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decision_note', 'text')
    .addCheckConstraint('reports_other_details', sql`reason <> 'other' or length(trim(details)) > 0`)
    .execute()
  // No one reports the same item twice (whatever became of the first report).
  await db.schema
    .createIndex('reports_unique_reporter_idx')
    .on('reports')
    .columns(['target_kind', 'target_id', 'reporter_id'])
    .unique()
    .execute()
  await db.schema.createIndex('reports_open_idx').on('reports').columns(['status', 'target_kind', 'target_id']).execute()
  await db.schema.alterTable('resources').addColumn('hidden_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('resources').dropColumn('hidden_at').execute()
  await db.schema.dropTable('reports').ifExists().execute()
}
