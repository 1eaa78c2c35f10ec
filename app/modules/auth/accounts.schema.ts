import { z } from 'zod'
import '#app/utils/zod-fr.ts'
import { isCommonPassword } from './common-passwords.ts'

// Form schemas of the account pages, shared by the forms (client-side hints) and the actions (the real check).

export const PASSWORD_MIN_LENGTH = 12
/** Argon2 accepts long inputs, but nobody types a novel: a cap keeps hashing cost bounded. */
export const PASSWORD_MAX_LENGTH = 200

export const MESSAGES = {
  emailRequired: 'Saisissez votre adresse électronique.',
  emailInvalid: 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr.',
  nameRequired: 'Saisissez votre nom ou votre prénom.',
  nameTooLong: 'Votre nom ne doit pas dépasser 100 caractères.',
  passwordRequired: 'Saisissez votre mot de passe.',
  newPasswordRequired: 'Choisissez un mot de passe.',
  passwordTooShort: `Votre mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`,
  passwordTooLong: `Votre mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  passwordCommon:
    'Ce mot de passe fait partie des plus utilisés et serait vite deviné. Choisissez-en un autre, par exemple une phrase de plusieurs mots.',
  confirmRequired: 'Saisissez une seconde fois le nouveau mot de passe.',
  confirmMismatch: 'Les deux mots de passe ne sont pas identiques.',
  currentPasswordWrong: 'Le mot de passe actuel est incorrect.',
  charterRequired: 'Vous devez accepter les conditions d’utilisation pour créer un compte.',
  badCredentials: 'Adresse électronique ou mot de passe incorrect.',
} as const

const email = z
  .string({ required_error: MESSAGES.emailRequired })
  .trim()
  .toLowerCase()
  .max(254, MESSAGES.emailInvalid)
  .email(MESSAGES.emailInvalid)

/** A password someone chooses: long enough and not one of the most common ones. */
const newPassword = (requiredMessage: string = MESSAGES.newPasswordRequired) =>
  z
    .string({ required_error: requiredMessage })
    .min(PASSWORD_MIN_LENGTH, MESSAGES.passwordTooShort)
    .max(PASSWORD_MAX_LENGTH, MESSAGES.passwordTooLong)
    .refine((value) => !isCommonPassword(value), MESSAGES.passwordCommon)

/** A password someone types to prove who they are: only bounded, never judged. */
const existingPassword = z
  .string({ required_error: MESSAGES.passwordRequired })
  .max(PASSWORD_MAX_LENGTH * 5, MESSAGES.passwordTooLong)

export const SignUpSchema = z.object({
  email,
  name: z.string({ required_error: MESSAGES.nameRequired }).trim().min(1, MESSAGES.nameRequired).max(100, MESSAGES.nameTooLong),
  password: newPassword(),
  charter: z
    .boolean({ required_error: MESSAGES.charterRequired, invalid_type_error: MESSAGES.charterRequired })
    .refine((value) => value, MESSAGES.charterRequired),
  /** Optional: the slug of the person's territory (its group is offered once the address is confirmed). */
  territory: z.string().trim().max(100).optional(),
})

export const LoginSchema = z.object({
  email: z.string({ required_error: MESSAGES.emailRequired }).trim().toLowerCase().max(254, MESSAGES.badCredentials),
  password: existingPassword,
  redirectTo: z.string().optional(),
})

export const ForgotPasswordSchema = z.object({ email })

export const ResetPasswordSchema = z
  .object({
    token: z
      .string({ required_error: 'Le lien est incomplet.' })
      .max(200, 'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse en entier depuis le courriel, ou demandez un nouveau lien.'),
    password: newPassword(),
    confirmPassword: z.string({ required_error: MESSAGES.confirmRequired }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: MESSAGES.confirmMismatch,
  })

export const ChangePasswordSchema = z
  .object({
    intent: z.literal('change-password'),
    currentPassword: existingPassword,
    newPassword: newPassword(),
    confirmPassword: z.string({ required_error: MESSAGES.confirmRequired }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ['confirmPassword'],
    message: MESSAGES.confirmMismatch,
  })

export const RevokeSessionSchema = z.object({
  intent: z.literal('revoke-session'),
  sessionId: z.string().min(1).max(100),
})

export const RevokeOthersSchema = z.object({ intent: z.literal('revoke-others') })
