// The glossary of the ESS (/glossaire, issue 15): terms as data in code, each with a plain French definition. The
// same list links the first occurrence of each term in a resource's text (glossary-links.server.ts) and feeds the
// search synonyms (`glossarySynonymGroups`: a search for « SCIC » finds « société coopérative d’intérêt collectif »
// and the reverse). Facts checked against the Département's page (../shared/context) or the law they name.

export type GlossaryTerm = {
  /** The anchor on /glossaire (`/glossaire#scic`): lowercase, no accents. */
  slug: string
  /** As the glossary shows it: the acronym (« SCIC ») or the word (« Tiers-lieu »). */
  term: string
  /** What an acronym stands for (« Société coopérative d’intérêt collectif »). */
  expansion?: string
  definition: string
  /**
   * Other ways of writing it, linked and searched too (« tiers-lieux », « société coopérative de production »).
   * Acronyms are matched in capitals (« SCIC ») or with a capital first letter (« Scic »), never in lowercase.
   */
  aliases?: readonly string[]
  /** An acronym that is also a common word in lowercase or title case (« AMI », « LEADER »): matched in capitals only. */
  capitalsOnly?: boolean
  /** Slugs of related terms (« voir aussi »). */
  seeAlso?: readonly string[]
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    slug: 'aci',
    term: 'ACI',
    expansion: 'Atelier et chantier d’insertion',
    aliases: ['atelier chantier d’insertion', 'chantier d’insertion'],
    definition:
      'Structure d’insertion par l’activité économique, le plus souvent portée par une association ou une collectivité, qui embauche pour quelques mois des personnes très éloignées de l’emploi sur des activités utiles au territoire (maraîchage, entretien d’espaces naturels, recyclerie…), avec un accompagnement social et professionnel.',
    seeAlso: ['iae', 'siae'],
  },
  {
    slug: 'ami',
    term: 'AMI',
    expansion: 'Appel à manifestation d’intérêt',
    capitalsOnly: true,
    definition:
      'Invitation lancée par un financeur ou une collectivité pour que les structures se fassent connaître et présentent une idée ou un projet, souvent avant un appel à projets ou un partenariat. Répondre à un AMI ne donne pas droit, à lui seul, à un financement.',
    seeAlso: ['appel-a-projets'],
  },
  {
    slug: 'appel-a-projets',
    term: 'Appel à projets',
    aliases: ['appels à projets', 'AAP'],
    definition:
      'Procédure par laquelle un financeur (État, Région, Département, fondation, Union européenne) fixe des objectifs, des critères et un calendrier, puis invite les structures à déposer un dossier. Les projets retenus reçoivent une subvention ; le porteur garde l’initiative du contenu de son projet, à la différence d’un marché public.',
    seeAlso: ['ami', 'subvention', 'commande-publique-responsable'],
  },
  {
    slug: 'association',
    term: 'Association',
    aliases: ['associations', 'association loi 1901'],
    definition:
      'Groupement d’au moins deux personnes qui mettent en commun leurs connaissances ou leur activité dans un but autre que de partager des bénéfices (loi du 1er juillet 1901). Dans le Pas-de-Calais, 81 % des établissements employeurs de l’ESS sont des associations.',
    seeAlso: ['rna', 'rup'],
  },
  {
    slug: 'benevolat',
    term: 'Bénévolat',
    aliases: ['bénévole', 'bénévoles'],
    definition:
      'Engagement libre et non rémunéré d’une personne au service d’une association ou d’un projet collectif, en dehors de son temps de travail et de sa famille. Le bénévole ne reçoit pas de salaire ; ses frais peuvent lui être remboursés.',
    seeAlso: ['association'],
  },
  {
    slug: 'cae',
    term: 'CAE',
    expansion: 'Coopérative d’activité et d’emploi',
    definition:
      'Coopérative qui permet à des porteurs de projet de créer et de développer leur propre activité économique au sein d’une entreprise partagée, avec le statut d’entrepreneur salarié (contrat de travail, protection sociale, services communs), puis d’en devenir associés.',
    seeAlso: ['scop', 'scic', 'cooperative'],
  },
  {
    slug: 'cdess',
    term: 'CDESS',
    expansion: 'Conseil départemental de l’économie sociale et solidaire',
    aliases: ['conseil départemental de l’ESS'],
    definition:
      'Instance de pilotage de l’ESS du Département du Pas-de-Calais, présidée par le président du Département. Il réunit les partenaires institutionnels et associatifs de l’ESS, siège deux fois par an et tient des séances de travail dans les territoires ; il définit le label et la charte de l’ESS et évalue les mesures mises en place.',
    seeAlso: ['ess', 'cress'],
  },
  {
    slug: 'commande-publique-responsable',
    term: 'Commande publique responsable',
    aliases: ['achat public responsable', 'clause sociale', 'clauses sociales', 'clause d’insertion', 'clauses d’insertion'],
    definition:
      'Achats de l’État et des collectivités (marchés publics) qui tiennent compte de critères sociaux et environnementaux : clauses d’insertion réservant des heures de travail à des personnes éloignées de l’emploi, marchés réservés aux structures d’insertion ou aux entreprises adaptées, critères environnementaux. Un débouché pour les structures de l’ESS.',
    seeAlso: ['siae', 'ea'],
  },
  {
    slug: 'cooperative',
    term: 'Coopérative',
    aliases: ['coopératives'],
    definition:
      'Entreprise détenue par ses membres (salariés, usagers, producteurs, habitants…), qui la gèrent démocratiquement selon le principe « une personne, une voix », quel que soit le capital apporté. Dans le Pas-de-Calais, 15 % des établissements employeurs de l’ESS sont des coopératives.',
    seeAlso: ['scop', 'scic', 'cae'],
  },
  {
    slug: 'cress',
    term: 'CRESS',
    expansion: 'Chambre régionale de l’économie sociale et solidaire',
    aliases: ['chambre régionale de l’ESS'],
    definition:
      'Organisation qui représente et promeut l’ESS dans une région, Hauts-de-France pour le Pas-de-Calais. Reconnue par la loi du 31 juillet 2014 relative à l’ESS, elle observe l’ESS régionale, appuie la création et le développement des entreprises de l’ESS et tient la liste de ces entreprises.',
    seeAlso: ['ess', 'cdess'],
  },
  {
    slug: 'dla',
    term: 'DLA',
    expansion: 'Dispositif local d’accompagnement',
    definition:
      'Dispositif public qui aide gratuitement les structures employeuses d’utilité sociale (associations, structures d’insertion, coopératives…) à consolider leur activité et leurs emplois : un diagnostic partagé, puis un accompagnement par des consultants sur le modèle économique, la gouvernance ou la stratégie.',
    seeAlso: ['utilite-sociale'],
  },
  {
    slug: 'ea',
    term: 'EA',
    expansion: 'Entreprise adaptée',
    capitalsOnly: true,
    aliases: ['entreprises adaptées'],
    definition:
      'Entreprise du milieu ordinaire de travail dont la majorité des salariés sont des travailleurs reconnus handicapés, qui bénéficient d’un accompagnement adapté. Ces salariés ont un contrat de travail de droit commun, à la différence des travailleurs d’un ESAT.',
    seeAlso: ['esat', 'commande-publique-responsable'],
  },
  {
    slug: 'ei',
    term: 'EI',
    expansion: 'Entreprise d’insertion',
    capitalsOnly: true,
    aliases: ['entreprises d’insertion'],
    definition:
      'Structure d’insertion par l’activité économique qui produit des biens ou des services vendus sur le marché, comme toute entreprise, et embauche des personnes éloignées de l’emploi en contrat d’insertion, avec un accompagnement vers un emploi durable.',
    seeAlso: ['iae', 'siae'],
  },
  {
    slug: 'esat',
    term: 'ESAT',
    expansion: 'Établissement et service d’accompagnement par le travail',
    aliases: ['établissement et service d’aide par le travail'],
    definition:
      'Établissement médico-social qui permet à des personnes handicapées, orientées par la maison départementale des personnes handicapées (MDPH), d’exercer une activité professionnelle avec un soutien médico-social et éducatif. Il s’appelait auparavant « établissement et service d’aide par le travail ».',
    seeAlso: ['ea'],
  },
  {
    slug: 'ess',
    term: 'ESS',
    expansion: 'Économie sociale et solidaire',
    definition:
      'Ensemble des coopératives, mutuelles, associations, fondations et entreprises sociales ou solidaires qui placent la personne au centre de leur projet : primauté de l’intérêt collectif, non-lucrativité et juste répartition des excédents, ancrage territorial, gestion démocratique, libre adhésion. Reconnue par la loi du 31 juillet 2014, elle représente 48 390 emplois dans le Pas-de-Calais, plus de 13 % de l’emploi salarié.',
    seeAlso: ['esus', 'utilite-sociale'],
  },
  {
    slug: 'esus',
    term: 'ESUS',
    expansion: 'Entreprise solidaire d’utilité sociale',
    aliases: ['agrément ESUS'],
    definition:
      'Agrément délivré par l’État aux entreprises de l’ESS dont l’activité poursuit d’abord un objectif d’utilité sociale et dont les écarts de rémunération sont encadrés. Il ouvre l’accès à l’épargne salariale solidaire et à certains financements et avantages fiscaux.',
    seeAlso: ['ess', 'utilite-sociale'],
  },
  {
    slug: 'etti',
    term: 'ETTI',
    expansion: 'Entreprise de travail temporaire d’insertion',
    definition:
      'Structure d’insertion par l’activité économique qui fonctionne comme une agence d’intérim : elle met des personnes éloignées de l’emploi à disposition d’entreprises pour des missions, et les accompagne pendant et entre ces missions.',
    seeAlso: ['iae', 'siae'],
  },
  {
    slug: 'feader',
    term: 'FEADER',
    expansion: 'Fonds européen agricole pour le développement rural',
    definition:
      'Fonds de la politique agricole commune de l’Union européenne qui finance le développement des zones rurales : agriculture, environnement, services et économie des campagnes. Il porte le programme LEADER.',
    seeAlso: ['leader', 'feder', 'fse-plus'],
  },
  {
    slug: 'feder',
    term: 'FEDER',
    expansion: 'Fonds européen de développement régional',
    definition:
      'Fonds de l’Union européenne qui réduit les écarts de développement entre les régions : innovation, numérique, soutien aux petites entreprises, transition énergétique, aménagement. Il finance aussi les programmes Interreg de coopération entre pays.',
    seeAlso: ['fse-plus', 'feader', 'interreg'],
  },
  {
    slug: 'fondation',
    term: 'Fondation',
    aliases: ['fondations'],
    definition:
      'Organisme sans but lucratif créé par l’affectation définitive de biens, de droits ou de ressources à une œuvre d’intérêt général, par des personnes ou des entreprises. Dans le Pas-de-Calais, 4 % des établissements employeurs de l’ESS sont des fondations.',
    seeAlso: ['mecenat', 'rup'],
  },
  {
    slug: 'fse-plus',
    term: 'FSE+',
    expansion: 'Fonds social européen plus',
    aliases: ['FSE', 'fonds social européen'],
    definition:
      'Principal fonds de l’Union européenne pour l’emploi, la formation et l’inclusion sociale sur la période 2021-2027, qui a succédé au Fonds social européen (FSE). Il cofinance des actions d’accompagnement vers l’emploi, d’insertion et de lutte contre la pauvreté, souvent portées par des structures de l’ESS.',
    seeAlso: ['feder', 'iae'],
  },
  {
    slug: 'geiq',
    term: 'GEIQ',
    expansion: 'Groupement d’employeurs pour l’insertion et la qualification',
    definition:
      'Groupement d’entreprises qui recrutent ensemble des personnes éloignées de l’emploi en contrat en alternance, les forment à un métier et les mettent à disposition des entreprises adhérentes, avec un accompagnement social et professionnel.',
    seeAlso: ['iae', 'opco'],
  },
  {
    slug: 'iae',
    term: 'IAE',
    expansion: 'Insertion par l’activité économique',
    definition:
      'Politique qui permet à des personnes sans emploi rencontrant des difficultés sociales et professionnelles particulières (chômage de longue durée, minima sociaux, jeunes sans qualification…) d’être embauchées avec un accompagnement renforcé, dans des structures conventionnées par l’État, pour retrouver ensuite un emploi durable.',
    seeAlso: ['siae', 'aci', 'ei', 'etti'],
  },
  {
    slug: 'interreg',
    term: 'Interreg',
    aliases: ['coopération territoriale européenne'],
    definition:
      'Programmes européens de coopération territoriale, financés par le FEDER, qui soutiennent des projets menés ensemble par des partenaires de plusieurs pays : coopération transfrontalière entre voisins, transnationale à l’échelle de grandes régions d’Europe, ou interrégionale.',
    seeAlso: ['feder'],
  },
  {
    slug: 'leader',
    term: 'LEADER',
    expansion: 'Liaison entre actions de développement de l’économie rurale',
    capitalsOnly: true,
    definition:
      'Programme européen, financé par le FEADER, qui soutient des projets de développement rural choisis localement : sur chaque territoire retenu, un groupe d’action locale (GAL) réunissant élus et acteurs privés définit une stratégie et sélectionne les projets.',
    seeAlso: ['feader'],
  },
  {
    slug: 'mecenat',
    term: 'Mécénat',
    aliases: ['mécène', 'mécènes', 'mécénat de compétences'],
    definition:
      'Soutien apporté sans contrepartie équivalente par une entreprise ou un particulier à un organisme d’intérêt général : un don en argent, en nature ou en compétences (des salariés mis à disposition). Il ouvre droit, sous conditions, à une réduction d’impôt pour le donateur.',
    seeAlso: ['fondation', 'rup'],
  },
  {
    slug: 'mutuelle',
    term: 'Mutuelle',
    aliases: ['mutuelles'],
    definition:
      'Organisme à but non lucratif, financé par les cotisations de ses membres et géré démocratiquement par eux, qui mène des actions de prévoyance, de solidarité et d’entraide, notamment en santé.',
    seeAlso: ['ess'],
  },
  {
    slug: 'opco',
    term: 'OPCO',
    expansion: 'Opérateur de compétences',
    definition:
      'Organisme agréé par l’État, organisé par branches professionnelles, qui finance l’apprentissage et aide les entreprises, en particulier celles de moins de 50 salariés, à former leurs salariés. Une association employeuse relève de l’OPCO de sa branche.',
    seeAlso: ['geiq'],
  },
  {
    slug: 'ptce',
    term: 'PTCE',
    expansion: 'Pôle territorial de coopération économique',
    definition:
      'Regroupement, sur un même territoire, d’entreprises de l’ESS avec des entreprises classiques, des collectivités, des centres de recherche ou de formation, qui mènent une stratégie commune de coopération au service d’un développement local durable (loi du 31 juillet 2014).',
    seeAlso: ['ess', 'tiers-lieu'],
  },
  {
    slug: 'rna',
    term: 'RNA',
    expansion: 'Répertoire national des associations',
    definition:
      'Fichier national où sont inscrites les associations déclarées en préfecture. Chacune y reçoit un numéro RNA, qui commence par la lettre W, à demander pour ses démarches et ses demandes de subvention ; il ne remplace pas le numéro SIRET.',
    seeAlso: ['association', 'siret'],
  },
  {
    slug: 'rup',
    term: 'RUP',
    expansion: 'Reconnaissance d’utilité publique',
    aliases: ['reconnue d’utilité publique', 'reconnues d’utilité publique'],
    definition:
      'Reconnaissance accordée par décret, après avis du Conseil d’État, à une association ou une fondation dont l’activité d’intérêt général dépasse le cadre local. Elle élargit sa capacité juridique, notamment pour recevoir des donations et des legs, en échange d’un contrôle renforcé.',
    seeAlso: ['association', 'fondation', 'mecenat'],
  },
  {
    slug: 'scic',
    term: 'SCIC',
    expansion: 'Société coopérative d’intérêt collectif',
    definition:
      'Coopérative qui associe autour d’un projet d’utilité sociale plusieurs catégories de personnes : au moins ses salariés (ou producteurs), ses bénéficiaires et une troisième catégorie (bénévoles, collectivités, entreprises, habitants…). Chaque associé a une voix, et les bénéfices sont en grande partie mis en réserve.',
    seeAlso: ['scop', 'cooperative', 'cae'],
  },
  {
    slug: 'scop',
    term: 'SCOP',
    expansion: 'Société coopérative et participative',
    aliases: ['société coopérative de production', 'société coopérative ouvrière de production'],
    definition:
      'Entreprise dont les salariés sont les associés majoritaires : ils détiennent au moins 51 % du capital et 65 % des droits de vote, et élisent leurs dirigeants. Les bénéfices sont partagés entre les salariés, les associés et des réserves qui restent à l’entreprise.',
    seeAlso: ['scic', 'cooperative', 'cae'],
  },
  {
    slug: 'siae',
    term: 'SIAE',
    expansion: 'Structure d’insertion par l’activité économique',
    definition:
      'Structure conventionnée par l’État pour l’insertion par l’activité économique : atelier et chantier d’insertion (ACI), entreprise d’insertion (EI), entreprise de travail temporaire d’insertion (ETTI) ou association intermédiaire (AI).',
    seeAlso: ['iae', 'aci', 'ei', 'etti'],
  },
  {
    slug: 'siren',
    term: 'SIREN',
    expansion: 'Système d’identification du répertoire des entreprises',
    aliases: ['numéro SIREN'],
    definition:
      'Numéro à 9 chiffres attribué par l’Insee à une entreprise ou une association (l’unité légale), unique et invariable. Il forme le début de chaque numéro SIRET.',
    seeAlso: ['siret', 'rna'],
  },
  {
    slug: 'siret',
    term: 'SIRET',
    expansion: 'Système d’identification du répertoire des établissements',
    aliases: ['numéro SIRET'],
    definition:
      'Numéro à 14 chiffres attribué par l’Insee à chaque établissement : les 9 chiffres du SIREN suivis de 5 chiffres propres à l’établissement. Une association en a besoin pour employer des salariés ou recevoir une subvention publique.',
    seeAlso: ['siren', 'rna'],
  },
  {
    slug: 'subvention',
    term: 'Subvention',
    aliases: ['subventions'],
    definition:
      'Contribution facultative d’une autorité publique (en argent ou en nature) à une action, un projet ou au fonctionnement d’un organisme, que celui-ci a lui-même conçu, pour un objectif d’intérêt général. Elle ne rémunère pas une prestation faite pour le financeur (loi du 31 juillet 2014).',
    seeAlso: ['appel-a-projets', 'commande-publique-responsable'],
  },
  {
    slug: 'tiers-lieu',
    term: 'Tiers-lieu',
    aliases: ['tiers-lieux', 'tiers lieu', 'tiers lieux'],
    definition:
      'Espace partagé et ouvert (atelier, fablab, espace de travail partagé, café associatif, jardin…) où habitants, associations et entreprises se croisent pour travailler, apprendre, fabriquer ou créer ensemble. Beaucoup sont portés par une association ou une coopérative.',
    seeAlso: ['ptce'],
  },
  {
    slug: 'utilite-sociale',
    term: 'Utilité sociale',
    definition:
      'Au sens de la loi du 31 juillet 2014, une activité est d’utilité sociale quand son objectif principal est de soutenir des personnes en situation de fragilité, de lutter contre les exclusions et les inégalités, de contribuer à l’éducation à la citoyenneté ou de concourir au développement durable, à la transition énergétique, à la promotion culturelle ou à la solidarité internationale.',
    seeAlso: ['esus', 'ess'],
  },
]

