import type { Viewer } from '#app/modules/auth/viewer.ts'
import type { SearchVisibility } from '#search/engine.ts'
import type { SearchSource } from '#search/sources.ts'

/**
 * A searchable type as the application sees it: what the indexer reads (`SearchSource`), plus where its documents are
 * shown and how its facet values read. Each domain exports one (`app/modules/<domain>/<domain>.search.server.ts`);
 * app/modules/search/registry.server.ts lists them.
 */
export interface SearchableType extends SearchSource {
  /**
   * Of these ids, those the viewer may find now (by the type's policy, on the database: never the index alone), with
   * the visibility their index entry must hold. Hits and documents with a pending update are re-checked through it.
   */
  findable(viewer: Viewer, ids: readonly string[]): Promise<Map<string, SearchVisibility>>
  /** Documents the viewer owns that its audience alone would not let it find (listed by id in `SearchAccess`). */
  owned?(viewer: Viewer): Promise<string[]>
  /** Path of a document's page. */
  url(document: { slug: string }): string
  labels: {
    /** The kind, in the « Type de contenu » facet (« Ressources »). */
    kind: string
    /** The values of the `type` facet its documents use. */
    types: Readonly<Record<string, string>>
  }
}
