import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Pagination } from '#app/components/pagination.tsx'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { listEvents } from '#app/modules/events/events.server.ts'
import { mayProposeEvents } from '#app/modules/events/events.schema.ts'
import { listGroups } from '#app/modules/groups/pages.server.ts'
import { eventListItems } from '#app/modules/events/event-list.server.ts'
import { EventList } from '#app/modules/events/ui/event-list.tsx'
import { EVENT_KIND_LABELS } from '#app/modules/events/labels.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { countFr } from '#app/utils/plural.ts'
import { EVENT_KINDS, type EventKind } from '#db/schema/events.ts'

// The agenda (/agenda, issue 13): upcoming events by default, past ones on request (?quand=passes), filtered by
// territory, group and kind through a plain GET form. What the viewer may read is the policy's (`listEvents` → visibleTo).

const PAGE_SIZE = 20
/** The list is read whole up to this many events, then paged here (a departmental agenda stays far below). */
const LIST_CAP = 1000

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.past ? 'Événements passés' : 'Agenda'}${data && data.page > 1 ? ` (page ${data.page})` : ''} — Essaim` },
  { name: 'description', content: 'Plénières du CDESS, séances de travail territoriales, formations et réunions du réseau de l’ESS du Pas-de-Calais.' },
  { tagName: 'link', rel: 'alternate', type: 'text/calendar', title: 'Agenda d’Essaim', href: '/agenda.ics' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const params = new URL(request.url).searchParams
  const [territories, listed] = await Promise.all([listTerritories(), listGroups(viewer)])
  const territory = territories.find((t) => t.slug === params.get('territoire'))?.slug ?? null
  // Only the groups this viewer may open (a hidden group is never offered, nor matched from the address).
  const groups = listed.filter((g) => g.viewable)
  const group = groups.find((g) => g.slug === params.get('groupe')) ?? null
  const kind: EventKind | null = EVENT_KINDS.find((k) => k === params.get('type')) ?? null
  const past = params.get('quand') === 'passes'
  const requested = Number.parseInt(params.get('page') ?? '1', 10)
  const all = await listEvents({ viewer, when: past ? 'past' : 'upcoming', territorySlug: territory, groupId: group?.id ?? null, kind, limit: LIST_CAP })
  const total = all.length
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Number.isFinite(requested) && requested > 0 ? Math.min(requested, pageCount) : 1
  const slice = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const items = await eventListItems(slice, territories)
  return {
    canPropose: mayProposeEvents(viewer),
    past,
    filters: { territory, group: group?.slug ?? null, kind },
    groups: groups.map((g) => ({ slug: g.slug, name: g.name })),
    page,
    pageCount,
    total,
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
    items,
  }
}

export default function AgendaPage() {
  const { past, filters, page, pageCount, total, territories, groups, items, canPropose } = useLoaderData<typeof loader>()
  const query = (targetPage: number, options: { past?: boolean } = {}) => {
    const params = new URLSearchParams()
    if (options.past ?? past) params.set('quand', 'passes')
    if (filters.territory) params.set('territoire', filters.territory)
    if (filters.group) params.set('groupe', filters.group)
    if (filters.kind) params.set('type', filters.kind)
    if (targetPage > 1) params.set('page', String(targetPage))
    const search = params.toString()
    return search ? `/agenda?${search}` : '/agenda'
  }
  const noun = past ? countFr(total, 'événement passé', 'événements passés') : countFr(total, 'événement à venir', 'événements à venir')
  return (
    <div className="container">
      <h1>{past ? 'Événements passés' : 'Agenda'}</h1>
      <p className="lead">Plénières du CDESS, séances de travail territoriales, formations et réunions du réseau de l’ESS du Pas-de-Calais.</p>
      <p>
        {past ? <Link to={query(1, { past: false })}>Événements à venir</Link> : <Link to={query(1, { past: true })}>Événements passés</Link>}
        {' · '}
        <a href="/agenda.ics">S’abonner à l’agenda (iCalendar)</a>
        {canPropose ? (
          <>
            {' · '}
            <Link to="/agenda/nouveau">Proposer un événement</Link>
          </>
        ) : null}
      </p>

      <Form method="get" className="resource-filters" aria-labelledby="titre-filtres">
        <h2 id="titre-filtres" className="visually-hidden">
          Filtrer les événements
        </h2>
        {past ? <input type="hidden" name="quand" value="passes" /> : null}
        <div className="field">
          <label htmlFor="filtre-territoire">Territoire</label>
          <select id="filtre-territoire" name="territoire" defaultValue={filters.territory ?? ''}>
            <option value="">Tous les territoires</option>
            {territories.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-groupe">Groupe</label>
          <select id="filtre-groupe" name="groupe" defaultValue={filters.group ?? ''}>
            <option value="">Tous les groupes</option>
            {groups.map((g) => (
              <option key={g.slug} value={g.slug}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-type">Type</label>
          <select id="filtre-type" name="type" defaultValue={filters.kind ?? ''}>
            <option value="">Tous les types</option>
            {EVENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {EVENT_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Filtrer
          </button>
          <Link to={past ? '/agenda?quand=passes' : '/agenda'}>Réinitialiser les filtres</Link>
        </div>
      </Form>

      <h2 id="titre-resultats">
        {`${total === 0 ? (past ? 'Aucun événement passé' : 'Aucun événement à venir') : noun}${pageCount > 1 ? ` — page ${page} sur ${pageCount}` : ''}`}
      </h2>
      {total === 0 ? <p>Aucun événement ne correspond à ces critères.</p> : null}
      <EventList items={items} labelledBy="titre-resultats" />
      <Pagination page={page} pageCount={pageCount} href={query} />
    </div>
  )
}
