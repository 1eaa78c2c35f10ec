// Child of backup.test.ts: starts on a DATA_DIR as the server would (the indexer catches up on the outbox first), then
// answers the given searches with the app's engine and reports totals and hits, with the resources the database holds.
import { getSearchEngine } from '#app/modules/search/engine.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { closeDb, db } from '#db/client.server.ts'

const queries = process.argv.slice(2)
await drainSearchOutbox()
const engine = await getSearchEngine()
const answers: Record<string, { total: number; ids: string[] }> = {}
for (const query of queries) {
  const ids: string[] = []
  let total = 0
  for (let page = 1; ; page++) {
    const result = await engine.search({ query, access: { visibilities: ['public'], groupIds: [] }, perPage: 50, page, sort: 'newest' })
    total = result.total
    ids.push(...result.hits.map((hit) => hit.document.id))
    if (result.hits.length < 50) break
  }
  answers[query] = { total, ids: ids.sort() }
}
const resources = (await db.selectFrom('resources').select('id').where('title', 'like', 'Crash %').execute()).map((r) => r.id).sort()
await closeDb()
process.send?.({ answers, resources }, () => process.exit(0))
