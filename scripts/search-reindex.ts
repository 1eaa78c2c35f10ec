// npm run search:reindex — full rebuild of the search index from the database (search/reindex.ts), for every
// searchable type the application registers (app/modules/search/registry.server.ts). Safe while the site serves.
import { loadDotEnv } from './load-env.ts'

loadDotEnv()
const { createConfiguredEngine } = await import('#app/modules/search/engine.server.ts')
const { reindexAll } = await import('#app/modules/search/indexing.server.ts')
const { progressBar } = await import('#search/reindex.ts')
const { listSynonymGroups } = await import('#search/synonyms.server.ts')
const { closeDb } = await import('#db/client.server.ts')

const engine = createConfiguredEngine()
const tty = process.stderr.isTTY
let lastLine = 0
try {
  await engine.init({ synonyms: await listSynonymGroups() })
  console.log(`Réindexation complète (moteur : ${engine.name})…`)
  const result = await reindexAll({
    engine,
    onProgress: (progress) => {
      if (tty) process.stderr.write(`\r${progressBar(progress)}`)
      else if (progress.elapsedMs - lastLine > 2000 || progress.done === progress.total) {
        lastLine = progress.elapsedMs
        console.log(progressBar(progress))
      }
    },
  })
  if (tty) process.stderr.write('\n')
  console.log(`Terminé : ${result.indexed} documents indexés, ${result.removed} retirés, en ${(result.elapsedMs / 1000).toFixed(1)} s.`)
} catch (error) {
  if (tty) process.stderr.write('\n')
  console.error('Échec de la réindexation :', error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await closeDb()
}
