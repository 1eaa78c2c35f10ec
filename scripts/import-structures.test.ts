import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { parseCsv } from '#app/modules/structures/import.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { main } from './import-structures.ts'

function run(content: string, ...flags: string[]) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-')), 'structures.csv')
  fs.writeFileSync(file, content)
  let output = ''
  const out = new Writable({
    write(chunk, _encoding, callback) {
      output += chunk.toString()
      callback()
    },
  })
  return main([file, ...flags], out).then((code) => ({ code, output }))
}

const HEADER = 'nom;forme_juridique;siret;rna;commune;site_web;presentation;thematiques'
const tag = `imp${Math.random().toString(36).slice(2, 7)}`
const GOOD = [
  HEADER,
  `${tag} Un;association;;W621234567;Arras;https://un.fr;"Première; avec ""guillemets""";culture|sport`,
  `${tag} Deux;scop;44306184100047;;62193;;Deuxième;`,
].join('\n')

async function countTagged() {
  return (await db.selectFrom('structures').select('id').where('name', 'like', `${tag}%`).execute()).length
}

test('CSV parsing: quotes, doubled quotes, semicolons', () => {
  expect(parseCsv('a;b\n"x;y";"il dit ""oui"""\n')).toEqual([
    ['a', 'b'],
    ['x;y', 'il dit "oui"'],
  ])
})

test('good file imports; importing it again changes nothing (idempotent)', async () => {
  const first = await run(GOOD)
  expect(first).toEqual({ code: 0, output: '2 structure(s) créée(s), 0 mise(s) à jour.\n' })
  const again = await run(GOOD)
  expect(again.output).toBe('0 structure(s) créée(s), 2 mise(s) à jour.\n')
  expect(await countTagged()).toBe(2)
  const un = await db.selectFrom('structures').selectAll().where('rna', '=', 'W621234567').executeTakeFirstOrThrow()
  expect(un.presentation).toBe('Première; avec "guillemets"')
})

test('bad lines are reported with their number and a French reason; nothing imported unless --skip-invalid', async () => {
  const bad = [
    HEADER,
    `${tag} Trois;association;;;Arras;;Troisième;`,
    `${tag} Quatre;sarl;12345678901234;;Arras;ftp://x.fr;Quatrième;`,
    `${tag} Cinq;association;;;Nullepart;;Cinquième;inconnue`,
  ].join('\n')
  const refused = await run(bad)
  expect(refused.code).toBe(1)
  expect(refused.output).toContain('Ligne 3 : ')
  expect(refused.output).toContain('forme_juridique : Choisissez une forme juridique de la liste.')
  expect(refused.output).toContain('siret : Ce numéro SIRET n’est pas valide')
  expect(refused.output).toContain('site_web : Indiquez une adresse web complète')
  expect(refused.output).toContain('Ligne 4 : thématique inconnue « inconnue »')
  expect(refused.output).toContain('« Nullepart » ne désigne pas une seule commune')
  expect(refused.output).toContain('rien n’a été importé')
  expect(await db.selectFrom('structures').select('id').where('name', '=', `${tag} Trois`).execute()).toEqual([])
  const skipped = await run(bad, '--skip-invalid')
  expect(skipped.code).toBe(0)
  expect(skipped.output).toContain('1 structure(s) créée(s), 0 mise(s) à jour, 2 ligne(s) ignorée(s).')
})

test('missing columns and usage errors', async () => {
  expect((await run('nom;commune\nX;Arras')).output).toBe('Colonnes obligatoires absentes : forme_juridique, presentation.\n')
  expect(await main([])).toBe(2)
})

test('an imported « Nouvelle » does not take the slug of /structures/nouvelle (the slug of the form)', async () => {
  const result = await run([HEADER, 'Nouvelle;association;;;Arras;;Une structure au nom malheureux;'].join('\n'))
  expect(result.code).toBe(0)
  const slugs = (await db.selectFrom('structures').select('slug').where('name', '=', 'Nouvelle').execute()).map((r) => r.slug)
  expect(slugs).toHaveLength(1)
  expect(slugs[0]).not.toBe('nouvelle')
  expect(slugs[0]).toMatch(/^nouvelle-structure/)
})

test('a rename by import refreshes the linked resources in search, as an edit does', async () => {
  const siret = '88012345600019'
  const { structure, owner } = await createTestStructure({ input: { name: `${tag} Avant`, siret, rna: null } })
  const resource = await createTestResource({ author: owner, overrides: { structures: [structure.slug] } })
  const outbox = async () => (await db.selectFrom('searchOutbox').select('id').where('entityId', '=', resource.id).execute()).length
  const before = await outbox()
  const result = await run([HEADER, `${tag} Après;association;${siret};;Arras;;Présentation;`].join('\n'))
  expect(result.output).toBe('0 structure(s) créée(s), 1 mise(s) à jour.\n')
  expect(await db.selectFrom('structures').select(['name', 'version']).where('id', '=', structure.id).executeTakeFirst()).toEqual({
    name: `${tag} Après`,
    version: structure.version + 1,
  })
  expect(await outbox()).toBe(before + 1)
})
