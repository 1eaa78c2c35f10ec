import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type Transaction,
} from 'kysely'
import { getEnv } from '#app/utils/env.server.ts'
import type { Database } from './schema.ts'

export type DB = Kysely<Database>
/** Either the shared database or a transaction: module functions take `trx` as an option defaulting to `db`. */
export type Executor = Kysely<Database> | Transaction<Database>

/**
 * Kysely's SQLite driver opens transactions with a plain `BEGIN` (deferred): two writers could both start reading
 * and one would fail with SQLITE_BUSY when it upgrades to a write lock. `BEGIN IMMEDIATE` takes the write lock at the
 * start, so a concurrent writer (another process, e.g. a reindex script) waits up to busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0]
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config)
    this.#config = config
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}

export function openSqlite(file: string, options: { readonly?: boolean } = {}): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new SQLite(file, { readonly: options.readonly ?? false })
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = FULL')
  return sqlite
}

export function createDb(file: string): { db: DB; sqlite: SQLite.Database } {
  const sqlite = openSqlite(file)
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  })
  return { db, sqlite }
}

let instance: { db: DB; sqlite: SQLite.Database } | undefined

function getInstance() {
  instance ??= createDb(getEnv().databaseFile)
  return instance
}

/**
 * The shared database of this process. It is opened on first use, at the path the configuration gives
 * (`DATA_DIR/essaim.sqlite`), so tests can point DATA_DIR at their own copy before touching it.
 */
export const db: DB = new Proxy({} as DB, {
  get(_target, property) {
    const target = getInstance().db
    const value = Reflect.get(target, property, target)
    return typeof value === 'function' ? value.bind(target) : value
  },
})

/** The raw better-sqlite3 handle (FTS5 queries, backups, health checks). */
export function getSqlite(): SQLite.Database {
  return getInstance().sqlite
}

export async function closeDb() {
  if (!instance) return
  const current = instance
  instance = undefined
  await current.db.destroy()
}
