// Labels and fixed lists of resources: zod-free, so the reading pages can show them without loading the validation
// library (the forms' schemas in resources.schema.ts import them from here).

import { ELIGIBLE_LEGAL_FORMS, ELIGIBLE_LEGAL_FORM_VALUES, type EligibleLegalFormValue } from '#app/modules/structures/labels.ts'
import { plural } from '#app/utils/plural.ts'

export const RESOURCE_TYPES = ['financement-europeen', 'initiative', 'bonne-pratique', 'formation'] as const
export type ResourceTypeValue = (typeof RESOURCE_TYPES)[number]

export const RESOURCE_TYPE_LABELS: Record<ResourceTypeValue, string> = {
  'financement-europeen': 'Financement européen',
  initiative: 'Initiative',
  'bonne-pratique': 'Bonne pratique',
  formation: 'Formation',
}

export const RESOURCE_TYPE_HINTS: Record<ResourceTypeValue, string> = {
  'financement-europeen': 'Un appel à projets européen : programme, dates, montants, lien officiel.',
  initiative: 'Ce que votre structure a lancé : partenaires, public, résultats.',
  'bonne-pratique': 'Une façon de faire qui marche et peut être reprise ailleurs.',
  formation: 'Une formation ouverte aux acteurs de l’ESS, avec ses sessions.',
}

export const PROGRAMMES = [
  'FSE+',
  'FEDER',
  'FEADER/LEADER',
  'Interreg France-Wallonie-Vlaanderen',
  'Interreg North-West Europe',
  'Erasmus+',
  'CERV',
  'LIFE',
  'Horizon Europe',
  'Autre',
] as const

export const TRAINING_FORMATS = ['presentiel', 'distanciel', 'hybride'] as const
export const TRAINING_FORMAT_LABELS: Record<(typeof TRAINING_FORMATS)[number], string> = {
  presentiel: 'Présentiel',
  distanciel: 'Distanciel',
  hybride: 'Hybride',
}

export const FUNDING_OPTIONS = ['opco', 'cpf', 'france-travail', 'region', 'gratuit', 'autre'] as const
export const FUNDING_OPTION_LABELS: Record<(typeof FUNDING_OPTIONS)[number], string> = {
  opco: 'OPCO',
  cpf: 'CPF',
  'france-travail': 'France Travail',
  region: 'Région Hauts-de-France',
  gratuit: 'Gratuit',
  autre: 'Autre financement',
}

// Who a funding call is open to: the structures' vocabulary (structures/labels.ts), so that a structure's legal form
// filters the calls it can answer.
export const LEGAL_FORMS = ELIGIBLE_LEGAL_FORM_VALUES
export const LEGAL_FORM_LABELS = Object.fromEntries(ELIGIBLE_LEGAL_FORMS.map((f) => [f.value, f.label])) as Record<
  EligibleLegalFormValue,
  string
>

export const TERRITORY_DEPARTEMENT = 'departement'

export const VISIBILITIES = ['public', 'members', 'group'] as const
export const VISIBILITY_LABELS: Record<(typeof VISIBILITIES)[number], string> = {
  public: 'Tout le monde',
  members: 'Membres connectés',
  group: 'Membres des groupes choisis',
}

export const STATUS_LABELS = {
  draft: 'Brouillon',
  pending: 'En attente de relecture',
  published: 'Publiée',
  archived: 'Archivée',
} as const

export const SUMMARY_MAX = 300
export const STRUCTURES_MAX = 5

/**
 * The label of a resource's structures, agreeing with their number: an initiative is carried by its structures
 * (« Structure porteuse », « Structures porteuses »), other kinds are associated with them.
 */
export function structuresLabel(type: ResourceTypeValue, count: number): string {
  return type === 'initiative'
    ? plural(count, 'Structure porteuse', 'Structures porteuses')
    : plural(count, 'Structure associée', 'Structures associées')
}
