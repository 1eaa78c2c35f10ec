import type { Kysely } from 'kysely'
import type { Database } from '../../schema.ts'
import { DEMO_USERS } from '../seed.server.ts'
import { systemActor } from '../../../app/modules/auth/viewer.ts'
import type { DemoSeeder } from './index.ts'

// Demo resources: about 130, across the four kinds, the nine territories and the themes, written from hand-made
// building blocks (real programmes, real bodies, plausible local projects). Dates are relative to the day of the
// seed so that there are always open, upcoming and closed calls, and trainings with sessions ahead.

/** Calls are written below by family (« les coopératives »); they store the structures' legal forms. */
const CALL_FORMS: Record<string, string[]> = {
  cooperative: ['scop', 'scic', 'cae', 'cooperative-usagers', 'cooperative-autre'],
  'entreprise-sociale': ['esus', 'siae'],
}

const TERRITORIES = [
  { slug: 'arrageois', name: 'l’Arrageois', town: 'Arras' },
  { slug: 'artois', name: 'l’Artois', town: 'Béthune' },
  { slug: 'audomarois', name: 'l’Audomarois', town: 'Saint-Omer' },
  { slug: 'boulonnais', name: 'le Boulonnais', town: 'Boulogne-sur-Mer' },
  { slug: 'calaisis', name: 'le Calaisis', town: 'Calais' },
  { slug: 'henin-carvin', name: 'Hénin-Carvin', town: 'Hénin-Beaumont' },
  { slug: 'lens-lievin', name: 'Lens-Liévin', town: 'Lens' },
  { slug: 'montreuillois', name: 'le Montreuillois', town: 'Montreuil-sur-Mer' },
  { slug: 'ternois', name: 'le Ternois', town: 'Saint-Pol-sur-Ternoise' },
]

type Call = {
  programme: string
  body: string
  /** The body as the subject of a sentence, with its article (« Le Département du Pas-de-Calais ouvre… »). */
  who: string
  url: string
  title: string
  subject: string
  themes: string[]
  min: number
  max: number
  rate: number
  forms: string[]
}

