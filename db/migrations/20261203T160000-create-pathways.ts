import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Pathways (« parcours », issue 15): an ordered list of steps built by coordinators, each pointing to a resource, an
// event or an outside link, with a coordinator's note. Progress is stored per (person, step id), never per position,
// so it survives edits: moving a step keeps its id, a removed step takes its marks with it, a step added later has
// none. `position` orders the steps of a pathway (unique per pathway).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pathways')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(trim(title)) between 1 and 150`))
    /** Restricted rich text (the discussions' set): validated JSON, its HTML and its plain text. */
    .addColumn('intro_json', 'text', (c) => c.notNull())
    .addColumn('intro_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('intro_text', 'text', (c) => c.notNull().defaultTo(''))
    /** « Et après ? »: plain text, blank lines between paragraphs. */
    .addColumn('next_steps', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('territory_slug', 'text', (c) => c.references('territories.slug').onDelete('restrict'))
    /** The group whose coordinators maintain the pathway (null: admins only, and its author while a coordinator). */
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published')`))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('pathways_status_idx').on('pathways').columns(['status', 'title']).execute()

  await db.schema
    .createTable('pathway_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pathway_id', 'text', (c) => c.notNull().references('pathways.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('resource', 'event', 'link')`))
    .addColumn('resource_id', 'text', (c) => c.references('resources.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.references('events.id').onDelete('cascade'))
    .addColumn('url', 'text')
    .addColumn('link_title', 'text')
    /** The coordinator's note: plain text. */
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'pathway_steps_target',
      sql`(kind = 'resource' and resource_id is not null and event_id is null and url is null)
       or (kind = 'event' and event_id is not null and resource_id is null and url is null)
       or (kind = 'link' and url like 'https://%' and link_title is not null and resource_id is null and event_id is null)`,
    )
    .execute()
  await db.schema
    .createIndex('pathway_steps_position_idx')
    .on('pathway_steps')
    .columns(['pathway_id', 'position'])
    .unique()
    .execute()
  await db.schema.createIndex('pathway_steps_resource_idx').on('pathway_steps').column('resource_id').execute()
  await db.schema.createIndex('pathway_steps_event_idx').on('pathway_steps').column('event_id').execute()

  await db.schema
    .createTable('pathway_progress')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('step_id', 'text', (c) => c.notNull().references('pathway_steps.id').onDelete('cascade'))
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pathway_progress_pk', ['user_id', 'step_id'])
    .execute()
  await db.schema.createIndex('pathway_progress_step_idx').on('pathway_progress').column('step_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['pathway_progress', 'pathway_steps', 'pathways']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
