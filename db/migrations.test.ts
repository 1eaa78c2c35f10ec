import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { expect, test } from 'vitest'
import { createDb } from './client.server.ts'
import { DEFAULT_SYNONYMS } from '#search/synonyms.ts'
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

test('the ESS synonyms migration adds the new groups after an admin’s edits, changing none; down removes them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-migrations-'))
  const { db } = createDb(path.join(dir, 'essaim.sqlite'))
  const groups = async () =>
    (await db.selectFrom('search_synonyms' as never).select('terms' as never).orderBy('id' as never).execute()).map(
      (r) => JSON.parse((r as { terms: string }).terms) as string[],
    )
  try {
    // A fresh database gets exactly the defaults the code knows.
    await migrateToLatest(db)
    expect(await groups()).toEqual(DEFAULT_SYNONYMS)
    // Back before this migration; an admin edits the list (keeps « iae, siae » as their own, drops the rest).
    const migrator = createMigrator(db)
    check(await migrator.migrateTo('20261126T020000-create-search-changes'))
    await sql`delete from search_synonyms`.execute(db)
    const mine = [['IAE', 'SIAE', 'insertion'], ['vélo', 'bicyclette']]
    for (const terms of mine) {
      await sql`insert into search_synonyms (terms, updated_at) values (${JSON.stringify(terms)}, '2026-11-30T10:00:00Z')`.execute(db)
    }
    await migrateToLatest(db)
    const after = await groups()
    expect(after.slice(0, 2)).toEqual(mine)
    // « iae, siae » is already in the admin's first group: not added again; the others are.
    expect(after).not.toContainEqual(['iae', 'siae'])
    expect(after).toContainEqual(['subvention', 'aide'])
    expect(after).toContainEqual(['cdess', 'conseil départemental de l’économie sociale et solidaire', 'conseil départemental de l’ess'])
    // Down to just before the synonyms migration (later migrations go down first).
    check(await createMigrator(db).migrateTo('20261126T020000-create-search-changes'))
    expect(await groups()).toEqual(mine)
  } finally {
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

function check(result: { error?: unknown }) {
  if (result.error) throw result.error
}

test('groups: a hidden group is invitation only, a territory group names its territory, one pending request per person', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-migrations-'))
  const { db } = createDb(path.join(dir, 'essaim.sqlite'))
  try {
    await migrateToLatest(db)
    await sql`insert into territories (id, slug, name, position) values ('calaisis', 'calaisis', 'Calaisis', 1)`.execute(db)
    await sql`insert into users (id, email, name, password_hash, role, created_at, updated_at) values ('u1', 'a@b.test', 'A', 'x', 'member', 'now', 'now')`.execute(db)
    const group = (id: string, kind: string, territory: string | null, policy: string, hidden: number) =>
      sql`insert into groups (id, slug, name, kind, territory_slug, join_policy, hidden, created_at, updated_at)
          values (${id}, ${id}, ${id}, ${kind}, ${territory}, ${policy}, ${hidden}, 'now', 'now')`.execute(db)
    await group('calaisis', 'territory', 'calaisis', 'open', 0)
    await group('secret', 'thematic', null, 'invitation', 1)
    await expect(group('leaky', 'thematic', null, 'open', 1)).rejects.toThrow(/CHECK/)
    await expect(group('nowhere', 'territory', null, 'open', 0)).rejects.toThrow(/CHECK/)
    await expect(group('unknown', 'territory', 'atlantide', 'open', 0)).rejects.toThrow(/FOREIGN KEY/)
    const request = (id: string, status: string) =>
      sql`insert into group_join_requests (id, group_id, user_id, status, created_at) values (${id}, 'calaisis', 'u1', ${status}, 'now')`.execute(db)
    await request('r1', 'refused')
    await request('r2', 'pending')
    await expect(request('r3', 'pending')).rejects.toThrow(/UNIQUE/)
  } finally {
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
