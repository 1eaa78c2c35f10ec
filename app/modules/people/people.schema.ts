import { z } from 'zod'
import '#app/utils/zod-fr.ts'
import { plainText } from '#app/utils/text.ts'

export const BIO_MAX = 500

export const VISIBILITIES = [
  { value: 'public', label: 'Public : tout le monde voit ma page et mon nom dans les structures' },
  { value: 'members', label: 'Membres : seules les personnes connectées à Essaim me voient' },
  { value: 'hidden', label: 'Masqué : je n’apparais nulle part publiquement' },
] as const

export const PEOPLE_MESSAGES = {
  nameRequired: 'Indiquez votre nom.',
  nameTooLong: 'Le nom ne peut pas dépasser 100 caractères.',
  bioTooLong: `La présentation ne peut pas dépasser ${BIO_MAX} caractères.`,
  visibilityRequired: 'Choisissez qui peut voir votre profil.',
  territoryInvalid: 'Choisissez un territoire de la liste.',
  emailRequired: 'Indiquez la nouvelle adresse électronique.',
  emailInvalid: 'Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr.',
  emailSame: 'C’est déjà votre adresse actuelle.',
  passwordRequired: 'Saisissez votre mot de passe actuel.',
  passwordWrong: 'Ce mot de passe n’est pas le bon.',
} as const

export const ProfileSchema = z.object({
  intent: z.literal('profile'),
  name: plainText(
    z
      .string({ required_error: PEOPLE_MESSAGES.nameRequired })
      .trim()
      .min(1, PEOPLE_MESSAGES.nameRequired)
      .max(100, PEOPLE_MESSAGES.nameTooLong),
  ),
  bio: plainText(
    z
      .string()
      .trim()
      .max(BIO_MAX, PEOPLE_MESSAGES.bioTooLong)
      .optional()
      .transform((v) => v ?? ''),
    { multiline: true },
  ),
  visibility: z.enum(['public', 'members', 'hidden'], { errorMap: () => ({ message: PEOPLE_MESSAGES.visibilityRequired }) }),
  territory: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, PEOPLE_MESSAGES.territoryInvalid)
    .optional()
    .transform((v) => v ?? null),
})

export const EmailChangeSchema = z.object({
  intent: z.literal('email'),
  newEmail: z
    .string({ required_error: PEOPLE_MESSAGES.emailRequired })
    .trim()
    .toLowerCase()
    .min(1, PEOPLE_MESSAGES.emailRequired)
    .max(254, PEOPLE_MESSAGES.emailInvalid)
    .email(PEOPLE_MESSAGES.emailInvalid),
  // No password longer than 200 characters can be chosen, so a longer one is simply not the right one.
  currentPassword: z
    .string({ required_error: PEOPLE_MESSAGES.passwordRequired })
    .min(1, PEOPLE_MESSAGES.passwordRequired)
    .max(200, PEOPLE_MESSAGES.passwordWrong),
})