const CALLS: Call[] = [
  { programme: 'FSE+', body: 'Département du Pas-de-Calais', who: 'Le Département du Pas-de-Calais', url: 'https://www.pasdecalais.fr/', title: 'Parcours d’insertion renforcés', subject: 'l’accompagnement global des personnes éloignées de l’emploi, avec un référent unique et des immersions en entreprise', themes: ['emploi-insertion', 'financement'], min: 30000, max: 250000, rate: 60, forms: ['association', 'cooperative', 'collectivite'] },
  { programme: 'FSE+', body: 'Région Hauts-de-France', who: 'La Région Hauts-de-France', url: 'https://www.europe-en-hautsdefrance.eu/', title: 'Compétences clés et savoirs de base', subject: 'la maîtrise des savoirs de base, du numérique et du français à visée professionnelle', themes: ['formation-competences', 'numerique'], min: 20000, max: 180000, rate: 60, forms: ['association', 'etablissement-public'] },
  { programme: 'FEDER', body: 'Région Hauts-de-France', who: 'La Région Hauts-de-France', url: 'https://www.europe-en-hautsdefrance.eu/', title: 'Tiers-lieux et inclusion numérique', subject: 'l’aménagement de tiers-lieux qui offrent un accès accompagné au numérique', themes: ['numerique', 'financement'], min: 50000, max: 400000, rate: 50, forms: ['association', 'cooperative', 'collectivite'] },
  { programme: 'FEDER', body: 'Région Hauts-de-France', who: 'La Région Hauts-de-France', url: 'https://www.europe-en-hautsdefrance.eu/', title: 'Économie circulaire et réemploi', subject: 'les filières de réemploi, de réparation et de recyclage portées par des acteurs de l’ESS', themes: ['economie-circulaire', 'transition-ecologique'], min: 40000, max: 500000, rate: 50, forms: ['association', 'cooperative', 'entreprise-sociale'] },
  { programme: 'FEADER/LEADER', body: 'GAL du Pays de Saint-Omer', who: 'Le GAL du Pays de Saint-Omer', url: 'https://www.europe-en-hautsdefrance.eu/', title: 'Circuits courts alimentaires', subject: 'les projets de circuits courts, de légumeries et de restauration collective locale', themes: ['alimentation-durable', 'transition-ecologique'], min: 5000, max: 80000, rate: 80, forms: ['association', 'cooperative', 'collectivite'] },
  { programme: 'FEADER/LEADER', body: 'GAL Ternois 7 Vallées', who: 'Le GAL Ternois 7 Vallées', url: 'https://www.europe-en-hautsdefrance.eu/', title: 'Services de proximité en milieu rural', subject: 'les services de proximité itinérants et les commerces multiservices en milieu rural', themes: ['mobilite', 'sante-action-sociale'], min: 5000, max: 60000, rate: 80, forms: ['association', 'collectivite', 'entreprise-sociale'] },
  { programme: 'Interreg France-Wallonie-Vlaanderen', body: 'Secrétariat conjoint Interreg FWVL', who: 'Le secrétariat conjoint Interreg FWVL', url: 'https://www.interreg-fwvl.eu/', title: 'Coopération transfrontalière en santé', subject: 'les coopérations transfrontalières entre acteurs de la santé et du social', themes: ['sante-action-sociale', 'cooperation-europeenne'], min: 100000, max: 1500000, rate: 60, forms: ['association', 'etablissement-public', 'mutuelle'] },
  { programme: 'Interreg France-Wallonie-Vlaanderen', body: 'Secrétariat conjoint Interreg FWVL', who: 'Le secrétariat conjoint Interreg FWVL', url: 'https://www.interreg-fwvl.eu/', title: 'Micro-projets citoyens transfrontaliers', subject: 'les petits projets qui rapprochent les habitants de part et d’autre de la frontière', themes: ['culture', 'cooperation-europeenne', 'benevolat-vie-associative'], min: 5000, max: 50000, rate: 75, forms: ['association', 'collectivite'] },
  { programme: 'Interreg North-West Europe', body: 'Secrétariat conjoint Interreg NWE', who: 'Le secrétariat conjoint Interreg NWE', url: 'https://www.nweurope.eu/', title: 'Transition juste et économie sociale', subject: 'les solutions d’économie sociale pour une transition écologique juste', themes: ['transition-ecologique', 'cooperation-europeenne'], min: 500000, max: 4000000, rate: 60, forms: ['association', 'cooperative', 'etablissement-public'] },
  { programme: 'Erasmus+', body: 'Agence Erasmus+ France / Éducation Formation', who: 'L’Agence Erasmus+ France / Éducation Formation', url: 'https://agence.erasmusplus.fr/', title: 'Partenariats de coopération en éducation des adultes', subject: 'les échanges de pratiques entre organismes de formation d’adultes européens', themes: ['formation-competences', 'cooperation-europeenne'], min: 60000, max: 400000, rate: 100, forms: ['association', 'cooperative', 'etablissement-public'] },
  { programme: 'Erasmus+', body: 'Agence Erasmus+ France Jeunesse & Sport', who: 'L’Agence Erasmus+ France Jeunesse & Sport', url: 'https://www.erasmusplus-jeunesse.fr/', title: 'Mobilité des jeunes et des animateurs', subject: 'les échanges de jeunes et la mobilité des animateurs socio-éducatifs', themes: ['sport', 'cooperation-europeenne'], min: 10000, max: 120000, rate: 100, forms: ['association', 'collectivite'] },
  { programme: 'CERV', body: 'Commission européenne (EACEA)', who: 'La Commission européenne (EACEA)', url: 'https://commission.europa.eu/funding-tenders_fr', title: 'Citoyens, égalité, droits et valeurs', subject: 'la participation citoyenne, la mémoire européenne et la lutte contre les discriminations', themes: ['benevolat-vie-associative', 'cooperation-europeenne'], min: 75000, max: 500000, rate: 90, forms: ['association', 'fondation'] },
  { programme: 'LIFE', body: 'Commission européenne (CINEA)', who: 'La Commission européenne (CINEA)', url: 'https://cinea.ec.europa.eu/programmes/life_en', title: 'Transition énergétique propre', subject: 'la rénovation énergétique accompagnée et les communautés d’énergie citoyennes', themes: ['transition-ecologique', 'habitat'], min: 500000, max: 2000000, rate: 95, forms: ['association', 'cooperative', 'collectivite'] },
  { programme: 'Horizon Europe', body: 'Commission européenne', who: 'La Commission européenne', url: 'https://commission.europa.eu/funding-tenders_fr', title: 'Innovation sociale dans les territoires', subject: 'la recherche-action sur l’innovation sociale et l’économie de proximité', themes: ['gouvernance-cooperative', 'cooperation-europeenne'], min: 1000000, max: 3000000, rate: 100, forms: ['association', 'cooperative', 'etablissement-public'] },
  { programme: 'FSE+', body: 'Département du Pas-de-Calais', who: 'Le Département du Pas-de-Calais', url: 'https://www.pasdecalais.fr/', title: 'Amorçage de projets d’utilité sociale', subject: 'l’amorçage de projets d’utilité sociale créateurs d’emplois, portés par des structures de moins de trois ans', themes: ['financement', 'emploi-insertion'], min: 5000, max: 30000, rate: 50, forms: ['association', 'cooperative', 'entreprise-sociale'] },
]

