import type { Kysely } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// The structures a resource belongs to (issue 4: "optional structure(s)"; for an initiative, the structures carrying
// it). `position` keeps the order the author chose. Deleting a resource or a structure removes the link.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource_structures')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('resource_structures_pk', ['resource_id', 'structure_id'])
    .execute()
  await db.schema.createIndex('resource_structures_structure_idx').on('resource_structures').column('structure_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource_structures').ifExists().execute()
}
