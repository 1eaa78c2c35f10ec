import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EMAIL_RETENTION_DAYS } from '#app/modules/email/outbox.server.ts'
import { getLegalInformation } from '#app/modules/site/legal.server.ts'

export const meta: MetaFunction = () => [{ title: 'Données personnelles — Essaim' }]

export async function loader() {
  const legal = getLegalInformation()
  return {
    siteHost: legal.siteHost,
    email: legal.privacyEmail,
    publisher: legal.publisher?.[0] ?? null,
    emailRetentionDays: EMAIL_RETENTION_DAYS,
  }
}

const CONTRACT = 'Exécution du service que vous demandez en créant un compte (article 6.1.b du RGPD)'
const CONTRACT_SHORT = 'Exécution du service (article 6.1.b)'
const SECURITY = 'Sécurité du service (intérêt légitime, article 6.1.f)'

type Row = { id: string; data: string; purpose: string; basis: string; retention: string }

/**
 * Every kind of personal data Essaim keeps, read from the code: app/modules/privacy/sections.server.ts (export and
 * erasure), account deletion, the session and token lifetimes, the email outbox retention, the in-memory limiters.
 * A domain that stores something new about people adds its row here (and its section in sections.server.ts).
 */
function dataRows(emailRetentionDays: number): Row[] {
  return [
    {
      id: 'compte',
      data: 'Compte : adresse électronique, nom, empreinte du mot de passe (jamais le mot de passe lui-même), rôle (membre ou administrateur), dates de confirmation de l’adresse et d’acceptation des conditions d’utilisation, territoire de rattachement s’il est renseigné, dates de création et de modification',
      purpose: 'Tenir votre compte, vous identifier et afficher votre nom avec ce que vous publiez',
      basis: CONTRACT,
      retention: 'Jusqu’à la suppression du compte',
    },
    {
      id: 'profil',
      data: 'Profil : présentation que vous écrivez et visibilité choisie pour votre page de membre (tout le monde, membres connectés, ou masquée)',
      purpose: 'Présenter votre parcours aux autres membres, si vous le souhaitez',
      basis: CONTRACT_SHORT,
      retention: 'Jusqu’à sa modification ou à la suppression du compte',
    },
    {
      id: 'structures',
      data: 'Structures et adhésions : structures que vous avez inscrites, structures dont vous êtes membre ou responsable et date d’adhésion, signature de la charte de l’ESS au nom d’une structure (qui a signé, et quand)',
      purpose: 'Permettre aux structures de gérer leur page et leurs membres, et de publier ensemble',
      basis: CONTRACT_SHORT,
      retention:
        'Une adhésion, jusqu’à votre départ de la structure ou la suppression du compte ; la structure elle-même reste tant que ses responsables ne la suppriment pas (votre nom n’y est plus rattaché après la suppression de votre compte)',
    },
    {
      id: 'demandes',
      data: 'Demandes d’adhésion (message, réponse et dates) et invitations (adresse de la personne invitée, rôle proposé, personne qui invite, dates)',
      purpose: 'Rejoindre une structure, ou y inviter une personne',
      basis: CONTRACT_SHORT,
      retention:
        'Une invitation est valable 7 jours. Demandes et invitations restent dans l’historique de la structure. À la suppression du compte, vos demandes et les invitations adressées à votre adresse sont effacées ; celles que vous avez envoyées restent, sans votre nom',
    },
    {
      id: 'ressources',
      data: 'Ressources que vous écrivez et chacune de leurs versions (texte, auteur ou autrice, date, note de modification)',
      purpose: 'Publier et partager des connaissances, garder l’historique des modifications',
      basis: CONTRACT_SHORT,
      retention:
        'Jusqu’à leur suppression. À la suppression du compte, vos ressources rattachées à une structure restent avec la structure, signées « Ancien membre » ; les autres sont retirées du site et de la recherche. Une ressource supprimée est gardée, masquée, pour qu’un administrateur puisse la restaurer : il n’y a pas encore d’effacement définitif automatique',
    },
    {
      id: 'commentaires',
      data: 'Commentaires que vous écrivez sur les ressources et les événements (texte, date, date de modification, réponse à qui), et vos réactions aux ressources (« Utile », « Je l’ai testé », avec la structure que vous avez choisi de nommer)',
      purpose: 'Partager votre expérience avec les autres membres et dire ce qui vous a servi',
      basis: CONTRACT_SHORT,
      retention:
        'Jusqu’à leur suppression. Un commentaire que vous supprimez disparaît ; s’il a des réponses, il reste à sa place, sans son texte, sous la mention « Commentaire supprimé ». À la suppression du compte, vos commentaires restent, sans votre nom, signés « Compte supprimé » ; vos réactions sont effacées. Pour empêcher les envois en masse, l’heure de chaque commentaire publié est aussi comptée avec l’identifiant de votre compte, qui ne sert qu’une minute et est effacé lors des nettoyages réguliers de ces compteurs',
    },
    {
      id: 'fichiers',
      data: 'Fichiers joints et images des ressources : le fichier, son nom d’origine, la personne qui l’a envoyé, la date',
      purpose: 'Joindre des documents et des images aux ressources',
      basis: CONTRACT_SHORT,
      retention: 'Avec la ressource à laquelle ils sont joints, jusqu’à leur retrait',
    },
    {
      id: 'coordonnees',
      data: 'Coordonnées et logo des structures : adresse, site web, adresse électronique et téléphone de contact, logo',
      purpose:
        'Présenter la structure dans l’annuaire. L’adresse électronique et le téléphone de contact ne sont publiés que si la structure le choisit ; sinon seuls ses responsables et les administrateurs les voient',
      basis: CONTRACT_SHORT,
      retention: 'Jusqu’à leur modification par la structure ou la suppression de la structure',
    },
    {
      id: 'journal',
      data: 'Journal des actions sur les structures : signature de la charte, attribution ou retrait du label, suppression d’une structure (qui, quoi, quand)',
      purpose: 'Pouvoir retracer ces décisions',
      basis: SECURITY,
      retention: 'Conservé avec la structure ; le lien vers la personne est effacé avec son compte',
    },
    {
      id: 'sessions',
      data: 'Sessions : description de l’appareil (navigateur et système, tirés de l’en-tête « User-Agent »), dates d’ouverture, de dernière activité et d’expiration ; seule une empreinte du jeton de session est enregistrée',
      purpose: 'Garder votre session ouverte et vous permettre de voir et de fermer vos sessions depuis « Mon compte »',
      basis: `${CONTRACT_SHORT} et ${SECURITY.charAt(0).toLowerCase()}${SECURITY.slice(1)}`,
      retention:
        '30 jours au plus ; une session inactive pendant 7 jours est fermée ; les sessions expirées sont effacées dans l’heure',
    },
    {
      id: 'liens',
      data: 'Liens de confirmation d’adresse, de changement d’adresse et de réinitialisation du mot de passe (empreintes), et nouvelle adresse demandée',
      purpose: 'Vérifier votre adresse électronique, vous permettre de la changer ou de choisir un nouveau mot de passe',
      basis: CONTRACT_SHORT,
      retention:
        'Valables 24 heures (confirmation et changement d’adresse) et 1 heure (réinitialisation), à usage unique ; effacés avec le compte',
    },
    {
      id: 'echecs',
      data: 'Échecs de connexion : compte visé et date ; adresse IP d’où viennent les échecs, gardée en mémoire seulement',
      purpose: 'Ralentir les tentatives de deviner un mot de passe',
      basis: SECURITY,
      retention:
        'Une heure : les échecs plus anciens ne comptent plus et sont effacés à l’échec suivant ; tous le sont à la connexion réussie suivante. Les adresses IP, gardées en mémoire une heure, disparaissent aussi au redémarrage du serveur',
    },
    {
      id: 'limites',
      data: 'Compteurs de limitation des envois : adresse IP et heure de chaque envoi des formulaires du compte (connexion, création de compte, mot de passe oublié, confirmation d’adresse, changement de mot de passe, suppression du compte…), en mémoire seulement',
      purpose: 'Empêcher les envois automatisés en masse',
      basis: SECURITY,
      retention: 'Une minute ; rien n’est écrit dans la base, tout disparaît au redémarrage du serveur',
    },
    {
      id: 'courriels',
      data: 'Courriels envoyés : destinataire, objet, contenu, état de l’envoi',
      purpose:
        'Vous envoyer les courriels du service (confirmation d’adresse, mot de passe oublié, invitations, demandes d’adhésion et réponses) et réessayer en cas d’échec de l’envoi',
      basis: CONTRACT_SHORT,
      retention: `Conservés dans la file d’envoi du serveur le temps de l’envoi, puis effacés automatiquement ${emailRetentionDays} jours après l’envoi (ou après l’abandon des nouvelles tentatives) ; ceux qui vous sont adressés sont effacés avec votre compte`,
    },
    {
      id: 'recherches',
      data: 'Statistiques de recherche : les mots recherchés et, pour chaque semaine, combien de fois ils l’ont été et combien de fois sans résultat. Ni compte, ni adresse IP, ni heure : ces décomptes sont anonymes',
      purpose: 'Savoir ce que les visiteurs cherchent et ne trouvent pas, pour améliorer les contenus et la recherche',
      basis: 'Intérêt légitime (article 6.1.f)',
      retention: 'Regroupés par semaine, sans effacement automatique pour l’instant : ils ne désignent personne',
    },
    {
      id: 'abonnements',
      data: 'Abonnements et notifications : ce que vous suivez (ressources, structures, groupes, territoires, thèmes, événements, recherches enregistrées), en indiquant ceux qui sont automatiques (ce que vous écrivez, les événements auxquels vous vous inscrivez) et ceux que vous avez arrêtés, et vos notifications dans le site (leur objet, leur date, et si elles sont lues)',
      purpose: 'Vous prévenir dans le site de ce qui est nouveau dans ce que vous suivez et des décisions qui vous concernent',
      basis: CONTRACT,
      retention: 'Jusqu’à ce que vous arrêtiez l’abonnement ou supprimiez le compte ; les notifications, jusqu’à la suppression du compte',
    },
    {
      id: 'courriels-notifications',
      data: 'Réglages des courriels de notifications : pour chaque type de notification, si vous le recevez immédiatement, dans le résumé quotidien ou hebdomadaire, ou jamais ; et, pour chaque résumé envoyé, sa période et son nombre de nouveautés (ce qui évite de l’envoyer deux fois)',
      purpose: 'Vous envoyer par courriel ce que vous avez choisi, et seulement cela',
      basis: CONTRACT,
      retention: 'Jusqu’à la suppression du compte ; les courriels eux-mêmes, 30 jours après leur envoi',
    },
  ]
}

