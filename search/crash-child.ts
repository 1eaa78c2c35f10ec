// Child process of search/crash.test.ts: writes resources (each with its outbox row, one transaction each) while
// the indexer drains in the background, until the parent kills it with SIGKILL at an arbitrary moment.
import { startSearchIndexer } from './indexer.server.ts'
import { insertTestResource } from './test-resources.ts'

startSearchIndexer({ intervalMs: 50 })
for (let i = 0; ; i++) {
  await insertTestResource({ title: `Crash ${i} recyclerie`, id: `0193d000-0000-7000-8000-${String(i).padStart(12, '0')}` })
  if (i === 5) process.stdout.write('ready\n')
  await new Promise((resolve) => setTimeout(resolve, 5))
}
