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

test('resource_groups: up moves resources.group_id into the join table, down restores the column from the first row', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-migrations-'))
  const { db } = createDb(path.join(dir, 'essaim.sqlite'))
  const insert = (id: string, groupId: string | null) =>
    sql`insert into resources (id, slug, type, title, summary, body_json, body_html, body_text, territory, visibility, group_id, created_at, updated_at)
        values (${id}, ${id}, 'initiative', ${id}, '', '{}', '', '', 'departement', ${groupId ? 'group' : 'public'}, ${groupId}, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`.execute(db)
  try {
    check(await createMigrator(db).migrateTo('20261202T181500-add-ess-synonyms'))
    await insert('r1', 'g1')
    await insert('r2', null)
    await migrateToLatest(db)
    const links = await sql<{ resourceId: string; groupId: string }>`select resource_id, group_id from resource_groups order by resource_id`.execute(db)
    expect(links.rows).toEqual([{ resourceId: 'r1', groupId: 'g1' }])
    const columns = await sql<{ name: string }>`select name from pragma_table_info('resources')`.execute(db)
    expect(columns.rows.map((c) => c.name)).not.toContain('group_id')
    // A second group (possible only after this migration); down keeps the first one.
    await sql`insert into resource_groups (resource_id, group_id) values ('r1', 'g0')`.execute(db)
    check(await createMigrator(db).migrateTo('20261202T181500-add-ess-synonyms'))
    const rows = await sql<{ id: string; groupId: string | null }>`select id, group_id from resources order by id`.execute(db)
    expect(rows.rows).toEqual([
      { id: 'r1', groupId: 'g0' },
      { id: 'r2', groupId: null },
    ])
  } finally {
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('funding calls take the structures’ legal forms: cooperatives become SCOP, SCIC…, in resources and revisions; down folds them back', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-migrations-'))
  const { db } = createDb(path.join(dir, 'essaim.sqlite'))
  const forms = async () => {
    const resource = await sql<{ json: string }>`select details_json as json from resources where id = 'r1'`.execute(db)
    const revision = await sql<{ json: string }>`select snapshot_json as json from revisions where id = 'v1'`.execute(db)
    return [resource.rows[0].json, revision.rows[0].json].map((json) => JSON.parse(json).eligibleLegalForms as string[])
  }
  try {
    check(await createMigrator(db).migrateTo('20261203T080000-add-structure-version'))
    const old = JSON.stringify({ eligibleLegalForms: ['association', 'cooperative', 'entreprise-sociale', 'collectivite'] })
    await sql`insert into resources (id, slug, type, title, summary, body_json, body_html, body_text, territory, created_at, updated_at, details_json)
      values ('r1', 'appel', 'financement-europeen', 'Appel', 'Résumé', '{}', '', '', 'departement', '2026-12-01', '2026-12-01', ${old})`.execute(db)
    await sql`insert into revisions (id, resource_id, created_at, title, summary, body_json, body_text, snapshot_json)
      values ('v1', 'r1', '2026-12-01', 'Appel', 'Résumé', '{}', '', ${old})`.execute(db)
    await migrateToLatest(db)
    const up = ['association', 'scop', 'scic', 'cae', 'cooperative-usagers', 'cooperative-autre', 'esus', 'siae', 'collectivite']
    expect(await forms()).toEqual([up, up])
    check(await createMigrator(db).migrateTo('20261203T080000-add-structure-version'))
    const down = ['association', 'cooperative', 'entreprise-sociale', 'collectivite']
    expect(await forms()).toEqual([down, down])
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

test('discussions: hiding needs a reason (≤ 300), one mention per person and post, the outbox takes discussions; down restores the outbox', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-migrations-'))
  const { db } = createDb(path.join(dir, 'essaim.sqlite'))
  try {
    check(await createMigrator(db).migrateTo('20261203T120000-create-groups'))
    await sql`insert into search_outbox (entity_type, entity_id, operation, next_attempt_at, created_at) values ('resource', 'r1', 'upsert', 'now', 'now')`.execute(db)
    await sql`delete from search_outbox`.execute(db)
    await migrateToLatest(db)
    await sql`insert into users (id, email, name, password_hash, role, created_at, updated_at) values ('u1', 'a@b.test', 'A', 'x', 'member', 'now', 'now')`.execute(db)
    await sql`insert into groups (id, slug, name, kind, created_at, updated_at) values ('g1', 'g1', 'G', 'thematic', 'now', 'now')`.execute(db)
    const thread = (id: string, hiddenAt: string | null, reason: string | null, title = 'Sujet') =>
      sql`insert into discussion_threads (id, group_id, author_id, title, body_json, hidden_at, hidden_reason, created_at, updated_at, last_post_at)
          values (${id}, 'g1', 'u1', ${title}, '{}', ${hiddenAt}, ${reason}, 'now', 'now', 'now')`.execute(db)
    await thread('t1', null, null)
    await thread('t2', 'now', 'Hors sujet')
    await expect(thread('t3', 'now', null)).rejects.toThrow(/CHECK/)
    await expect(thread('t4', 'now', '   ')).rejects.toThrow(/CHECK/)
    await expect(thread('t5', 'now', 'x'.repeat(301))).rejects.toThrow(/CHECK/)
    await expect(thread('t6', null, null, '  ')).rejects.toThrow(/CHECK/)
    await expect(
      sql`insert into discussion_threads (id, group_id, title, body_json, created_at, updated_at, last_post_at)
          values ('t7', 'nope', 'S', '{}', 'now', 'now', 'now')`.execute(db),
    ).rejects.toThrow(/FOREIGN KEY/)
    await sql`insert into discussion_posts (id, thread_id, author_id, body_json, created_at, updated_at) values ('p1', 't1', 'u1', '{}', 'now', 'now')`.execute(db)
    const mention = (id: string, postId: string | null) =>
      sql`insert into discussion_mentions (id, thread_id, post_id, user_id, created_at) values (${id}, 't1', ${postId}, 'u1', 'now')`.execute(db)
    await mention('m1', null)
    await mention('m2', 'p1')
    await expect(mention('m3', null)).rejects.toThrow(/UNIQUE/)
    await expect(mention('m4', 'p1')).rejects.toThrow(/UNIQUE/)
    // The rebuilt outbox keeps its sequence (ids never reused) and accepts discussions.
    await sql`insert into search_outbox (entity_type, entity_id, operation, next_attempt_at, created_at) values ('discussion', 't1', 'upsert', 'now', 'now')`.execute(db)
    await sql`insert into search_outbox (entity_type, entity_id, operation, next_attempt_at, created_at) values ('resource', 'r2', 'upsert', 'now', 'now')`.execute(db)
    const ids = (await sql<{ id: number }>`select id from search_outbox order by id`.execute(db)).rows.map((r) => r.id)
    expect(ids).toEqual([2, 3])
    check(await createMigrator(db).migrateTo('20261203T120000-create-groups'))
    const left = (await sql<{ entityType: string; id: number }>`select entity_type, id from search_outbox`.execute(db)).rows
    expect(left).toEqual([{ entityType: 'resource', id: 3 }])
    await expect(
      sql`insert into search_outbox (entity_type, entity_id, operation, next_attempt_at, created_at) values ('discussion', 't1', 'upsert', 'now', 'now')`.execute(db),
    ).rejects.toThrow(/CHECK/)
    const indexes = (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'search_outbox'`.execute(db)).rows
    expect(indexes.map((i) => i.name)).toContain('search_outbox_due_idx')
  } finally {
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('events: one organiser, the end after the start, a positive capacity, one active registration per person, a unique UID', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-migrations-'))
  const { db } = createDb(path.join(dir, 'essaim.sqlite'))
  try {
    await migrateToLatest(db)
    await sql`insert into users (id, email, name, password_hash, role, created_at, updated_at) values ('u1', 'a@b.test', 'A', 'x', 'member', 'now', 'now')`.execute(db)
    await sql`insert into groups (id, slug, name, kind, created_at, updated_at) values ('g1', 'g1', 'G', 'thematic', 'now', 'now')`.execute(db)
    const event = (id: string, o: { uid?: string; group?: string | null; structure?: string | null; ends?: string; capacity?: number | null; kind?: string } = {}) =>
      sql`insert into events (id, uid, title, description_json, starts_at, ends_at, group_id, structure_id, kind, capacity, visibility, created_at, updated_at)
          values (${id}, ${o.uid ?? `${id}@essaim`}, 'Séance', '{}', '2027-03-10T08:00:00.000Z', ${o.ends ?? '2027-03-10T10:00:00.000Z'},
                  ${o.group === undefined ? 'g1' : o.group}, ${o.structure ?? null}, ${o.kind ?? 'formation'}, ${o.capacity ?? null}, 'public', 'now', 'now')`.execute(db)
    await event('e1')
    await expect(event('e2', { uid: 'e1@essaim' })).rejects.toThrow(/UNIQUE/)
    await expect(event('e3', { group: null })).rejects.toThrow(/CHECK/)
    await expect(event('e4', { structure: 's1' })).rejects.toThrow(/CHECK/)
    await expect(event('e5', { ends: '2027-03-10T07:00:00.000Z' })).rejects.toThrow(/CHECK/)
    await expect(event('e6', { capacity: 0 })).rejects.toThrow(/CHECK/)
    await expect(event('e7', { kind: 'fete' })).rejects.toThrow(/CHECK/)
    await expect(sql`update events set status = 'cancelled' where id = 'e1'`.execute(db)).rejects.toThrow(/CHECK/)
    const registration = (id: string, state: string, position: number | null = null) =>
      sql`insert into event_registrations (id, event_id, user_id, state, position, created_at) values (${id}, 'e1', 'u1', ${state}, ${position}, 'now')`.execute(db)
    await registration('r1', 'cancelled')
    await registration('r2', 'registered')
    await expect(registration('r3', 'waiting', 1)).rejects.toThrow(/UNIQUE/)
    await sql`update event_registrations set state = 'cancelled' where id = 'r2'`.execute(db)
    await expect(registration('r4', 'waiting')).rejects.toThrow(/CHECK/)
    await registration('r5', 'waiting', 1)
  } finally {
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
