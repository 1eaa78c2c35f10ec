import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { EventList } from '#app/modules/events/ui/event-list.tsx'
import { jobsChart, legalFormsChart } from '#app/modules/home/ess-figures.server.ts'
import { ESS_JOBS, JOB_SHARES, LEGAL_FORMS, formatPercentFr } from '#app/modules/home/ess-figures.ts'
import { openCallsClosingSoonest, upcomingEvents } from '#app/modules/home/home.server.ts'
import { BarChartSvg, DonutChartSvg } from '#app/modules/home/ui/ess-charts.tsx'
import { HomeSection } from '#app/modules/home/ui/home-section.tsx'
import { listFeatured } from '#app/modules/curation/featured.server.ts'
import { FeaturedList } from '#app/modules/curation/ui/featured-list.tsx'
import { listPublishedPathways } from '#app/modules/pathways/pathways.server.ts'
import { listTerritoriesWithCounts } from '#app/modules/territories/territories.server.ts'
import { useOptionalUser } from '#app/root.tsx'
import { CALLS_FEED_PATH, DEADLINES_FEED_PATH, RESOURCES_FEED_PATH, atomAlternate } from '#app/modules/feeds/links.ts'

export const meta: MetaFunction = () => [
  { title: 'Essaim — réseau de l’ESS du Pas-de-Calais' },
  atomAlternate('Ressources d’Essaim', RESOURCES_FEED_PATH),
  atomAlternate('Appels à projets européens ouverts — Essaim', CALLS_FEED_PATH),
]

