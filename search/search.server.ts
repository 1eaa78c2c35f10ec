import { sql } from 'kysely'
import { roleOf } from '#app/modules/auth/permissions.ts'
import { canViewResource, readsAsMember } from '#app/modules/resources/resource-access.ts'
import { LEGAL_FORM_LABELS, RESOURCE_TYPE_LABELS } from '#app/modules/resources/resources.schema.ts'
import { db } from '#db/client.server.ts'
import type { User } from '#db/schema.ts'
import type { ResourcesTable } from '#db/schema/resources.ts'
import type { Selectable } from 'kysely'
import type { FacetName, PendingAccess, SearchHit, SearchResult, SearchViewer } from './engine.ts'
import { getSearchEngine } from './engine.server.ts'
import { enqueueSearchUpdate } from './outbox.server.ts'
import { type SearchParams, filtersOf } from './search.schema.ts'

// What routes call: the viewer's search, every hit re-checked against the database, queries counted for curators.

export type SearchUser = Pick<User, 'id' | 'role' | 'emailVerifiedAt'> | null

export function viewerOf(user: SearchUser): SearchViewer {
  // Group memberships arrive with the groups issue; until then nobody sees `group` documents but their groups' (none).
  // The engines read members-only documents for a `member` role: an account whose address is not confirmed searches
  // as an anonymous visitor (the same rule as pages and lists, `readableVisibilities`).
  return { userId: user?.id ?? null, role: readsAsMember(user) ? roleOf(user) : 'anonymous', groupIds: [] }
}

export const PAGE_FACETS: readonly FacetName[] = ['kind', 'type', 'territory', 'theme', 'programme', 'legalForm', 'state']

export async function searchForUser(
  user: SearchUser,
  params: SearchParams,
  options: { facets?: readonly FacetName[]; record?: boolean; now?: Date } = {},
): Promise<SearchResult> {
  const engine = await getSearchEngine()
  let result: SearchResult
  // Facets and totals count every match, not only the page's hits: the documents whose index entry may be stale are
  // checked against the database first and left out if this viewer may no longer see them. A write that lands while
  // the engine answers (the outbox moved on) asks again, at most twice.
  for (let attempt = 0; ; attempt++) {
    const mark = await outboxMark()
    const pending = await pendingAccess(user)
    result = await engine.search({
      query: params.q,
      filters: filtersOf(params),
      facets: options.facets ?? PAGE_FACETS,
      sort: params.sort,
      page: params.page,
      perPage: params.perPage,
      viewer: viewerOf(user),
      now: options.now,
      pending,
    })
    if (attempt >= 2 || (await outboxMark()) === mark) break
  }
  const hits = await recheckHits(user, result.hits)
  const dropped = result.hits.length - hits.length
  if (options.record && params.q.trim()) countQuery(params.q, result.total - dropped)
  return { ...result, hits, total: Math.max(result.total - dropped, hits.length) }
}

