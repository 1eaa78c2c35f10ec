// `npm run db:seed`: migrations, reference data, then demo data (even on a non-empty database: inserts are idempotent).
import { loadDotEnv } from '../../scripts/load-env.ts'

loadDotEnv()
const { db, closeDb } = await import('../client.server.ts')
const { migrateToLatest } = await import('../migrate.ts')
const { seedReferenceData, seedDemoData } = await import('./seed.server.ts')
try {
  await migrateToLatest(db, console.log)
  await seedReferenceData(db, console.log)
  await seedDemoData(db, console.log)
} catch (error) {
  console.error('Échec du peuplement :', error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await closeDb()
}
