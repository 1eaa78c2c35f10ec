// Labels and fixed lists of structures: zod-free, so the directory and the structure pages can show them without
// loading the validation library (structures.schema.ts imports them from here).

export const LEGAL_FORMS = [
  { value: 'association', label: 'Association loi 1901' },
  { value: 'scop', label: 'Coopérative — SCOP' },
  { value: 'scic', label: 'Coopérative — SCIC' },
  { value: 'cae', label: 'Coopérative — CAE (coopérative d’activité et d’emploi)' },
  { value: 'cooperative-usagers', label: 'Coopérative d’usagers' },
  { value: 'cooperative-autre', label: 'Coopérative — autre' },
  { value: 'mutuelle', label: 'Mutuelle' },
  { value: 'fondation', label: 'Fondation' },
  { value: 'esus', label: 'Entreprise sociale agréée ESUS' },
  { value: 'siae', label: 'SIAE (structure d’insertion par l’activité économique)' },
  { value: 'autre', label: 'Autre' },
] as const

export type LegalFormValue = (typeof LEGAL_FORMS)[number]['value']
export const LEGAL_FORM_VALUES = LEGAL_FORMS.map((f) => f.value) as [LegalFormValue, ...LegalFormValue[]]

/**
 * Public bodies: never the legal form of a structure of the directory, but funding calls may be open to them.
 */
export const PUBLIC_BODY_FORMS = [
  { value: 'collectivite', label: 'Collectivité territoriale' },
  { value: 'etablissement-public', label: 'Établissement public' },
] as const

/**
 * One vocabulary for who is what (issue 11): the legal forms of structures, and who a funding call is open to (the
 * same values, plus public bodies). A structure's form is then a filter of the calls it can answer.
 */
export const ELIGIBLE_LEGAL_FORMS = [...LEGAL_FORMS, ...PUBLIC_BODY_FORMS] as const
export type EligibleLegalFormValue = (typeof ELIGIBLE_LEGAL_FORMS)[number]['value']
export const ELIGIBLE_LEGAL_FORM_VALUES = ELIGIBLE_LEGAL_FORMS.map((f) => f.value) as [EligibleLegalFormValue, ...EligibleLegalFormValue[]]

/** Families a call is often open to as a whole (« les coopératives »): the forms each stands for. */
export const LEGAL_FORM_FAMILIES = {
  cooperative: ['scop', 'scic', 'cae', 'cooperative-usagers', 'cooperative-autre'],
  'entreprise-sociale': ['esus', 'siae'],
} as const satisfies Record<string, readonly LegalFormValue[]>

export function legalFormLabel(value: string): string {
  return ELIGIBLE_LEGAL_FORMS.find((f) => f.value === value)?.label ?? value
}

export const SIZE_BRACKETS = [
  { value: '0', label: 'Aucun' },
  { value: '1-9', label: 'De 1 à 9' },
  { value: '10-49', label: 'De 10 à 49' },
  { value: '50-249', label: 'De 50 à 249' },
  { value: '250+', label: '250 ou plus' },
] as const

export type SizeBracketValue = (typeof SIZE_BRACKETS)[number]['value']

export function sizeBracketLabel(value: string | null): string | null {
  if (value === null) return null
  return SIZE_BRACKETS.find((b) => b.value === value)?.label ?? null
}

export const DIRECTORY_SORTS = [
  { value: 'nom', label: 'Nom (A → Z)' },
  { value: 'recent', label: 'Les plus récentes' },
] as const

export const BADGES = [
  { value: 'charte', label: 'Signataire de la charte de l’ESS' },
  { value: 'label', label: 'Labellisée ESS Pas-de-Calais' },
] as const

export const LABEL_NAME = 'Labellisée ESS Pas-de-Calais'
