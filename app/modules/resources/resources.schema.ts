import { z } from 'zod'
import { isIsoDay, parseParisDateTime } from './dates.ts'
import { plainText } from '#app/utils/text.ts'

// What a person (or the import) sends to write a resource: one schema per kind, discriminated on `type`.
// Shared by the forms (Conform coerces numbers from strings) and the server; the body is the editor's JSON string,
// checked on the server by the rich-text pipeline.

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

export const LEGAL_FORMS = [
  'association',
  'cooperative',
  'mutuelle',
  'fondation',
  'entreprise-sociale',
  'collectivite',
  'etablissement-public',
] as const
export const LEGAL_FORM_LABELS: Record<(typeof LEGAL_FORMS)[number], string> = {
  association: 'Associations',
  cooperative: 'Coopératives (SCOP, SCIC…)',
  mutuelle: 'Mutuelles',
  fondation: 'Fondations',
  'entreprise-sociale': 'Entreprises sociales (ESUS)',
  collectivite: 'Collectivités territoriales',
  'etablissement-public': 'Établissements publics',
}

export const TERRITORY_DEPARTEMENT = 'departement'

export const VISIBILITIES = ['public', 'members', 'group'] as const
export const VISIBILITY_LABELS: Record<(typeof VISIBILITIES)[number], string> = {
  public: 'Tout le monde',
  members: 'Membres connectés',
  group: 'Un groupe (bientôt)',
}

export const STATUS_LABELS = {
  draft: 'Brouillon',
  pending: 'En relecture',
  published: 'Publiée',
  archived: 'Archivée',
} as const

export const SUMMARY_MAX = 300
export const STRUCTURES_MAX = 5

/** The label of the structures field: an initiative is carried by its structures. */
export function structuresLabel(type: ResourceTypeValue): string {
  return type === 'initiative' ? 'Structure(s) porteuse(s)' : 'Structure(s) associée(s)'
}
const TITLE_MAX = 160
const LONG_TEXT_MAX = 4000

const required = (label: string) => ({ required_error: `${label} est obligatoire.`, invalid_type_error: `${label} est invalide.` })

// Plain text (control characters stripped, see `plainText`): up to 200 characters it is one line (a title, an
// organisation's name, a duration…); longer, it may span lines.
const shortText = (label: string, max = 200) =>
  plainText(
    z
      .string(required(label))
      .trim()
      .min(1, `${label} est obligatoire.`)
      .max(max, `${label} ne doit pas dépasser ${max} caractères.`),
    { multiline: max > 200 },
  )
const optionalText = (label: string, max = LONG_TEXT_MAX) =>
  plainText(z.string().trim().max(max, `${label} ne doit pas dépasser ${max} caractères.`).optional(), { multiline: max > 300 })

const httpUrl = (label: string) =>
  z
    .string(required(label))
    .trim()
    .max(2048, `${label} est trop longue.`)
    .refine((value) => {
      try {
        const url = new URL(value)
        return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname)
      } catch {
        return false
      }
    }, `${label} doit être une adresse web complète, commençant par https://.`)

