import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as charte from '#app/routes/charte.tsx'
import * as connexion from '#app/routes/connexion.tsx'
import { createExpressApp } from '#app/utils/express-app.server.ts'
import { getEnv, resetEnvCache } from '#app/utils/env.server.ts'
import { closeDb, db, getSqlite, openSqlite } from '#db/client.server.ts'
import { createTestBuild } from '#tests/helpers/remix-app.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { figure } from './harness.ts'

// Issue 18, resilience 5: a full disk, then a read-only DATA_DIR, under the Express app of server.ts and real routes.
// The conditions are real, not simulated in SQLite (no query_only, no max_page_count): DATA_DIR is a 16 MB tmpfs
// filled to the last byte, then the same files seen through a read-only bind mount. Mounting needs root with
// CAP_SYS_ADMIN (chmod would not stop root); without it the cases are skipped. A write answers a French 503 page
// (not the 500 « erreur inattendue »), reads still answer, and the same server keeps serving.

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-disque-'))
const mounted = tryMount(mountPoint)
const readOnlyPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-lecture-seule-'))
const previousDataDir = process.env.DATA_DIR

afterAll(async () => {
  await closeDb().catch(() => {})
  process.env.DATA_DIR = previousDataDir
  resetEnvCache()
  if (mounted) {
    execFileSync('umount', ['-l', readOnlyPoint], { stdio: 'ignore' })
    execFileSync('umount', ['-l', mountPoint])
  }
  fs.rmSync(readOnlyPoint, { recursive: true, force: true })
  fs.rmSync(mountPoint, { recursive: true, force: true })
})

