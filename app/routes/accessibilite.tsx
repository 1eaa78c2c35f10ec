import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getLegalInformation } from '#app/modules/site/legal.server.ts'
import { formatDayFr } from '#app/utils/dates-fr.ts'

export const meta: MetaFunction = () => [{ title: 'Déclaration d’accessibilité — Essaim' }]

/**
 * Update it with the declaration (and the conformity status) after each audit or significant change. RGAA: until a
 * valid audit exists the status is « non conforme » (the footer says so too, in app/components/site-shell.tsx).
 */
const DECLARATION_DATE = '2026-12-02'

export async function loader() {
  const legal = getLegalInformation()
  return { siteHost: legal.siteHost, siteUrl: legal.siteUrl, email: legal.accessibilityEmail }
}

/** The pages the end-to-end tests open and scan with axe-core (tests/e2e/*.spec.ts). Keep in step with them. */
const CHECKED_PAGES: { title: string; path?: string; detail?: string }[] = [
  { title: 'Accueil', path: '/' },
  { title: 'Liste des ressources, avec ses filtres', path: '/ressources' },
  { title: 'Pages de lecture des ressources' },
  { title: 'Écriture d’une ressource', detail: 'création et modification, avec l’éditeur de texte chargé, et historique des versions' },
  { title: 'Recherche', path: '/recherche', detail: 'résultats, filtres et page « aucun résultat »' },
  { title: 'Annuaire des structures', path: '/structures' },
  { title: 'Pages des structures', detail: 'page publique, création, modification et gestion des membres' },
  { title: 'Territoires', path: '/territoires', detail: 'la liste, la recherche du territoire d’une commune et une page de territoire' },
  { title: 'Création de compte', path: '/inscription' },
  { title: 'Connexion', path: '/connexion' },
  { title: 'Mot de passe oublié et réinitialisation', path: '/mot-de-passe-oublie' },
  { title: 'Pages du compte', detail: 'mon compte, mon profil, confirmation de l’adresse, suppression du compte' },
  { title: 'Pages d’information', detail: 'charte de l’ESS, conditions d’utilisation, mentions légales, accessibilité, données personnelles, plan du site' },
  { title: 'Page d’erreur « Page introuvable »' },
]

