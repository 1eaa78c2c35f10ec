import type { SearchDocument, SearchKind } from './engine.ts'

// What the search infrastructure needs of a searchable type: its documents, read from the database. search/ knows no
// domain: each domain module describes its type (app/modules/<domain>/<domain>.search.server.ts), the registry lists
// them (app/modules/search/registry.server.ts), and the composition root hands the list to the indexer and the full
// reindex. Adding a searchable type touches its own module and one line of the registry.

export interface SearchSource {
  /** The `kind` of its documents, and the `entity_type` of its `search_outbox` rows. */
  readonly kind: SearchKind
  /** Documents for these ids; `null` for an id that must not (or no longer) be in the index. */
  loadDocuments(ids: readonly string[]): Promise<Map<string, SearchDocument | null>>
  /** Ids of every indexable entity, in pages of about `pageSize` (for the full reindex). */
  indexableIds(pageSize: number): AsyncIterable<string[]>
  /** How many entities are indexable (the reindex's progress bar). */
  countIndexable(): Promise<number>
}

export type SearchSources = readonly SearchSource[]

/** The source of a kind; throws for a kind nobody registered (a broken invariant: the index holds only theirs). */
export function sourceOf(sources: SearchSources, kind: string): SearchSource {
  const source = sources.find((s) => s.kind === kind)
  if (!source) throw new Error(`no searchable type registered for kind "${kind}"`)
  return source
}

/** Values of rows grouped by an id, in the rows' order (document loaders join one-to-many tables). */
export function groupValues<T>(rows: readonly T[], idOf: (row: T) => string, valueFor: (row: T) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const row of rows) {
    const id = idOf(row)
    const list = groups.get(id)
    if (list) list.push(valueFor(row))
    else groups.set(id, [valueFor(row)])
  }
  return groups
}
