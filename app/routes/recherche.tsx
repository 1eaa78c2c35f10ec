import { Pagination } from '#app/components/pagination.tsx'
import { FollowButton } from '#app/modules/follows/ui/follow-button.tsx'
import { followState } from '#app/modules/follows/follows.server.ts'
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { FUNDING_STATES, type FacetName } from '#search/engine.ts'
import { VALIDATED_KEY, searchQueryString } from '#search/query-string.ts'
import { type SearchParams, parseSearchParamsLeniently } from '#search/search.schema.ts'
import { documentUrl, facetLabels, pageFacets, searchForUser } from '#app/modules/search/search.server.ts'
import pageStyles from './recherche.css?url'
import { eventHitDates } from '#app/modules/events/events.search.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'
import { CALLS_FEED_PATH, atomAlternate, feedHref, findProgramme } from '#app/modules/feeds/links.ts'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: pageStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.params.q ? `« ${data.params.q} » — Recherche — Essaim` : 'Recherche — Essaim' },
  { name: 'robots', content: 'noindex' },
  // The list of open calls (the home page's « Tous les appels ouverts »): its feed, for one known programme if chosen.
  ...(data?.params.state.includes('open')
    ? [
        atomAlternate(
          'Appels à projets européens ouverts — Essaim',
          feedHref(CALLS_FEED_PATH, { programme: (data.params.programme.length === 1 ? findProgramme(data.params.programme[0]) : null) ?? undefined }),
        ),
      ]
    : []),
]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const params = parseSearchParamsLeniently(new URL(request.url).searchParams)
  const [result, labels] = await Promise.all([searchForUser(viewer, params, { record: true }), facetLabels()])
  const follow = await followState(viewer, { kind: 'search', key: new URL(request.url).search })
  const eventDates = await eventHitDates(result.hits.filter((hit) => hit.document.kind === 'event').map((hit) => hit.document.id))
  return {
    params,
    follow,
    total: result.total,
    page: result.page,
    perPage: result.perPage,
    suggestion: result.suggestion,
    partialMatch: result.partialMatch,
    facets: pageFacets(result.facets),
    labels,
    hits: result.hits.map((hit) => ({
      id: hit.document.id,
      kind: hit.document.kind,
      url: documentUrl(hit.document),
      type: hit.document.type,
      territory: hit.document.territory,
      structureName: hit.document.structureName,
      deadline: hit.document.deadline,
      eventDate: hit.document.kind === 'event' ? (eventDates.get(hit.document.id) ?? null) : null,
      state: hit.state,
      validated: hit.document.validated === true,
      titleHtml: hit.highlight.title,
      excerptHtml: hit.highlight.excerpt,
    })),
  }
}

type ListFacet = Exclude<FacetName, 'validated'>
const FACET_TITLES: Record<ListFacet, string> = {
  kind: 'Type de contenu',
  type: 'Type de ressource',
  territory: 'Territoire',
  theme: 'Thème',
  programme: 'Programme',
  legalForm: 'Forme juridique',
  state: 'État de l’appel',
}
const FACET_ORDER: ListFacet[] = ['kind', 'type', 'state', 'territory', 'theme', 'programme', 'legalForm']
const SORT_LABELS = { relevance: 'Pertinence', newest: 'Plus récentes', deadline: 'Date limite la plus proche' }
const numberFr = new Intl.NumberFormat('fr-FR')

function plural(n: number, one: string, many: string) {
  return `${numberFr.format(n)} ${n > 1 ? many : one}`
}

/** Below this width the facets panel starts folded (see recherche.css). */
const PHONE_MEDIA = '(max-width: 47.99rem)'