/** Highest id ever given to a `search_outbox` row: it moves whenever a write asks for an index update. */
async function outboxMark(): Promise<number> {
  const { rows } = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'search_outbox'`.execute(db)
  return rows[0]?.seq ?? 0
}

/** Pending updates checked per search (a bulk change beyond this is re-checked hit by hit until drained). */
const MAX_PENDING_CHECKED = 10_000

/**
 * What the database says of the documents whose index entry may be stale: those with an update waiting in
 * `search_outbox` (the only ones: a row is deleted once the engine accepted the change). Each is checked the way the
 * hits are (`recheckHits`): `null` when gone, unpublished, deleted or hidden from this viewer, else its visibility
 * (the index entry must say the same). Usually none: one read of an empty table.
 */
export async function pendingAccess(user: SearchUser): Promise<PendingAccess[]> {
  const pending = await db
    .selectFrom('searchOutbox')
    .select(['entityType', 'entityId'])
    .distinct()
    .limit(MAX_PENDING_CHECKED)
    .execute()
  if (pending.length === 0) return []
  const resourceIds = pending.filter((p) => p.entityType === 'resource').map((p) => p.entityId)
  const structureIds = pending.filter((p) => p.entityType === 'structure').map((p) => p.entityId)
  const [resources, structures] = await Promise.all([loadAccessRows(resourceIds), existingStructures(structureIds)])
  const out: PendingAccess[] = []
  for (const id of resourceIds) {
    const row = resources.get(id)
    out.push({ kind: 'resource', id, visibility: row && searchableFor(user, row) ? row.visibility : null })
  }
  // Structures of the directory are public while they exist.
  for (const id of structureIds) out.push({ kind: 'structure', id, visibility: structures.has(id) ? 'public' : null })
  return out
}

type AccessRow = Pick<Selectable<ResourcesTable>, 'id' | 'status' | 'visibility' | 'authorId' | 'deletedAt' | 'groupId'>

async function loadAccessRows(ids: string[]): Promise<Map<string, AccessRow>> {
  const rows: AccessRow[] = []
  // Bounded `in` lists (SQLite's limit on bound parameters).
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    rows.push(
      ...(await db
        .selectFrom('resources')
        .select(['id', 'status', 'visibility', 'authorId', 'deletedAt', 'groupId'])
        .where('id', 'in', chunk)
        .execute()),
    )
  }
  return new Map(rows.map((r) => [r.id, r]))
}

async function existingStructures(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    for (const r of await db.selectFrom('structures').select('id').where('id', 'in', chunk).execute()) found.add(r.id)
  }
  return found
}

/** Search only ever shows published resources, whatever else an author or admin may open. */
function searchableFor(user: SearchUser, row: AccessRow): boolean {
  return row.status === 'published' && !row.deletedAt && canViewResource(user, row)
}

/**
 * The index may lag behind the database by a moment: a hit whose entity is no longer published, was deleted, or is
 * no longer visible to this viewer is dropped (and its document refreshed). Never trust the index alone.
 */
export async function recheckHits(user: SearchUser, hits: SearchHit[]): Promise<SearchHit[]> {
  const byId = await loadAccessRows(hits.filter((h) => h.document.kind === 'resource').map((h) => h.document.id))
  const structures = await existingStructures(hits.filter((h) => h.document.kind === 'structure').map((h) => h.document.id))
  const kept: SearchHit[] = []
  const stale: string[] = []
  const staleStructures: string[] = []
  for (const hit of hits) {
    if (hit.document.kind === 'structure') {
      // Structures of the directory are public while they exist.
      if (structures.has(hit.document.id)) kept.push(hit)
      else staleStructures.push(hit.document.id)
      continue
    }
    const row = byId.get(hit.document.id)
    const ok = row && searchableFor(user, row) && sameAccess(hit, row)
    if (ok) kept.push(hit)
    else stale.push(hit.document.id)
  }
  if (stale.length + staleStructures.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const id of stale) await enqueueSearchUpdate(trx, { type: 'resource', id, op: 'upsert' })
      for (const id of staleStructures) await enqueueSearchUpdate(trx, { type: 'structure', id, op: 'upsert' })
    })
  }
  return kept
}

function sameAccess(hit: SearchHit, row: { visibility: string }) {
  // A document indexed as public whose resource became members-only must not show through stale text.
  return hit.document.visibility === row.visibility
}

/** ISO week of a date, `2026-W48`. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  const day = d.getUTCDay() || 7
  d.setUTCDate(d.getUTCDate() + 4 - day)
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1))
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7)
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

/** Normalised query text for the statistics: lower case, spaces collapsed, 100 characters at most. */
export function normaliseQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 100)
}

/** Counts a query for its week. Nothing about who searched is stored: no user, no IP, no time of day. */
export async function recordQuery(query: string, total: number, now = new Date()) {
  const text = normaliseQuery(query)
  if (!text) return
  const zero = total === 0 ? 1 : 0
  await db
    .insertInto('searchQueryStats')
    .values({ week: isoWeek(now), query: text, searches: 1, zeroResults: zero })
    .onConflict((oc) =>
      oc.columns(['week', 'query']).doUpdateSet({
        searches: sql`searches + 1`,
        zeroResults: sql`zero_results + ${zero}`,
      }),
    )
    .execute()
}

type PendingStat = { week: string; query: string; searches: number; zeroResults: number }
const pendingStats = new Map<string, PendingStat>()
/** Distinct queries kept between two flushes: beyond, a new query is not counted (memory stays bounded). */
export const MAX_PENDING_QUERY_STATS = 5_000

/**
 * Counts a query in memory: searching never waits for a database write. `flushQueryStats` (every few seconds from
 * the background workers, and at shutdown) adds the counts to `search_query_stats` in one transaction.
 */
export function countQuery(query: string, total: number, now = new Date()) {
  const text = normaliseQuery(query)
  if (!text) return
  const week = isoWeek(now)
  const key = `${week}\u0000${text}`
  const existing = pendingStats.get(key)
  if (!existing && pendingStats.size >= MAX_PENDING_QUERY_STATS) return
  const stat = existing ?? { week, query: text, searches: 0, zeroResults: 0 }
  stat.searches++
  if (total === 0) stat.zeroResults++
  pendingStats.set(key, stat)
}

export async function flushQueryStats(): Promise<number> {
  if (pendingStats.size === 0) return 0
  const batch = [...pendingStats.values()]
  pendingStats.clear()
  try {
    await db.transaction().execute(async (trx) => {
      for (const stat of batch) {
        await trx
          .insertInto('searchQueryStats')
          .values(stat)
          .onConflict((oc) =>
            oc.columns(['week', 'query']).doUpdateSet({
              searches: sql`searches + ${stat.searches}`,
              zeroResults: sql`zero_results + ${stat.zeroResults}`,
            }),
          )
          .execute()
      }
    })
  } catch (error) {
    // Kept for the next flush.
    for (const stat of batch) {
      const key = `${stat.week}\u0000${stat.query}`
      const current = pendingStats.get(key)
      if (current) {
        current.searches += stat.searches
        current.zeroResults += stat.zeroResults
      } else pendingStats.set(key, stat)
    }
    throw error
  }
  return batch.length
}

export type QueryStat = { query: string; searches: number; zeroResults: number }

/** Weeks that have statistics, newest first. */
export async function listStatWeeks(): Promise<string[]> {
  const rows = await db.selectFrom('searchQueryStats').select('week').distinct().orderBy('week', 'desc').limit(52).execute()
  return rows.map((r) => r.week)
}

export async function weeklyQueryStats(week: string, limit = 50): Promise<{ top: QueryStat[]; zero: QueryStat[] }> {
  const base = db.selectFrom('searchQueryStats').select(['query', 'searches', 'zeroResults']).where('week', '=', week)
  const top = await base.orderBy('searches', 'desc').orderBy('query').limit(limit).execute()
  const zero = await base.where('zeroResults', '>', 0).orderBy('zeroResults', 'desc').orderBy('query').limit(limit).execute()
  return { top, zero }
}

export async function searchSuggestions(user: SearchUser, q: string) {
  if (!q.trim()) return []
  const result = await searchForUser(
    user,
    { q, kind: [], type: [], territory: [], theme: [], programme: [], legalForm: [], state: [], sort: 'relevance', page: 1, perPage: 6 },
    { facets: [] },
  )
  return result.hits.map((hit) => ({
    id: hit.document.id,
    title: hit.document.title,
    titleHtml: hit.highlight.title,
    type: hit.document.type,
    url: documentUrl(hit.document),
  }))
}

export function documentUrl(document: { kind: string; slug: string }): string {
  return document.kind === 'structure' ? `/structures/${document.slug}` : `/ressources/${document.slug}`
}

/**
 * The facets as the search page shows them: structures only under « Type de contenu » (a structure is not a type
 * of resource), and no « Sans date limite » (every initiative, training and structure has no deadline: the count
 * said nothing about calls). Both values still filter when a link asks for them.
 */
export function pageFacets(facets: SearchResult['facets']): SearchResult['facets'] {
  const out = { ...facets }
  if (out.type) {
    const { structure: _structure, ...types } = out.type
    out.type = types
  }
  if (out.state) {
    const { none: _none, ...states } = out.state
    out.state = states
  }
  return out
}

export type FacetLabels = Record<FacetName, Record<string, string>>

/** Human (French) labels of facet values. */
export async function facetLabels(): Promise<FacetLabels> {
  const [territories, themes] = await Promise.all([
    db.selectFrom('territories').select(['slug', 'name']).orderBy('position').execute(),
    db.selectFrom('themes').select(['slug', 'name']).orderBy('position').execute(),
  ])
  return {
    kind: { resource: 'Ressources', structure: 'Structures' },
    type: { ...RESOURCE_TYPE_LABELS, structure: 'Structure' },
    territory: { departement: 'Tout le Pas-de-Calais', ...Object.fromEntries(territories.map((t) => [t.slug, t.name])) },
    theme: Object.fromEntries(themes.map((t) => [t.slug, t.name])),
    programme: {},
    // One vocabulary for structures and calls (structures/labels.ts): one label per value.
    legalForm: LEGAL_FORM_LABELS,
    state: { open: 'Appel ouvert', upcoming: 'Appel à venir', closed: 'Appel clôturé', none: 'Sans date limite' },
  }
}
