import type { z } from 'zod'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { EVENT_KIND_LABELS } from '#app/modules/events/labels.ts'
import { listEvents } from '#app/modules/events/events.server.ts'
import { groupPath, isListedTo, listGroups } from '#app/modules/groups/pages.server.ts'
import { TERRITORY_DEPARTEMENT } from '#app/modules/resources/labels.ts'
import { getResourceForViewer, listResources } from '#app/modules/resources/resources.server.ts'
import { withoutControlCharacters } from '#app/modules/structures/open-data.server.ts'
import { countStructures, listPublicStructures } from '#app/modules/structures/structures.server.ts'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { listTerritories, listTerritoriesWithEpcis } from '#app/modules/territories/territories.server.ts'
import { stripControlCharacters } from '#app/utils/text.ts'
import { type Executor, db } from '#db/client.server.ts'
import { type CsvValue, toCsv } from './csv.server.ts'
import type { ApiIssues, Pagination } from './http.server.ts'
import {
  DetailsSchema,
  type EventQuerySchema,
  type EventSchema,
  type GroupSchema,
  type ResourceQuerySchema,
  type ResourceSchema,
  type ResourceSummarySchema,
  type StructureSchema,
  type TerritorySchema,
} from './schemas.server.ts'

// What the public API v1 and the open-data files publish. Every read goes through the domain modules with the
// ANONYMOUS viewer (their policies decide: no members-only, group-only, draft, pending or hidden item ever reaches
// here), whoever calls: a session cookie changes nothing, so the answers may be cached and shared.

const DETAIL_KEYS = new Set<string>(DetailsSchema.keyof().options)

export type Listed<T> = { ok: true; data: T[]; total: number } | { ok: false; issues: ApiIssues }

const absolute = (path: string, publicUrl: URL) => new URL(path, publicUrl).toString()

/** Values stored before control characters were refused on input are published without them (as structures). */
function clean<T>(value: T): T {
  if (typeof value === 'string') return stripControlCharacters(value, { multiline: true }) as T
  if (Array.isArray(value)) return value.map(clean) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) as T
  return value
}

/** A page beyond the last one is empty (the modules' lists clamp it to the last). */
const beyond = (pagination: Pagination, total: number) => pagination.page > Math.max(1, Math.ceil(total / pagination.perPage))

export async function themesByResource(ids: readonly string[], trx: Executor = db) {
  const themes = new Map<string, { slug: string; name: string }[]>()
  if (ids.length === 0) return themes
  const rows = await trx
    .selectFrom('resourceThemes')
    .innerJoin('themes', 'themes.id', 'resourceThemes.themeId')
    .select(['resourceThemes.resourceId', 'themes.slug', 'themes.name'])
    .where('resourceThemes.resourceId', 'in', [...ids])
    .orderBy('themes.position')
    .execute()
  for (const row of rows) themes.set(row.resourceId, [...(themes.get(row.resourceId) ?? []), { slug: row.slug, name: row.name }])
  return themes
}

type ResourceSummary = z.infer<typeof ResourceSummarySchema>

/** Public resources (published, public audience), filtered as on /ressources. */
export async function listApiResources(
  query: z.infer<typeof ResourceQuerySchema>,
  pagination: Pagination,
  publicUrl: URL,
): Promise<Listed<ResourceSummary>> {
  const issues: ApiIssues = {}
  const [territories, themes] = await Promise.all([listTerritories(), listThemes()])
  if (query.territoire && query.territoire !== TERRITORY_DEPARTEMENT && !territories.some((t) => t.slug === query.territoire)) {
    issues.territoire = 'Territoire inconnu : voir /api/v1/territories.'
  }
  if (query.theme && !themes.some((t) => t.slug === query.theme)) issues.theme = 'Thématique inconnue.'
  if (Object.keys(issues).length > 0) return { ok: false, issues }
  const result = await listResources(
    ANONYMOUS,
    {
      type: query.type,
      territory: query.territoire,
      theme: query.theme,
      openOnly: query.ouverts === 'oui',
      validatedOnly: query.valide === 'oui',
      sort: query.tri === 'echeance' ? 'deadline' : 'recent',
      page: pagination.page,
    },
    { pageSize: pagination.perPage },
  )
  if (beyond(pagination, result.total)) return { ok: true, data: [], total: result.total }
  const themesOf = await themesByResource(result.items.map((item) => item.id))
  const data = result.items.map((item) => ({
    slug: item.slug,
    type: item.type,
    title: item.title,
    summary: item.summary,
    territory: item.territory,
    territoryName: item.territoryName,
    themes: themesOf.get(item.id) ?? [],
    publishedAt: item.publishedAt,
    updatedAt: item.updatedAt,
    programme: item.programme,
    openingDate: item.openingDate,
    deadline: item.deadline,
    fundingState: item.fundingState,
    provider: item.provider,
    format: item.format,
    startDate: item.startDate,
    url: absolute(`/ressources/${encodeURIComponent(item.slug)}`, publicUrl),
  }))
  return { ok: true, data: clean(data), total: result.total }
}

