import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { loadTerritoryGroupForViewer } from '#app/modules/groups/group-route.server.ts'
import { listGroupResources } from '#app/modules/groups/pages.server.ts'
import { listFeatured } from '#app/modules/curation/featured.server.ts'
import { FeaturedList } from '#app/modules/curation/ui/featured-list.tsx'
import { GroupResourceList } from '#app/modules/groups/ui/group-resource-list.tsx'
import { territoryPath } from '#app/modules/site/site-map.ts'
import { RESOURCES_FEED_PATH, atomAlternate, feedHref } from '#app/modules/feeds/links.ts'
import { type CommuneSort, getTerritoryBySlug } from '#app/modules/territories/territories.server.ts'
import { notFound } from '#app/utils/http.server.ts'
import type { TerritoryPageHandle } from './territoires.$slug.tsx'

// The index tab of a territory's page: the resources of its group (the territory's, plus those published for the
// group's members, as far as this viewer may read them), then the territory itself: its EPCIs and communes.

export const handle: TerritoryPageHandle = {}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Territoire ${data.territory.name} — Essaim` : 'Territoire introuvable — Essaim' },
  ...(data
    ? [
        {
          name: 'description',
          content: `Le territoire ${data.territory.name} (Pas-de-Calais) : ses intercommunalités et ses ${data.territory.communeCount} communes.`,
        },
        atomAlternate(`Ressources d’Essaim — ${data.territory.name}`, feedHref(RESOURCES_FEED_PATH, { territory: data.territory.slug })),
      ]
    : []),
]

export async function loader({ params, request }: LoaderFunctionArgs) {
  const searchParams = new URL(request.url).searchParams
  const sort: CommuneSort = searchParams.get('tri') === 'population' ? 'population' : 'nom'
  const { viewer, group } = await loadTerritoryGroupForViewer(request, params.slug)
  const [territory, resources, featured] = await Promise.all([
    getTerritoryBySlug(group.territorySlug ?? '', { sort }),
    listGroupResources(group, viewer, { page: Number(searchParams.get('page')) || 1, pageSize: 10 }),
    listFeatured({ groupId: group.id }, viewer, { limit: 6 }),
  ])
  if (!territory) notFound()
  const highlighted = territory.communes.find((c) => c.insee === searchParams.get('commune')) ?? null
  return { territory, sort, highlighted, resources, featured }
}

const numberFr = new Intl.NumberFormat('fr-FR')

function SortHeader({ label, sort, current, slug }: { label: string; sort: CommuneSort; current: CommuneSort; slug: string }) {
  const active = sort === current
  const order = sort === 'population' ? 'par population décroissante' : 'par ordre alphabétique'
  return (
    <th scope="col" aria-sort={active ? (sort === 'population' ? 'descending' : 'ascending') : undefined}>
      {active ? (
        <>
          {label}
          <span className="visually-hidden">{` (trié ${order})`}</span>
        </>
      ) : (
        <Link to={`/territoires/${slug}${sort === 'population' ? '?tri=population' : ''}#communes`} preventScrollReset>
          {label}
          <span className="visually-hidden">{` : trier ${order}`}</span>
        </Link>
      )}
    </th>
  )
}

export default function Territoire() {
  const { territory, sort, highlighted, resources, featured } = useLoaderData<typeof loader>()
  return (
    <>
      {highlighted ? (
        <p className="notice" role="status">
          <strong>{highlighted.name}</strong> ({highlighted.postalCodes.join(', ')}) fait partie du territoire{' '}
          {territory.name}, dans l’intercommunalité {highlighted.epciName}.{' '}
          <a href={`#commune-${highlighted.insee}`}>Voir la commune dans le tableau</a>
        </p>
      ) : null}

      <FeaturedList items={featured} headingId="titre-groupe-a-la-une" />

      <GroupResourceList
        items={resources.items}
        total={resources.total}
        page={resources.page}
        pageCount={resources.pageCount}
        basePath={territoryPath(territory.slug)}
        empty="Aucune ressource n’est encore publiée pour ce territoire."
      />
      <p>
        <a href={feedHref(RESOURCES_FEED_PATH, { territory: territory.slug })}>S’abonner au flux des ressources publiques du territoire</a>
      </p>

      <h2>Intercommunalités</h2>
      <div className="table-wrapper">
        <table>
          <caption>{`Intercommunalités (EPCI) du territoire ${territory.name}`}</caption>
          <thead>
            <tr>
              <th scope="col">Intercommunalité</th>
              <th scope="col">Numéro SIREN</th>
              <th scope="col">Communes</th>
              <th scope="col">Population</th>
            </tr>
          </thead>
          <tbody>
            {territory.epcis.map((epci) => (
              <tr key={epci.siren}>
                <th scope="row">{epci.name}</th>
                <td>{epci.siren}</td>
                <td>{numberFr.format(epci.communeCount)}</td>
                <td>{numberFr.format(epci.population)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="communes">Communes</h2>
      <div className="table-wrapper">
        <table>
          <caption>
            {`Les ${numberFr.format(territory.communeCount)} communes du territoire ${territory.name}, ${
              sort === 'population' ? 'de la plus peuplée à la moins peuplée' : 'par ordre alphabétique'
            }`}
          </caption>
          <thead>
            <tr>
              <SortHeader label="Commune" sort="nom" current={sort} slug={territory.slug} />
              <th scope="col">Codes postaux</th>
              <th scope="col">Code INSEE</th>
              <th scope="col">Intercommunalité</th>
              <SortHeader label="Population" sort="population" current={sort} slug={territory.slug} />
            </tr>
          </thead>
          <tbody>
            {territory.communes.map((commune) => (
              <tr
                key={commune.insee}
                id={`commune-${commune.insee}`}
                className={highlighted?.insee === commune.insee ? 'highlighted' : undefined}
              >
                <th scope="row">{commune.name}</th>
                <td>{commune.postalCodes.join(', ')}</td>
                <td>{commune.insee}</td>
                <td>{commune.epciName}</td>
                <td>{numberFr.format(commune.population)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to="/territoires">Tous les territoires</Link>
      </p>
    </>
  )
}