export default function Accessibilite() {
  const { siteHost, siteUrl, email } = useLoaderData<typeof loader>()
  const declared = formatDayFr(DECLARATION_DATE)
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
        Le site {siteHost} est <strong>non conforme</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version 4.1 : aucun audit de conformité n’a encore été réalisé.
      </p>
      <p>
        « Non conforme » est la mention qu’impose le RGAA tant qu’aucun audit valide n’existe ; elle ne signifie pas que
        le site est inutilisable. Aucun taux de conformité ne peut être publié. Les vérifications déjà menées, qui ne
        remplacent pas un audit, sont décrites ci-dessous.
      </p>

      <h2>Vérifications effectuées</h2>
      <ul>
        <li>
          <strong>Contrôles automatisés</strong> avec la bibliothèque <strong>axe-core</strong> (règles WCAG 2.1 des
          niveaux A et AA) sur chaque page ouverte par les tests de bout en bout du site, à chaque évolution du code :
          aucune erreur n’est acceptée.
        </li>
        <li>
          <strong>Parcours au clavier seul</strong>, dans les tests de bout en bout, des principales démarches :
          connexion, création de compte, mot de passe oublié, recherche du territoire d’une commune (liste de
          propositions utilisable avec les flèches, Entrée et Échap).
        </li>
        <li>
          <strong>Vérifications manuelles</strong> pendant la conception, page par page : un seul titre de niveau 1
          et une hiérarchie de titres suivie, zones de page balisées (en-tête, navigation, contenu principal, pied de
          page), lien d’évitement vers le contenu, étiquettes et messages d’erreur reliés à chaque champ, tableaux de
          données avec titre et en-têtes, contrastes de couleurs (niveau AA). Ces vérifications ne suivent pas la
          méthode d’un audit : les 106 critères du RGAA n’ont pas été contrôlés un par un.
        </li>
      </ul>

      <h3>Pages du site ayant fait l’objet de la vérification</h3>
      <ul>
        {CHECKED_PAGES.map((page) => (
          <li key={page.title}>
            {page.path ? <Link to={page.path}>{page.title}</Link> : page.title}
            {page.detail ? ` : ${page.detail}` : null}
          </li>
        ))}
      </ul>
      <p>
        La liste complète des pages du site figure dans le <Link to="/plan-du-site">plan du site</Link>.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités et limites connues</h3>
      <ul>
        <li>
          L’éditeur de texte des ressources (le champ du texte principal) a besoin de JavaScript. Sans JavaScript, les
          autres champs d’une ressource se remplissent et s’enregistrent, mais le texte principal ne peut pas être
          rédigé. L’éditeur n’a pas encore été testé avec les lecteurs d’écran.
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
        <li>
          Les tests automatisés ne détectent qu’une partie des non-conformités possibles : la pertinence des
          alternatives textuelles, des intitulés de liens et de l’ordre de lecture, notamment, n’a pas été vérifiée
          critère par critère.
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

      <h2>Schéma pluriannuel de mise en accessibilité 2027-2029</h2>
      <p>
        Ce schéma fixe, pour trois ans, la démarche de l’éditeur ; il se décline chaque année en un plan d’action, publié
        sur cette page et dont le bilan est fait à la fin de l’année.
      </p>
      <ul>
        <li>
          Rendre compte de l’accessibilité à chaque évolution du site : les contrôles automatisés et les parcours au
          clavier décrits ci-dessus restent obligatoires avant toute mise en ligne.
        </li>
        <li>Faire réaliser un audit de conformité au RGAA par une personne ou un organisme indépendant.</li>
        <li>Corriger les non-conformités relevées, en commençant par celles qui bloquent une démarche.</li>
        <li>Tester les composants interactifs avec des lecteurs d’écran et avec des personnes qui les utilisent.</li>
        <li>Aider les membres à publier des contenus accessibles (textes alternatifs des images, documents joints).</li>
      </ul>
      <h3>Plan d’action 2027</h3>
      <ul>
        <li>Premier trimestre : audit de conformité au RGAA 4.1 sur un échantillon représentatif de pages.</li>
        <li>Deuxième trimestre : correction des non-conformités relevées et publication d’une déclaration à jour, avec le
          taux de conformité mesuré.</li>
        <li>
          Dans l’année : tests de l’éditeur de texte et de la liste de propositions de communes avec NVDA, VoiceOver et
          TalkBack ; une solution sans JavaScript pour rédiger le texte principal d’une ressource.
        </li>
        <li>Dans l’année : une page d’aide à la publication de contenus accessibles.</li>
      </ul>
      <h3>Années suivantes</h3>
      <ul>
        <li>2028 : bilan du plan 2027, audit de suivi des pages modifiées ou ajoutées, plan d’action 2028.</li>
        <li>2029 : bilan, nouvel audit complet et schéma pluriannuel suivant.</li>
      </ul>

      <h2>Établissement de cette déclaration d’accessibilité</h2>
      <p>
        Cette déclaration a été établie le <time dateTime={DECLARATION_DATE}>{declared}</time>.
      </p>
      <h3>Technologies utilisées pour la réalisation du site</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>
          JavaScript, en amélioration progressive : les formulaires fonctionnent aussi sans JavaScript, sauf l’éditeur
          du texte principal des ressources
        </li>
        <li>WAI-ARIA</li>
      </ul>
      <h3>Environnement de test</h3>
      <ul>
        <li>Navigateur Chromium (Debian), piloté par Playwright</li>
        <li>Bibliothèque de tests axe-core (@axe-core/playwright)</li>
        <li>Navigation au clavier</li>
      </ul>

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