type Topic = { title: string; summary: string; paragraphs: string[]; themes: string[]; partners: string; audience: string; results: string }

const INITIATIVES: Topic[] = [
  { title: 'Une épicerie solidaire itinérante', summary: 'Un camion aménagé qui dessert chaque semaine les villages sans commerce, avec des produits locaux à prix adaptés.', paragraphs: ['Le camion fait étape dans douze communes, du mardi au samedi. Les prix sont modulés selon le quotient familial, sans que les clients aient à le montrer au comptoir.', 'Les producteurs du territoire fournissent légumes, œufs et produits laitiers ; les bénévoles assurent l’accueil et la livraison aux personnes qui ne se déplacent plus.'], themes: ['alimentation-durable', 'mobilite'], partners: 'Centre communal d’action sociale, maraîchers du territoire, Banque alimentaire', audience: 'Habitants des communes rurales, personnes âgées isolées', results: '340 foyers servis chaque mois ; 18 producteurs partenaires.' },
  { title: 'Un garage solidaire pour aller travailler', summary: 'Réparations à prix coûtant et location de véhicules pour les personnes en insertion qui ont besoin d’une voiture pour travailler.', paragraphs: ['Le garage emploie des mécaniciens en contrat d’insertion, encadrés par deux chefs d’atelier.', 'Les prescripteurs (France Travail, missions locales, référents RSA) orientent les personnes ; un diagnostic gratuit précède chaque devis.'], themes: ['mobilite', 'emploi-insertion'], partners: 'France Travail, Mission locale, Département', audience: 'Demandeurs d’emploi, salariés aux revenus modestes', results: '420 réparations par an ; 9 salariés en insertion, dont 6 en emploi durable à la sortie.' },
  { title: 'Une recyclerie de quartier', summary: 'Collecte, tri, réparation et revente d’objets du quotidien dans un ancien supermarché, avec des ateliers ouverts aux habitants.', paragraphs: ['La recyclerie détourne chaque année plusieurs dizaines de tonnes d’objets de l’enfouissement.', 'Des ateliers de réparation de vélos et de petit électroménager sont ouverts le samedi.'], themes: ['economie-circulaire', 'emploi-insertion'], partners: 'Intercommunalité, bailleur social, ressourceries du réseau régional', audience: 'Tous les habitants', results: '62 tonnes détournées ; 14 emplois dont 10 en insertion.' },
  { title: 'Un habitat partagé entre générations', summary: 'Des étudiants logés chez des seniors en échange de présence et de petits services, avec une charte et un suivi.', paragraphs: ['Chaque binôme signe une convention qui précise les engagements de chacun.', 'Une coordinatrice rencontre les binômes tous les mois et règle les difficultés.'], themes: ['habitat', 'sante-action-sociale'], partners: 'Université, CCAS, caisses de retraite', audience: 'Seniors vivant seuls, étudiants et apprentis', results: '38 binômes formés en deux ans.' },
  { title: 'Une coopérative de producteurs pour la restauration scolaire', summary: 'Une SCIC qui regroupe agriculteurs, cuisiniers et communes pour fournir les cantines en produits locaux.', paragraphs: ['La SCIC compte quatre collèges : producteurs, salariés, collectivités et usagers.', 'Une légumerie prépare les légumes épluchés et taillés, prêts à cuisiner.'], themes: ['alimentation-durable', 'gouvernance-cooperative'], partners: 'Communes, Chambre d’agriculture, lycée agricole', audience: 'Cantines scolaires et restaurants collectifs', results: '2 400 repas par jour avec 45 % de produits locaux.' },
  { title: 'Un atelier numérique dans la médiathèque', summary: 'Des permanences d’aide aux démarches en ligne et des ateliers pour apprendre à se servir d’un ordinateur.', paragraphs: ['Deux conseillers numériques accueillent sans rendez-vous trois demi-journées par semaine.', 'Des ordinateurs reconditionnés sont vendus à petit prix aux participants.'], themes: ['numerique', 'formation-competences'], partners: 'Médiathèque, associations d’éducation populaire, reconditionneur local', audience: 'Personnes éloignées du numérique', results: '1 100 accompagnements par an.' },
  { title: 'Un festival coopératif des musiques actuelles', summary: 'Un festival organisé par une coopérative d’habitants, de bénévoles et de salles de concert du territoire.', paragraphs: ['La programmation fait une large place aux groupes locaux et aux scènes émergentes.', 'Les bénévoles sont associés aux décisions à travers un collège dédié.'], themes: ['culture', 'benevolat-vie-associative'], partners: 'Salles de concert, office de tourisme, comité des fêtes', audience: 'Tout public', results: '6 000 festivaliers ; 220 bénévoles.' },
  { title: 'Un club de sport adapté et inclusif', summary: 'Des créneaux de sport partagés entre personnes valides et en situation de handicap, encadrés par des éducateurs formés.', paragraphs: ['Le club propose basket fauteuil, marche nordique et gymnastique douce.', 'Les établissements médico-sociaux du territoire réservent des créneaux réguliers.'], themes: ['sport', 'sante-action-sociale'], partners: 'Comité départemental handisport, IME, ESAT', audience: 'Personnes en situation de handicap et leurs proches', results: '180 licenciés, dont 70 en situation de handicap.' },
  { title: 'Un chantier d’insertion en rénovation du bâti ancien', summary: 'Un chantier qui forme aux métiers du bâtiment en rénovant des logements communaux vacants.', paragraphs: ['Les salariés en insertion apprennent la maçonnerie à la chaux, la menuiserie et l’isolation biosourcée.', 'Les logements rénovés sont loués à des ménages modestes.'], themes: ['habitat', 'emploi-insertion', 'transition-ecologique'], partners: 'Communes, bailleur social, organisme de formation du bâtiment', audience: 'Demandeurs d’emploi de longue durée', results: '7 logements rénovés ; 65 % de sorties positives.' },
  { title: 'Une monnaie locale complémentaire', summary: 'Une monnaie locale qui fait circuler la richesse entre commerces indépendants, producteurs et associations.', paragraphs: ['Les billets sont échangés dans des comptoirs tenus par des bénévoles.', 'Les commerçants peuvent reconvertir une partie de leurs recettes auprès de producteurs adhérents.'], themes: ['financement', 'gouvernance-cooperative'], partners: 'Union des commerçants, associations, collectivités', audience: 'Habitants, commerces, producteurs', results: '95 professionnels adhérents.' },
]

