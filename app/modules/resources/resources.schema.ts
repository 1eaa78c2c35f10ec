import { z } from 'zod'
import '#app/utils/zod-fr.ts'
import { isIsoDay, parseParisDateTime } from './dates.ts'
import {
  FUNDING_OPTIONS,
  LEGAL_FORMS,
  PROGRAMMES,
  STRUCTURES_MAX,
  SUMMARY_MAX,
  TRAINING_FORMATS,
  VISIBILITIES,
} from './labels.ts'
import { plainText } from '#app/utils/text.ts'

// What a person (or the import) sends to write a resource: one schema per kind, discriminated on `type`.
// Shared by the forms (Conform coerces numbers from strings) and the server; the body is the editor's JSON string,
// checked on the server by the rich-text pipeline.

export {
  RESOURCE_TYPES,
  type ResourceTypeValue,
  RESOURCE_TYPE_LABELS,
  RESOURCE_TYPE_HINTS,
  PROGRAMMES,
  TRAINING_FORMATS,
  TRAINING_FORMAT_LABELS,
  FUNDING_OPTIONS,
  FUNDING_OPTION_LABELS,
  LEGAL_FORMS,
  LEGAL_FORM_LABELS,
  TERRITORY_DEPARTEMENT,
  VISIBILITIES,
  VISIBILITY_LABELS,
  STATUS_LABELS,
  SUMMARY_MAX,
  STRUCTURES_MAX,
  structuresLabel,
} from './labels.ts'

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
/** Groups a group-only resource may be for, at most. */
export const GROUPS_MAX = 5

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
  /** Slugs of the groups whose members read it, when `visibility` is `group` (checked on the server: the writer's groups). */
  groups: z
    .array(z.string().trim().min(1).max(200))
    .max(GROUPS_MAX, `Choisissez au plus ${GROUPS_MAX} groupes.`)
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
    if (value.visibility === 'group' && value.groups.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['groups'], message: 'Choisissez le ou les groupes dont les membres pourront lire la ressource.' })
    }
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
