import { z } from 'zod'
import '#app/utils/zod-fr.ts'
import { LEGAL_FORM_VALUES, SIZE_BRACKETS, type SizeBracketValue } from './labels.ts'
import { plainText } from '#app/utils/text.ts'

// Structure forms: shared by the form (client) and the action (server). Every message is French and names the fix.

export {
  BADGES,
  DIRECTORY_SORTS,
  LABEL_NAME,
  LEGAL_FORMS,
  LEGAL_FORM_VALUES,
  type LegalFormValue,
  SIZE_BRACKETS,
  type SizeBracketValue,
  legalFormLabel,
  sizeBracketLabel,
} from './labels.ts'

const SIZE_BRACKET_VALUES = SIZE_BRACKETS.map((b) => b.value) as [SizeBracketValue, ...SizeBracketValue[]]

export const PRESENTATION_MAX = 280
export const DESCRIPTION_MAX = 10_000
export const NAME_MAX = 150

export const STRUCTURE_MESSAGES = {
  nameRequired: 'Indiquez le nom de la structure.',
  nameTooLong: `Le nom ne peut pas dépasser ${NAME_MAX} caractères.`,
  legalFormRequired: 'Choisissez la forme juridique de la structure.',
  legalFormInvalid: 'Choisissez une forme juridique de la liste.',
  siretFormat: 'Le numéro SIRET compte exactement 14 chiffres (les espaces sont acceptés).',
  siretChecksum: 'Ce numéro SIRET n’est pas valide : vérifiez les chiffres (la clé de contrôle ne correspond pas).',
  siretTaken: 'Une structure avec ce numéro SIRET existe déjà sur Essaim.',
  rnaFormat: 'Le numéro RNA commence par W suivi de 9 chiffres (par exemple W623001234).',
  rnaTaken: 'Une structure avec ce numéro RNA existe déjà sur Essaim.',
  websiteInvalid: 'Indiquez une adresse web complète commençant par http:// ou https:// (par exemple https://exemple.fr).',
  emailInvalid: 'Indiquez une adresse électronique valide, par exemple contact@exemple.fr.',
  phoneInvalid: 'Indiquez un numéro de téléphone français à 10 chiffres, par exemple 03 21 00 00 00.',
  presentationRequired: 'Présentez la structure en quelques mots.',
  presentationTooLong: `La présentation courte ne peut pas dépasser ${PRESENTATION_MAX} caractères.`,
  descriptionTooLong: `La description ne peut pas dépasser ${DESCRIPTION_MAX} caractères.`,
  addressTooLong: 'L’adresse ne peut pas dépasser 300 caractères.',
  bracketInvalid: 'Choisissez une tranche de la liste.',
  themesInvalid: 'Choisissez les thématiques dans la liste.',
  themesTooMany: 'Choisissez au plus 5 thématiques.',
  contactNeeded: 'Pour afficher les coordonnées, indiquez au moins une adresse électronique ou un téléphone.',
  conflict:
    'Quelqu’un a enregistré cette structure pendant que vous la modifiiez : vos modifications n’ont pas été enregistrées, elles sont restées dans le formulaire. Consultez la version actuelle (dans un autre onglet), puis enregistrez à nouveau pour la remplacer par vos valeurs.',
} as const

/**
 * Luhn check (the SIRET key). La Poste's establishments (SIREN 356 000 000) use another rule, a sum of digits multiple
 * of 5, except its head office (356 000 000 00048), which follows Luhn.
 */
const LA_POSTE_HEAD_OFFICE = '35600000000048'

export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false
  const digits = [...value].map(Number)
  if (value.startsWith('356000000') && value !== LA_POSTE_HEAD_OFFICE) {
    return digits.reduce((sum, digit) => sum + digit, 0) % 5 === 0
  }
  let sum = 0
  for (let index = 0; index < 14; index++) {
    // From the right, every second digit is doubled: in a 14-digit number, those are at even indexes from the left.
    let digit = digits[index]
    if (index % 2 === 0) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

export function normaliseSiret(value: string): string {
  return value.replace(/[\s.\u00a0\u202f]/g, '')
}

export function normaliseRna(value: string): string {
  return value.replace(/\s/g, '').toUpperCase()
}

const FRENCH_PHONE = /^(?:\+33|0033|0)[1-9](?:\d{2}){4}$/

export function normalisePhone(value: string): string {
  return value.replace(/[\s.\-\u00a0()]/g, '')
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname) && url.hostname.includes('.')
  } catch {
    return false
  }
}

const optionalText = (max: number, message: string) =>
  plainText(
    z
      .string()
      .trim()
      .max(max, message)
      .optional()
      .transform((value) => (value ? value : null)),
  )

export const siretField = z
  .string()
  .optional()
  .transform((value) => (value ? normaliseSiret(value) : null))
  .superRefine((value, ctx) => {
    if (value === null) return
    if (!/^\d{14}$/.test(value)) ctx.addIssue({ code: 'custom', message: STRUCTURE_MESSAGES.siretFormat })
    else if (!isValidSiret(value)) ctx.addIssue({ code: 'custom', message: STRUCTURE_MESSAGES.siretChecksum })
  })