export default function SearchPage() {
  const data = useLoaderData<typeof loader>()
  const { params, labels } = data
  const submit = useSubmit()
  const navigation = useNavigation()
  const formRef = useRef<HTMLFormElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  useEffect(() => () => clearTimeout(timer.current), [])
  // The facets panel is served open (a wide screen, or no JavaScript); on a phone it folds so the results come first.
  const facetsRef = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    if (facetsRef.current && window.matchMedia(PHONE_MEDIA).matches) facetsRef.current.open = false
  }, [])

  // With JavaScript, results follow the typing (debounced) and the URL stays the one to share; without it, the
  // form's button does the same with a normal GET.
  const update = (delay: number) => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      if (formRef.current) submit(formRef.current, { replace: true, preventScrollReset: true })
    }, delay)
  }
  const pages = Math.max(1, Math.ceil(data.total / data.perPage))
  const activeFilters = FACET_ORDER.reduce((count, name) => count + (params[name] as string[]).length, params.validated ? 1 : 0)
  const validatedCount = data.facets.validated?.true ?? 0
  const hasFilters = activeFilters > 0
  const searching = navigation.state === 'loading' && navigation.location?.pathname === '/recherche'
  const label = (facet: FacetName, value: string) => labels[facet][value] ?? value

  return (
    <div className="container search-page">
      <h1>Recherche</h1>
      <FollowButton state={data.follow} follow="Suivre cette recherche" stop="Ne plus suivre cette recherche" />
      <Form
        method="get"
        action="/recherche"
        ref={formRef}
        className="search-form"
        role="search"
        aria-label="Rechercher des ressources et des structures"
        onChange={(event) => {
          const target = event.target as HTMLInputElement
          update(target.type === 'search' ? 300 : 0)
        }}
      >
        <div className="search-main">
          <div className="field">
            <label htmlFor="search-q">Mots-clés</label>
            <input
              id="search-q"
              type="search"
              name="q"
              defaultValue={params.q}
              maxLength={200}
              autoComplete="off"
              aria-describedby="search-q-hint"
            />
            <p id="search-q-hint" className="hint">
              Accents, pluriels et fautes de frappe sont pris en compte ; les sigles aussi (FSE, SCIC, IAE…).
            </p>
          </div>
          <div className="field">
            <label htmlFor="search-sort">Trier par</label>
            <select id="search-sort" name="sort" defaultValue={params.sort}>
              {Object.entries(SORT_LABELS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Rechercher
          </button>
        </div>

        <div className="search-layout">
          <div className="search-facets-column">
            <h2 className="visually-hidden">Filtres</h2>
            <details className="search-facets" open ref={facetsRef}>
              <summary>
                Filtrer les résultats
                {activeFilters > 0 ? <span className="facet-count"> ({plural(activeFilters, 'filtre actif', 'filtres actifs')})</span> : null}
              </summary>
            {validatedCount > 0 || params.validated ? (
              <fieldset className="search-facet">
                <legend>Validation</legend>
                <ul>
                  <li className="checkbox">
                    <input type="checkbox" id="facet-validated" name={VALIDATED_KEY} value="1" defaultChecked={params.validated} />
                    <label htmlFor="facet-validated">
                      Validé par le réseau <span className="facet-count">({numberFr.format(validatedCount)})</span>
                    </label>
                  </li>
                </ul>
              </fieldset>
            ) : null}
            {FACET_ORDER.map((facet) => {
              const counts = data.facets[facet] ?? {}
              const selected = params[facet] as string[]
              // Call states in their logical order (open, upcoming, closed), other values by count.
              const values = [...new Set([...selected, ...Object.keys(counts)])].sort((a, b) =>
                facet === 'state'
                  ? FUNDING_STATES.indexOf(a as never) - FUNDING_STATES.indexOf(b as never)
                  : (counts[b] ?? 0) - (counts[a] ?? 0) || label(facet, a).localeCompare(label(facet, b), 'fr'),
              )
              if (values.length === 0) return null
              return (
                <fieldset key={facet} className="search-facet">
                  <legend>{FACET_TITLES[facet]}</legend>
                  <ul>
                    {values.map((value) => {
                      const id = `facet-${facet}-${value}`.replace(/[^a-zA-Z0-9_-]/g, '-')
                      return (
                        <li key={value} className="checkbox">
                          <input
                            type="checkbox"
                            id={id}
                            name={facet}
                            value={value}
                            defaultChecked={selected.includes(value)}
                          />
                          <label htmlFor={id}>
                            {label(facet, value)} <span className="facet-count">({numberFr.format(counts[value] ?? 0)})</span>
                          </label>
                        </li>
                      )
                    })}
                  </ul>
                </fieldset>
              )
            })}
            {hasFilters ? (
              <p>
                <Link to={`/recherche${searchQueryString({ q: params.q, sort: params.sort })}`}>Retirer tous les filtres</Link>
              </p>
            ) : null}
            <noscript>
              <button type="submit" className="button button-secondary">
                Appliquer les filtres
              </button>
            </noscript>
            </details>
          </div>

          <section className="search-results" aria-labelledby="search-results-title" aria-busy={searching}>
            <h2 id="search-results-title" className="visually-hidden">
              Résultats
            </h2>
            <p role="status" className="search-count">
              {data.total === 0
                ? 'Aucun résultat'
                : `${plural(data.total, 'résultat', 'résultats')}${params.q ? ` pour « ${params.q} »` : ''}${pages > 1 ? `, page ${data.page} sur ${pages}` : ''}`}
            </p>
            {data.total === 0 ? (
              <ZeroResults params={params} suggestion={data.suggestion} hasFilters={hasFilters} />
            ) : (
              <>
                {data.partialMatch ? (
                  <p className="notice">Aucun résultat ne contient tous vos mots : voici ceux qui en contiennent au moins un.</p>
                ) : null}
                {data.suggestion ? (
                  <p className="notice">
                    Résultats proches de votre saisie. Vouliez-vous dire{' '}
                    <Link to={`/recherche${searchQueryString({ ...params, q: data.suggestion, page: 1 })}`}>
                      « {data.suggestion} »
                    </Link>{' '}
                    ?
                  </p>
                ) : null}
                <ol className="search-hits">
                  {data.hits.map((hit) => (
                    <li key={hit.id} className="card search-hit">
                      <h3>
                        {/* Highlights are HTML-escaped by the engine; only <mark> tags are ours. */}
                        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by search/analysis.ts highlight() */}
                        <Link to={hit.url} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
                      </h3>
                      <p className="search-hit-meta">
                        <span className="badge">{hit.kind === 'structure' ? 'Structure' : label('type', hit.type)}</span>
                        {hit.eventDate ? <time dateTime={hit.eventDate.startsAt}>{hit.eventDate.label}</time> : null}
                        {hit.territory ? <span>{label('territory', hit.territory)}</span> : null}
                        {hit.structureName ? <span>{hit.structureName}</span> : null}
                        {hit.state !== 'none' ? <span className={`state state-${hit.state}`}>{label('state', hit.state)}</span> : null}
                        {hit.validated ? <span className="badge badge-validated">Validé par le réseau</span> : null}
                        {hit.deadline ? (
                          <span>
                            Date limite : <time dateTime={hit.deadline}>{formatDateTimeFr(hit.deadline)}</time>
                          </span>
                        ) : null}
                      </p>
                      {hit.excerptHtml ? (
                        // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by search/analysis.ts excerpt()
                        <p dangerouslySetInnerHTML={{ __html: hit.excerptHtml }} />
                      ) : null}
                    </li>
                  ))}
                </ol>
                <Pagination
                    page={data.page}
                    pageCount={pages}
                    href={(n) => `/recherche${searchQueryString({ ...params, page: n })}`}
                    label="Pagination des résultats"
                  />
              </>
            )}
          </section>
        </div>
      </Form>
    </div>
  )
}

