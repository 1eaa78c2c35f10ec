import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listTerritoriesWithCounts } from '#app/modules/territories/territories.server.ts'
import { useOptionalUser } from '#app/root.tsx'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { listFeatured } from '#app/modules/curation/featured.server.ts'
import { FeaturedList } from '#app/modules/curation/ui/featured-list.tsx'

export const meta: MetaFunction = () => [{ title: 'Essaim — réseau de l’ESS du Pas-de-Calais' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const featured = await listFeatured({ groupId: null }, await getViewer(request), { limit: 6 })
  return { territories: await listTerritoriesWithCounts(), featured }
}

const numberFr = new Intl.NumberFormat('fr-FR')

/** Where the figures below come from, and when that page was read (it gives no reference year for its figures). */
const ESS_SOURCE_URL = 'https://www.pasdecalais.fr/Vous-etes/Acteur-economique/Economie-Sociale-et-Solidaire'
const ESS_SOURCE_CONSULTED = 'décembre 2026'

export default function Index() {
  const { territories, featured } = useLoaderData<typeof loader>()
  const user = useOptionalUser()
  return (
    <div className="container">
      <section className="hero" aria-labelledby="titre-accueil">
        <h1 id="titre-accueil">Essaim, le réseau de l’ESS du Pas-de-Calais</h1>
        <p className="lead">
          Associations, coopératives, mutuelles, fondations et entreprises sociales partagent ici ce qui marche :
          initiatives, bonnes pratiques, formations et appels à projets européens, territoire par territoire.
        </p>
        {user ? (
          <p>
            <Link to="/compte" className="button">
              Mon compte
            </Link>
          </p>
        ) : (
          <p className="form-actions">
            <Link to="/inscription" className="button">
              Rejoindre le réseau
            </Link>
            <Link to="/connexion" className="button button-secondary">
              Se connecter
            </Link>
          </p>
        )}
      </section>

      <FeaturedList items={featured} />

      <section aria-labelledby="titre-chiffres">
        <h2 id="titre-chiffres">L’ESS dans le Pas-de-Calais</h2>
        <ul className="figures">
          <li>
            <strong>48 390</strong> emplois, plus de 13 % de l’emploi salarié (11,3 % en région, 9,8 % en France)
          </li>
          <li>
            <strong>3 445</strong> établissements employeurs : 81 % d’associations, 15 % de coopératives, 4 % de
            fondations
          </li>
          <li>
            <strong>+2,4 %</strong> de création d’emplois dans l’ESS, contre +1,8 % dans les autres secteurs
          </li>
          <li>
            <strong>8,7 M€</strong> engagés directement par le Département en faveur de l’ESS
          </li>
        </ul>
        <p className="source">
          Source :{' '}
          <a href={ESS_SOURCE_URL} hrefLang="fr">
            Département du Pas-de-Calais, page « Économie Sociale et Solidaire »
          </a>
          , consultée en {ESS_SOURCE_CONSULTED} ; la page ne précise pas l’année de référence de ces chiffres. Le Conseil départemental de
          l’ESS (CDESS), présidé par le président du Département, se réunit deux fois par an.
        </p>
      </section>

      <section aria-labelledby="titre-territoires">
        <h2 id="titre-territoires">Neuf territoires</h2>
        <ul className="card-grid">
          {territories.map((territory) => (
            <li key={territory.slug} className="card">
              <h3>
                <Link to={`/territoires/${territory.slug}`}>{territory.name}</Link>
              </h3>
              <p>
                {numberFr.format(territory.communeCount)} communes, {numberFr.format(territory.population)} habitants
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
