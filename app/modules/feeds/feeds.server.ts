import { TZDate } from '@date-fns/tz'
import { ICalAlarmType, ICalEventStatus, ICalEventTransparency } from 'ical-generator'
import { themesByResource } from '#app/modules/api/open-data.server.ts'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { subscriptionCalendar } from '#app/modules/events/ical.server.ts'
import { FORMER_MEMBER_LABEL } from '#app/modules/privacy/labels.ts'
import { RESOURCE_TYPE_LABELS } from '#app/modules/resources/labels.ts'
import { type ResourceFilters, type ResourceListItem, listResources } from '#app/modules/resources/resources.server.ts'
import { formatDateTimeFr, PARIS } from '#app/utils/dates-fr.ts'
import { type Executor, db } from '#db/client.server.ts'
import { type AtomCategory, type AtomEntry, buildAtomFeed, htmlText, tagUri } from './atom.server.ts'
import { CALLS_FEED_PATH, DEADLINES_FEED_PATH, RESOURCES_FEED_PATH, feedHref } from './links.ts'
import { type FeedQuery, describeQuery } from './params.server.ts'

// The public feeds (issue 17 item 6): Atom of resources, Atom of funding calls not closed yet, iCalendar of their
// deadlines. Every list is read with the ANONYMOUS viewer through `listResources` (resources.policy.ts `visibleTo`,
// published only): no members-only, group-only, draft, pending, archived or hidden resource ever reaches a feed, and
// the answer is the same for everyone (feed readers send no cookie), so it may be cached and shared.

/** Entries of an Atom feed: the newest 50 resources (or the 50 calls closing soonest). */
export const FEED_SIZE = 50
/** Deadlines in the calendar: every call not closed yet, up to this many. */
export const CALENDAR_SIZE = 500
/** The reminder of a deadline in the calendar: a week before. */
export const REMINDER_SECONDS = 7 * 24 * 3600

type Bylines = Map<string, string[]>

/** Who signs each resource: its structures, in their order; else its author's name, as its page shows it. */
async function bylines(ids: readonly string[], trx: Executor = db): Promise<Bylines> {
  const result: Bylines = new Map()
  if (ids.length === 0) return result
  const [structures, authors] = await Promise.all([
    trx
      .selectFrom('resourceStructures')
      .innerJoin('structures', 'structures.id', 'resourceStructures.structureId')
      .select(['resourceStructures.resourceId', 'structures.name'])
      .where('resourceStructures.resourceId', 'in', [...ids])
      .orderBy('resourceStructures.position')
      .orderBy('structures.name')
      .execute(),
    trx
      .selectFrom('resources')
      .leftJoin('users', 'users.id', 'resources.authorId')
      .select(['resources.id', 'users.name'])
      .where('resources.id', 'in', [...ids])
      .execute(),
  ])
  for (const row of structures) result.set(row.resourceId, [...(result.get(row.resourceId) ?? []), row.name])
  for (const row of authors) if (!result.has(row.id)) result.set(row.id, [row.name ?? FORMER_MEMBER_LABEL])
  return result
}

const absolute = (path: string, publicUrl: URL) => new URL(path, publicUrl).toString()
const resourcePath = (slug: string) => `/ressources/${encodeURIComponent(slug)}`

/** The filters of the feed as those of /ressources (the same list query, the same values). */
function listFilters(query: FeedQuery): ResourceFilters {
  return { type: query.type, territory: query.territory, theme: query.theme, programme: query.programme }
}

/** The page of /ressources showing the same thing (the feed's `rel="alternate"`). */
function listPageUrl(query: FeedQuery, publicUrl: URL, extra: Record<string, string> = {}): string {
  const url = new URL(feedHref('/ressources', { type: query.type, territory: query.territory, theme: query.theme }), publicUrl)
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value)
  return url.toString()
}

/** The feed's own id: one per filter set, whatever the order of the parameters. */
function feedId(host: string, name: string, query: FeedQuery): string {
  const filters = [
    query.type ? `type=${query.type}` : null,
    query.territory ? `territoire=${query.territory}` : null,
    query.theme ? `theme=${query.theme}` : null,
    query.programme ? `programme=${encodeURIComponent(query.programme)}` : null,
  ].filter((part): part is string => part !== null)
  return tagUri(host, 'feed', name, ...(filters.length > 0 ? [filters.join(';')] : []))
}

async function entries(items: readonly ResourceListItem[], publicUrl: URL, summaryHtml: (item: ResourceListItem) => string): Promise<AtomEntry[]> {
  const ids = items.map((item) => item.id)
  const [themes, signed] = await Promise.all([themesByResource(ids), bylines(ids)])
  const scheme = (parameter: string) => absolute(`/ressources?${parameter}=`, publicUrl)
  return items.map((item) => {
    const categories: AtomCategory[] = [
      { term: item.type, label: RESOURCE_TYPE_LABELS[item.type], scheme: scheme('type') },
      ...(themes.get(item.id) ?? []).map((t) => ({ term: t.slug, label: t.name, scheme: scheme('theme') })),
      { term: item.territory, label: item.territoryName, scheme: scheme('territoire') },
    ]
    return {
      id: tagUri(publicUrl.hostname, 'resource', item.id),
      title: item.title,
      url: absolute(resourcePath(item.slug), publicUrl),
      summaryHtml: summaryHtml(item),
      authors: signed.get(item.id) ?? [],
      categories,
      published: item.publishedAt ?? item.updatedAt,
      updated: item.updatedAt,
    }
  })
}