function ZeroResults({ params, suggestion, hasFilters }: { params: SearchParams; suggestion: string | null; hasFilters: boolean }) {
  return (
    <div className="search-empty">
      {suggestion ? (
        <p>
          Vouliez-vous dire{' '}
          <Link to={`/recherche${searchQueryString({ ...params, q: suggestion, page: 1 })}`}>« {suggestion} »</Link> ?
        </p>
      ) : null}
      <h3>Quelques pistes</h3>
      <ul>
        <li>Vérifiez l’orthographe ou essayez un mot plus général (« formation » plutôt que « formatrice »).</li>
        <li>Essayez un sigle ou son nom complet : « FSE » ou « Fonds social européen ».</li>
        {hasFilters ? (
          <li>
            <Link to={`/recherche${searchQueryString({ q: params.q })}`}>Chercher sans les filtres</Link>
          </li>
        ) : null}
      </ul>
      <h3>Parcours fréquents</h3>
      <ul>
        <li>
          <Link to="/recherche?state=open&sort=deadline">Appels à projets ouverts, par date limite</Link>
        </li>
        <li>
          <Link to="/recherche?type=formation">Formations</Link>
        </li>
        <li>
          <Link to="/recherche?type=bonne-pratique">Bonnes pratiques</Link>
        </li>
        <li>
          <Link to="/territoires">Les territoires du Pas-de-Calais</Link>
        </li>
      </ul>
    </div>
  )
}
