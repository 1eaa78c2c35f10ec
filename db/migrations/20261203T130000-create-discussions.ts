import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Group discussions (issue 12, item 5): threads of a group, their replies, and the people they mention (stored for
// the notifications issue). A thread's audience is its group (no column of its own): whoever may read the group's
// content reads its discussions. Bodies are restricted rich text (JSON as posted, plain text for search). Hiding is
// moderation (reason required, reversible); deleting is the author's own soft delete.
// Discussions become searchable: `search_outbox.entity_type` gains `discussion` (the table is rebuilt, SQLite cannot
// alter a CHECK constraint).

const HIDDEN_CHECK = sql`(hidden_at is null and hidden_reason is null)
  or (hidden_at is not null and hidden_reason is not null and length(trim(hidden_reason)) between 1 and 300)`

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('discussion_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    /** Null once the author's account is deleted (the thread stays, « Compte supprimé »). */
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(trim(title)) between 1 and 200`))
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pinned_at', 'text')
    .addColumn('locked_at', 'text')
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    /** The thread's creation or its latest visible reply: lists sort on it. */
    .addColumn('last_post_at', 'text', (c) => c.notNull())
    /** Replies neither deleted nor hidden. */
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`reply_count >= 0`))
    .addCheckConstraint('discussion_threads_hidden', HIDDEN_CHECK)
    .execute()
  await db.schema
    .createIndex('discussion_threads_group_idx')
    .on('discussion_threads')
    .columns(['group_id', 'last_post_at'])
    .execute()
  await db.schema.createIndex('discussion_threads_author_idx').on('discussion_threads').column('author_id').execute()

  await db.schema
    .createTable('discussion_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('discussion_threads.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('discussion_posts_hidden', HIDDEN_CHECK)
    .execute()
  await db.schema
    .createIndex('discussion_posts_thread_idx')
    .on('discussion_posts')
    .columns(['thread_id', 'created_at'])
    .execute()
  await db.schema.createIndex('discussion_posts_author_idx').on('discussion_posts').column('author_id').execute()

  // One row per person mentioned in a thread's opening post (post_id null) or in a reply.
  await db.schema
    .createTable('discussion_mentions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('discussion_threads.id').onDelete('cascade'))
    .addColumn('post_id', 'text', (c) => c.references('discussion_posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await sql`create unique index discussion_mentions_unique_idx
    on discussion_mentions (thread_id, coalesce(post_id, ''), user_id)`.execute(db)
  await db.schema.createIndex('discussion_mentions_user_idx').on('discussion_mentions').column('user_id').execute()

  await rebuildSearchOutbox(db, `('resource', 'structure', 'discussion')`)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from search_outbox where entity_type = 'discussion'`.execute(db)
  await rebuildSearchOutbox(db, `('resource', 'structure')`)
  for (const table of ['discussion_mentions', 'discussion_posts', 'discussion_threads']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
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