const PRACTICES: { title: string; summary: string; context: string; problem: string; steps: string; results: string; conditions: string; pitfalls: string; themes: string[] }[] = [
  { title: 'Recruter et fidéliser les bénévoles', summary: 'Une méthode simple pour accueillir les nouveaux bénévoles, leur confier une mission claire et les garder.', context: 'Une association d’aide alimentaire qui voyait partir la moitié de ses nouveaux bénévoles en trois mois.', problem: 'Des bénévoles arrivés sans mission précise, qui ne trouvaient pas leur place.', steps: 'Fiche mission pour chaque poste\nBinôme avec un bénévole expérimenté\nPoint à un mois\nMoment convivial chaque trimestre', results: 'Les deux tiers des nouveaux bénévoles sont toujours là au bout d’un an.', conditions: 'Un référent bénévolat identifié, même à temps partiel.', pitfalls: 'Multiplier les réunions au lieu de confier des responsabilités.', themes: ['benevolat-vie-associative'] },
  { title: 'Passer d’association à SCIC', summary: 'Les étapes, les délais et les questions à se poser avant de transformer une association en société coopérative d’intérêt collectif.', context: 'Une association de services à domicile qui voulait associer salariés, usagers et communes aux décisions.', problem: 'Une gouvernance limitée aux adhérents historiques et des besoins d’investissement.', steps: 'Étude de faisabilité avec l’URSCOP\nDéfinition des collèges de vote\nRévision des statuts\nAssemblée générale extraordinaire', results: 'Transformation réalisée en dix mois, sans interruption de service.', conditions: 'Un accompagnement juridique et une majorité claire en assemblée.', pitfalls: 'Sous-estimer le temps d’explication auprès des salariés.', themes: ['gouvernance-cooperative'] },
  { title: 'Monter un dossier FSE+ sans s’épuiser', summary: 'Comment organiser le suivi des temps, des justificatifs et des participants pour un projet cofinancé par le FSE+.', context: 'Une petite structure d’insertion qui gérait son premier projet européen.', problem: 'Des justificatifs éparpillés et un contrôle de service fait difficile.', steps: 'Tableau de suivi des temps dès le premier jour\nDossier partagé par dépense\nRelevé mensuel des participants\nPoint trimestriel avec l’organisme intermédiaire', results: 'Le contrôle de service fait n’a relevé aucune dépense inéligible.', conditions: 'Une personne responsable du suivi administratif.', pitfalls: 'Attendre la fin de l’opération pour rassembler les pièces.', themes: ['financement', 'cooperation-europeenne'] },
  { title: 'Réduire le gaspillage en restauration collective', summary: 'Pesées, menus ajustés et commande au plus juste : une démarche qui a divisé par deux le gaspillage d’une cantine.', context: 'Une cuisine centrale qui servait 800 repas par jour.', problem: 'Près de 120 grammes jetés par plateau.', steps: 'Pesée des restes pendant deux semaines\nAjustement des grammages\nChoix entre deux plats\nSensibilisation des enfants', results: 'Gaspillage réduit de 52 % ; économies réinvesties dans des produits bio.', conditions: 'L’adhésion de l’équipe de cuisine.', pitfalls: 'Présenter les pesées comme un contrôle des agents.', themes: ['alimentation-durable', 'transition-ecologique'] },
  { title: 'Organiser le covoiturage solidaire', summary: 'Mettre en relation conducteurs bénévoles et personnes sans voiture pour les rendez-vous médicaux et l’emploi.', context: 'Un territoire rural sans transport en commun régulier.', problem: 'Des rendez-vous médicaux manqués faute de moyen de transport.', steps: 'Recensement des besoins avec les mairies\nRecrutement de conducteurs bénévoles\nPlateforme téléphonique\nIndemnisation kilométrique', results: '1 300 trajets la première année.', conditions: 'Une assurance adaptée et une charte du conducteur.', pitfalls: 'Compter uniquement sur une application pour des publics peu connectés.', themes: ['mobilite', 'sante-action-sociale'] },
  { title: 'Réparer plutôt que jeter : le Repair Café', summary: 'Lancer un Repair Café mensuel avec des bénévoles bricoleurs et un lieu prêté par la commune.', context: 'Une commune qui voulait réduire ses déchets encombrants.', problem: 'Des objets jetés pour des pannes simples.', steps: 'Appel aux bricoleurs du territoire\nConvention avec la commune pour la salle\nOutillage partagé\nFiche de suivi des réparations', results: '70 % des objets apportés repartent réparés.', conditions: 'Quelques bénévoles réguliers et un lieu accessible.', pitfalls: 'Promettre la réparation de tout.', themes: ['economie-circulaire', 'benevolat-vie-associative'] },
  { title: 'Former les salariés en insertion au numérique', summary: 'Intégrer dix heures de numérique dans chaque parcours d’insertion, avec un passeport de compétences.', context: 'Un atelier chantier d’insertion dont les salariés peinaient avec les démarches en ligne.', problem: 'Des candidatures et des démarches bloquées par le numérique.', steps: 'Diagnostic à l’entrée\nModules courts sur le temps de travail\nPasseport de compétences\nAccompagnement aux démarches de sortie', results: 'Neuf salariés sur dix créent et utilisent seuls leur espace France Travail.', conditions: 'Un conseiller numérique ou un formateur disponible.', pitfalls: 'Des modules trop longs, hors du temps de travail.', themes: ['numerique', 'emploi-insertion'] },
  { title: 'Ouvrir un lieu culturel aux habitants', summary: 'Associer les habitants à la programmation d’un lieu culturel grâce à un comité ouvert.', context: 'Une salle de spectacle peu fréquentée par les habitants du quartier.', problem: 'Une programmation perçue comme « pas pour nous ».', steps: 'Comité d’habitants\nCarte blanche trimestrielle\nTarif solidaire\nRépétitions ouvertes', results: 'Fréquentation du quartier multipliée par trois.', conditions: 'Accepter de partager une partie des choix de programmation.', pitfalls: 'Un comité consulté mais jamais écouté.', themes: ['culture', 'gouvernance-cooperative'] },
]