/** The five values shared by the structures of the ESS (the Département's page, written for the web). */
const ESS_VALUES = [
  { title: 'L’intérêt collectif d’abord', text: 'le projet sert le collectif avant les intérêts de chacun.' },
  { title: 'La non-lucrativité', text: 'les excédents sont répartis de façon juste et réinvestis dans le projet, pas distribués pour enrichir.' },
  { title: 'L’ancrage territorial', text: 'des citoyens se mobilisent pour répondre aux besoins repérés sur leur territoire.' },
  { title: 'La gestion démocratique', text: 'une personne, une voix, quel que soit l’argent apporté.' },
  { title: 'La libre adhésion', text: 'chacun est libre d’entrer dans la structure et d’en sortir.' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const territories = await listTerritoriesWithCounts()
  const [calls, events, featured, published] = await Promise.all([
    openCallsClosingSoonest(viewer),
    upcomingEvents(viewer, territories),
    listFeatured({ groupId: null }, viewer, { limit: 6 }),
    listPublishedPathways(viewer, { limit: 4 }),
  ])
  return {
    territories,
    calls,
    events,
    charts: { jobs: jobsChart(), legalForms: legalFormsChart() },
    featured,
    pathways: published.map((p) => ({ href: `/parcours/${p.slug}`, title: p.title, summary: p.introExcerpt })),
  }
}

const numberFr = new Intl.NumberFormat('fr-FR')

/** Where the figures below come from, and when that page was read (it gives no reference year for its figures). */
const ESS_SOURCE_URL = 'https://www.pasdecalais.fr/Vous-etes/Acteur-economique/Economie-Sociale-et-Solidaire'
const ESS_SOURCE_CONSULTED = 'décembre 2026'

export default function Index() {
  const { territories, calls, events, charts, pathways, featured } = useLoaderData<typeof loader>()
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

      <section aria-labelledby="titre-ess">
        <h2 id="titre-ess">Qu’est-ce que l’ESS ?</h2>
        <p>
          L’économie sociale et solidaire (ESS) est une autre façon d’entreprendre : elle place la personne au centre de
          l’activité. Elle réunit les associations, les coopératives, les mutuelles, les fondations et les entreprises
          sociales ou solidaires. Toutes partagent cinq valeurs :
        </p>
        <ol className="ess-values">
          {ESS_VALUES.map((value) => (
            <li key={value.title}>
              <strong>{value.title}</strong> : {value.text}
            </li>
          ))}
        </ol>
        <p>
          Un sigle vous échappe ? <Link to="/glossaire">Le glossaire</Link> explique les mots de l’ESS.
        </p>
      </section>

      <form method="get" action="/recherche" className="home-search" aria-labelledby="titre-recherche-accueil">
        <h2 id="titre-recherche-accueil">Chercher dans le réseau</h2>
        <label htmlFor="recherche-accueil">Ressources, structures, discussions</label>
        <p className="form-actions">
          <input id="recherche-accueil" type="search" name="q" />
          <button type="submit" className="button">
            Rechercher
          </button>
        </p>
      </form>

      <FeaturedList items={featured} />
      {user?.role === 'admin' ? (
        <p className="no-print">
          <Link to="/admin/une">Gérer les ressources à la une</Link>
        </p>
      ) : null}

      <HomeSection id="parcours" title="Par où commencer ?" items={pathways}>
        {(items) => (
          <ul className="card-grid">
            {items.map((p) => (
              <li key={p.href} className="card">
                <h3>
                  <Link to={p.href}>{p.title}</Link>
                </h3>
                <p>{p.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </HomeSection>

      <section aria-labelledby="titre-chiffres">
        <h2 id="titre-chiffres">L’ESS dans le Pas-de-Calais</h2>
        <div className="charts">
          <figure>
            <BarChartSvg chart={charts.jobs} id="graphique-emplois" />
            <figcaption>
              {numberFr.format(ESS_JOBS)} emplois dans l’ESS, plus de {formatPercentFr(13)} de l’emploi salarié.
            </figcaption>
          </figure>
          <figure>
            <DonutChartSvg chart={charts.legalForms} id="graphique-formes" />
            <figcaption>3 445 établissements employeurs, par forme juridique.</figcaption>
          </figure>
        </div>
        <details>
          <summary>Les chiffres en tableaux</summary>
          <table>
            <caption>Part de l’ESS dans l’emploi salarié</caption>
            <thead>
              <tr>
                <th scope="col">Territoire</th>
                <th scope="col">Part de l’emploi salarié</th>
              </tr>
            </thead>
            <tbody>
              {JOB_SHARES.map((s) => (
                <tr key={s.label}>
                  <th scope="row">{s.label}</th>
                  <td>{formatPercentFr(s.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Établissements employeurs de l’ESS du Pas-de-Calais par forme juridique</caption>
            <thead>
              <tr>
                <th scope="col">Forme juridique</th>
                <th scope="col">Part des établissements</th>
              </tr>
            </thead>
            <tbody>
              {LEGAL_FORMS.map((f) => (
                <tr key={f.label}>
                  <th scope="row">{f.label}</th>
                  <td>{formatPercentFr(f.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
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

      <HomeSection id="appels" title="Appels à projets ouverts" items={calls}>
        {(items) => (
          <>
            <ul className="resource-list" aria-labelledby="titre-appels">
              {items.map((call) => (
                <li key={call.id} className="resource-card">
                  <h3>
                    <Link to={call.href}>{call.title}</Link>
                  </h3>
                  {call.deadline && call.deadlineLabel ? (
                    <p>
                      <time dateTime={call.deadline}>{call.deadlineLabel}</time>
                    </p>
                  ) : (
                    <p>Sans date limite</p>
                  )}
                </li>
              ))}
            </ul>
            <p>
              <Link to="/recherche?state=open&sort=deadline">Tous les appels ouverts</Link>
            </p>
            <p>
              <a href={CALLS_FEED_PATH}>S’abonner au flux des appels ouverts</a> ·{' '}
              <a href={DEADLINES_FEED_PATH}>ajouter leurs dates limites à un agenda</a>
            </p>
          </>
        )}
      </HomeSection>

      <HomeSection id="evenements" title="Prochains événements" items={events}>
        {(items) => (
          <>
            <EventList items={items} labelledBy="titre-evenements" />
            <p>
              <Link to="/agenda">Tout l’agenda</Link>
            </p>
          </>
        )}
      </HomeSection>

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
