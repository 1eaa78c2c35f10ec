import { GLOSSARY_SYNONYMS, getSearchEngine } from './engine.server.ts'
import { parseSynonymLines } from '#search/synonyms.schema.ts'
import { listSynonymGroups, replaceSynonymGroups } from '#search/synonyms.server.ts'

/** Saves the admins' synonym list and pushes it to the engine (query-time expansion: no reindex needed). */
export async function saveSynonyms(text: string): Promise<string[][]> {
  const { groups } = parseSynonymLines(text)
  await replaceSynonymGroups(groups)
  const engine = await getSearchEngine()
  await engine.applySettings({ synonyms: [...GLOSSARY_SYNONYMS, ...(await listSynonymGroups())] })
  return groups
}
