import fs from 'node:fs'
import { closeDb } from '#db/client.server.ts'
import { ImportWriteError, importStructures, validateImport } from '#app/modules/structures/import.server.ts'

// npm run import:structures -- <fichier.csv> [--skip-invalid]
// Validates every line, reports each bad one (line number and reason, in French), and imports nothing if any line
// is bad unless --skip-invalid. Re-importing the same file updates the same structures (SIRET, else RNA, else name
// and commune).

function progressBar(done: number, total: number): string {
  const width = 30
  const filled = Math.round((done / total) * width)
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`
}

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const args = argv.filter((a) => !a.startsWith('--'))
  const skipInvalid = argv.includes('--skip-invalid')
  if (args.length !== 1) {
    out.write('Usage : npm run import:structures -- <fichier.csv> [--skip-invalid]\n')
    return 2
  }
  const file = args[0]
  if (!fs.existsSync(file)) {
    out.write(`Fichier introuvable : ${file}\n`)
    return 2
  }
  const { valid, errors, headerError } = await validateImport(fs.readFileSync(file, 'utf8'))
  if (headerError) {
    out.write(`${headerError}\n`)
    return 1
  }
  for (const error of errors) out.write(`Ligne ${error.line} : ${error.reasons.join(' ; ')}\n`)
  if (errors.length && !skipInvalid) {
    out.write(`${errors.length} ligne(s) invalide(s) : rien n’a été importé. Corrigez-les ou relancez avec --skip-invalid.\n`)
    return 1
  }
  const showProgress = valid.length >= 20
  let result: { created: number; updated: number }
  try {
    result = await importStructures(valid, (done, total) => {
      if (showProgress && (done === total || done % 10 === 0)) process.stderr.write(`\r${progressBar(done, total)}`)
    })
  } catch (error) {
    if (!(error instanceof ImportWriteError)) throw error
    // The lines before it are written (one transaction each); this one and the following ones are not.
    out.write(`${error.message}\nImport arrêté à la ligne ${error.line} : les lignes précédentes sont importées.\n`)
    return 1
  }
  if (showProgress) process.stderr.write('\n')
  out.write(
    `${result.created} structure(s) créée(s), ${result.updated} mise(s) à jour${errors.length ? `, ${errors.length} ligne(s) ignorée(s)` : ''}.\n`,
  )
  return 0
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2))
    .then(async (code) => {
      await closeDb()
      process.exit(code)
    })
    .catch(async (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
      await closeDb()
      process.exit(1)
    })
}
