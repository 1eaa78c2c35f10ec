import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { getSqlite } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { BackupError, backupDatabase, checkIntegrity } from './backup.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-backup-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('database backup', () => {
  test('copies the live database, including the latest writes, and checks the copy', async () => {
    const user = await createTestUser({ name: 'Sauvegardée' })
    const file = path.join(dir, 'nested', 'copie.sqlite')
    const result = await backupDatabase(getSqlite(), file)
    expect(result).toMatchObject({ file, integrity: 'ok' })
    expect(result.pages).toBeGreaterThan(0)
    const copy = new SQLite(file, { readonly: true })
    try {
      expect(copy.prepare('select name from users where id = ?').get(user.id)).toEqual({ name: 'Sauvegardée' })
      expect(copy.prepare('select count(*) as n from communes').get()).toEqual({ n: 887 })
    } finally {
      copy.close()
    }
  })

  test('refuses to overwrite an existing file and leaves it untouched', async () => {
    const file = path.join(dir, 'existe.sqlite')
    fs.writeFileSync(file, 'ne pas écraser')
    await expect(backupDatabase(getSqlite(), file)).rejects.toThrow(BackupError)
    await expect(backupDatabase(getSqlite(), file)).rejects.toThrow(/existe déjà/)
    expect(fs.readFileSync(file, 'utf8')).toBe('ne pas écraser')
  })

  test('the integrity check says ok for a sound file and something else for a damaged one', async () => {
    const sound = path.join(dir, 'saine.sqlite')
    await backupDatabase(getSqlite(), sound)
    expect(checkIntegrity(sound)).toBe('ok')
    const damaged = path.join(dir, 'abimee.sqlite')
    const bytes = fs.readFileSync(sound)
    // keep the header, scramble the pages after the first one
    for (let i = 4096 * 2; i < bytes.length; i += 7) bytes[i] = (bytes[i] + 91) % 256
    fs.writeFileSync(damaged, bytes)
    expect(checkIntegrity(damaged)).not.toBe('ok')
    const garbage = path.join(dir, 'pas-une-base.sqlite')
    fs.writeFileSync(garbage, 'ceci n’est pas une base SQLite, mais un texte assez long pour avoir un en-tête')
    expect(checkIntegrity(garbage)).not.toBe('ok')
  })
})
