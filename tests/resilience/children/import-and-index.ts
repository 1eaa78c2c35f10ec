// Child of crash.test.ts: the work of a server during a bulk import — the import (`npm run import:resources`'s
// function, one transaction for the whole file) re-importing the same resources with new titles and audiences, the
// background indexer draining the search outbox after each commit and on a short interval, and a full reindex now and
// then — until the parent kills it with SIGKILL at a random moment.
import { importResources } from '#app/modules/resources/import.server.ts'
import { getSearchEngine } from '#app/modules/search/engine.server.ts'
import { reindexAll, startSearchIndexer } from '#app/modules/search/indexing.server.ts'
import { db } from '#db/client.server.ts'

const [authorEmail, sizeArg, cycleArg] = process.argv.slice(2)
const size = Number(sizeArg)
const themes = (await db.selectFrom('themes').select('slug').limit(3).execute()).map((t) => t.slug)
startSearchIndexer({ intervalMs: 50, onError: (error) => console.error('indexer:', error) })

for (let round = 0; ; round++) {
  const lines = Array.from({ length: size }, (_, k) =>
    JSON.stringify({
      externalId: `resilience-${k}`,
      type: 'bonne-pratique',
      title: `Recyclerie ${k} (cycle ${cycleArg}, tour ${round})`,
      summary: `Une recyclerie de quartier, fiche ${k}.`,
      bodyText: `Collecte, réparation et revente d’objets.\n\nVersion du cycle ${cycleArg}, tour ${round}.`,
      context: 'Un quartier sans lieu de réemploi.',
      problem: 'Des encombrants en hausse.',
      steps: 'Diagnostic partagé\nOuverture',
      territory: 'calaisis',
      themes: [themes[k % themes.length]],
      visibility: (k + round) % 3 === 0 ? 'members' : 'public',
      author: authorEmail,
    }),
  )
  if (round === 0) process.stdout.write('ready\n')
  const report = await importResources(lines.join('\n'))
  if (report.aborted) throw new Error(`import refused: ${JSON.stringify(report.errors.slice(0, 3))}`)
  process.stdout.write(`imported ${round}\n`)
  if (round % 2 === 1) {
    await reindexAll({ engine: await getSearchEngine() })
    process.stdout.write(`reindexed ${round}\n`)
  }
}
