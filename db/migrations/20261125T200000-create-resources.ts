import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.

/** The ESS themes of the issue: reference data (admins may edit them later), seeded here. */
const THEMES: [slug: string, name: string][] = [
  ['emploi-insertion', 'Emploi et insertion'],
  ['alimentation-durable', 'Alimentation durable'],
  ['economie-circulaire', 'Économie circulaire'],
  ['mobilite', 'Mobilité'],
  ['habitat', 'Habitat'],
  ['culture', 'Culture'],
  ['sport', 'Sport'],
  ['numerique', 'Numérique'],
  ['sante-action-sociale', 'Santé et action sociale'],
  ['transition-ecologique', 'Transition écologique'],
  ['benevolat-vie-associative', 'Bénévolat et vie associative'],
  ['gouvernance-cooperative', 'Gouvernance coopérative'],
  ['formation-competences', 'Formation et compétences'],
  ['financement', 'Financement'],
  ['cooperation-europeenne', 'Coopération européenne'],
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute()
  await db
    .insertInto('themes')
    .values(THEMES.map(([slug, name], position) => ({ id: slug, slug, name, position })))
    .execute()

  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('initiative', 'bonne-pratique', 'formation', 'financement-europeen')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().check(sql`length(summary) <= 300`))
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('territory', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'pending', 'published', 'archived')`),
    )
    .addColumn('visibility', 'text', (c) =>
      c.notNull().defaultTo('public').check(sql`visibility in ('public', 'members', 'group')`),
    )
    // Reserved for the groups issue (no table yet, so no foreign key yet).
    .addColumn('group_id', 'text')
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('deleted_at', 'text')
    // Typed columns: what lists filter or sort on.
    .addColumn('programme', 'text')
    .addColumn('opening_date', 'text')
    .addColumn('deadline', 'text')
    .addColumn('amount_min', 'integer')
    .addColumn('amount_max', 'integer')
    .addColumn('cofinancing_rate', 'integer')
    .addColumn('managing_body', 'text')
    .addColumn('official_url', 'text')
    .addColumn('provider', 'text')
    .addColumn('format', 'text')
    .addColumn('cost', 'text')
    .addColumn('registration_url', 'text')
    .addColumn('start_date', 'text')
    .addColumn('external_id', 'text', (c) => c.unique())
    // The rest of each kind's fields (partners, audience, steps, pitfalls…), as a JSON object.
    .addColumn('details_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema
    .createIndex('resources_list_idx')
    .on('resources')
    .columns(['status', 'visibility', 'published_at'])
    .execute()
  await db.schema.createIndex('resources_type_idx').on('resources').columns(['type', 'deadline']).execute()
  await db.schema.createIndex('resources_territory_idx').on('resources').column('territory').execute()
  await db.schema.createIndex('resources_author_idx').on('resources').column('author_id').execute()

  await db.schema
    .createTable('resource_themes')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('resource_themes_pk', ['resource_id', 'theme_id'])
    .execute()
  await db.schema.createIndex('resource_themes_theme_idx').on('resource_themes').column('theme_id').execute()

  await db.schema
    .createTable('training_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('commune_insee', 'text', (c) => c.references('communes.insee').onDelete('set null'))
    .execute()
  await db.schema.createIndex('training_sessions_resource_idx').on('training_sessions').column('resource_id').execute()

  await db.schema
    .createTable('revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('revisions_resource_idx').on('revisions').columns(['resource_id', 'created_at']).execute()

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.references('resources.id').onDelete('cascade'))
    .addColumn('uploader_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('attachments_resource_idx').on('attachments').column('resource_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['attachments', 'revisions', 'training_sessions', 'resource_themes', 'resources', 'themes']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
