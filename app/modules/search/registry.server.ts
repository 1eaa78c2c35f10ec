import { discussionsSearch } from '#app/modules/discussions/discussions.search.server.ts'
import { eventsSearch } from '#app/modules/events/events.search.server.ts'
import { resourcesSearch } from '#app/modules/resources/resources.search.server.ts'
import { structuresSearch } from '#app/modules/structures/structures.search.server.ts'
import type { SearchableType } from './searchable.ts'

// Every searchable type of the site, in the order facets list them. A new type: its module exports a
// `SearchableType`, and one line here.
export const SEARCHABLE_TYPES: readonly SearchableType[] = [resourcesSearch, structuresSearch, discussionsSearch, eventsSearch]

/** The registered type of a kind (throws for a kind nobody registered: the index only holds theirs). */
export function searchableType(kind: string): SearchableType {
  const type = SEARCHABLE_TYPES.find((t) => t.kind === kind)
  if (!type) throw new Error(`no searchable type registered for kind "${kind}"`)
  return type
}
