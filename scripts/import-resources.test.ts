import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, test, vi } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { importResources } from '#app/modules/resources/import.server.ts'
import { main } from './import-resources.ts'

const EXAMPLE = fs.readFileSync(path.join(import.meta.dirname, '../db/seed/resources-example.jsonl'), 'utf8')

beforeAll(async () => {
  for (const email of ['admin@essaim.test', 'sophie.lefebvre@essaim.test', 'karim.benali@essaim.test']) {
    const exists = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    if (!exists) await createTestUser({ email })
  }
  // The structures the example file links to (demo structures in a real database).
  for (const name of ['Coopérative Atrébate', 'Calaisis Recyclerie']) await createTestStructure({ input: { name } })
})

const structuresOf = (externalId: string) =>
  db
    .selectFrom('resourceStructures')
    .innerJoin('resources', 'resources.id', 'resourceStructures.resourceId')
    .innerJoin('structures', 'structures.id', 'resourceStructures.structureId')
    .select('structures.slug')
    .where('resources.externalId', '=', externalId)
    .execute()
    .then((rows) => rows.map((r) => r.slug))

const countImported = async (prefix: string) =>
  Number(
    (
      await db
        .selectFrom('resources')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('externalId', 'like', `${prefix}%`)
        .executeTakeFirstOrThrow()
    ).n,
  )

function line(overrides: Record<string, unknown>) {
  return JSON.stringify({
    type: 'initiative',
    title: 'Une initiative importée',
    summary: 'Résumé de l’initiative importée.',
    bodyText: 'Premier paragraphe.\n\nDeuxième paragraphe.',
    territory: 'ternois',
    themes: ['culture'],
    author: 'admin@essaim.test',
    ...overrides,
  })
}

