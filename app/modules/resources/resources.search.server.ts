import type { Viewer } from '#app/modules/auth/viewer.ts'
import { type Executor, db } from '#db/client.server.ts'
import type { SearchDocument, SearchVisibility } from '#search/engine.ts'
import { type SearchSource, groupValues } from '#search/sources.ts'
import { RESOURCE_TYPE_LABELS } from './labels.ts'
import { can, ownedBy } from './resources.policy.ts'
import { loadAccessItems } from './resources.server.ts'
import type { SearchableType } from '#app/modules/search/searchable.ts'
import { validatedResourceIds } from '#app/modules/curation/validations.server.ts'

// Resources as search documents (registered in app/modules/search/registry.server.ts). Only what may be searched
// becomes a document: a published, non-deleted resource. Drafts, pending, archived and deleted resources map to
// `null` (the indexer removes them from the index), and so does a resource hidden after reports.

/** Documents for these resource ids; `null` for an id that must not (or no longer) be in the index. */
export async function loadResourceDocuments(ids: readonly string[], trx: Executor = db): Promise<Map<string, SearchDocument | null>> {
  const documents = new Map<string, SearchDocument | null>(ids.map((id) => [id, null]))
  if (ids.length === 0) return documents
  for (const document of await resourceDocuments([...ids], trx)) documents.set(document.id, document)
  return documents
}

