import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Curation (issue 14 §4–6):
// - `resource_validations`: « Validé par le réseau », at most one per resource (its history is in the audit log).
//   `review_by` is when it must be checked again; `substance_edited_at` is set when the body, dates or amounts change
//   after the validation (it goes back to the queue); `stale_indexed_at` records that the search document was
//   refreshed once the review-by date passed (the scheduled job does it once).
// - `featured_resources`: resources put forward on the home page (`group_id` null) or on a group's page, in `position`
//   order, until an optional `ends_at`.
// - `resources.closed_at`: when the scheduled job saw a call's deadline pass and refreshed its search document
//   (the state itself is always computed from the deadline, search/funding-state.ts).
// - `search_documents.validated`: the search attribute (1 validated and not due for review).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource_validations')
    .addColumn('resource_id', 'text', (c) => c.primaryKey().references('resources.id').onDelete('cascade'))
    .addColumn('validated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('validated_at', 'text', (c) => c.notNull())
    .addColumn('review_by', 'text', (c) => c.notNull())
    .addColumn('substance_edited_at', 'text')
    .addColumn('stale_indexed_at', 'text')
    .execute()
  await db.schema.createIndex('resource_validations_review_idx').on('resource_validations').column('review_by').execute()

  await db.schema
    .createTable('featured_resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ends_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await sql`create unique index featured_resources_home_uq on featured_resources (resource_id) where group_id is null`.execute(db)
  await sql`create unique index featured_resources_group_uq on featured_resources (group_id, resource_id) where group_id is not null`.execute(
    db,
  )

  await db.schema.alterTable('resources').addColumn('closed_at', 'text').execute()
  await db.schema.alterTable('search_documents').addColumn('validated', 'integer', (c) => c.notNull().defaultTo(0)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_documents').dropColumn('validated').execute()
  await db.schema.alterTable('resources').dropColumn('closed_at').execute()
  await db.schema.dropTable('featured_resources').ifExists().execute()
  await db.schema.dropTable('resource_validations').ifExists().execute()
}
