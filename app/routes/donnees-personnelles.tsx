import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getLegalInformation } from '#app/modules/site/legal.server.ts'

export const meta: MetaFunction = () => [{ title: 'Données personnelles — Essaim' }]

export async function loader() {
  const legal = getLegalInformation()
  return { siteHost: legal.siteHost, email: legal.privacyEmail, publisher: legal.publisher?.[0] ?? null }
}

export default function DonneesPersonnelles() {
  const { siteHost, email, publisher } = useLoaderData<typeof loader>()
  return (
    <div className="container narrow">
      <h1>Données personnelles</h1>
      <p className="lead">
        Essaim collecte le moins de données possible : ce qu’il faut pour tenir votre compte, le sécuriser et vous
        écrire quand c’est nécessaire. Aucune donnée n’est vendue ni cédée.
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
            <tr>
              <th scope="row">
                Compte : adresse électronique, nom, empreinte du mot de passe (jamais le mot de passe lui-même), date
                d’acceptation de la charte, territoire de rattachement s’il est renseigné, dates de création et de
                modification
              </th>
              <td>Tenir votre compte et vous identifier auprès des autres membres</td>
              <td>Exécution du service que vous demandez en créant un compte (article 6.1.b du RGPD)</td>
              <td>Jusqu’à la suppression du compte</td>
            </tr>
            <tr>
              <th scope="row">
                Sessions : description de l’appareil (navigateur et système, tirés de l’en-tête « User-Agent »), dates
                d’ouverture, de dernière activité et d’expiration ; seule une empreinte du jeton de session est
                enregistrée
              </th>
              <td>Garder votre session ouverte et vous permettre de voir et de fermer vos sessions ouvertes</td>
              <td>Exécution du service (article 6.1.b) et sécurité du compte (intérêt légitime, article 6.1.f)</td>
              <td>30 jours au plus ; une session inactive pendant 7 jours est fermée ; les sessions expirées sont
                effacées dans l’heure</td>
            </tr>
            <tr>
              <th scope="row">Liens de confirmation d’adresse et de réinitialisation du mot de passe (empreintes)</th>
              <td>Vérifier votre adresse électronique, vous permettre de choisir un nouveau mot de passe</td>
              <td>Exécution du service (article 6.1.b)</td>
              <td>Valables 24 heures (confirmation) et 1 heure (réinitialisation), à usage unique</td>
            </tr>
            <tr>
              <th scope="row">
                Échecs de connexion : compte visé et date ; adresse IP d’où viennent les échecs, gardée en mémoire
                seulement
              </th>
              <td>Ralentir les tentatives de deviner un mot de passe</td>
              <td>Sécurité du service (intérêt légitime, article 6.1.f)</td>
              <td>
                Une heure : les échecs plus anciens ne comptent plus et sont effacés à l’échec suivant ; tous le sont à
                la connexion réussie suivante. Les adresses IP, gardées en mémoire une heure, disparaissent aussi au
                redémarrage du serveur
              </td>
            </tr>
            <tr>
              <th scope="row">Courriels envoyés : destinataire, objet, contenu, état de l’envoi</th>
              <td>
                Vous envoyer les courriels nécessaires au compte (confirmation d’adresse, réinitialisation du mot de
                passe) et réessayer en cas d’échec de l’envoi
              </td>
              <td>Exécution du service (article 6.1.b)</td>
              <td>
                Conservés dans la file d’envoi du serveur le temps de l’envoi, puis effacés automatiquement
                30 jours après l’envoi (ou après l’abandon des nouvelles tentatives)
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        Les données sont hébergées par l’hébergeur indiqué dans les <Link to="/mentions-legales">mentions légales</Link>{' '}
        et ne sont accessibles qu’aux personnes qui administrent le site. Elles ne sont transmises à aucun tiers, hormis
        le service d’envoi de courriels configuré par l’exploitant, qui les achemine.
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
              <td>Afficher un message de confirmation après une action (« Connexion réussie. »)</td>
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
      <ul>
        <li>
          Depuis la page <Link to="/compte">Mon compte</Link> : consulter vos informations et vos sessions ouvertes,
          fermer une session ou toutes les autres, changer de mot de passe.
        </li>
        <li>
          Pour tout le reste (copie ou export de vos données, correction, suppression du compte) : écrivez à{' '}
          <a href={`mailto:${email}`}>{email}</a> depuis l’adresse de votre compte. Nous répondons dans un délai
          d’un mois au plus.
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