/** One resource as anyone may read it on its page, or null (absent, or not for everyone: both a 404). */
export async function getApiResource(slug: string, publicUrl: URL): Promise<z.infer<typeof ResourceSchema> | null> {
  const resource = await getResourceForViewer(slug, ANONYMOUS)
  // `read` for the anonymous viewer: published or archived, public audience. Checked again here: an API never shows
  // a draft, even if a policy changed.
  if (resource?.visibility !== 'public' || (resource.status !== 'published' && resource.status !== 'archived')) return null
  return clean({
    slug: resource.slug,
    type: resource.type,
    title: resource.title,
    summary: resource.summary,
    territory: resource.territory,
    territoryName: resource.territoryName,
    themes: resource.themes,
    publishedAt: resource.publishedAt,
    updatedAt: resource.updatedAt,
    programme: resource.programme,
    openingDate: resource.openingDate,
    deadline: resource.deadline,
    fundingState: resource.fundingState,
    provider: resource.provider,
    format: resource.format,
    startDate: resource.startDate,
    url: absolute(`/ressources/${encodeURIComponent(resource.slug)}`, publicUrl),
    status: resource.status,
    bodyHtml: resource.bodyHtml,
    bodyText: resource.bodyText,
    amountMin: resource.amountMin,
    amountMax: resource.amountMax,
    cofinancingRate: resource.cofinancingRate,
    managingBody: resource.managingBody,
    officialUrl: resource.officialUrl,
    cost: resource.cost,
    registrationUrl: resource.registrationUrl,
    // Only the documented keys: whatever else an old import stored in the JSON stays out.
    details: Object.fromEntries(Object.entries(resource.details).filter(([key]) => DETAIL_KEYS.has(key))),
    sessions: resource.sessions.map((s) => ({ startsOn: s.startsOn, endsOn: s.endsOn, communeInsee: s.communeInsee, communeName: s.communeName })),
    structures: resource.structures.map((s) => ({ slug: s.slug, name: s.name, url: absolute(`/structures/${encodeURIComponent(s.slug)}`, publicUrl) })),
    attachments: resource.attachments.map((a) => ({ name: a.originalName, mime: a.mime, size: a.size, url: absolute(a.url, publicUrl) })),
  })
}

/** The agenda's events are read whole up to this many, then paged (a departmental agenda stays far below). */
const EVENT_LIST_CAP = 5000

/** Public events: upcoming by default (soonest first), past ones with `passes=oui` (latest first). */
export async function listApiEvents(
  query: z.infer<typeof EventQuerySchema>,
  pagination: Pagination,
  publicUrl: URL,
): Promise<Listed<z.infer<typeof EventSchema>>> {
  const territories = await listTerritories()
  if (query.territoire && !territories.some((t) => t.slug === query.territoire)) {
    return { ok: false, issues: { territoire: 'Territoire inconnu : voir /api/v1/territories.' } }
  }
  const all = await listEvents({
    viewer: ANONYMOUS,
    when: query.passes === 'oui' ? 'past' : 'upcoming',
    territorySlug: query.territoire ?? null,
    kind: query.type ?? null,
    limit: EVENT_LIST_CAP,
  })
  const events = all.slice((pagination.page - 1) * pagination.perPage, pagination.page * pagination.perPage)
  const territoryNames = new Map(territories.map((t) => [t.slug, t.name]))
  const insees = [...new Set(events.map((e) => e.communeInsee).filter((i): i is string => i !== null))]
  const groupIds = [...new Set(events.map((e) => e.groupId).filter((i): i is string => i !== null))]
  const structureIds = [...new Set(events.map((e) => e.structureId).filter((i): i is string => i !== null))]
  const [communes, listed, structures] = await Promise.all([
    insees.length > 0 ? db.selectFrom('communes').select(['insee', 'name']).where('insee', 'in', insees).execute() : [],
    groupIds.length > 0 ? listGroups(ANONYMOUS) : [],
    structureIds.length > 0 ? db.selectFrom('structures').select(['id', 'slug', 'name']).where('id', 'in', structureIds).execute() : [],
  ])
  const communeNames = new Map(communes.map((c) => [c.insee, c.name]))
  // Only a group anyone is shown names an event's organiser: a hidden group stays unnamed.
  const groups = new Map(listed.filter((g) => isListedTo(ANONYMOUS, g) && g.viewable).map((g) => [g.id, g]))
  const structureById = new Map(structures.map((s) => [s.id, s]))
  const data = events.map((e) => {
    const group = e.groupId ? groups.get(e.groupId) : undefined
    const structure = e.structureId ? structureById.get(e.structureId) : undefined
    const organiser = group
      ? { type: 'group' as const, slug: group.slug, name: group.name, url: absolute(groupPath(group), publicUrl) }
      : structure
        ? { type: 'structure' as const, slug: structure.slug, name: structure.name, url: absolute(`/structures/${encodeURIComponent(structure.slug)}`, publicUrl) }
        : null
    return {
      id: e.id,
      title: e.title,
      descriptionText: e.descriptionText,
      kind: e.kind,
      kindLabel: EVENT_KIND_LABELS[e.kind],
      status: e.status,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      territory: e.territorySlug,
      territoryName: e.territorySlug ? (territoryNames.get(e.territorySlug) ?? null) : null,
      communeInsee: e.communeInsee,
      communeName: e.communeInsee ? (communeNames.get(e.communeInsee) ?? null) : null,
      address: e.address,
      onlineUrl: e.onlineUrl,
      capacity: e.capacity,
      registrationDeadline: e.registrationDeadline,
      organiser,
      url: absolute(`/agenda/${encodeURIComponent(e.id)}`, publicUrl),
      icsUrl: absolute(`/agenda/${encodeURIComponent(e.id)}.ics`, publicUrl),
    }
  })
  return { ok: true, data: clean(data), total: all.length }
}

