import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getLegalInformation } from '#app/modules/site/legal.server.ts'

export const meta: MetaFunction = () => [{ title: 'Mentions légales — Essaim' }]

export async function loader() {
  return { legal: getLegalInformation() }
}

function NotConfigured({ variable }: { variable: string }) {
  return (
    <p className="notice">
      Cette information n’a pas encore été renseignée par l’exploitant de ce site. Elle se règle dans la configuration
      du serveur (variable d’environnement <code>{variable}</code>).
    </p>
  )
}

function Lines({ lines }: { lines: string[] }) {
  return (
    <address>
      {lines.map((line, index) => (
        <span key={line}>
          {index > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </address>
  )
}

export default function MentionsLegales() {
  const { legal } = useLoaderData<typeof loader>()
  return (
    <div className="container narrow">
      <h1>Mentions légales</h1>
      <p>
        Le site <a href={legal.siteUrl}>{legal.siteHost}</a> est une instance d’Essaim, le réseau de partage de
        connaissances de l’économie sociale et solidaire (ESS) du Pas-de-Calais.
      </p>

      <h2>Éditeur</h2>
      {legal.publisher ? <Lines lines={legal.publisher} /> : <NotConfigured variable="LEGAL_PUBLISHER" />}

      <h2>Directeur ou directrice de la publication</h2>
      {legal.publicationDirector ? (
        <p>{legal.publicationDirector}</p>
      ) : (
        <NotConfigured variable="LEGAL_PUBLICATION_DIRECTOR" />
      )}

      <h2>Hébergement</h2>
      {legal.host ? <Lines lines={legal.host} /> : <NotConfigured variable="LEGAL_HOST" />}

      <h2>Données et licences</h2>
      <h3>Territoires et communes</h3>
      <p>
        La liste des communes du Pas-de-Calais (codes INSEE, codes postaux, population) et leur rattachement aux
        intercommunalités proviennent du paquet{' '}
        <a href="https://github.com/etalab/decoupage-administratif" hrefLang="fr">
          <code>@etalab/decoupage-administratif</code>
        </a>{' '}
        (version 6.0.0) publié par Etalab, qui agrège des données de l’Insee et de La Poste, réutilisées sous{' '}
        <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/" hrefLang="fr">
          Licence Ouverte / Open Licence (Etalab)
        </a>
        . Le regroupement des intercommunalités en neuf territoires est la configuration par défaut d’Essaim ; les
        administrateurs du site peuvent la modifier.
      </p>
      <h3>Chiffres et valeurs de l’ESS</h3>
      <p>
        Les chiffres de l’ESS présentés en page d’accueil et le texte de la <Link to="/charte">charte de l’ESS</Link>{' '}
        reprennent la page « Économie Sociale et Solidaire » du site du Département du Pas-de-Calais, qui en est la
        source.
      </p>
      <h3>Contenus publiés par les membres</h3>
      <p>
        Chaque membre reste responsable des contenus qu’il publie sur Essaim et garantit disposer des droits
        nécessaires pour les partager.
      </p>

      <h2>Données personnelles et accessibilité</h2>
      <ul>
        <li>
          <Link to="/donnees-personnelles">Données personnelles : ce qui est collecté et vos droits</Link>
        </li>
        <li>
          <Link to="/accessibilite">Déclaration d’accessibilité</Link>
        </li>
      </ul>

      <h2>Cookies</h2>
      <p>
        Essaim ne dépose aucun cookie de mesure d’audience ni de publicité. Deux cookies techniques, exemptés de
        consentement, sont utilisés : le cookie de session (pour garder votre session ouverte) et un cookie de message (qui
        affiche une confirmation après une action, puis s’efface). Le détail figure sur la page{' '}
        <Link to="/donnees-personnelles#cookies">Données personnelles</Link>.
      </p>
    </div>
  )
}
