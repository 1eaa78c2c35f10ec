import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// The embedded search engine keeps the filterable attributes of every indexed document in memory (facets and
// permissions are computed there, not by joining thousands of rows per query). `search_changes` tells every process
// which documents changed since it last looked: triggers log each insert, update and delete of `search_documents`,
// whoever makes it (the server's indexer, `npm run search:reindex` in another process, a test wiping the table).
// The engine prunes old entries; a process that fell behind the pruned range reloads everything.
// The stored document (JSON, a few kilobytes) moves to `search_payloads`, read only for the hits of a page, so that
// `search_documents` stays a narrow table of attributes (loading all of them reads megabytes, not the whole index).
// `search_fields_fts` indexes the short fields again (title, summary, extra) without the body: ranking asks which
// field each query word is in, and these doclists are a fraction of the full table's. Deleting a row of
// `search_documents` removes its FTS entries too (trigger), so no writer can leave stale text behind.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table search_payloads (id integer primary key, document text not null)`.execute(db)
  await sql`insert into search_payloads (id, document) select id, document from search_documents`.execute(db)
  await sql`alter table search_documents drop column document`.execute(db)
  await sql`create virtual table search_fields_fts using fts5(
    title, summary, extra,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
  )`.execute(db)
  await sql`create table search_changes (seq integer primary key autoincrement, doc_id integer not null)`.execute(db)
  for (const [event, row] of [
    ['insert', 'new'],
    ['update', 'new'],
    ['delete', 'old'],
  ] as const) {
    await sql
      .raw(
        `create trigger search_documents_${event}_log after ${event} on search_documents
         begin
           insert into search_changes (doc_id) values (${row}.id);
           ${
             event === 'delete'
               ? `delete from search_payloads where id = old.id;
                  delete from search_fts where rowid = old.id;
                  delete from search_fields_fts where rowid = old.id;`
               : ''
           }
         end`,
      )
      .execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const event of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger if exists search_documents_${event}_log`).execute(db)
  }
  await sql`drop table if exists search_changes`.execute(db)
  await sql`drop table if exists search_fields_fts`.execute(db)
  await sql`alter table search_documents add column document text not null default '{}'`.execute(db)
  await sql`update search_documents set document = (select p.document from search_payloads p where p.id = search_documents.id)
    where id in (select id from search_payloads)`.execute(db)
  await sql`drop table if exists search_payloads`.execute(db)
}
