import { type Executor, db } from '#db/client.server.ts'
import type { SearchDocument } from '#search/engine.ts'
import type { SearchSource } from '#search/sources.ts'
import { themesOf } from './structures.server.ts'
import type { SearchableType } from '#app/modules/search/searchable.ts'

// Structures of the directory as search documents (registered in app/modules/search/registry.server.ts). Structures
// are public; they share the index with resources under their own `kind`.

/** Documents for these structure ids; `null` for an id that no longer exists. */
export async function loadStructureDocuments(ids: readonly string[], trx: Executor = db): Promise<Map<string, SearchDocument | null>> {
  const documents = new Map<string, SearchDocument | null>(ids.map((id) => [id, null]))
  if (ids.length === 0) return documents
  for (const document of await structureDocuments([...ids], trx)) documents.set(document.id, document)
  return documents
}

/** Ids of every structure, in pages (for the full reindex). */
export async function* indexableStructureIds(pageSize = 500, trx: Executor = db): AsyncGenerator<string[]> {
  let after = ''
  for (;;) {
    const rows = await trx.selectFrom('structures').select('id').where('id', '>', after).orderBy('id').limit(pageSize).execute()
    if (rows.length === 0) return
    yield rows.map((r) => r.id)
    after = rows[rows.length - 1].id
  }
}

export async function countIndexableStructures(trx: Executor = db): Promise<number> {
  const row = await trx.selectFrom('structures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Structures of the directory are public while they exist: those of these ids that still do. */
export async function existingStructures(ids: readonly string[], trx: Executor = db): Promise<Map<string, 'public'>> {
  const found = new Map<string, 'public'>()
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    for (const r of await trx.selectFrom('structures').select('id').where('id', 'in', chunk).execute()) found.set(r.id, 'public')
  }
  return found
}

export const structuresSearch = {
  kind: 'structure',
  findable: (_viewer, ids) => existingStructures(ids),
  loadDocuments: (ids) => loadStructureDocuments(ids),
  indexableIds: (pageSize) => indexableStructureIds(pageSize),
  countIndexable: () => countIndexableStructures(),
  url: (document) => `/structures/${document.slug}`,
  labels: { kind: 'Structures', types: { structure: 'Structure' } },
} satisfies SearchableType & SearchSource

async function structureDocuments(ids: string[], trx: Executor): Promise<SearchDocument[]> {
  const rows = await trx.selectFrom('structures').selectAll().where('id', 'in', ids).execute()
  if (rows.length === 0) return []
  const themes = await themesOf(rows.map((r) => r.id), trx)
  return rows.map(
    (row) =>
      ({
        id: row.id,
        kind: 'structure',
        slug: row.slug,
        type: 'structure',
        title: row.name,
        summary: row.presentation,
        body: row.description,
        territory: row.territoryId,
        themes: themes.get(row.id) ?? [],
        programme: null,
        legalForms: [row.legalForm],
        structureName: null,
        openingDate: null,
        deadline: null,
        visibility: 'public',
        groupIds: [],
        publishedAt: row.createdAt,
        updatedAt: row.updatedAt,
      }) satisfies SearchDocument,
  )
}
