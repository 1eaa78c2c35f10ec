import { type Executor, db } from '#db/client.server.ts'

// The synonym list admins edit (/admin/recherche/synonymes). Stored in `search_synonyms`, pushed to the engine
// whenever it changes and when the engine starts.

export async function listSynonymGroups(trx: Executor = db): Promise<string[][]> {
  const rows = await trx.selectFrom('searchSynonyms').select('terms').orderBy('id').execute()
  return rows.map((r) => JSON.parse(r.terms) as string[])
}

/** Replaces the whole list (one transaction) and returns it. */
export async function replaceSynonymGroups(groups: string[][], now = new Date()): Promise<string[][]> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('searchSynonyms').execute()
    if (groups.length > 0) {
      await trx
        .insertInto('searchSynonyms')
        .values(groups.map((terms) => ({ terms: JSON.stringify(terms), updatedAt: now.toISOString() })))
        .execute()
    }
  })
  return groups
}
