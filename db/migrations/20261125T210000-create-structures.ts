import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.

const LEGAL_FORMS = [
  'association',
  'scop',
  'scic',
  'cae',
  'cooperative-usagers',
  'cooperative-autre',
  'mutuelle',
  'fondation',
  'esus',
  'siae',
  'autre',
]
const EMPLOYEE_BRACKETS = ['0', '1-9', '10-49', '50-249', '250+']
const VOLUNTEER_BRACKETS = ['0', '1-9', '10-49', '50-249', '250+']

function inList(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('structures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    /** Folded name (foldText) for the directory's name filter and sort. */
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('legal_form', 'text', (c) => c.notNull().check(inList('legal_form', LEGAL_FORMS)))
    .addColumn('siret', 'text', (c) => c.unique())
    .addColumn('rna', 'text', (c) => c.unique())
    .addColumn('commune_insee', 'text', (c) => c.notNull().references('communes.insee').onDelete('restrict'))
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id').onDelete('restrict'))
    .addColumn('address', 'text')
    .addColumn('website_url', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('show_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('presentation', 'text', (c) => c.notNull().check(sql`length(presentation) <= 280`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('employees_bracket', 'text', (c) => c.check(inList('employees_bracket', EMPLOYEE_BRACKETS)))
    .addColumn('volunteers_bracket', 'text', (c) => c.check(inList('volunteers_bracket', VOLUNTEER_BRACKETS)))
    /** Version key of the stored logo files (uploads/structures/<id>/<key>-<size>.webp), or null. */
    .addColumn('logo_key', 'text')
    .addColumn('charter_signed_at', 'text')
    .addColumn('charter_signed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('label_granted_at', 'text')
    .addColumn('label_granted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('structures_territory_idx').on('structures').column('territory_id').execute()
  await db.schema.createIndex('structures_search_name_idx').on('structures').column('search_name').execute()
  await db.schema.createIndex('structures_created_idx').on('structures').column('created_at').execute()

  await db.schema
    .createTable('structure_themes')
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id').onDelete('cascade'))
    .addColumn('theme_slug', 'text', (c) => c.notNull().references('themes.slug').onDelete('cascade'))
    .addPrimaryKeyConstraint('structure_themes_pk', ['structure_id', 'theme_slug'])
    .execute()
  await db.schema.createIndex('structure_themes_theme_idx').on('structure_themes').column('theme_slug').execute()

  await db.schema
    .createTable('structure_members')
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'member')`))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('structure_members_pk', ['structure_id', 'user_id'])
    .execute()
  await db.schema.createIndex('structure_members_user_idx').on('structure_members').column('user_id').execute()

  await db.schema
    .createTable('structure_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'member')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('structure_invitations_structure_idx').on('structure_invitations').column('structure_id').execute()

  await db.schema
    .createTable('structure_join_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'refused')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema
    .createIndex('structure_join_requests_pending_idx')
    .on('structure_join_requests')
    .columns(['structure_id', 'user_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute()
  await db.schema.createIndex('structure_join_requests_user_idx').on('structure_join_requests').column('user_id').execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target_type', 'target_id']).execute()

  await db.schema
    .createTable('profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo('').check(sql`length(bio) <= 500`))
    .addColumn('visibility', 'text', (c) =>
      c.notNull().defaultTo('members').check(sql`visibility in ('public', 'members', 'hidden')`),
    )
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('email_change_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('new_email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('email_change_requests_user_idx').on('email_change_requests').column('user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'email_change_requests',
    'profiles',
    'audit_log',
    'structure_join_requests',
    'structure_invitations',
    'structure_members',
    'structure_themes',
    'structures',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
