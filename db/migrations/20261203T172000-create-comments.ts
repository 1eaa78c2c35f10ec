import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Comments and reactions (issue 17, items 1 and 2).
// - `comments`: on a resource or an event (exactly one), one level of replies (`parent_id` is always a top comment),
//   the restricted rich text of discussions (validated JSON and its plain text; the HTML is derived on read). Edited
//   (`edited_at`, « modifié »); deleted by its author (a comment with replies is kept as « Commentaire supprimé »
//   through `deleted_at`, one without is removed); hidden by the coordination with a reason (reversible). The author
//   becomes null when their account is deleted (« Compte supprimé »).
// - `resource_reactions`: « Utile » and « Je l'ai testé », one of each per person and resource; « testé » may name
//   one of the person's structures.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.references('resources.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.references('events.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('comments_one_target', sql`(resource_id is null) <> (event_id is null)`)
    .execute()
  await db.schema.createIndex('comments_resource_idx').on('comments').columns(['resource_id', 'created_at']).execute()
  await db.schema.createIndex('comments_event_idx').on('comments').columns(['event_id', 'created_at']).execute()
  await db.schema.createIndex('comments_parent_idx').on('comments').column('parent_id').execute()
  await db.schema.createIndex('comments_author_idx').on('comments').columns(['author_id', 'created_at']).execute()

  await db.schema
    .createTable('resource_reactions')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('useful', 'tested')`))
    .addColumn('structure_id', 'text', (c) => c.references('structures.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_reactions_pk', ['resource_id', 'user_id', 'kind'])
    .addCheckConstraint('resource_reactions_structure', sql`kind = 'tested' or structure_id is null`)
    .execute()
  await db.schema.createIndex('resource_reactions_user_idx').on('resource_reactions').column('user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource_reactions').ifExists().execute()
  await db.schema.dropTable('comments').ifExists().execute()
}