export const rnaField = z
  .string()
  .optional()
  .transform((value) => (value ? normaliseRna(value) : null))
  .refine((value) => value === null || /^W\d{9}$/.test(value), STRUCTURE_MESSAGES.rnaFormat)

export const websiteField = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || (value.length <= 500 && isHttpUrl(value)), STRUCTURE_MESSAGES.websiteInvalid)

const phoneField = z
  .string()
  .optional()
  .transform((value) => (value ? normalisePhone(value) : null))
  .refine((value) => value === null || FRENCH_PHONE.test(value), STRUCTURE_MESSAGES.phoneInvalid)

const emailField = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value.toLowerCase() : null))
  .refine(
    (value) => value === null || (value.length <= 254 && z.string().email().safeParse(value).success),
    STRUCTURE_MESSAGES.emailInvalid,
  )

const bracketField = z
  .enum(SIZE_BRACKET_VALUES, { errorMap: () => ({ message: STRUCTURE_MESSAGES.bracketInvalid }) })
  .optional()
  .transform((value) => value ?? null)

/**
 * The structure form. The commune is read apart (`resolveCommuneInput`, which needs the database), so `commune` and
 * `communeLabel` are only carried through here.
 */
export const StructureSchema = z
  .object({
    name: plainText(
      z
        .string({ required_error: STRUCTURE_MESSAGES.nameRequired })
        .trim()
        .min(1, STRUCTURE_MESSAGES.nameRequired)
        .max(NAME_MAX, STRUCTURE_MESSAGES.nameTooLong),
    ),
    legalForm: z.enum(LEGAL_FORM_VALUES, {
      errorMap: (issue, ctx) =>
        issue.code === 'invalid_type' && ctx.data === undefined
          ? { message: STRUCTURE_MESSAGES.legalFormRequired }
          : { message: STRUCTURE_MESSAGES.legalFormInvalid },
    }),
    siret: siretField,
    rna: rnaField,
    commune: z.string().optional(),
    communeLabel: z.string().optional(),
    address: optionalText(300, STRUCTURE_MESSAGES.addressTooLong),
    websiteUrl: websiteField,
    contactEmail: emailField,
    contactPhone: phoneField,
    showContact: z
      .string()
      .optional()
      .transform((value) => value === 'on'),
    presentation: plainText(
      z
        .string({ required_error: STRUCTURE_MESSAGES.presentationRequired })
        .trim()
        .min(1, STRUCTURE_MESSAGES.presentationRequired)
        .max(PRESENTATION_MAX, STRUCTURE_MESSAGES.presentationTooLong),
      { multiline: true },
    ),
    description: plainText(
      z
        .string()
        .trim()
        .max(DESCRIPTION_MAX, STRUCTURE_MESSAGES.descriptionTooLong)
        .optional()
        .transform((value) => value ?? ''),
      { multiline: true },
    ),
    themes: z
      .array(z.string().regex(/^[a-z0-9-]{1,60}$/, STRUCTURE_MESSAGES.themesInvalid))
      .max(5, STRUCTURE_MESSAGES.themesTooMany)
      .optional()
      .transform((value) => [...new Set(value ?? [])]),
    employeesBracket: bracketField,
    volunteersBracket: bracketField,
  })
  .superRefine((value, ctx) => {
    if (value.showContact && !value.contactEmail && !value.contactPhone) {
      ctx.addIssue({ code: 'custom', path: ['showContact'], message: STRUCTURE_MESSAGES.contactNeeded })
    }
  })

export type StructureInput = z.infer<typeof StructureSchema>

export const INVITATION_MESSAGES = {
  emailRequired: 'Indiquez l’adresse électronique de la personne à inviter.',
  emailInvalid: 'Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr.',
  alreadyMember: 'Cette personne fait déjà partie de la structure.',
  alreadyInvited: 'Une invitation est déjà en cours pour cette adresse.',
} as const

export const InviteSchema = z.object({
  intent: z.literal('invite'),
  email: z
    .string({ required_error: INVITATION_MESSAGES.emailRequired })
    .trim()
    .toLowerCase()
    .min(1, INVITATION_MESSAGES.emailRequired)
    .max(254, INVITATION_MESSAGES.emailInvalid)
    .email(INVITATION_MESSAGES.emailInvalid),
  role: z.enum(['member', 'owner']).default('member'),
})

export const JoinRequestSchema = z.object({
  intent: z.literal('request-join'),
  message: plainText(
    z
      .string()
      .trim()
      .max(500, 'Le message ne peut pas dépasser 500 caractères.')
      .optional()
      .transform((value) => value ?? ''),
    { multiline: true },
  ),
})

/** Directory filters from the query string: anything unknown is dropped rather than refused. */
export const DirectoryQuerySchema = z.object({
  q: z.string().trim().max(100).catch('').default(''),
  territoire: z.string().regex(/^[a-z0-9-]{1,60}$/).optional().catch(undefined),
  forme: z.enum(LEGAL_FORM_VALUES).optional().catch(undefined),
  theme: z.string().regex(/^[a-z0-9-]{1,60}$/).optional().catch(undefined),
  badge: z.enum(['charte', 'label']).optional().catch(undefined),
  tri: z.enum(['nom', 'recent']).catch('nom').default('nom'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})

export type DirectoryQuery = z.infer<typeof DirectoryQuerySchema>
