/**
 * The ESS synonym and acronym list the search starts with (the migration 20261125T220000 seeds the same list into
 * `search_synonyms`, where admins edit it at /admin/recherche/synonymes). Each group lists equivalent terms.
 */
export const DEFAULT_SYNONYMS: string[][] = [
  ['fse', 'fse+', 'fonds social européen', 'fonds social européen plus'],
  ['feder', 'fonds européen de développement régional'],
  ['leader', 'liaison entre actions de développement de l’économie rurale'],
  ['feader', 'fonds européen agricole pour le développement rural'],
  ['ess', 'économie sociale et solidaire'],
  ['scop', 'société coopérative et participative', 'société coopérative de production'],
  ['scic', 'société coopérative d’intérêt collectif'],
  ['esus', 'entreprise solidaire d’utilité sociale'],
  ['iae', 'insertion par l’activité économique'],
  ['siae', 'structure d’insertion par l’activité économique'],
  ['dla', 'dispositif local d’accompagnement'],
  ['cress', 'chambre régionale de l’économie sociale et solidaire'],
  ['opco', 'opérateur de compétences'],
  ['asso', 'association'],
  ['aap', 'appel à projets'],
  ['ami', 'appel à manifestation d’intérêt'],
  ['tiers-lieu', 'tiers lieu', 'tiers-lieux'],
]