const TRAININGS: { title: string; summary: string; provider: string; themes: string[]; duration: string; cost: string; funding: string[]; url: string; paragraphs: string[] }[] = [
  { title: 'Créer et piloter une SCIC', summary: 'Comprendre le fonctionnement d’une société coopérative d’intérêt collectif : statuts, collèges, gouvernance partagée.', provider: 'URSCOP Hauts-de-France', themes: ['gouvernance-cooperative'], duration: '2 jours (14 heures)', cost: '350 €, gratuit pour les adhérents', funding: ['opco'], url: 'https://www.les-scop.coop/', paragraphs: ['Formation pour les porteurs de projet et les dirigeants bénévoles.', 'Au programme : choix des collèges, rédaction des statuts, répartition des résultats.'] },
  { title: 'Gérer un projet cofinancé par le FSE+', summary: 'Du dépôt au bilan final : éligibilité des dépenses, suivi des participants et contrôle de service fait.', provider: 'Europe en Hauts-de-France', themes: ['financement', 'cooperation-europeenne'], duration: '1 jour (7 heures)', cost: 'Gratuit', funding: ['gratuit'], url: 'https://www.europe-en-hautsdefrance.eu/', paragraphs: ['Une journée pratique, cas concrets à l’appui.', 'Chaque participant repart avec une trame de suivi des temps et des dépenses.'] },
  { title: 'Animer une équipe de bénévoles', summary: 'Accueillir, confier des missions, reconnaître : les clés de l’animation bénévole.', provider: 'Mouvement associatif Hauts-de-France', themes: ['benevolat-vie-associative'], duration: '1 jour (6 heures)', cost: '40 €', funding: ['autre'], url: 'https://lemouvementassociatif-hdf.org/', paragraphs: ['Formation ouverte aux dirigeants bénévoles et aux salariés.', 'Alternance d’apports, d’échanges de pratiques et de mises en situation.'] },
  { title: 'Initiation à la comptabilité associative', summary: 'Lire un bilan, tenir une comptabilité simple et préparer l’assemblée générale.', provider: 'France Active Nord-Pas-de-Calais', themes: ['financement', 'benevolat-vie-associative'], duration: '2 demi-journées', cost: 'Gratuit', funding: ['gratuit'], url: 'https://www.franceactive.org/', paragraphs: ['Pour les trésoriers et trésorières d’associations.', 'Exercices sur les comptes d’une association fictive.'] },
  { title: 'Conseiller numérique : accompagner les publics fragiles', summary: 'Postures et outils pour accompagner les personnes éloignées du numérique dans leurs démarches.', provider: 'Hub numérique des Hauts-de-France', themes: ['numerique', 'sante-action-sociale'], duration: '3 jours (21 heures)', cost: '600 €', funding: ['opco', 'cpf'], url: 'https://www.hubnumerique-hdf.fr/', paragraphs: ['Pour les médiateurs, travailleurs sociaux et bénévoles.', 'Cas pratiques sur les démarches administratives les plus fréquentes.'] },
  { title: 'Cuisiner local en restauration collective', summary: 'Travailler les légumes bruts, les légumineuses et les produits de saison en cuisine collective.', provider: 'Lycée agricole de Tilloy-lès-Mofflaines', themes: ['alimentation-durable', 'formation-competences'], duration: '2 jours', cost: '420 €', funding: ['opco'], url: 'https://www.tilloy.fr/', paragraphs: ['Ateliers en cuisine pédagogique.', 'Approvisionnement auprès des producteurs du territoire.'] },
  { title: 'Encadrant technique d’insertion : les fondamentaux', summary: 'Transmettre un savoir-faire tout en accompagnant des salariés en parcours d’insertion.', provider: 'Chantier École Hauts-de-France', themes: ['emploi-insertion', 'formation-competences'], duration: '4 jours (28 heures)', cost: '980 €', funding: ['opco', 'region'], url: 'https://www.chantierecole.org/', paragraphs: ['Pour les encadrants techniques nouvellement recrutés.', 'Observation en situation de travail et analyse de pratiques.'] },
  { title: 'Rénovation énergétique : accompagner les ménages', summary: 'Diagnostiquer un logement, présenter les aides et suivre les travaux avec les ménages modestes.', provider: 'Agence locale de l’énergie et du climat', themes: ['habitat', 'transition-ecologique'], duration: '2 jours', cost: 'Gratuit pour les structures du département', funding: ['gratuit'], url: 'https://www.france-renov.gouv.fr/', paragraphs: ['Formation pour les travailleurs sociaux et les conseillers habitat.', 'Visite d’un logement en cours de rénovation.'] },
]

