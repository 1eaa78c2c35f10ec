import { Pagination } from '#app/components/pagination.tsx'
import { FollowButton } from '#app/modules/follows/ui/follow-button.tsx'
import { followState } from '#app/modules/follows/follows.server.ts'
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { canCreate } from '#app/modules/resources/resources.policy.ts'
import { formatDateTimeFr, formatDayFr, formatDateFr } from '#app/modules/resources/dates.ts'
import { RESOURCE_TYPES, RESOURCE_TYPE_LABELS, TERRITORY_DEPARTEMENT } from '#app/modules/resources/labels.ts'
import { type ResourceFilters, listResources } from '#app/modules/resources/resources.server.ts'
import { FundingStateBadge } from '#app/modules/resources/ui/funding-state-badge.tsx'
import resourcesStyles from '#app/modules/resources/ui/resources.css?url'
import { getStructureBySlug } from '#app/modules/structures/structures.server.ts'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { countFr } from '#app/utils/plural.ts'
import { CALLS_FEED_PATH, DEADLINES_FEED_PATH, RESOURCES_FEED_PATH, atomAlternate, feedHref } from '#app/modules/feeds/links.ts'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: resourcesStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.structure ? `Ressources de ${data.structure.name}` : 'Ressources'}${data && data.page > 1 ? ` (page ${data.page})` : ''} — Essaim`,
  },
  {
    name: 'description',
    content: 'Initiatives, bonnes pratiques, formations et appels à projets européens de l’ESS dans le Pas-de-Calais.',
  },
  ...(data ? feedLinks(data.filters).map((feed) => atomAlternate(feed.title, feed.href)) : []),
]

/** The Atom feeds of what the list shows (the structure filter aside): its resources, and the open calls. */
function feedLinks(filters: ResourceFilters) {
  const scope = { territory: filters.territory, theme: filters.theme }
  const resources = { title: 'Ressources d’Essaim (ces filtres)', href: feedHref(RESOURCES_FEED_PATH, { type: filters.type, ...scope }) }
  if (filters.type !== 'financement-europeen') return [resources]
  return [resources, { title: 'Appels à projets européens ouverts (ces filtres)', href: feedHref(CALLS_FEED_PATH, scope) }]
}

/** Reads the filters from the query string; anything unknown is ignored rather than an error. */
function readFilters(params: URLSearchParams, known: { territories: Set<string>; themes: Set<string> }): ResourceFilters {
  const type = RESOURCE_TYPES.find((t) => t === params.get('type'))
  const territory = params.get('territoire') ?? ''
  const theme = params.get('theme') ?? ''
  const page = Number.parseInt(params.get('page') ?? '1', 10)
  return {
    type,
    territory: known.territories.has(territory) ? territory : undefined,
    theme: known.themes.has(theme) ? theme : undefined,
    openOnly: params.get('ouverts') === 'oui',
    validatedOnly: params.get('valide') === '1',
    sort: params.get('tri') === 'echeance' ? 'deadline' : 'recent',
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const params = new URL(request.url).searchParams
  const structureSlug = params.get('structure')
  const [territories, themes, structureRow] = await Promise.all([
    listTerritories(),
    listThemes(),
    structureSlug ? getStructureBySlug(structureSlug) : null,
  ])
  const structure = structureRow ? { slug: structureRow.slug, name: structureRow.name } : null
  const filters: ResourceFilters = {
    ...readFilters(params, {
      territories: new Set([TERRITORY_DEPARTEMENT, ...territories.map((t) => t.slug)]),
      themes: new Set(themes.map((t) => t.slug)),
    }),
    structure: structure?.slug,
  }
  const result = await listResources(viewer, filters)
  return {
    ...result,
    filters,
    structure,
    canCreate: canCreate(viewer),
    // A theme has no page of its own: its follow button is here, on the list filtered by it (issue 17).
    follow: filters.theme ? await followState(viewer, { kind: 'theme', key: filters.theme }) : null,
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
    themes: themes.map((t) => ({ slug: t.slug, name: t.name })),
  }
}


export default function ResourcesPage() {
  const { items, total, page, pageCount, filters, territories, themes, canCreate, structure, validatedCount, follow } = useLoaderData<typeof loader>()
  const query = (targetPage: number, options: { withoutStructure?: boolean } = {}) => {
    const params = new URLSearchParams()
    if (filters.type) params.set('type', filters.type)
    if (filters.territory) params.set('territoire', filters.territory)
    if (filters.theme) params.set('theme', filters.theme)
    if (filters.openOnly) params.set('ouverts', 'oui')
    if (filters.validatedOnly) params.set('valide', '1')
    if (filters.structure && !options.withoutStructure) params.set('structure', filters.structure)
    if (filters.sort === 'deadline') params.set('tri', 'echeance')
    if (targetPage > 1) params.set('page', String(targetPage))
    const search = params.toString()
    return search ? `/ressources?${search}` : '/ressources'
  }
  return (
    <div className="container">
      <h1>{structure ? `Ressources de ${structure.name}` : 'Ressources'}</h1>
      <FollowButton
        state={follow}
        follow={`Suivre le thème « ${themes.find((t) => t.slug === filters.theme)?.name ?? ''} »`}
        stop={`Ne plus suivre le thème « ${themes.find((t) => t.slug === filters.theme)?.name ?? ''} »`}
      />
      <p className="lead">
        Initiatives, bonnes pratiques, formations et appels à projets européens partagés par les acteurs de l’ESS du
        Pas-de-Calais.
      </p>
      {canCreate ? (
        <p>
          <Link to="/ressources/nouvelle" className="button">
            Partager une ressource
          </Link>
        </p>
      ) : null}

      <Form method="get" className="resource-filters" aria-labelledby="titre-filtres">
        <h2 id="titre-filtres" className="visually-hidden">
          Filtrer les ressources
        </h2>
        {structure ? (
          <p className="resource-filter-structure">
            <input type="hidden" name="structure" value={structure.slug} />
            Structure : <Link to={`/structures/${structure.slug}`}>{structure.name}</Link> —{' '}
            <Link to={query(1, { withoutStructure: true })}>voir les ressources de toutes les structures</Link>
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="filtre-type">Type</label>
          <select id="filtre-type" name="type" defaultValue={filters.type ?? ''}>
            <option value="">Tous les types</option>
            {RESOURCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {RESOURCE_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-territoire">Territoire</label>
          <select id="filtre-territoire" name="territoire" defaultValue={filters.territory ?? ''}>
            <option value="">Tous les territoires</option>
            <option value={TERRITORY_DEPARTEMENT}>Tout le Pas-de-Calais</option>
            {territories.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-theme">Thématique</label>
          <select id="filtre-theme" name="theme" defaultValue={filters.theme ?? ''}>
            <option value="">Toutes les thématiques</option>
            {themes.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-tri">Trier par</label>
          <select id="filtre-tri" name="tri" defaultValue={filters.sort === 'deadline' ? 'echeance' : 'recent'}>
            <option value="recent">Les plus récentes d’abord</option>
            <option value="echeance">Échéance la plus proche d’abord</option>
          </select>
        </div>
        <div className="checkbox">
          <input id="filtre-ouverts" type="checkbox" name="ouverts" value="oui" defaultChecked={filters.openOnly} />
          <label htmlFor="filtre-ouverts">Appels ouverts uniquement</label>
        </div>
        <div className="checkbox">
          <input id="filtre-valide" type="checkbox" name="valide" value="1" defaultChecked={filters.validatedOnly} />
          <label htmlFor="filtre-valide">
            Validé par le réseau <span className="facet-count">({countFr(validatedCount, 'ressource', 'ressources')})</span>
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Filtrer
          </button>
          <Link to="/ressources">Réinitialiser les filtres</Link>
        </div>
      </Form>

      <h2 id="titre-resultats" aria-live="polite">
        {total === 0 ? 'Aucune ressource' : countFr(total, 'ressource', 'ressources')}
        {pageCount > 1 ? ` — page ${page} sur ${pageCount}` : ''}
      </h2>
      {total === 0 ? <p>Aucune ressource ne correspond à ces critères. Essayez d’élargir votre recherche.</p> : null}
      <ul className="resource-list" aria-labelledby="titre-resultats">
        {items.map((item) => (
          <li key={item.id} className="resource-card">
            <p className="resource-meta">
              <span className="badge badge-kind">{RESOURCE_TYPE_LABELS[item.type]}</span>
              {item.fundingState ? <FundingStateBadge state={item.fundingState} /> : null}
              {item.validated ? <span className="badge badge-validated">Validé par le réseau</span> : null}
              <span>{item.territoryName}</span>
            </p>
            <h3>
              <Link to={`/ressources/${item.slug}`}>{item.title}</Link>
            </h3>
            <p>{item.summary}</p>
            <ul className="resource-meta">
              {item.type === 'financement-europeen' && item.programme ? <li>{item.programme}</li> : null}
              {item.type === 'financement-europeen' && item.deadline ? (
                <li>
                  Date limite : <time dateTime={item.deadline}>{formatDateTimeFr(item.deadline)}</time>
                </li>
              ) : null}
              {item.type === 'formation' && item.startDate ? (
                <li>
                  Prochaine session : <time dateTime={item.startDate}>{formatDayFr(item.startDate)}</time>
                </li>
              ) : null}
              {item.publishedAt ? (
                <li>
                  Publiée le <time dateTime={item.publishedAt}>{formatDateFr(item.publishedAt)}</time>
                </li>
              ) : null}
              {item.themes.length ? <li>{item.themes.join(' · ')}</li> : null}
            </ul>
          </li>
        ))}
      </ul>
      <Pagination page={page} pageCount={pageCount} href={query} />

      <p>
        <a href={feedHref(RESOURCES_FEED_PATH, { type: filters.type, territory: filters.territory, theme: filters.theme })}>
          {filters.structure ? 'S’abonner au flux des ressources de toutes les structures' : 'S’abonner au flux de ces ressources'}
        </a>{' '}
        (Atom : les 50 plus récentes, publiques, avec les mêmes filtres)
        {filters.type === 'financement-europeen' ? (
          <>
            {' '}
            · <a href={feedHref(CALLS_FEED_PATH, { territory: filters.territory, theme: filters.theme })}>S’abonner au flux des appels ouverts</a> ·{' '}
            <a href={feedHref(DEADLINES_FEED_PATH, { territory: filters.territory, theme: filters.theme })}>ajouter leurs dates limites à un agenda</a>
          </>
        ) : null}
      </p>
      <p>
        Données ouvertes (Licence Ouverte 2.0) : <a href="/ressources.csv">télécharger les ressources publiques au format CSV</a>{' '}
        ou interroger <a href="/api/v1/resources">l’API JSON</a> (<a href="/api/v1/openapi.json">description OpenAPI</a>).
      </p>
    </div>
  )
}
