import fs from 'node:fs'
import { pathToFileURL } from 'node:url'

// npm run import:resources -- <fichier.jsonl> [--skip-invalid]
// Imports resources from JSON Lines (format in README.md, example in db/seed/resources-example.jsonl).

const USAGE = 'Usage : npm run import:resources -- <fichier.jsonl> [--skip-invalid]'

function progressBar(done: number, total: number, phase: string) {
  const width = 30
  const filled = total ? Math.round((done / total) * width) : width
  const line = `${phase.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${line}`)
    if (done === total) process.stderr.write('\n')
  } else if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) {
    process.stderr.write(`${line}\n`)
  }
}

export async function main(argv: string[]): Promise<number> {
  const skipInvalid = argv.includes('--skip-invalid')
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--skip-invalid')
  const files = argv.filter((a) => !a.startsWith('--'))
  if (unknown.length || files.length !== 1) {
    console.error(unknown.length ? `Option inconnue : ${unknown.join(', ')}\n${USAGE}` : USAGE)
    return 1
  }
  let text: string
  try {
    text = fs.readFileSync(files[0], 'utf8')
  } catch {
    console.error(`Fichier illisible : ${files[0]}`)
    return 1
  }
  const { loadDotEnv } = await import('./load-env.ts')
  loadDotEnv()
  const { db, closeDb } = await import('../db/client.server.ts')
  const { migrateToLatest } = await import('../db/migrate.ts')
  const { importResources } = await import('../app/modules/resources/import.server.ts')
  try {
    await migrateToLatest(db)
    const report = await importResources(text, { skipInvalid, onProgress: progressBar })
    for (const error of report.errors) console.error(`Ligne ${error.line} : ${error.reason}`)
    if (report.aborted) {
      console.error(
        `${report.errors.length} ligne(s) en erreur : rien n’a été importé. Corrigez-les, ou relancez avec --skip-invalid pour importer les autres.`,
      )
      return 1
    }
    console.log(
      `Import terminé : ${report.created} créée(s), ${report.updated} mise(s) à jour, ${report.unchanged} inchangée(s), ${report.skipped} ignorée(s).`,
    )
    return 0
  } finally {
    await closeDb()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2))
}