/** A day (yyyy-mm-dd) `days` after `from`. */
function dayAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10)
}

/** A Paris local date-time `days` after `from`, at `hour`:00 ("2027-03-31T12:00"). */
function parisAt(from: Date, days: number, hour: number): string {
  return `${dayAfter(from, days)}T${String(hour).padStart(2, '0')}:00`
}

export function buildDemoResources(now = new Date()) {
  const items: { input: Record<string, unknown>; authorIndex: number; status: 'published' | 'draft'; publishedDaysAgo: number; externalId: string }[] = []
  let n = 0
  const push = (input: Record<string, unknown>, status: 'published' | 'draft' = 'published') => {
    n++
    items.push({ input, authorIndex: n % DEMO_USERS.length, status, publishedDaysAgo: (n * 3) % 200, externalId: `demo-${String(n).padStart(3, '0')}` })
  }
  // Funding calls: each call in three territories, with open, upcoming and closed windows.
  CALLS.forEach((call, c) => {
    for (let k = 0; k < 3; k++) {
      const territory = TERRITORIES[(c * 3 + k) % TERRITORIES.length]
      const phase = (c + k) % 3 // 0 open, 1 upcoming, 2 closed
      const opening = phase === 0 ? -30 - k * 5 : phase === 1 ? 20 + c : -200
      const deadline = phase === 0 ? 15 + c * 4 + k * 9 : phase === 1 ? 90 + c : -20 - c
      const year = new Date(now.getTime() + deadline * 86_400_000).getUTCFullYear()
      push({
        type: 'financement-europeen',
        title: `${call.programme} ${year} : ${call.title} — ${territory.town}`,
        summary: `${call.who} ouvre un appel à projets pour ${call.subject.split(',')[0]}. Projets portés dans ${territory.name} ou à l’échelle du département.`.slice(0, 300),
        bodyText: [
          `Cet appel à projets du programme ${call.programme} soutient ${call.subject}.`,
          `Les projets doivent se dérouler dans ${territory.name} et associer au moins un partenaire local. Les dépenses de personnel, de prestations et de petit équipement sont éligibles ; l’autofinancement peut être apporté en valorisation du bénévolat dans la limite de 10 %.`,
          'Avant de déposer, contactez le service instructeur pour vérifier l’éligibilité de votre projet et le calendrier de versement de l’aide.',
        ].join('\n\n'),
        territory: k === 2 ? 'departement' : territory.slug,
        themes: call.themes,
        visibility: 'public',
        programme: call.programme,
        managingBody: call.body,
        openingDate: parisAt(now, opening, 9),
        deadline: parisAt(now, deadline, 12),
        amountMin: call.min,
        amountMax: call.max,
        cofinancingRate: call.rate,
        eligibleLegalForms: call.forms.flatMap((form) => CALL_FORMS[form] ?? [form]),
        officialUrl: call.url,
      })
    }
  })
  // Initiatives: each topic in three territories.
  INITIATIVES.forEach((topic, t) => {
    for (let k = 0; k < 3; k++) {
      const territory = TERRITORIES[(t + k * 4) % TERRITORIES.length]
      push(
        {
          type: 'initiative',
          title: `${topic.title} à ${territory.town}`,
          summary: topic.summary,
          bodyText: [`Une initiative menée à ${territory.town}.`, ...topic.paragraphs].join('\n\n'),
          territory: territory.slug,
          themes: topic.themes,
          visibility: k === 2 ? 'members' : 'public',
          startDate: dayAfter(now, -400 - t * 30 - k * 60),
          partners: topic.partners,
          audience: topic.audience,
          results: topic.results,
          contact: `contact@${territory.slug}.essaim.test`,
        },
        t === 0 && k === 1 ? 'draft' : 'published',
      )
    }
  })
  // Good practices: each one in three territories.
  PRACTICES.forEach((practice, p) => {
    for (let k = 0; k < 3; k++) {
      const territory = TERRITORIES[(p * 2 + k * 3) % TERRITORIES.length]
      push({
        type: 'bonne-pratique',
        title: k === 0 ? practice.title : `${practice.title} : l’expérience de ${territory.town}`,
        summary: practice.summary,
        bodyText: `Retour d’expérience recueilli auprès d’une structure de ${territory.name}.`,
        territory: territory.slug,
        themes: practice.themes,
        visibility: 'public',
        context: practice.context,
        problem: practice.problem,
        steps: practice.steps,
        results: practice.results,
        conditions: practice.conditions,
        pitfalls: practice.pitfalls,
      })
    }
  })
  // Trainings: each one in four territories, sessions in the coming months.
  TRAININGS.forEach((training, t) => {
    for (let k = 0; k < 4; k++) {
      const territory = TERRITORIES[(t + k * 2) % TERRITORIES.length]
      const format = (['presentiel', 'hybride', 'distanciel'] as const)[(t + k) % 3]
      const start = 10 + t * 7 + k * 21
      push({
        type: 'formation',
        title: `${training.title} (${territory.town})`,
        summary: training.summary,
        bodyText: training.paragraphs.join('\n\n'),
        territory: territory.slug,
        themes: training.themes,
        visibility: 'public',
        provider: training.provider,
        format,
        sessions: [
          { startsOn: dayAfter(now, start), endsOn: dayAfter(now, start + 1), commune: format === 'distanciel' ? undefined : territory.town },
          { startsOn: dayAfter(now, start + 60), endsOn: dayAfter(now, start + 61), commune: format === 'distanciel' ? undefined : territory.town },
        ],
        duration: training.duration,
        cost: training.cost,
        fundingOptions: training.funding,
        audience: 'Salariés, bénévoles et dirigeants de structures de l’ESS',
        registrationUrl: training.url,
      })
    }
  })
  return items
}

