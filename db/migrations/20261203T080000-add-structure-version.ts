import type { Kysely } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// Structure edits check the version the editor started from (issue 10, F18 of the security probe): a stale edit is
// refused instead of silently overwriting a colleague's. Every existing structure starts at version 1.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('structures').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('structures').dropColumn('version').execute()
}
