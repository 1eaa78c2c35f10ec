import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Pagination } from '#app/components/pagination.tsx'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { countEvents, listEvents } from '#app/modules/events/events.server.ts'
import { eventPath } from '#app/modules/events/emails.server.ts'
import {
  formatMonthKey,
  MONTH_MESSAGES,
  monthGrid,
  monthNameFr,
  monthOf,
  monthRange,
  parisDay,
  parseMonth,
  shiftMonth,
  WEEKDAYS,
} from '#app/modules/events/month.ts'
import agendaStyles from '#app/modules/events/ui/agenda.css?url'
import { formatTimeFr } from '#app/utils/dates-fr.ts'
import { listGroups } from '#app/modules/groups/pages.server.ts'
import { eventListItems } from '#app/modules/events/event-list.server.ts'
import { EventList } from '#app/modules/events/ui/event-list.tsx'
import { EVENT_KIND_LABELS } from '#app/modules/events/labels.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { countFr } from '#app/utils/plural.ts'
import { EVENT_KINDS, type EventKind } from '#db/schema/events.ts'

// The agenda (/agenda, issue 13): upcoming events by default, past ones on request (?quand=passes), filtered by
// territory, group and kind through a plain GET form. What the viewer may read is the policy's (`listEvents` → visibleTo).
// The month view (?vue=mois&mois=2027-03) shows the same filtered events as a calendar grid of Paris days.

