// `npm run db:backup -- <fichier>`: online copy of the live database (better-sqlite3 backup API, safe while the
// server is running), then an integrity check of the copy. Never overwrites an existing file.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import SQLite from 'better-sqlite3'

export class BackupError extends Error {}

/** Runs `PRAGMA integrity_check` on a database file; returns SQLite's answer (`ok` when sound). */
export function checkIntegrity(file: string): string {
  let copy: SQLite.Database | undefined
  try {
    copy = new SQLite(file, { readonly: true, fileMustExist: true })
    const rows = copy.pragma('integrity_check') as { integrity_check: string }[]
    return rows.map((row) => row.integrity_check).join('\n')
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    copy?.close()
  }
}

export async function backupDatabase(
  source: SQLite.Database,
  destination: string,
): Promise<{ file: string; pages: number; integrity: 'ok' }> {
  const file = path.resolve(destination)
  if (fs.existsSync(file)) {
    throw new BackupError(`Le fichier ${file} existe déjà : choisissez un autre nom (rien n’a été écrasé).`)
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const { totalPages } = await source.backup(file)
  const integrity = checkIntegrity(file)
  if (integrity !== 'ok') {
    throw new BackupError(`La copie ${file} est endommagée (PRAGMA integrity_check) : ${integrity}`)
  }
  return { file, pages: totalPages, integrity: 'ok' }
}

async function main(args: string[]) {
  const destination = args[0]
  if (!destination || args.length > 1) {
    console.error('Usage : npm run db:backup -- <fichier-de-sauvegarde.sqlite>')
    return 1
  }
  const { loadDotEnv } = await import('./load-env.ts')
  loadDotEnv()
  const { getEnv } = await import('../app/utils/env.server.ts')
  const databaseFile = getEnv().databaseFile
  if (!fs.existsSync(databaseFile)) {
    console.error(`Aucune base de données à sauvegarder : ${databaseFile} n’existe pas (vérifiez DATA_DIR).`)
    return 1
  }
  const { getSqlite, closeDb } = await import('../db/client.server.ts')
  try {
    const result = await backupDatabase(getSqlite(), destination)
    console.log(`Sauvegarde écrite : ${result.file} (${result.pages} pages).`)
    console.log(`Vérification d’intégrité de la copie : ${result.integrity}`)
    return 0
  } catch (error) {
    console.error(error instanceof BackupError ? error.message : `Échec de la sauvegarde : ${String(error)}`)
    return 1
  } finally {
    await closeDb()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2))
}