describe('importResources', () => {
  test('the example file imports, then re-imports idempotently', async () => {
    const first = await importResources(EXAMPLE)
    expect(first).toMatchObject({ created: 3, updated: 0, errors: [], aborted: false })
    expect(await countImported('exemple-')).toBe(3)
    const again = await importResources(EXAMPLE)
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, aborted: false })
    expect(await countImported('exemple-')).toBe(3)
    const practice = await db.selectFrom('resources').selectAll().where('externalId', '=', 'exemple-bonne-pratique-ressourcerie').executeTakeFirstOrThrow()
    expect(practice).toMatchObject({ status: 'published', publishedAt: '2025-10-02T08:00:00.000Z', visibility: 'public' })
    const training = await db.selectFrom('trainingSessions').selectAll().innerJoin('resources', 'resources.id', 'trainingSessions.resourceId').where('resources.externalId', '=', 'exemple-formation-scic').execute()
    expect(training).toHaveLength(1)
    expect(await structuresOf('exemple-formation-scic')).toEqual(['cooperative-atrebate'])
    expect(await structuresOf('exemple-fse-2027-inclusion')).toEqual([])
  })

  test('structure: links the resource (author member or not); a line without it keeps the links on re-import', async () => {
    const { structure } = await createTestStructure({ input: { name: 'Structure importée' } })
    const other = await createTestStructure({ input: { name: 'Autre structure importée' } })
    expect(await importResources(line({ externalId: 'lien-1', structure: structure.slug }))).toMatchObject({ created: 1, aborted: false })
    expect(await structuresOf('lien-1')).toEqual([structure.slug])
    // Same content without the field: unchanged, links kept.
    expect(await importResources(line({ externalId: 'lien-1' }))).toMatchObject({ unchanged: 1, updated: 0 })
    expect(await structuresOf('lien-1')).toEqual([structure.slug])
    // Another structure: updated, with a search update.
    expect(await importResources(line({ externalId: 'lien-1', structure: other.structure.slug }))).toMatchObject({ updated: 1 })
    expect(await structuresOf('lien-1')).toEqual([other.structure.slug])
    const id = (await db.selectFrom('resources').select('id').where('externalId', '=', 'lien-1').executeTakeFirstOrThrow()).id
    expect((await db.selectFrom('searchOutbox').select('operation').where('entityId', '=', id).execute()).length).toBeGreaterThanOrEqual(2)
  })

  test('an unknown structure slug is a bad line with its number and a French reason', async () => {
    const report = await importResources(
      [line({ externalId: 'struct-1' }), line({ externalId: 'struct-2', structure: 'structure-qui-n-existe-pas' }), line({ externalId: 'struct-3', structure: 42 })].join('\n'),
    )
    expect(report.aborted).toBe(true)
    expect(report.errors).toEqual([
      { line: 2, reason: 'aucune structure n’a le slug « structure-qui-n-existe-pas ».' },
      { line: 3, reason: 'structure doit être le slug d’une structure d’Essaim (par exemple « collectif-ess-pas-de-calais »).' },
    ])
    expect(await countImported('struct-')).toBe(0)
  })

  test('visibility « group » with its groups: only those groups’ members read it; without groups, a French reason', async () => {
    expect(await importResources(line({ externalId: 'groupe-1', visibility: 'group', groups: ['calaisis'] }))).toMatchObject({ created: 1, aborted: false })
    const row = await db.selectFrom('resources').select(['id', 'visibility']).where('externalId', '=', 'groupe-1').executeTakeFirstOrThrow()
    expect(row.visibility).toBe('group')
    const groups = await db
      .selectFrom('resourceGroups')
      .innerJoin('groups', 'groups.id', 'resourceGroups.groupId')
      .select('groups.slug')
      .where('resourceGroups.resourceId', '=', row.id)
      .execute()
    expect(groups).toEqual([{ slug: 'calaisis' }])
    const bad = await importResources(
      [line({ externalId: 'groupe-2', visibility: 'group' }), line({ externalId: 'groupe-3', visibility: 'group', group: 'calaisis' })].join('\n'),
    )
    expect(bad.errors).toEqual([
      { line: 1, reason: 'une ressource « group » attend « groups » : la liste des slugs de ses groupes, par exemple ["calaisis"].' },
      { line: 2, reason: 'le champ s’appelle « groups » (la liste des slugs des groupes, par exemple ["calaisis"]).' },
    ])
    const unknown = await importResources(line({ externalId: 'groupe-4', visibility: 'group', groups: ['groupe-inconnu'] }))
    expect(unknown.errors[0]?.reason).toContain('Le groupe « groupe-inconnu » n’existe pas (ou plus).')
  })

  test('a changed line updates the resource and records a revision', async () => {
    await importResources(line({ externalId: 'maj-1', title: 'Titre avant la mise à jour' }))
    const report = await importResources(line({ externalId: 'maj-1', title: 'Titre après la mise à jour' }))
    expect(report).toMatchObject({ created: 0, updated: 1 })
    const row = await db.selectFrom('resources').select(['title', 'id']).where('externalId', '=', 'maj-1').executeTakeFirstOrThrow()
    expect(row.title).toBe('Titre après la mise à jour')
    const revisions = await db.selectFrom('revisions').select('note').where('resourceId', '=', row.id).execute()
    expect(revisions).toHaveLength(2)
  })

  test('bad lines are reported with their number and reason; nothing is imported', async () => {
    const text = [
      line({ externalId: 'mauvais-1' }),
      '{ pas du json',
      line({ externalId: 'mauvais-3', author: 'inconnu@exemple.fr' }),
      '',
      line({ externalId: 'mauvais-5', type: 'financement-europeen', deadline: '2027-02-30' }),
      line({ externalId: 'mauvais-6', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } }),
      line({ externalId: 'mauvais-1' }),
      line({ externalId: 'mauvais-8', territory: 'atlantide' }),
    ].join('\n')
    const report = await importResources(text)
    expect(report.aborted).toBe(true)
    expect(report.errors.map((e) => e.line)).toEqual([2, 3, 5, 6, 7])
    expect(report.errors[0].reason).toBe('la ligne n’est pas un objet JSON valide.')
    expect(report.errors[1].reason).toBe('aucun compte n’a l’adresse « inconnu@exemple.fr ».')
    expect(report.errors[2].reason).toMatch(/programme : Choisissez un programme européen/)
    expect(report.errors[3].reason).toMatch(/^body : /)
    expect(report.errors[4].reason).toBe('externalId « mauvais-1 » déjà utilisé ligne 1.')
    expect(await countImported('mauvais-')).toBe(0)
  })

  test('a line that fails at write time (unknown territory) rolls everything back', async () => {
    const report = await importResources([line({ externalId: 'ecriture-1' }), line({ externalId: 'ecriture-2', territory: 'atlantide' })].join('\n'))
    expect(report).toMatchObject({ aborted: true, errors: [{ line: 2, reason: 'territory : Ce territoire n’existe pas.' }] })
    expect(await countImported('ecriture-')).toBe(0)
  })

  test('--skip-invalid imports the good lines and reports the others', async () => {
    const report = await importResources([line({ externalId: 'saut-1' }), '[]', line({ externalId: 'saut-3' })].join('\n'), { skipInvalid: true })
    expect(report).toMatchObject({ created: 2, skipped: 1, aborted: false, errors: [{ line: 2, reason: 'la ligne doit être un objet JSON.' }] })
    expect(await countImported('saut-')).toBe(2)
  })
})

describe('npm run import:resources (CLI)', () => {
  test('reports bad lines on stderr and exits with 1; usage errors too', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-')), 'mauvais.jsonl')
    fs.writeFileSync(file, `${line({ externalId: 'cli-1' })}\n{"type":"autre"}\n`)
    const errors: string[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const spy = vi.mocked(console.error)
    spy.mockImplementation((...args: unknown[]) => {
      errors.push(args.join(' '))
    })
    expect(await main([file])).toBe(1)
    expect(errors[0]).toMatch(/^Ligne 2 : /)
    expect(errors.at(-1)).toMatch(/rien n’a été importé/)
    expect(await main([])).toBe(1)
    expect(await main([file, '--force'])).toBe(1)
    errors.length = 0
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    expect(await main([file, '--skip-invalid'])).toBe(0)
    expect(log.mock.calls[0][0]).toMatch(/^Import terminé : 1 créée\(s\)/)
    log.mockRestore()
    stderr.mockRestore()
    // What was reported on console.error was expected here.
    spy.mockImplementation(() => {})
  })
})
