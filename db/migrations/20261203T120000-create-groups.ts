import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Network groups (issue 12): the nine territory groups and the thematic groups admins create, their memberships and
// roles, join requests, invitations (hashed token bound to the invited address, as structure invitations) and blocks.
// A hidden group is invitation only (CHECK below); a territory group names its territory.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    /** Plain text, as structures' presentation. */
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('territory', 'thematic')`))
    .addColumn('territory_slug', 'text', (c) => c.references('territories.slug').onDelete('restrict'))
    .addColumn('join_policy', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`join_policy in ('open', 'request', 'invitation')`),
    )
    .addColumn('page_visibility', 'text', (c) =>
      c.notNull().defaultTo('public').check(sql`page_visibility in ('public', 'members')`),
    )
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0).check(sql`hidden in (0, 1)`))
    /** Version key of the stored cover image files, or null. */
    .addColumn('cover_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('groups_hidden_invitation_only', sql`hidden = 0 or join_policy = 'invitation'`)
    .addCheckConstraint(
      'groups_territory_kind',
      sql`(kind = 'territory' and territory_slug is not null) or (kind = 'thematic' and territory_slug is null)`,
    )
    .execute()
  await db.schema
    .createIndex('groups_territory_idx')
    .on('groups')
    .column('territory_slug')
    .unique()
    .where(sql.ref('territory_slug'), 'is not', null)
    .execute()

  await db.schema
    .createTable('group_memberships')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member').check(sql`role in ('member', 'coordinator')`))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_memberships_pk', ['group_id', 'user_id'])
    .execute()
  await db.schema.createIndex('group_memberships_user_idx').on('group_memberships').column('user_id').execute()

  await db.schema
    .createTable('group_join_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'refused')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decision_message', 'text')
    .execute()
  await db.schema
    .createIndex('group_join_requests_pending_idx')
    .on('group_join_requests')
    .columns(['group_id', 'user_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute()
  await db.schema.createIndex('group_join_requests_user_idx').on('group_join_requests').column('user_id').execute()

  await db.schema
    .createTable('group_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    /** The invited address: only the account holding it may accept. */
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member').check(sql`role in ('member', 'coordinator')`))
    /** SHA-256 (hex) of the secret token sent in the link; the token itself is never stored. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('group_invitations_group_idx').on('group_invitations').column('group_id').execute()

  await db.schema
    .createTable('group_blocks')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('blocked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('blocked_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('group_blocks_pk', ['group_id', 'user_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['group_blocks', 'group_invitations', 'group_join_requests', 'group_memberships', 'groups']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
