import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { formatDayFr } from '#app/utils/dates-fr.ts'

export const meta: MetaFunction = () => [
  { title: 'Conditions d’utilisation — Essaim' },
  {
    name: 'description',
    content:
      'Les règles d’utilisation d’Essaim : ce que les membres peuvent publier, la modération, la responsabilité de chacun, les données personnelles et la suppression du compte.',
  },
]

/** Update it with the text; a member accepts the version in force when they create their account. */
const CONDITIONS_DATE = '2026-12-02'

// Static page: no loader. The site's own rules of use, distinct from the Département's ESS charter (/charte), which
// structures sign on their page. A person accepts these conditions when they create an account (stored as
// `users.charter_accepted_at`, the field's historical name).

export default function ConditionsUtilisation() {
  return (
    <div className="container narrow">
      <h1>Conditions d’utilisation</h1>
      <p className="lead">
        Ces conditions sont les règles d’Essaim, le réseau de partage de connaissances de l’économie sociale et
        solidaire (ESS) du Pas-de-Calais. Chaque personne les accepte en créant son compte. Elles sont distinctes de la{' '}
        <Link to="/charte">charte de l’ESS</Link>, qui présente les valeurs de l’ESS et que les structures peuvent
        signer.
      </p>

      <h2>Qui peut utiliser Essaim</h2>
      <p>
        Tout le monde peut lire les ressources publiques, l’annuaire des structures et les pages des territoires sans
        compte. Pour publier, créer une structure ou rejoindre une structure, il faut un compte, dont l’adresse
        électronique a été confirmée. Un compte est personnel : ne partagez pas votre mot de passe.
      </p>

      <h2>Ce que les membres peuvent publier</h2>
      <p>
        Les membres publient des ressources utiles aux actrices et aux acteurs de l’ESS : initiatives, bonnes
        pratiques, formations et appels à projets européens, avec leurs pièces jointes et images. En publiant, vous
        vous engagez à :
      </p>
      <ul>
        <li>partager des informations exactes, à jour, et en rapport avec l’ESS ;</li>
        <li>citer vos sources et respecter le travail des autres ;</li>
        <li>
          ne publier que des textes, images et documents que vous avez le droit de partager (droits d’auteur, droit à
          l’image, secret des affaires) ;
        </li>
        <li>
          ne publier aucune donnée personnelle d’une autre personne sans son accord, ni aucun propos injurieux,
          diffamatoire, discriminatoire ou contraire à la loi, ni publicité sans rapport avec l’ESS ;
        </li>
        <li>vous adresser à chacune et à chacun avec respect, quel que soit son territoire, sa structure ou son rôle.</li>
      </ul>
      <p>
        Chaque ressource a une visibilité choisie par son auteur ou son autrice : « Tout le monde » ou « Membres
        connectés » (toute personne ayant un compte). Un brouillon n’est visible que par son auteur ou son autrice, par les membres des
        structures auxquelles il est rattaché et par les administrateurs.
      </p>

      <h2>Modération</h2>
      <p>
        Les contenus sont publiés directement, sans relecture préalable. Les administrateurs du site peuvent modifier,
        archiver, remettre en brouillon ou supprimer un contenu qui ne respecte pas ces conditions ; les versions
        successives d’une ressource sont conservées dans son historique. Si un contenu vous semble contraire à ces conditions ou à la loi,
        signalez-le à l’éditeur du site, dont les coordonnées figurent dans les{' '}
        <Link to="/mentions-legales">mentions légales</Link>.
      </p>

      <h2>Responsabilité</h2>
      <p>
        Chaque membre reste responsable des contenus qu’il ou elle publie. Les informations publiées sur Essaim (dates
        limites, montants, conditions d’un appel à projets…) sont données à titre indicatif : vérifiez-les toujours
        auprès de leur source officielle avant d’engager une démarche. L’éditeur du site ne garantit pas l’absence
        d’erreur ni la disponibilité permanente du service.
      </p>

      <h2>Structures</h2>
      <p>
        La personne qui inscrit une structure doit être habilitée à la représenter. Les responsables d’une structure
        gèrent sa page, ses membres et ses invitations ; ils peuvent signer la charte de l’ESS au nom de la structure.
      </p>

      <h2>Données personnelles</h2>
      <p>
        Essaim ne collecte que les données nécessaires au service. Ce qui est conservé, pourquoi, combien de temps et
        comment exercer vos droits est décrit sur la page{' '}
        <Link to="/donnees-personnelles">Données personnelles</Link>.
      </p>

      <h2>Supprimer son compte</h2>
      <p>
        Vous pouvez supprimer votre compte à tout moment depuis la page{' '}
        <Link to="/compte/supprimer">Supprimer mon compte</Link> (connexion requise). Vos ressources rattachées à une
        structure restent avec la structure, signées « Ancien membre » ; les autres sont retirées du site. Si vous êtes
        la seule personne responsable d’une structure, confiez-la d’abord à une autre personne ou supprimez-la.
      </p>

      <h2>Évolution de ces conditions</h2>
      <p>
        Version du <time dateTime={CONDITIONS_DATE}>{formatDayFr(CONDITIONS_DATE)}</time>. En cas de
        changement important, la nouvelle version est publiée sur cette page avec sa date.
      </p>
    </div>
  )
}