/** The groups anyone is shown and may open (territory groups first, then thematic ones by name). */
export async function listApiGroups(pagination: Pagination, publicUrl: URL): Promise<Listed<z.infer<typeof GroupSchema>>> {
  const groups = (await listGroups(ANONYMOUS)).filter((g) => g.viewable && !g.hidden && g.pageVisibility === 'public')
  const slice = groups.slice((pagination.page - 1) * pagination.perPage, pagination.page * pagination.perPage)
  const data = slice.map((g) => ({
    slug: g.slug,
    name: g.name,
    description: g.description,
    kind: g.kind,
    territory: g.territorySlug,
    joinPolicy: g.joinPolicy,
    url: absolute(g.path, publicUrl),
  }))
  return { ok: true, data: clean(data), total: groups.length }
}

/** The territories of the Pas-de-Calais with their communes' count, population and EPCIs. */
export async function listApiTerritories(pagination: Pagination, publicUrl: URL): Promise<Listed<z.infer<typeof TerritorySchema>>> {
  const territories = await listTerritoriesWithEpcis()
  const slice = territories.slice((pagination.page - 1) * pagination.perPage, pagination.page * pagination.perPage)
  const data = slice.map((t) => ({
    slug: t.slug,
    name: t.name,
    communeCount: t.communeCount,
    population: t.population,
    epcis: t.epcis,
    url: absolute(`/territoires/${encodeURIComponent(t.slug)}`, publicUrl),
  }))
  return { ok: true, data: clean(data), total: territories.length }
}

/** The directory of structures (every structure is public; contacts only when the structure shows them). */
export async function listApiStructures(pagination: Pagination, publicUrl: URL): Promise<Listed<z.infer<typeof StructureSchema>>> {
  const total = await countStructures()
  if (beyond(pagination, total)) return { ok: true, data: [], total }
  const rows = await listPublicStructures({ limit: pagination.perPage, offset: (pagination.page - 1) * pagination.perPage })
  const data = rows.map(withoutControlCharacters).map((s) => ({ ...s, url: absolute(`/structures/${encodeURIComponent(s.slug)}`, publicUrl) }))
  return { ok: true, data, total }
}

/** The columns of /ressources.csv, in order (documented in the README). */
export const RESOURCE_CSV_COLUMNS = [
  'slug',
  'type',
  'title',
  'summary',
  'territory',
  'territoryName',
  'themes',
  'publishedAt',
  'updatedAt',
  'programme',
  'openingDate',
  'deadline',
  'fundingState',
  'provider',
  'format',
  'startDate',
  'url',
] as const

/** Every public resource as CSV (the API's list, read page by page; themes as slugs joined with `|`). */
export async function buildResourcesCsv(publicUrl: URL): Promise<string> {
  const rows: Record<(typeof RESOURCE_CSV_COLUMNS)[number], CsvValue>[] = []
  for (let page = 1; ; page++) {
    const result = await listApiResources({}, { page, perPage: 100 }, publicUrl)
    if (!result.ok) throw new Error('listApiResources refused no filter')
    for (const item of result.data) rows.push({ ...item, themes: item.themes.map((t) => t.slug) })
    if (page * 100 >= result.total) break
  }
  return toCsv(RESOURCE_CSV_COLUMNS, rows)
}
