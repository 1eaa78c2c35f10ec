import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// The agenda (issue 13): events, who they are for (`event_groups`, the same shape as `resource_groups`), and the
// registrations with their waiting list. An event's iCalendar UID is set once at creation and never changed; its
// SEQUENCE is raised when its date, time or place changes (RFC 5546). An event is organised by exactly one group or
// one structure. One active registration (registered or waiting) per person and event (partial unique index); the
// waiting order is `position`. A person's private feed of their groups' events is reached by a token stored hashed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uid', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(trim(title)) between 1 and 200`))
    .addColumn('description_json', 'text', (c) => c.notNull())
    .addColumn('description_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_text', 'text', (c) => c.notNull().defaultTo(''))
    /** ISO-8601 UTC. */
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('commune_insee', 'text', (c) => c.references('communes.insee').onDelete('restrict'))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('online_url', 'text')
    // Deleting the organiser (a structure deleted by its owners) deletes its events with their registrations.
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('structure_id', 'text', (c) => c.references('structures.id').onDelete('cascade'))
    .addColumn('territory_slug', 'text', (c) => c.references('territories.slug').onDelete('restrict'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind in ('pleniere-cdess', 'seance-territoriale', 'formation', 'reunion-reseau', 'autre')`),
    )
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity is null or capacity > 0`))
    .addColumn('registration_deadline', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'members', 'group')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'cancelled')`),
    )
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0).check(sql`sequence >= 0`))
    .addColumn('cancelled_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('events_ends_after_starts', sql`ends_at >= starts_at`)
    .addCheckConstraint(
      'events_one_organiser',
      sql`(group_id is not null and structure_id is null) or (group_id is null and structure_id is not null)`,
    )
    .addCheckConstraint(
      'events_cancelled',
      sql`(status = 'scheduled' and cancelled_at is null) or (status = 'cancelled' and cancelled_at is not null)`,
    )
    .execute()
  await db.schema.createIndex('events_starts_idx').on('events').column('starts_at').execute()
  await db.schema.createIndex('events_group_idx').on('events').columns(['group_id', 'starts_at']).execute()
  await db.schema.createIndex('events_structure_idx').on('events').columns(['structure_id', 'starts_at']).execute()
  await db.schema.createIndex('events_territory_idx').on('events').columns(['territory_slug', 'starts_at']).execute()

  await db.schema
    .createTable('event_groups')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('event_groups_pk', ['event_id', 'group_id'])
    .execute()
  await db.schema.createIndex('event_groups_group_idx').on('event_groups').column('group_id').execute()

  await db.schema
    .createTable('event_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('registered', 'waiting', 'cancelled')`))
    /** Order on the waiting list (first come, first promoted); kept after promotion for the history. */
    .addColumn('position', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('promoted_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addCheckConstraint('event_registrations_waiting_position', sql`state <> 'waiting' or position is not null`)
    .execute()
  await db.schema
    .createIndex('event_registrations_active_idx')
    .on('event_registrations')
    .columns(['event_id', 'user_id'])
    .unique()
    .where(sql.ref('state'), '<>', 'cancelled')
    .execute()
  await db.schema
    .createIndex('event_registrations_event_idx')
    .on('event_registrations')
    .columns(['event_id', 'state', 'position'])
    .execute()
  await db.schema.createIndex('event_registrations_user_idx').on('event_registrations').column('user_id').execute()

  // One private feed per person (their groups' events): the secret is in the link, only its hash is stored; rotating
  // replaces the row, so the old link dies at once.
  await db.schema
    .createTable('event_feed_tokens')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    /** SHA-256 (hex) of the secret token in the feed's address. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['event_feed_tokens', 'event_registrations', 'event_groups', 'events']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
