import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

export const meta: MetaFunction = () => [
  { title: 'Charte de l’ESS — Essaim' },
  {
    name: 'description',
    content:
      'La charte de l’ESS du Pas-de-Calais : la définition de l’économie sociale et solidaire et ses valeurs (intérêt collectif, non-lucrativité, ancrage territorial, gestion démocratique, libre adhésion), selon le Département.',
  },
]

// Static page: no loader. The values are those the Département du Pas-de-Calais sets out on its ESS page.

const VALUES = [
  {
    title: 'La primauté de l’intérêt collectif sur l’intérêt individuel',
    text: 'Le projet sert d’abord les personnes et le territoire, avant l’intérêt particulier de ceux qui le portent.',
  },
  {
    title: 'La non-lucrativité et une juste répartition des excédents',
    text: 'Les bénéfices ne sont pas une fin en soi : ils sont réinvestis dans le projet ou équitablement répartis.',
  },
  {
    title: 'L’ancrage territorial et une mobilisation citoyenne',
    text: 'Les structures répondent aux besoins identifiés sur leur territoire, avec les habitantes et les habitants qui s’y engagent.',
  },
  {
    title: 'La gestion démocratique : une personne est égale à une voix',
    text: 'Les décisions se prennent ensemble, quel que soit le capital ou la contribution de chacun.',
  },
  {
    title: 'La libre adhésion',
    text: 'Chacun est libre d’intégrer la structure ou de la quitter.',
  },
] as const

export default function Charte() {
  return (
    <div className="container narrow">
      <h1>Charte de l’ESS</h1>
      <p className="lead">
        Cette page présente l’économie sociale et solidaire (ESS) et ses valeurs telles que le Département du
        Pas-de-Calais les décrit : ce sont les principes auxquels une structure s’engage en signant la charte de l’ESS
        sur Essaim. Les règles d’utilisation du site, que chaque personne accepte en
        créant son compte, sont une autre page : les <Link to="/conditions-utilisation">conditions d’utilisation</Link>.
      </p>

      <section aria-labelledby="titre-ess">
        <h2 id="titre-ess">Qu’est-ce que l’économie sociale et solidaire ?</h2>
        <p>
          <strong>L’économie sociale et solidaire, c’est l’autre volonté d’entreprendre.</strong> La notion a émergé
          dans les années 1950 ; depuis une trentaine d’années, l’ESS est véritablement reconnue et s’organise aux
          niveaux national et européen.
        </p>
        <p>
          Souvent définie comme une autre forme d’économie, une alternative au modèle économique dominant, l’ESS
          regroupe une diversité de structures qui visent toutes le même objectif : placer la personne au centre des
          préoccupations. Elle recouvre l’ensemble des coopératives, des mutuelles, des associations, des fondations,
          ainsi que les entreprises sociales ou solidaires.
        </p>
      </section>

      <section aria-labelledby="titre-valeurs">
        <h2 id="titre-valeurs">Cinq valeurs partagées</h2>
        <p>
          Toutes ces structures partagent des valeurs communes, fondées sur la citoyenneté et l’équité sociale :
        </p>
        <ol>
          {VALUES.map((value) => (
            <li key={value.title}>
              <strong>{value.title}</strong>
              <br />
              {value.text}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="titre-cdess">
        <h2 id="titre-cdess">Le CDESS, instance départementale de pilotage de l’ESS</h2>
        <p>
          Le Conseil départemental de l’économie sociale et solidaire (CDESS) est présidé par le président du
          Département. Il réunit les partenaires institutionnels et associatifs de l’ESS et siège deux fois par an ; des
          séances de travail dans les territoires prolongent les contacts de terrain. Le CDESS a pour objectifs de :
        </p>
        <ul>
          <li>mobiliser les acteurs publics et privés ;</li>
          <li>
            fédérer les secteurs de l’ESS autour des orientations stratégiques définies par le Département, en
            cohérence avec la stratégie régionale ;
          </li>
          <li>promouvoir les valeurs de l’ESS sur les territoires ;</li>
          <li>définir le label et la charte de l’ESS ;</li>
          <li>assurer une veille stratégique sur ce qui se passe dans les autres départements ;</li>
          <li>évaluer les dispositifs et les mesures mis en place.</li>
        </ul>
      </section>

      <section aria-labelledby="titre-engagement">
        <h2 id="titre-engagement">Signer la charte sur Essaim</h2>
        <p>
          Une personne responsable d’une structure inscrite sur Essaim peut signer la charte au nom de la structure,
          depuis la page de la structure. La signature apparaît sur cette page, avec sa date, et dans
          l’<Link to="/structures">annuaire</Link>, qui permet de n’afficher que les structures signataires.
        </p>
        <p>
          Vous n’avez pas encore de compte ? <Link to="/inscription">Rejoindre le réseau Essaim</Link>.
        </p>
      </section>

      <p className="source">
        Source : Département du Pas-de-Calais,{' '}
        <a href="https://www.pasdecalais.fr/Vous-etes/Acteur-economique/Economie-Sociale-et-Solidaire" hrefLang="fr">
          page « Économie Sociale et Solidaire » du site pasdecalais.fr
        </a>{' '}
        (rubrique « Acteur économique »).
      </p>
    </div>
  )
}
