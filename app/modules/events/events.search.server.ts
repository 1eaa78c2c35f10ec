import type { Viewer } from '#app/modules/auth/viewer.ts'
import type { SearchableType } from '#app/modules/search/searchable.ts'
import { formatShortDateFr } from '#app/utils/dates-fr.ts'
import { type Executor, db } from '#db/client.server.ts'
import type { SearchDocument, SearchVisibility } from '#search/engine.ts'
import { groupValues, type SearchSource } from '#search/sources.ts'
import { can, organisedBy } from './events.policy.ts'
import { eventAccessItem, type EventRecord } from './events.server.ts'

// Events as search documents (issue 13; registered in app/modules/search/registry.server.ts). Every event, cancelled
// ones included (their page stays, « Annulé »), is a document whose audience is the event's: `public`, `members`, or
// `group` with the event's audience groups, so the engine filters group-only events by the viewer's groups. Hits are
// re-checked through the events policy (`can(viewer, 'read', …)`) on the database; organisers find their events
// whatever the audience (`owned`). Writes queue the update in their transaction (events.server.ts).

async function withGroups(ids: readonly string[], trx: Executor): Promise<EventRecord[]> {
  if (ids.length === 0) return []
  const rows = await trx.selectFrom('events').selectAll().where('id', 'in', [...ids]).execute()
  const links = await trx.selectFrom('eventGroups').select(['eventId', 'groupId']).where('eventId', 'in', [...ids]).execute()
  const groups = groupValues(links, (l) => l.eventId, (l) => l.groupId)
  return rows.map((r) => ({ ...r, groupIds: [...(groups.get(r.id) ?? [])].sort() }))
}

function toDocument(event: EventRecord): SearchDocument {
  const text = event.descriptionText.trim()
  return {
    id: event.id,
    kind: 'event',
    slug: `agenda/${event.id}`,
    type: 'evenement',
    title: event.status === 'cancelled' ? `Annulé : ${event.title}` : event.title,
    summary: text.length > 300 ? `${text.slice(0, 299)}…` : text,
    body: [text, event.address].filter((part) => part !== '').join('\n\n'),
    territory: event.territorySlug,
    themes: [],
    programme: null,
    legalForms: [],
    structureName: null,
    openingDate: null,
    deadline: null,
    visibility: event.visibility,
    groupIds: event.visibility === 'group' ? event.groupIds : [],
    publishedAt: event.createdAt,
    updatedAt: event.updatedAt,
  }
}

export async function loadEventDocuments(ids: readonly string[], trx: Executor = db): Promise<Map<string, SearchDocument | null>> {
  const documents = new Map<string, SearchDocument | null>(ids.map((id) => [id, null]))
  for (let i = 0; i < ids.length; i += 500) {
    for (const event of await withGroups(ids.slice(i, i + 500), trx)) documents.set(event.id, toDocument(event))
  }
  return documents
}

export async function* indexableEventIds(pageSize = 500, trx: Executor = db): AsyncGenerator<string[]> {
  let after = ''
  for (;;) {
    const rows = await trx.selectFrom('events').select('id').where('id', '>', after).orderBy('id').limit(pageSize).execute()
    if (rows.length === 0) return
    yield rows.map((r) => r.id)
    after = rows[rows.length - 1]!.id
  }
}

export async function countIndexableEvents(trx: Executor = db): Promise<number> {
  const row = await trx.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Of these ids, the events the viewer may read now (the policy, on the database), with their index visibility. */
export async function findableEvents(viewer: Viewer, ids: readonly string[], trx: Executor = db): Promise<Map<string, SearchVisibility>> {
  const found = new Map<string, SearchVisibility>()
  for (let i = 0; i < ids.length; i += 500) {
    for (const event of await withGroups(ids.slice(i, i + 500), trx)) {
      if (can(viewer, 'read', eventAccessItem(event))) found.set(event.id, event.visibility)
    }
  }
  return found
}

/** « jeu. 5 mars 2027 » of each event (Paris), for the search results. */
export async function eventHitDates(ids: readonly string[], trx: Executor = db): Promise<Map<string, { startsAt: string; label: string }>> {
  if (ids.length === 0) return new Map()
  const rows = await trx.selectFrom('events').select(['id', 'startsAt']).where('id', 'in', [...ids]).execute()
  return new Map(rows.map((r) => [r.id, { startsAt: r.startsAt, label: formatShortDateFr(r.startsAt) }]))
}

export const eventsSearch = {
  kind: 'event',
  loadDocuments: (ids) => loadEventDocuments(ids),
  indexableIds: (pageSize) => indexableEventIds(pageSize),
  countIndexable: () => countIndexableEvents(),
  findable: (viewer, ids) => findableEvents(viewer, ids),
  owned: async (viewer) => (await db.selectFrom('events').select('id').where(organisedBy(viewer)).execute()).map((r) => r.id),
  url: (document) => `/${document.slug}`,
  labels: { kind: 'Événements', types: { evenement: 'Événement' } },
} satisfies SearchableType & SearchSource