/** Ids of every indexable resource, in pages (for the full reindex). */
export async function* indexableResourceIds(pageSize = 500, trx: Executor = db): AsyncGenerator<string[]> {
  let after = ''
  for (;;) {
    // Walks the primary key and filters here. With `status` in the WHERE clause SQLite would pick the status index
    // and sort every published id again for each page (quadratic over a full reindex).
    const rows = (
      await trx
        .selectFrom('resources')
        .select(['id', 'status', 'deletedAt', 'hiddenAt'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute()
    ).map((r) => ({ id: r.id, indexable: r.status === 'published' && r.deletedAt === null && r.hiddenAt === null }))
    if (rows.length === 0) return
    const ids = rows.filter((r) => r.indexable).map((r) => r.id)
    if (ids.length > 0) yield ids
    after = rows[rows.length - 1].id
  }
}

export async function countIndexableResources(trx: Executor = db): Promise<number> {
  const row = await trx
    .selectFrom('resources')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .where('deletedAt', 'is', null)
    .where('hiddenAt', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Of these resources, those the viewer may find now — published, not deleted, and `can(viewer, 'read')` — with the
 * visibility their index entry must hold. Hits and pending documents are re-checked through it.
 */
export async function findableResources(viewer: Viewer, ids: readonly string[], trx: Executor = db): Promise<Map<string, SearchVisibility>> {
  const found = new Map<string, SearchVisibility>()
  for (const [id, item] of await loadAccessItems(ids, trx)) {
    if (item.status === 'published' && !item.deletedAt && !item.hiddenAt && can(viewer, 'read', item)) found.set(id, item.visibility)
  }
  return found
}

/** Upper bound of the owned group-only resources listed by id in a search (more than anyone writes). */
const MAX_OWNED = 1_000

/** Published group-only resources the viewer owns (author, or member of their structures), found whatever the groups. */
export async function ownedGroupResources(viewer: Viewer, trx: Executor = db): Promise<string[]> {
  if (viewer.kind !== 'person' || viewer.role === 'admin') return []
  const rows = await trx
    .selectFrom('resources')
    .select('id')
    .where('visibility', '=', 'group')
    .where('status', '=', 'published')
    .where('deletedAt', 'is', null)
    .where('hiddenAt', 'is', null)
    .where(ownedBy(viewer))
    .limit(MAX_OWNED)
    .execute()
  return rows.map((r) => r.id)
}

export const resourcesSearch = {
  kind: 'resource',
  findable: (viewer, ids) => findableResources(viewer, ids),
  owned: (viewer) => ownedGroupResources(viewer),
  loadDocuments: (ids) => loadResourceDocuments(ids),
  indexableIds: (pageSize) => indexableResourceIds(pageSize),
  countIndexable: () => countIndexableResources(),
  url: (document) => `/ressources/${document.slug}`,
  labels: { kind: 'Ressources', types: RESOURCE_TYPE_LABELS },
} satisfies SearchableType & SearchSource

async function resourceDocuments(ids: string[], trx: Executor): Promise<SearchDocument[]> {
  // By primary key only, the status checked here: with `status` in the WHERE clause SQLite prefers the status index
  // and reads every published resource for each batch (ten times slower at 100,000 resources).
  const rows = (
    await trx
      .selectFrom('resources')
      .select([
        'id',
        'slug',
        'type',
        'title',
        'summary',
        'bodyText',
        'territory',
        'programme',
        'detailsJson',
        'managingBody',
        'provider',
        'openingDate',
        'deadline',
        'visibility',
        'publishedAt',
        'updatedAt',
        'status',
        'deletedAt',
        'hiddenAt',
      ])
      .where('id', 'in', ids)
      .execute()
  ).filter((row) => row.status === 'published' && row.deletedAt === null && row.hiddenAt === null)
  if (rows.length === 0) return []
  const themeRows = await trx
    .selectFrom('resourceThemes')
    .innerJoin('themes', 'themes.id', 'resourceThemes.themeId')
    .select(['resourceThemes.resourceId', 'themes.slug'])
    .where(
      'resourceThemes.resourceId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('themes.position')
    .execute()
  const themes = groupValues(themeRows, (t) => t.resourceId, (t) => t.slug)
  // The structures a resource belongs to, in the order chosen.
  const structureRows = await trx
    .selectFrom('resourceStructures')
    .innerJoin('structures', 'structures.id', 'resourceStructures.structureId')
    .select(['resourceStructures.resourceId', 'structures.name'])
    .where(
      'resourceStructures.resourceId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('resourceStructures.position')
    .execute()
  const structureNames = groupValues(structureRows, (s) => s.resourceId, (s) => s.name)
  // The groups a `group` resource is for.
  const groupRows = await trx
    .selectFrom('resourceGroups')
    .select(['resourceId', 'groupId'])
    .where(
      'resourceId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('groupId')
    .execute()
  const groups = groupValues(groupRows, (g) => g.resourceId, (g) => g.groupId)
  // « Validé par le réseau » as of now; the curation job re-indexes a resource once its review-by date passes.
  const validated = await validatedResourceIds(
    rows.map((r) => r.id),
    new Date(),
    trx,
  )
  return rows.map((row) => {
    let legalForms: string[] = []
    try {
      const details = JSON.parse(row.detailsJson) as { eligibleLegalForms?: unknown }
      if (Array.isArray(details.eligibleLegalForms)) legalForms = details.eligibleLegalForms.map(String)
    } catch {
      legalForms = []
    }
    return {
      id: row.id,
      kind: 'resource',
      slug: row.slug,
      type: row.type,
      title: row.title,
      summary: row.summary,
      body: row.bodyText,
      territory: row.territory,
      themes: themes.get(row.id) ?? [],
      programme: row.programme,
      legalForms,
      // The resource's structures, then the body behind a funding call or a training (both searchable).
      structureName: [...new Set([...(structureNames.get(row.id) ?? []), row.managingBody ?? row.provider].filter((n): n is string => Boolean(n)))].join(' · ') || null,
      // Instants, as stored: the hour of a deadline counts (search/funding-state.ts).
      openingDate: row.openingDate,
      deadline: row.deadline,
      visibility: row.visibility,
      groupIds: row.visibility === 'group' ? (groups.get(row.id) ?? []) : [],
      publishedAt: row.publishedAt ?? row.updatedAt,
      updatedAt: row.updatedAt,
      validated: validated.has(row.id),
    } satisfies SearchDocument
  })
}
