import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CommuneCombobox } from '#app/components/commune-combobox.tsx'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { groupFigures, listGroups } from '#app/modules/groups/pages.server.ts'
import { membersText, openCallsText, resourcesText, structuresText } from '#app/modules/groups/ui/group-figures.tsx'
import { territoryPath } from '#app/modules/site/site-map.ts'
import { listTerritoriesWithEpcis, resolveCommuneInput } from '#app/modules/territories/territories.server.ts'
import groupStyles from '#app/styles/groups.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: groupStyles }]

export const meta: MetaFunction = () => [
  { title: 'Les neuf territoires du Pas-de-Calais — Essaim' },
  {
    name: 'description',
    content: 'Les neuf territoires du Pas-de-Calais, leurs intercommunalités et leurs communes, et le territoire de votre commune.',
  },
]

/** The territory page of a commune, opening on the notice that names it (its row is highlighted, one link away). */
function communeTerritoryUrl(commune: { insee: string; territorySlug: string }) {
  return `${territoryPath(commune.territorySlug)}?commune=${encodeURIComponent(commune.insee)}`
}

type SearchFeedback = {
  text: string
  error: string
  candidates: { insee: string; name: string; postalCodes: string[]; territoryName: string; url: string }[]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const searched = params.has('commune') || params.has('communeLabel')
  let search: SearchFeedback | null = null
  if (searched) {
    // « Trouver le territoire d’une commune » (GET): an INSEE code or an unambiguous name goes straight to the page.
    const result = await resolveCommuneInput(params, 'commune')
    if ('commune' in result && result.commune) throw redirect(communeTerritoryUrl(result.commune))
    if ('error' in result) {
      search = {
        text: (params.get('communeLabel') || params.get('commune') || '').slice(0, 100),
        error: result.error,
        candidates: (result.candidates ?? []).map((c) => ({
          insee: c.insee,
          name: c.name,
          postalCodes: c.postalCodes,
          territoryName: c.territoryName,
          url: communeTerritoryUrl(c),
        })),
      }
    }
  }
  const viewer = await getViewer(request)
  const [territories, groups] = await Promise.all([listTerritoriesWithEpcis(), listGroups(viewer)])
  // The figures of each territory's group, as far as this viewer is shown the group (groups.policy.ts, pages.server.ts).
  const figures = new Map(
    await Promise.all(
      groups
        .filter((group) => group.kind === 'territory' && group.territorySlug)
        .map(async (group) => [group.territorySlug as string, await groupFigures(group, viewer)] as const),
    ),
  )
  const withFigures = territories.map((territory) => ({ ...territory, figures: figures.get(territory.slug) ?? null }))
  return data({ territories: withFigures, search }, search ? { status: 400 } : undefined)
}

const numberFr = new Intl.NumberFormat('fr-FR')

/** A figure of a territory's group, or a dash when the group is not shown to this viewer. */
function FigureCell({ value }: { value: number | null | undefined }) {
  return <td>{value === null || value === undefined ? '—' : numberFr.format(value)}</td>
}

