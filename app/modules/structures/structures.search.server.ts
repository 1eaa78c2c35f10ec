import { type Executor, db } from '#db/client.server.ts'
import type { SearchDocument } from '#search/engine.ts'
import { type SearchSource, groupValues } from '#search/sources.ts'
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

export const structuresSearch = {
  kind: 'structure',
  loadDocuments: (ids) => loadStructureDocuments(ids),
  indexableIds: (pageSize) => indexableStructureIds(pageSize),
  countIndexable: () => countIndexableStructures(),
  url: (document) => `/structures/${document.slug}`,
  labels: { kind: 'Structures', types: { structure: 'Structure' } },
} satisfies SearchableType & SearchSource

async function structureDocuments(ids: string[], trx: Executor): Promise<SearchDocument[]> {
  const rows = await trx.selectFrom('structures').selectAll().where('id', 'in', ids).execute()
  if (rows.length === 0) return []
  const themeRows = await trx
    .selectFrom('structureThemes')
    .select(['structureId', 'themeSlug'])
    .where(
      'structureId',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
  const themes = groupValues(themeRows, (t) => t.structureId, (t) => t.themeSlug)
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