/** The address of a term on the glossary page. */
export function glossaryHref(slug: string): string {
  return `/glossaire#${slug}`
}

/** « A » for « Appel à projets », « E » for « Économie… »: the letter a term is filed under. */
export function indexLetter(term: GlossaryTerm): string {
  return term.term.normalize('NFD').charAt(0).toUpperCase()
}

/** The terms in alphabetical order (French collation: « Économie » with the E). */
export function sortedGlossary(terms: readonly GlossaryTerm[] = GLOSSARY): GlossaryTerm[] {
  const collator = new Intl.Collator('fr', { sensitivity: 'base' })
  return [...terms].sort((a, b) => collator.compare(a.term, b.term))
}

/**
 * Synonym groups for the search engines: each term with its expansion and aliases, lowercase (the search analyses
 * accents and case itself). Terms without any other form give no group.
 */
export function glossarySynonymGroups(terms: readonly GlossaryTerm[] = GLOSSARY): string[][] {
  const groups: string[][] = []
  for (const term of terms) {
    const forms = [term.term, term.expansion, ...(term.aliases ?? [])].filter((f): f is string => Boolean(f)).map((f) => f.toLowerCase())
    const unique = [...new Set(forms)]
    if (unique.length >= 2) groups.push(unique)
  }
  return groups
}
