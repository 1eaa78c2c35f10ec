import { z } from 'zod'
import '#app/utils/zod-fr.ts'
import type { GroupJoinPolicy, GroupPageVisibility } from '#db/schema/groups.ts'
import { plainText } from '#app/utils/text.ts'

// The group settings form (/groupes/nouveau, /groupes/:slug/parametres): shared by the form (client) and the action
// (server). The module (groups.server.ts) checks the same rules again; the messages are its own.

export const GROUP_NAME_MAX = 100
export const GROUP_DESCRIPTION_MAX = 2000

export const GROUP_FORM_MESSAGES = {
  nameRequired: 'Indiquez le nom du groupe.',
  nameTooLong: `Le nom ne doit pas dépasser ${GROUP_NAME_MAX} caractères.`,
  descriptionTooLong: 'La description ne doit pas dépasser 2 000 caractères.',
  joinPolicyRequired: 'Choisissez comment on rejoint le groupe.',
  pageVisibilityRequired: 'Choisissez qui peut lire la page du groupe.',
  hiddenInvitationOnly: 'Un groupe masqué ne s’ouvre que sur invitation : choisissez « Sur invitation ».',
} as const

export const JOIN_POLICY_OPTIONS: readonly { value: GroupJoinPolicy; label: string; hint: string }[] = [
  { value: 'open', label: 'Libre', hint: 'toute personne inscrite dont l’adresse est confirmée peut rejoindre le groupe' },
  { value: 'request', label: 'Sur demande', hint: 'la coordination accepte ou refuse chaque demande' },
  { value: 'invitation', label: 'Sur invitation', hint: 'seules les personnes invitées par courriel peuvent rejoindre le groupe' },
]

export const PAGE_VISIBILITY_OPTIONS: readonly { value: GroupPageVisibility; label: string }[] = [
  { value: 'public', label: 'Tout le monde, même sans compte' },
  { value: 'members', label: 'Les membres du groupe seulement' },
]

const choice = <T extends string>(values: readonly T[], message: string) =>
  z.enum(values as [T, ...T[]], { errorMap: () => ({ message }) })

export const GroupSettingsSchema = z
  .object({
    name: plainText(
      z
        .string({ required_error: GROUP_FORM_MESSAGES.nameRequired })
        .trim()
        .min(1, GROUP_FORM_MESSAGES.nameRequired)
        .max(GROUP_NAME_MAX, GROUP_FORM_MESSAGES.nameTooLong),
    ),
    description: plainText(
      z
        .string()
        .trim()
        .max(GROUP_DESCRIPTION_MAX, GROUP_FORM_MESSAGES.descriptionTooLong)
        .optional()
        .transform((value) => value ?? ''),
      { multiline: true },
    ),
    joinPolicy: choice(
      JOIN_POLICY_OPTIONS.map((o) => o.value),
      GROUP_FORM_MESSAGES.joinPolicyRequired,
    ),
    pageVisibility: choice(
      PAGE_VISIBILITY_OPTIONS.map((o) => o.value),
      GROUP_FORM_MESSAGES.pageVisibilityRequired,
    ),
    hidden: z
      .string()
      .optional()
      .transform((value) => value === 'on'),
  })
  .superRefine((value, ctx) => {
    if (value.hidden && value.joinPolicy !== 'invitation') {
      ctx.addIssue({ code: 'custom', path: ['joinPolicy'], message: GROUP_FORM_MESSAGES.hiddenInvitationOnly })
    }
  })

/** What coordinators (who are not admins) may change: the description only (and the cover, through its own form). */
export const GroupDescriptionSchema = z.object({
  description: GroupSettingsSchema.innerType().shape.description,
})

export type GroupSettingsValue = z.output<typeof GroupSettingsSchema>
