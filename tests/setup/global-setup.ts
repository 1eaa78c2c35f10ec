import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * Builds one migrated template database (with reference data) per test run; each worker copies it
 * (tests/setup/worker-db.ts), so every worker has its own real SQLite file and none waits for migrations.
 */
export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-test-'))
  process.env.ESSAIM_TEST_DIR = dir
  process.env.NODE_ENV = 'test'
  process.env.DATA_DIR = path.join(dir, 'template')
  const { createDb } = await import('../../db/client.server.ts')
  const { migrateToLatest } = await import('../../db/migrate.ts')
  const { seedReferenceData } = await import('../../db/seed/seed.server.ts')
  const { db } = createDb(path.join(dir, 'template', 'essaim.sqlite'))
  await migrateToLatest(db)
  await seedReferenceData(db)
  await (await import('kysely')).sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
  await db.destroy()
  return () => fs.rmSync(dir, { recursive: true, force: true })
}
