import fs from 'node:fs'
import type { Env } from '../app/utils/env.server.ts'

/**
 * Runs at every start: data folder, migrations, reference data, and demo data on an empty database. It runs from
 * the sources, before server.ts loads the application, so it closes the database it opened: the application opens
 * its own (one instance per process serves requests).
 */
export async function bootstrap(env: Env, log: (line: string) => void = () => {}) {
  fs.mkdirSync(env.uploadsDir, { recursive: true })
  const { db, closeDb } = await import('../db/client.server.ts')
  try {
    const { migrateToLatest } = await import('../db/migrate.ts')
    const { seedReferenceData, seedDemoData, isDatabaseEmpty } = await import('../db/seed/seed.server.ts')
    await migrateToLatest(db, log)
    await seedReferenceData(db, log)
    if (env.seedDemo && (await isDatabaseEmpty(db))) {
      await seedDemoData(db, log)
    }
  } finally {
    await closeDb()
  }
}