const PAGE_SIZE = 20
/** Events read for one month of the grid (a departmental agenda stays far below). */
const MONTH_CAP = 500

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: agendaStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.month
      ? `Agenda de ${data.month.name} — Essaim`
      : `${data?.past ? 'Événements passés' : 'Agenda'}${data && data.page > 1 ? ` (page ${data.page})` : ''} — Essaim`,
  },
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
  const filters = { territory, group: group?.slug ?? null, kind }
  const shared = {
    filters,
    groups: groups.map((g) => ({ slug: g.slug, name: g.name })),
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
  }
  const scope = { viewer, territorySlug: territory, groupId: group?.id ?? null, kind }
  if (params.get('vue') === 'mois') {
    const now = new Date()
    const asked = params.get('mois')
    const parsed = parseMonth(asked)
    const month = parsed ?? monthOf(now)
    const events = await listEvents({ ...scope, range: monthRange(month), limit: MONTH_CAP })
    const weeks = monthGrid(
      month,
      events.map((e) => ({
        id: e.id,
        href: eventPath(e),
        title: e.title,
        startsAt: e.startsAt,
        endsAt: e.endsAt,
        startDay: parisDay(e.startsAt),
        time: formatTimeFr(e.startsAt),
        cancelled: e.status === 'cancelled',
      })),
    )
    const body = {
      ...shared,
      past: false,
      page: 1,
      pageCount: 1,
      total: events.length,
      items: [],
      month: {
        key: formatMonthKey(month),
        name: monthNameFr(month),
        previous: formatMonthKey(shiftMonth(month, -1)),
        next: formatMonthKey(shiftMonth(month, 1)),
        today: parisDay(now),
        weeks,
      },
      error: asked !== null && parsed === null ? MONTH_MESSAGES.invalid : null,
      asked,
    }
    return data(body, { status: body.error ? 400 : 200 })
  }
  const past = params.get('quand') === 'passes'
  const requested = Number.parseInt(params.get('page') ?? '1', 10)
  const when = past ? ('past' as const) : ('upcoming' as const)
  const total = await countEvents({ ...scope, when })
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Number.isFinite(requested) && requested > 0 ? Math.min(requested, pageCount) : 1
  const slice = await listEvents({ ...scope, when, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
  const items = await eventListItems(slice, territories)
  return data({ ...shared, past, page, pageCount, total, items, month: null, error: null, asked: null })
}

type MonthItem = { id: string; href: string; title: string; startDay: string; time: string; cancelled: boolean }
type MonthData = {
  key: string
  name: string
  previous: string
  next: string
  today: string
  weeks: ({ day: string; number: number; items: MonthItem[] } | null)[][]
}

/** « jeudi 5 mars 2027 » for a calendar day of the grid. */
function dayLabel(day: string, weekday: number, monthName: string): string {
  const number = Number(day.slice(8))
  return `${WEEKDAYS[weekday]!.long} ${number === 1 ? '1er' : number} ${monthName}`
}

function MonthView({ month, href }: { month: MonthData; href: (key: string) => string }) {
  const eventCount = new Set(month.weeks.flat().flatMap((cell) => cell?.items.map((item) => item.id) ?? [])).size
  return (
    <section aria-labelledby="titre-mois">
      <h2 id="titre-mois">{`${month.name.charAt(0).toUpperCase()}${month.name.slice(1)} — ${eventCount === 0 ? 'aucun événement' : countFr(eventCount, 'événement', 'événements')}`}</h2>
      <nav className="agenda-month-nav" aria-label="Changer de mois">
        <Link to={href(month.previous)} rel="prev">
          Mois précédent
        </Link>
        <Link to={href(month.next)} rel="next">
          Mois suivant
        </Link>
      </nav>
      <table className="agenda-month">
        <caption>{month.name}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th key={w.short} scope="col">
                <abbr title={w.long}>{w.short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {month.weeks.map((week) => (
            <tr key={week.find((cell) => cell !== null)!.day}>
              {week.map((cell, weekday) =>
                cell === null ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the empty cells of a week are only told apart by their place
                  <td key={`vide-${weekday}`} className="agenda-day-out" />
                ) : (
                  <td
                    key={cell.day}
                    className={cell.items.length === 0 ? 'agenda-day-empty' : undefined}
                    aria-current={cell.day === month.today ? 'date' : undefined}
                  >
                    <p className="agenda-day-number">
                      <time dateTime={cell.day}>
                        <span aria-hidden="true">{cell.number}</span>
                        <span className="visually-hidden">{dayLabel(cell.day, weekday, month.name)}</span>
                      </time>
                      {cell.day === month.today ? <span className="agenda-today"> aujourd’hui</span> : null}
                    </p>
                    {cell.items.length > 0 ? (
                      <ul>
                        {cell.items.map((item) => (
                          <li key={item.id}>
                            <Link to={item.href}>
                              {item.cancelled ? <strong>Annulé : </strong> : null}
                              {item.startDay === cell.day ? <span className="agenda-time">{item.time} </span> : null}
                              {item.title}
                              {item.startDay === cell.day ? null : ' (suite)'}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export default function AgendaPage() {
  const { past, filters, page, pageCount, total, territories, groups, items, month, error, asked } = useLoaderData<typeof loader>()
  const filterParams = () => {
    const params = new URLSearchParams()
    if (filters.territory) params.set('territoire', filters.territory)
    if (filters.group) params.set('groupe', filters.group)
    if (filters.kind) params.set('type', filters.kind)
    return params
  }
  const query = (targetPage: number, options: { past?: boolean } = {}) => {
    const params = new URLSearchParams()
    if (options.past ?? past) params.set('quand', 'passes')
    for (const [key, value] of filterParams()) params.set(key, value)
    if (targetPage > 1) params.set('page', String(targetPage))
    const search = params.toString()
    return search ? `/agenda?${search}` : '/agenda'
  }
  const monthHref = (key: string) => {
    const params = new URLSearchParams({ vue: 'mois' })
    if (key) params.set('mois', key)
    for (const [name, value] of filterParams()) params.set(name, value)
    return `/agenda?${params.toString()}`
  }
  const noun = past ? countFr(total, 'événement passé', 'événements passés') : countFr(total, 'événement à venir', 'événements à venir')
  return (
    <div className="container">
      <h1>{month ? 'Agenda du mois' : past ? 'Événements passés' : 'Agenda'}</h1>
      <p className="lead">Plénières du CDESS, séances de travail territoriales, formations et réunions du réseau de l’ESS du Pas-de-Calais.</p>
      <p>
        {month ? (
          <Link to={query(1, { past: false })}>Vue en liste</Link>
        ) : (
          <>
            <Link to={monthHref('')}>Vue par mois</Link>
            {' · '}
            {past ? <Link to={query(1, { past: false })}>Événements à venir</Link> : <Link to={query(1, { past: true })}>Événements passés</Link>}
          </>
        )}
        {' · '}
        <a href="/agenda.ics">S’abonner à l’agenda (iCalendar)</a>
      </p>
      {error ? (
        <p className="field-error" id="erreur-mois" role="alert">
          {error}
        </p>
      ) : null}

      <Form method="get" className="resource-filters" aria-labelledby="titre-filtres" noValidate>
        <h2 id="titre-filtres" className="visually-hidden">
          Filtrer les événements
        </h2>
        {past ? <input type="hidden" name="quand" value="passes" /> : null}
        {month ? (
          <>
            <input type="hidden" name="vue" value="mois" />
            <div className="field">
              <label htmlFor="filtre-mois">Mois (AAAA-MM)</label>
              <input
                id="filtre-mois"
                name="mois"
                type="text"
                inputMode="numeric"
                defaultValue={asked ?? month.key}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'erreur-mois' : undefined}
              />
            </div>
          </>
        ) : null}
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
          <Link to={month ? `/agenda?vue=mois&mois=${month.key}` : past ? '/agenda?quand=passes' : '/agenda'}>Réinitialiser les filtres</Link>
        </div>
      </Form>

      {month ? (
        <MonthView month={month} href={monthHref} />
      ) : (
        <>
          <h2 id="titre-resultats">
            {`${total === 0 ? (past ? 'Aucun événement passé' : 'Aucun événement à venir') : noun}${pageCount > 1 ? ` — page ${page} sur ${pageCount}` : ''}`}
          </h2>
          {total === 0 ? <p>Aucun événement ne correspond à ces critères.</p> : null}
          <EventList items={items} labelledBy="titre-resultats" />
          <Pagination page={page} pageCount={pageCount} href={query} />
        </>
      )}
    </div>
  )
}
