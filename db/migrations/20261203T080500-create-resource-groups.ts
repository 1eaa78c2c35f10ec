import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Who a resource is for (DESIGN.md §9, review §7.2): `visibility` stays `public | members | group`, and a `group`
// resource is for the members of any of its groups, held in a join table instead of the single `resources.group_id`
// column (reserved until now, never written). Events and discussions get the same `<table>_groups` shape.
// No foreign key to `groups` yet: that table arrives with the groups issue, which adds it (and cleans orphan rows).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource_groups')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_groups_pk', ['resource_id', 'group_id'])
    .execute()
  // "Resources of this group" (the group's page, its feed) reads by group.
  await db.schema.createIndex('resource_groups_group_idx').on('resource_groups').column('group_id').execute()
  await sql`insert into resource_groups (resource_id, group_id) select id, group_id from resources where group_id is not null`.execute(db)
  await db.schema.alterTable('resources').dropColumn('group_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('resources').addColumn('group_id', 'text').execute()
  // One column holds one group: the first one (by id) is kept.
  await sql`update resources set group_id = (
    select min(group_id) from resource_groups where resource_groups.resource_id = resources.id
  )`.execute(db)
  await db.schema.dropTable('resource_groups').ifExists().execute()
}