/** /flux/ressources.atom: the newest public resources, all or filtered. */
export async function resourcesAtom(query: FeedQuery, publicUrl: URL): Promise<string> {
  const { items } = await listResources(ANONYMOUS, { ...listFilters(query), sort: 'recent' }, { pageSize: FEED_SIZE })
  const described = describeQuery(query)
  return buildAtomFeed({
    id: feedId(publicUrl.hostname, 'ressources', query),
    title: described ? `Ressources d’Essaim — ${described}` : 'Ressources d’Essaim',
    subtitle: 'Les dernières ressources publiques de l’ESS dans le Pas-de-Calais : initiatives, bonnes pratiques, formations et appels à projets européens.',
    selfUrl: absolute(feedHref(RESOURCES_FEED_PATH, query), publicUrl),
    alternateUrl: listPageUrl(query, publicUrl),
    entries: await entries(items, publicUrl, (item) => `<p>${htmlText(item.summary)}</p>`),
  })
}

/** « Date limite : 15 janvier 2027 à 12 h », or the call has none. */
export function deadlineText(deadline: string | null): string {
  return deadline ? `Date limite : ${formatDateTimeFr(deadline)}` : 'Sans date limite'
}

function callSummaryHtml(item: ResourceListItem): string {
  const lines = [item.programme ? `Programme : ${item.programme}` : null, deadlineText(item.deadline)].filter((l): l is string => l !== null)
  return `<p>${htmlText(item.summary)}</p><p>${lines.map(htmlText).join('<br>')}</p>`
}

/** Funding calls not closed yet, the deadline closest first (undated ones last), for everyone. */
async function listOpenCalls(query: FeedQuery, pageSize: number) {
  const filters: ResourceFilters = { ...listFilters(query), type: 'financement-europeen', notClosed: true, sort: 'deadline' }
  return (await listResources(ANONYMOUS, filters, { pageSize })).items
}

/**
 * /flux/appels.atom: the funding calls not closed yet (open, or opening later), the deadline closest first — the
 * order someone who answers calls reads them in; a reader that sorts by date still has `updated` and `published`.
 */
export async function callsAtom(query: FeedQuery, publicUrl: URL): Promise<string> {
  const items = await listOpenCalls(query, FEED_SIZE)
  const described = describeQuery({ ...query, type: undefined })
  return buildAtomFeed({
    id: feedId(publicUrl.hostname, 'appels', { ...query, type: undefined }),
    title: described ? `Appels à projets européens ouverts — ${described}` : 'Appels à projets européens ouverts — Essaim',
    subtitle: 'Les appels à projets européens publiés sur Essaim qui ne sont pas encore clos, la date limite la plus proche d’abord.',
    selfUrl: absolute(feedHref(CALLS_FEED_PATH, { ...query, type: undefined }), publicUrl),
    alternateUrl: listPageUrl({ ...query, type: 'financement-europeen' }, publicUrl, { tri: 'echeance' }),
    entries: await entries(items, publicUrl, callSummaryHtml),
  })
}

/**
 * /flux/echeances.ics: one event per funding call not closed yet that has a deadline, at its deadline (Paris time,
 * no duration: the instant the call closes), with a reminder a week before. UID from the resource id (stable when the
 * title or the slug changes), SEQUENCE from its version (bumped by every edit), DTSTAMP its last change (so the same
 * data gives the same file, and the same ETag).
 */
export async function deadlinesCalendar(query: FeedQuery, publicUrl: URL): Promise<string> {
  const items = (await listOpenCalls(query, CALENDAR_SIZE)).filter((item) => item.deadline !== null)
  const described = describeQuery({ ...query, type: undefined })
  const calendar = subscriptionCalendar(described ? `Échéances des appels à projets — ${described}` : 'Échéances des appels à projets — Essaim')
  calendar.url(absolute(feedHref(DEADLINES_FEED_PATH, { ...query, type: undefined }), publicUrl))
  for (const item of items) {
    const deadline = item.deadline as string
    const url = absolute(resourcePath(item.slug), publicUrl)
    const description = [item.summary.trim(), item.programme ? `Programme : ${item.programme}` : '', deadlineText(deadline), `Fiche de l’appel : ${url}`]
      .filter((part) => part !== '')
      .join('\n\n')
    const title = `Date limite : ${item.title}`
    calendar.createEvent({
      id: `appel-${item.id}@${publicUrl.hostname}`,
      sequence: item.version,
      stamp: new Date(item.updatedAt),
      lastModified: new Date(item.updatedAt),
      timezone: PARIS,
      // No DTEND (it must come after DTSTART): RFC 5545 §3.6.1, the event ends when it starts.
      start: new TZDate(deadline, PARIS),
      summary: title,
      description,
      url,
      status: ICalEventStatus.CONFIRMED,
      // A deadline takes no time in the day: it does not make anyone busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      alarms: [{ type: ICalAlarmType.display, triggerBefore: REMINDER_SECONDS, description: `Dans 7 jours — ${title}` }],
    })
  }
  return calendar.toString()
}