export type DemoStructureCandidate = { slug: string; territoryId: string; themes: string[]; memberIds: string[] }

/**
 * The demo structure a demo resource belongs to, if a sensible one exists: a structure of the resource's territory
 * (any territory for a department-wide resource) that its author belongs to, sharing a theme with it — or any such
 * structure for an initiative, which a structure always carries. The one sharing most themes wins.
 */
export function pickDemoStructure(
  resource: { type: string; territory: string; themes: string[] },
  authorId: string,
  structures: readonly DemoStructureCandidate[],
): string | null {
  let best: { slug: string; score: number } | null = null
  for (const structure of structures) {
    if (!structure.memberIds.includes(authorId)) continue
    if (resource.territory !== 'departement' && structure.territoryId !== resource.territory) continue
    const shared = structure.themes.filter((t) => resource.themes.includes(t)).length
    if (shared === 0 && resource.type !== 'initiative') continue
    if (!best || shared > best.score) best = { slug: structure.slug, score: shared }
  }
  return best?.slug ?? null
}

async function demoStructureCandidates(db: Kysely<Database>): Promise<DemoStructureCandidate[]> {
  const [structures, themes, members] = await Promise.all([
    db.selectFrom('structures').select(['id', 'slug', 'territoryId']).orderBy('searchName').execute(),
    db.selectFrom('structureThemes').select(['structureId', 'themeSlug']).execute(),
    db.selectFrom('structureMembers').select(['structureId', 'userId']).execute(),
  ])
  return structures.map((s) => ({
    slug: s.slug,
    territoryId: s.territoryId,
    themes: themes.filter((t) => t.structureId === s.id).map((t) => t.themeSlug),
    memberIds: members.filter((m) => m.structureId === s.id).map((m) => m.userId),
  }))
}