/** A date and time typed in Paris time (or an ISO instant), stored as UTC ISO. */
const parisDateTime = (label: string, endOfDay = false) =>
  z.string(required(label)).transform((value, ctx) => {
    const iso = parseParisDateTime(value, endOfDay)
    if (!iso) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label} n’est pas une date valide (jj/mm/aaaa hh:mm).` })
      return z.NEVER
    }
    return iso
  })

const isoDay = (label: string) =>
  z.string(required(label)).trim().refine(isIsoDay, `${label} n’est pas une date valide (aaaa-mm-jj).`)

const euros = (label: string) =>
  z
    .number({ invalid_type_error: `${label} doit être un nombre entier d’euros.` })
    .int(`${label} doit être un nombre entier d’euros.`)
    .min(0, `${label} ne peut pas être négatif.`)
    .max(1_000_000_000, `${label} est trop élevé.`)

/** Fields every kind has. */
const commonFields = {
  title: shortText('Le titre', TITLE_MAX).refine((v) => v.length >= 5, 'Le titre doit compter au moins 5 caractères.'),
  summary: shortText('Le résumé', SUMMARY_MAX),
  /** The editor's Tiptap JSON, as a string (checked on the server by the rich-text pipeline). */
  body: z.string({ required_error: 'Le contenu est obligatoire.' }).max(2_000_000, 'Le contenu est trop long.'),
  territory: z.string({ required_error: 'Choisissez un territoire.' }).min(1, 'Choisissez un territoire.'),
  themes: z
    .array(z.string())
    .min(1, 'Choisissez au moins une thématique.')
    .max(5, 'Choisissez au plus cinq thématiques.')
    .default([]),
  visibility: z.enum(VISIBILITIES, { errorMap: () => ({ message: 'Choisissez qui peut lire la ressource.' }) }).default('public'),
  /** Slugs of the structures the resource belongs to (optional; checked on the server against the person's memberships). */
  structures: z
    .array(z.string().trim().min(1).max(200))
    .max(STRUCTURES_MAX, `Choisissez au plus ${STRUCTURES_MAX} structures.`)
    .default([])
    .transform((slugs) => [...new Set(slugs)]),
}

const fundingCallSchema = z.object({
    type: z.literal('financement-europeen'),
    ...commonFields,
    programme: z.enum(PROGRAMMES, { errorMap: () => ({ message: 'Choisissez un programme européen.' }) }),
    managingBody: shortText('L’organisme gestionnaire'),
    openingDate: parisDateTime('La date d’ouverture').optional(),
    deadline: parisDateTime('La date limite', true),
    amountMin: euros('Le montant minimal').optional(),
    amountMax: euros('Le montant maximal').optional(),
    cofinancingRate: z
      .number({ invalid_type_error: 'Le taux de cofinancement doit être un nombre.' })
      .int('Le taux de cofinancement doit être un nombre entier.')
      .min(1, 'Le taux de cofinancement doit être compris entre 1 et 100 %.')
      .max(100, 'Le taux de cofinancement doit être compris entre 1 et 100 %.')
      .optional(),
    eligibleLegalForms: z
      .array(z.enum(LEGAL_FORMS, { errorMap: () => ({ message: 'Forme juridique inconnue.' }) }))
      .default([]),
    officialUrl: httpUrl('Le lien officiel'),
})

const initiativeSchema = z.object({
  type: z.literal('initiative'),
  ...commonFields,
  startDate: isoDay('La date de lancement').optional(),
  partners: optionalText('Les partenaires'),
  audience: optionalText('Le public'),
  results: optionalText('Les résultats et l’impact'),
  contact: optionalText('Le contact', 300),
})

const goodPracticeSchema = z.object({
  type: z.literal('bonne-pratique'),
  ...commonFields,
  context: shortText('Le contexte', LONG_TEXT_MAX),
  problem: shortText('Le problème traité', LONG_TEXT_MAX),
  steps: shortText('Les étapes', LONG_TEXT_MAX),
  results: optionalText('Les résultats'),
  conditions: optionalText('Les conditions de transfert'),
  pitfalls: optionalText('Les pièges à éviter'),
})

export const sessionSchema = z
  .object({
    startsOn: isoDay('La date de début'),
    endsOn: isoDay('La date de fin').optional(),
    /** INSEE code or exact name of a Pas-de-Calais commune (optional for distance learning). */
    commune: plainText(z.string().trim().max(100, 'Le nom de la commune est trop long.').optional()),
  })
  .superRefine((value, ctx) => {
    if (value.endsOn && value.endsOn < value.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'La date de fin doit suivre la date de début.' })
    }
  })

const trainingSchema = z.object({
  type: z.literal('formation'),
  ...commonFields,
  provider: shortText('L’organisme de formation'),
  format: z.enum(TRAINING_FORMATS, { errorMap: () => ({ message: 'Choisissez le format de la formation.' }) }),
  // The form shows a few blank rows: rows left empty are dropped.
  sessions: z.preprocess(
    (value) =>
      Array.isArray(value)
        ? value.filter((row) => row && typeof row === 'object' && Object.values(row).some((v) => v !== undefined && v !== null && v !== ''))
        : value,
    z.array(sessionSchema).max(20, 'Vingt sessions au plus.').default([]),
  ),
  duration: optionalText('La durée', 100),
  cost: optionalText('Le coût', 200),
  fundingOptions: z
    .array(z.enum(FUNDING_OPTIONS, { errorMap: () => ({ message: 'Financement inconnu.' }) }))
    .default([]),
  audience: optionalText('Le public'),
  registrationUrl: httpUrl('Le lien d’inscription').optional(),
})

export const resourceSchema = z
  .discriminatedUnion('type', [fundingCallSchema, initiativeSchema, goodPracticeSchema, trainingSchema], {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator' ? { message: 'Choisissez le type de ressource.' } : { message: ctx.defaultError },
  })
  .superRefine((value, ctx) => {
    if (value.type !== 'financement-europeen') return
    if (value.amountMin !== undefined && value.amountMax !== undefined && value.amountMin > value.amountMax) {
      ctx.addIssue({ code: 'custom', path: ['amountMax'], message: 'Le montant maximal doit être supérieur au montant minimal.' })
    }
    if (value.openingDate && value.openingDate >= value.deadline) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'La date limite doit suivre la date d’ouverture.' })
    }
  })

export type ResourceInput = z.output<typeof resourceSchema>
export type FundingCallInput = z.output<typeof fundingCallSchema>
export type TrainingInput = z.output<typeof trainingSchema>
export type TrainingSessionInput = z.output<typeof sessionSchema>
