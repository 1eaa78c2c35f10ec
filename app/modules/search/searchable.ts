import type { SearchSource } from '#search/sources.ts'

/**
 * A searchable type as the application sees it: what the indexer reads (`SearchSource`), plus where its documents are
 * shown and how its facet values read. Each domain exports one (`app/modules/<domain>/<domain>.search.server.ts`);
 * app/modules/search/registry.server.ts lists them.
 */
export interface SearchableType extends SearchSource {
  /** Path of a document's page. */
  url(document: { slug: string }): string
  labels: {
    /** The kind, in the « Type de contenu » facet (« Ressources »). */
    kind: string
    /** The values of the `type` facet its documents use. */
    types: Readonly<Record<string, string>>
  }
}
