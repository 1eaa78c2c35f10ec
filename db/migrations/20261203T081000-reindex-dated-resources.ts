import type { Kysely } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Search documents now carry the opening and deadline instants (the hour counts: a call whose deadline is 12:00 is
// closed at 12:00), where they carried Paris calendar days. Asks the indexer to rebuild the document of every
// published resource that has one of these dates (one `search_outbox` row each, drained after start, whichever engine
// serves). `down` has nothing to undo: the rows drain away, and rebuilt documents are what the database says.

export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString()
  await db
    .insertInto('search_outbox')
    .columns(['entity_type', 'entity_id', 'operation', 'next_attempt_at', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('resources')
        .select([
          eb.val('resource').as('entity_type'),
          'id',
          eb.val('upsert').as('operation'),
          eb.val(now).as('next_attempt_at'),
          eb.val(now).as('created_at'),
        ])
        .where('status', '=', 'published')
        .where('deleted_at', 'is', null)
        .where((w) => w.or([w('opening_date', 'is not', null), w('deadline', 'is not', null)])),
    )
    .execute()
}

export async function down(_db: Kysely<any>): Promise<void> {}
