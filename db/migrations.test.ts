import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { expect, test } from 'vitest'
import { createDb } from './client.server.ts'
import { createMigrator, migrateToLatest, rollbackOne } from './migrate.ts'

// Every migration goes down and up again, on a fresh database: each `down` undoes its `up`.

test('all migrations roll back one by one, then re-apply (resource_structures included)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-migrations-'))
  const { db } = createDb(path.join(dir, 'essaim.sqlite'))
  const tables = async () =>
    (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(db)).rows.map(
      (r) => r.name,
    )
  try {
    await migrateToLatest(db)
    expect(await tables()).toContain('resource_structures')
    const indexes = (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'resource_structures'`.execute(db)).rows
    expect(indexes.map((i) => i.name)).toContain('resource_structures_structure_idx')
    const count = (await createMigrator(db).getMigrations()).length
    for (let i = 0; i < count; i++) await rollbackOne(db)
    expect((await createMigrator(db).getMigrations()).every((m) => !m.executedAt)).toBe(true)
    expect(await tables()).toEqual([])
    await migrateToLatest(db)
    expect(await tables()).toContain('resource_structures')
  } finally {
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