export default function Territoires() {
  const { territories, search } = useLoaderData<typeof loader>()
  const totalCommunes = territories.reduce((sum, t) => sum + t.communeCount, 0)
  const totalPopulation = territories.reduce((sum, t) => sum + t.population, 0)
  return (
    <div className="container">
      <h1>Les neuf territoires du Pas-de-Calais</h1>
      <p className="lead">
        Le Département agit à travers neuf territoires, chacun formé d’intercommunalités. Sur Essaim, chaque structure
        est rattachée à un territoire, chaque ressource à un territoire ou à tout le département : les listes de <Link to="/ressources">ressources</Link>,
        l’<Link to="/structures">annuaire des structures</Link> et la <Link to="/recherche">recherche</Link> se
        filtrent par territoire.{' '}
        {`Ensemble, ils couvrent les ${numberFr.format(totalCommunes)} communes du département et ${numberFr.format(totalPopulation)} habitants. `}
        Chaque territoire a aussi son groupe, avec ses ressources, ses membres et leur coordination : voir les{' '}
        <Link to="/groupes">groupes du réseau</Link>.
      </p>

      <section aria-labelledby="titre-trouver" className="card">
        <h2 id="titre-trouver">Trouver le territoire d’une commune</h2>
        <Form method="get" action="/territoires" className="form" aria-labelledby="titre-trouver">
          <CommuneCombobox
            name="commune"
            label="Commune"
            hint="Saisissez le nom ou le code postal d’une commune du Pas-de-Calais."
            defaultValue={search ? { insee: '', name: search.text } : undefined}
            errors={search ? [search.error] : undefined}
            errorId="commune-error"
            required
          />
          <p>
            <button type="submit" className="button">
              Voir son territoire
            </button>
          </p>
        </Form>
        {search && search.candidates.length > 0 ? (
          <section aria-labelledby="titre-propositions">
            <h3 id="titre-propositions">
              {search.candidates.length === 1 ? 'Commune proposée' : `${search.candidates.length} communes proposées`}
            </h3>
            <ul>
              {search.candidates.map((c) => (
                <li key={c.insee}>
                  <Link to={c.url}>
                    {c.name} ({c.postalCodes.join(', ')})
                  </Link>{' '}
                  — territoire {c.territoryName}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="titre-territoires">
        <h2 id="titre-territoires">Les territoires</h2>
        <p>
          Chaque territoire a son groupe : ses ressources, ses membres et leur coordination. Les mêmes chiffres sont
          repris dans le <a href="#tableau-territoires">tableau des territoires</a>.
        </p>
        <ul className="territory-tiles">
          {territories.map((territory) => (
            <li key={territory.slug} className="territory-tile">
              <h3>
                <Link to={territoryPath(territory.slug)}>{territory.name}</Link>
              </h3>
              <p>{`${numberFr.format(territory.communeCount)} communes, ${numberFr.format(territory.population)} habitants`}</p>
              {territory.figures ? (
                <ul className="tile-figures" aria-label={`Chiffres du groupe ${territory.name}`}>
                  <li>{membersText(territory.figures.members)}</li>
                  {territory.figures.structures === null ? null : <li>{structuresText(territory.figures.structures)}</li>}
                  <li>{resourcesText(territory.figures.resources)}</li>
                  <li>{openCallsText(territory.figures.openCalls)}</li>
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <h2 id="tableau-territoires">Tableau des territoires</h2>
      <div className="table-wrapper">
        <table>
          <caption>
            Les neuf territoires, leurs intercommunalités, leur nombre de communes et leur population, les membres, les
            structures, les ressources et les appels à projets ouverts de leur groupe
          </caption>
          <thead>
            <tr>
              <th scope="col">Territoire</th>
              <th scope="col">Intercommunalités (EPCI)</th>
              <th scope="col">Communes</th>
              <th scope="col">Population</th>
              <th scope="col">Membres</th>
              <th scope="col">Structures</th>
              <th scope="col">Ressources</th>
              <th scope="col">Appels à projets ouverts</th>
            </tr>
          </thead>
          <tbody>
            {territories.map((territory) => (
              <tr key={territory.slug}>
                <th scope="row">
                  <Link to={territoryPath(territory.slug)}>{territory.name}</Link>
                </th>
                <td>
                  <ul>
                    {territory.epcis.map((epci) => (
                      <li key={epci.siren}>{epci.name}</li>
                    ))}
                  </ul>
                </td>
                <td>{numberFr.format(territory.communeCount)}</td>
                <td>{numberFr.format(territory.population)}</td>
                <FigureCell value={territory.figures?.members} />
                <FigureCell value={territory.figures?.structures} />
                <FigureCell value={territory.figures?.resources} />
                <FigureCell value={territory.figures?.openCalls} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Pas-de-Calais</th>
              <td>{`${territories.reduce((sum, t) => sum + t.epcis.length, 0)} intercommunalités`}</td>
              <td>{numberFr.format(totalCommunes)}</td>
              <td>{numberFr.format(totalPopulation)}</td>
              <td colSpan={4}>
                <span className="visually-hidden">Pas de total : une personne ou une ressource peut compter pour plusieurs groupes.</span>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="source">
        Sources : <code>@etalab/decoupage-administratif</code> 6.0.0 (Insee, La Poste — Licence Ouverte Etalab) ;
        population municipale légale. Voir les <Link to="/mentions-legales">mentions légales</Link>.
      </p>
    </div>
  )
}
