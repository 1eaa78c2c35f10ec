import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getLegalInformation } from '#app/modules/site/legal.server.ts'

export const meta: MetaFunction = () => [{ title: 'Déclaration d’accessibilité — Essaim' }]

/** Update it with the declaration (and the conformity status) after each audit or significant change. */
const DECLARATION_DATE = '2026-11-25'

export async function loader() {
  const legal = getLegalInformation()
  return { siteHost: legal.siteHost, siteUrl: legal.siteUrl, email: legal.accessibilityEmail }
}

const longDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' })

export default function Accessibilite() {
  const { siteHost, siteUrl, email } = useLoaderData<typeof loader>()
  return (
    <div className="container narrow">
      <h1>Déclaration d’accessibilité</h1>
      <p>
        L’éditeur d’Essaim s’engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles
        conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>
        Cette déclaration d’accessibilité s’applique au site <a href={siteUrl}>{siteHost}</a>.
      </p>

      <h2>État de conformité</h2>
      <p>
        Le site {siteHost} est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version 4.1.
      </p>
      <p>
        Aucun audit complet de conformité n’a encore été réalisé : aucun taux de conformité ne peut donc être publié.
        Les vérifications déjà menées sont décrites ci-dessous.
      </p>

      <h2>Vérifications effectuées</h2>
      <ul>
        <li>
          Contrôles automatisés avec <strong>axe-core</strong> sur chaque page parcourue par les tests de bout en bout
          du site, à chaque évolution du code : aucune erreur n’est acceptée.
        </li>
        <li>
          Parcours au clavier seul, dans les tests de bout en bout, des principales démarches : connexion, création de
          compte, mot de passe oublié, recherche du territoire d’une commune (liste de propositions utilisable avec les
          flèches, Entrée et Échap).
        </li>
        <li>
          Conception : un seul titre de niveau 1 par page et une hiérarchie de titres suivie, zones de page balisées
          (en-tête, navigation, contenu principal, pied de page), lien d’évitement vers le contenu, étiquettes et
          messages d’erreur reliés à chaque champ, tableaux de données avec titre et en-têtes, formulaires utilisables
          sans JavaScript, contrastes de couleurs vérifiés (niveau AA).
        </li>
      </ul>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités et limites connues</h3>
      <ul>
        <li>
          Les tests automatisés ne détectent qu’une partie des non-conformités possibles : sans audit manuel complet,
          des critères du RGAA (pertinence des alternatives textuelles, des intitulés et de l’ordre de lecture
          notamment) n’ont pas été vérifiés un par un.
        </li>
        <li>
          La liste de propositions de communes (champ « commune » avec saisie semi-automatique) n’a pas encore été
          testée avec les lecteurs d’écran NVDA, JAWS, VoiceOver et TalkBack. Elle suit le motif « combobox » des
          pratiques de conception WAI-ARIA ; en cas de difficulté, saisissez le nom complet ou le code postal de la
          commune : il est reconnu sans utiliser la liste.
        </li>
        <li>
          Les tableaux des communes d’un territoire comptent jusqu’à plusieurs centaines de lignes ; ils peuvent être
          triés par nom ou par population, mais pas encore filtrés.
        </li>
      </ul>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <p>
        Les contenus publiés par les membres du réseau (textes, images, documents joints) sont des contenus de tiers :
        leur accessibilité dépend de leurs auteurs. Si l’un d’eux vous est inaccessible, écrivez-nous (voir ci-dessous)
        pour l’obtenir sous une autre forme.
      </p>

      <h2>Établissement de cette déclaration d’accessibilité</h2>
      <p>
        Cette déclaration a été établie le <time dateTime={DECLARATION_DATE}>{longDate.format(new Date(DECLARATION_DATE))}</time>.
      </p>
      <h3>Technologies utilisées pour la réalisation du site</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>JavaScript (en amélioration progressive : chaque formulaire fonctionne aussi sans JavaScript)</li>
        <li>WAI-ARIA</li>
      </ul>
      <h3>Environnement de test</h3>
      <ul>
        <li>Navigateur Chromium (Debian), piloté par Playwright</li>
        <li>Bibliothèque de tests axe-core (@axe-core/playwright)</li>
        <li>Navigation au clavier</li>
      </ul>
      <h3>Pages du site ayant fait l’objet de la vérification</h3>
      <p>
        Les pages parcourues par les tests de bout en bout, dont celles du <Link to="/plan-du-site">plan du site</Link>{' '}
        : accueil, territoires, charte de l’ESS, connexion, création de compte, mot de passe oublié, compte, pages
        d’information (mentions légales, accessibilité, données personnelles, plan du site) et page d’erreur.
      </p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter l’éditeur du site pour être
        orienté vers une alternative accessible ou obtenir le contenu sous une autre forme :
      </p>
      <ul>
        <li>
          par courriel : <a href={`mailto:${email}`}>{email}</a>
        </li>
      </ul>
      <p>Nous nous efforçons de répondre dans un délai d’une semaine.</p>

      <h2>Voies de recours</h2>
      <p>
        Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site un défaut
        d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services du portail et vous n’avez pas
        obtenu de réponse satisfaisante.
      </p>
      <ul>
        <li>
          Écrire un message au Défenseur des droits :{' '}
          <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a>
        </li>
        <li>
          Contacter le délégué du Défenseur des droits dans votre région :{' '}
          <a href="https://www.defenseurdesdroits.fr/carte-des-delegues">carte des délégués du Défenseur des droits</a>
        </li>
        <li>
          Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :
          <address>
            Défenseur des droits
            <br />
            Libre réponse 71120
            <br />
            75342 Paris CEDEX 07
          </address>
        </li>
      </ul>
    </div>
  )
}