export default function DonneesPersonnelles() {
  const { siteHost, email, publisher, emailRetentionDays } = useLoaderData<typeof loader>()
  return (
    <div className="container narrow">
      <h1>Données personnelles</h1>
      <p className="lead">
        Essaim collecte le moins de données possible : ce qu’il faut pour tenir votre compte, le sécuriser, publier ce
        que vous choisissez de partager et vous écrire quand c’est nécessaire. Aucune donnée n’est vendue ni cédée.
      </p>

      <h2>Responsable du traitement</h2>
      <p>
        {publisher
          ? `Le responsable du traitement est l’éditeur du site : ${publisher}.`
          : 'Le responsable du traitement est l’éditeur du site, indiqué dans les mentions légales.'}{' '}
        Voir les <Link to="/mentions-legales">mentions légales</Link>. Contact pour toute question sur vos données :{' '}
        <a href={`mailto:${email}`}>{email}</a>.
      </p>

      <h2>Ce qui est collecté, pourquoi et sur quelle base</h2>
      <div className="table-wrapper">
        <table>
          <caption>Données traitées par Essaim, finalités, bases légales et durées de conservation</caption>
          <thead>
            <tr>
              <th scope="col">Données</th>
              <th scope="col">Finalité</th>
              <th scope="col">Base légale</th>
              <th scope="col">Durée de conservation</th>
            </tr>
          </thead>
          <tbody>
            {dataRows(emailRetentionDays).map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.data}</th>
                <td>{row.purpose}</td>
                <td>{row.basis}</td>
                <td>{row.retention}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Les données sont hébergées par l’hébergeur indiqué dans les <Link to="/mentions-legales">mentions légales</Link>{' '}
        et ne sont accessibles qu’aux personnes qui administrent le site. Elles ne sont transmises à aucun tiers, hormis
        le service d’envoi de courriels configuré par l’exploitant, qui les achemine. Ce que vous publiez est lu selon la
        visibilité que vous choisissez : par tout le monde, ou par les membres connectés.
      </p>

      <h2 id="cookies">Cookies et traceurs</h2>
      <p>
        Essaim n’utilise <strong>aucun traceur tiers</strong> : ni mesure d’audience, ni publicité, ni bouton de réseau
        social, ni police de caractères ou script chargé depuis un autre site. Seuls deux cookies techniques, strictement
        nécessaires et donc exemptés de consentement, sont déposés par {siteHost} :
      </p>
      <div className="table-wrapper">
        <table>
          <caption>Cookies déposés par Essaim</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Rôle</th>
              <th scope="col">Durée</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">
                <code>essaim_session</code> (<code>__Host-essaim_session</code> en HTTPS)
              </th>
              <td>Garder votre session ouverte ; il ne contient qu’un jeton aléatoire, inaccessible aux scripts</td>
              <td>Jusqu’à la fin de la session : 30 jours au plus, 7 jours sans activité</td>
            </tr>
            <tr>
              <th scope="row">
                <code>essaim_flash</code>
              </th>
              <td>Afficher un message de confirmation après une action (connexion, enregistrement…)</td>
              <td>Une minute au plus ; effacé dès que le message est affiché</td>
            </tr>
          </tbody>
        </table>
      </div>

      <h2>Vos droits</h2>
      <p>Vous disposez, sur les données qui vous concernent, des droits :</p>
      <ul>
        <li>d’accès : savoir quelles données nous détenons et en obtenir une copie ;</li>
        <li>de rectification : corriger une donnée inexacte ;</li>
        <li>d’effacement : faire supprimer votre compte et les données qui y sont liées ;</li>
        <li>à la portabilité : recevoir vos données dans un format structuré et lisible par une machine ;</li>
        <li>d’opposition et à la limitation du traitement, pour les traitements fondés sur l’intérêt légitime.</li>
      </ul>
      <h3>Comment les exercer</h3>
      <p>La plupart se font vous-même, à tout moment, depuis la page <Link to="/compte">Mon compte</Link> :</p>
      <ul>
        <li>
          <strong>Accès et portabilité</strong> : le lien « <a href="/compte/export">Télécharger mes données (JSON)</a> »
          donne, dans un fichier JSON, les données de votre compte : compte, profil, sessions, structures et
          adhésions, demandes d’adhésion, invitations envoyées, chartes signées, changements d’adresse, la liste de
          vos ressources et des versions que vous avez enregistrées, vos abonnements, vos notifications, vos réglages de
          courriels et les résumés envoyés. Le texte des ressources se lit sur leur page ; les
          courriels envoyés et les échecs de connexion n’y figurent pas : demandez-les par courriel (voir ci-dessous).
        </li>
        <li>
          <strong>Rectification</strong> : <Link to="/compte/profil">Mon profil et mon adresse électronique</Link>{' '}
          pour votre nom, votre présentation, la visibilité de votre page et votre adresse ; le formulaire « Changer
          de mot de passe » ; vos ressources et vos structures se modifient depuis leur page.
        </li>
        <li>
          <strong>Sessions</strong> : la liste « Sessions ouvertes » montre chaque appareil connecté ; vous pouvez
          fermer une session ou toutes les autres.
        </li>
        <li>
          <strong>Effacement</strong> : <Link to="/compte/supprimer">Supprimer mon compte</Link>, après avoir saisi
          votre mot de passe. Si vous êtes la seule personne responsable d’une structure, la page vous indique comment
          la confier à une autre personne ou la supprimer d’abord.
        </li>
        <li>
          <strong>Abonnements</strong> : <Link to="/compte/abonnements">Mes abonnements</Link> pour arrêter un
          abonnement, ou tous ceux d’un type ; un abonnement automatique arrêté n’est pas recréé. À la suppression du
          compte, vos abonnements et vos notifications sont effacés.
        </li>
        <li>
          <strong>Courriels de notifications</strong> : <Link to="/compte/notifications">Mes courriels de
          notifications</Link> pour choisir, type par type, immédiatement, résumé quotidien, résumé hebdomadaire ou
          jamais ; chaque courriel contient aussi un lien de désabonnement. À la suppression du compte, ces réglages et
          l’historique des résumés sont effacés.
        </li>
        <li>
          Pour le reste (opposition, limitation, une donnée que vous ne pouvez pas corriger vous-même, ou si vous
          n’avez plus accès à votre compte) : écrivez à <a href={`mailto:${email}`}>{email}</a>, si possible depuis
          l’adresse de votre compte. Nous répondons dans un délai d’un mois au plus.
        </li>
      </ul>

      <h2>Réclamation auprès de la CNIL</h2>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la Commission nationale de l’informatique et des libertés (CNIL) :{' '}
        <a href="https://www.cnil.fr/fr/plaintes">déposer une plainte auprès de la CNIL</a>, ou par courrier : CNIL,
        3 place de Fontenoy, TSA 80715, 75334 Paris CEDEX 07.
      </p>
    </div>
  )
}
