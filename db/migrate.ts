import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely'

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** Reads db/migrations/*.ts in name order (names start with their UTC timestamp). */
class DirectoryMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(migrationsDir)).filter((f) => /^\d{8}T\d{6}-[a-z0-9-]+\.ts$/.test(f)).sort()
    const migrations: Record<string, Migration> = {}
    for (const file of files) {
      const module = await import(pathToFileURL(path.join(migrationsDir, file)).href)
      migrations[file.replace(/\.ts$/, '')] = { up: module.up, down: module.down }
    }
    return migrations
  }
}

export function createMigrator(db: Kysely<any>) {
  return new Migrator({ db, provider: new DirectoryMigrationProvider() })
}

function check(result: MigrationResultSet, log: (line: string) => void) {
  for (const r of result.results ?? []) {
    log(`${r.status === 'Success' ? '✓' : '✗'} ${r.direction === 'Up' ? 'migrate' : 'rollback'} ${r.migrationName}`)
  }
  if (result.error) throw result.error
}

export async function migrateToLatest(db: Kysely<any>, log: (line: string) => void = () => {}) {
  check(await createMigrator(db).migrateToLatest(), log)
}

export async function rollbackOne(db: Kysely<any>, log: (line: string) => void = () => {}) {
  check(await createMigrator(db).migrateDown(), log)
}

// CLI: `npm run db:migrate` (latest) and `npm run db:rollback` (down one step).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadDotEnv } = await import('../scripts/load-env.ts')
  loadDotEnv()
  const { db, closeDb } = await import('./client.server.ts')
  const direction = process.argv[2] ?? 'latest'
  try {
    if (direction === 'down') await rollbackOne(db, console.log)
    else await migrateToLatest(db, console.log)
    console.log(direction === 'down' ? 'Retour arrière effectué.' : 'Base de données à jour.')
  } catch (error) {
    console.error('Échec de la migration :', error instanceof Error ? error.message : error)
    process.exitCode = 1
  } finally {
    await closeDb()
  }
}