describe('a full disk, then a read-only DATA_DIR', () => {
  let origin = ''
  let email = ''
  let password = ''
  let close = () => {}

  beforeAll(async () => {
    if (!mounted) return
    const person = await createTestUser()
    email = person.email
    password = person.password
    // The worker's database, moved onto the small filesystem.
    getSqlite().pragma('wal_checkpoint(TRUNCATE)')
    const file = getEnv().databaseFile
    await closeDb()
    fs.copyFileSync(file, path.join(mountPoint, 'essaim.sqlite'))
    fs.mkdirSync(path.join(mountPoint, 'uploads'))
    process.env.DATA_DIR = mountPoint
    resetEnvCache()
    await db.selectFrom('users').select('id').limit(1).execute()
    const build = createTestBuild({
      'routes/connexion': { path: 'connexion', module: connexion },
      'routes/charte': { path: 'charte', module: charte },
    })
    const server = createExpressApp({ env: getEnv(), build }).listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => server.close()
  })
  afterAll(() => close())

  const logIn = () =>
    fetch(`${origin}/connexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password }),
    })

  async function expectWritesRefusedAndReadsServed(code: RegExp) {
    const logged = vi.mocked(console.error).mockImplementation(() => {})
    for (let attempt = 0; attempt < 3; attempt++) {
      const write = await logIn()
      expect(write.status).toBe(503)
      expect(write.headers.get('retry-after')).toBe('300')
      const page = await write.text()
      expect(page).toContain('<html lang="fr">')
      expect(page).toContain('Le service ne peut pas enregistrer pour le moment')
      const read = await fetch(`${origin}/charte`)
      expect(read.status).toBe(200)
      expect(await read.text()).toContain('<html lang="fr"')
    }
    // The cause is in the server's log, for whoever runs it.
    expect(logged.mock.calls.map((args) => String(args[0])).join('\n')).toMatch(code)
    logged.mockClear()
  }

  it.skipIf(!mounted)('answers a French 503 to writes on a full disk and keeps serving reads', async () => {
    const { bavail, bsize } = fs.statfsSync(mountPoint)
    try {
      fs.writeFileSync(path.join(mountPoint, 'remplissage'), Buffer.alloc(bavail * bsize))
    } catch {
      // ENOSPC: the disk is full, which is the point.
    }
    expect(fs.statfsSync(mountPoint).bavail).toBe(0)
    await expectWritesRefusedAndReadsServed(/SQLITE_FULL|database or disk is full/)
    figure('disque plein (tmpfs rempli) : 3 écritures → 503 « Le service ne peut pas enregistrer pour le moment », lectures 200, serveur toujours en service')
  })

  it.skipIf(!mounted)('answers a French 503 to writes on a read-only DATA_DIR and keeps serving reads', async () => {
    fs.rmSync(path.join(mountPoint, 'remplissage'), { force: true })
    // The same files seen through a read-only bind mount (the open files keep the filesystem itself busy). Another
    // connection stays open on the writable side, as another process would, so the -wal and -shm files exist.
    const keeper = openSqlite(path.join(mountPoint, 'essaim.sqlite'))
    keeper.prepare('select count(*) from users').get()
    try {
      await closeDb()
      execFileSync('mount', ['--bind', mountPoint, readOnlyPoint])
      execFileSync('mount', ['-o', 'remount,bind,ro', readOnlyPoint])
      process.env.DATA_DIR = readOnlyPoint
      resetEnvCache()
      await expectWritesRefusedAndReadsServed(/SQLITE_READONLY|readonly|SQLITE_IOERR/)
    } finally {
      keeper.close()
    }
    await expectWritesRefusedAndReadsServed(/SQLITE_READONLY|readonly|SQLITE_IOERR/)
    figure('DATA_DIR en lecture seule (montage lié en lecture seule) : 3 écritures → 503 en français, lectures 200, serveur toujours en service')
  })
})

describe('starting on a read-only DATA_DIR', () => {
  const writable = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-demarrage-'))
  const readOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-demarrage-ro-'))
  const ready = mounted && tryMount(writable)

  afterAll(async () => {
    await closeDb().catch(() => {})
    process.env.DATA_DIR = previousDataDir
    resetEnvCache()
    if (ready) {
      execFileSync('umount', ['-l', readOnly], { stdio: 'ignore' })
      execFileSync('umount', ['-l', writable], { stdio: 'ignore' })
    }
    fs.rmSync(readOnly, { recursive: true, force: true })
    fs.rmSync(writable, { recursive: true, force: true })
  })

  it.skipIf(!ready)('answers a French 503 on the port, retries, and starts once the folder is writable again', async () => {
    const { bootstrap } = await import('../../scripts/bootstrap.ts')
    const { startWhenStorageAllows } = await import('../../scripts/storage-wait.ts')
    // A migrated database whose -wal and -shm files cannot be created: SQLite refuses to open it (SQLITE_CANTOPEN).
    await closeDb()
    process.env.DATA_DIR = previousDataDir
    resetEnvCache()
    getSqlite().pragma('wal_checkpoint(TRUNCATE)')
    const file = getEnv().databaseFile
    await closeDb()
    fs.copyFileSync(file, path.join(writable, 'essaim.sqlite'))
    fs.mkdirSync(path.join(writable, 'uploads'))
    execFileSync('mount', ['--bind', writable, readOnly])
    execFileSync('mount', ['-o', 'remount,bind,ro', readOnly])
    process.env.DATA_DIR = readOnly
    resetEnvCache()

    const port = await new Promise<number>((resolve) => {
      const probe = http.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo
        probe.close(() => resolve(port))
      })
    })
    const lines: string[] = []
    let attempts = 0
    const started = startWhenStorageAllows(
      async () => {
        attempts++
        await bootstrap(getEnv())
      },
      { port, dataDir: readOnly, retryMs: 200, log: (line) => lines.push(line) },
    )
    let page: Response | undefined
    await expect
      .poll(
        async () => {
          page = await fetch(`http://127.0.0.1:${port}/ressources`).catch(() => undefined)
          return page?.status
        },
        { timeout: 10_000 },
      )
      .toBe(503)
    expect(page?.headers.get('retry-after')).toBe('60')
    const text = (await page?.text()) ?? ''
    expect(text).toContain('<html lang="fr">')
    expect(text).toContain('Essaim ne peut pas démarrer pour le moment')
    const form = await fetch(`http://127.0.0.1:${port}/connexion`, { method: 'POST', body: 'email=a' })
    expect(form.status).toBe(503)
    expect(lines[0]).toMatch(/ne peut pas être écrit \(SQLITE_CANTOPEN\) : disque plein ou en lecture seule/)

    // The folder becomes writable again: the next attempt starts, and the stand-in server leaves the port.
    execFileSync('mount', ['-o', 'remount,bind,rw', readOnly])
    await started
    expect(attempts).toBeGreaterThan(1)
    expect(lines.at(-1)).toMatch(/de nouveau accessible : démarrage/)
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow()
    expect(await db.selectFrom('users').select('id').limit(1).execute()).toBeDefined()
    figure(`démarrage sur un DATA_DIR en lecture seule : 503 en français sur le port, ${attempts} tentatives, démarrage dès le retour de l’écriture`)
  })
})