export const resourcesDemoSeeder: DemoSeeder = {
  name: 'resources',
  async seed(db: Kysely<Database>, log) {
    const existing = await db.selectFrom('resources').select('id').where('externalId', 'like', 'demo-%').limit(1).executeTakeFirst()
    if (existing) return
    const { createResource } = await import('../../../app/modules/resources/resources.server.ts')
    const { resourceSchema } = await import('../../../app/modules/resources/resources.schema.ts')
    const { textToDoc } = await import('../../../app/modules/rich-text/rich-text.server.ts')
    const users = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', DEMO_USERS.map((u) => u.email)).execute()
    const idOf = new Map(users.map((u) => [u.email, u.id]))
    const now = new Date()
    const items = buildDemoResources(now)
    // Demo structures exist already (their seeder runs first): resources go to their authors' structures.
    const structures = await demoStructureCandidates(db)
    let linked = 0
    await db.transaction().execute(async (trx) => {
      for (const item of items) {
        const { bodyText, ...fields } = item.input
        const authorId = idOf.get(DEMO_USERS[item.authorIndex].email)
        if (!authorId) throw new Error('Demo accounts are missing')
        const structure = pickDemoStructure(
          { type: String(fields.type), territory: String(fields.territory), themes: fields.themes as string[] },
          authorId,
          structures,
        )
        if (structure) linked++
        const input = resourceSchema.parse({
          ...fields,
          body: JSON.stringify(textToDoc(String(bodyText))),
          structures: structure ? [structure] : [],
        })
        const result = await createResource({
          input,
          actor: systemActor('demo'),
          author: { id: authorId },
          status: item.status,
          externalId: item.externalId,
          publishedAt: new Date(now.getTime() - item.publishedDaysAgo * 86_400_000).toISOString(),
          trx,
        })
        if (result.status !== 'saved') throw new Error(`Demo resource ${item.externalId}: ${JSON.stringify(result)}`)
      }
    })
    log(`✓ ressources de démonstration : ${items.length}, dont ${linked} rattachées à une structure de leur territoire`)
  },
}
