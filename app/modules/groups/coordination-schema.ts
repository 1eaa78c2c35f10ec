import { z } from 'zod'
import '#app/utils/zod-fr.ts'

// The Coordination tab's invitation form and its French messages: shared by the form (client) and the action.

export const COORDINATION_MESSAGES = {
  emailRequired: 'Indiquez l’adresse électronique de la personne à inviter.',
  emailInvalid: 'Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr.',
  alreadyMember: 'Cette personne est déjà membre du groupe.',
  alreadyInvited: 'Une invitation est déjà en cours pour cette adresse.',
  blocked: 'Cette personne est bloquée dans ce groupe : levez d’abord le blocage pour l’inviter.',
  requestGone: 'Cette demande n’est plus en attente : elle a peut-être déjà reçu une réponse ou été retirée.',
  invitationGone: 'Cette invitation n’est plus en cours.',
  notMember: 'Cette personne ne fait plus partie du groupe.',
  self: 'Vous ne pouvez pas faire cela pour vous-même : pour quitter le groupe, utilisez « Quitter le groupe ».',
  coordinatorOnlyByAdmin: 'Seule l’administration du réseau peut retirer, bloquer ou changer le rôle d’un coordinateur ou d’une coordinatrice.',
  notBlocked: 'Cette personne n’est plus bloquée.',
} as const

export const GroupInviteSchema = z.object({
  intent: z.literal('invite'),
  email: z
    .string({ required_error: COORDINATION_MESSAGES.emailRequired })
    .trim()
    .toLowerCase()
    .min(1, COORDINATION_MESSAGES.emailRequired)
    .max(254, COORDINATION_MESSAGES.emailInvalid)
    .email(COORDINATION_MESSAGES.emailInvalid),
  role: z.enum(['member', 'coordinator']).default('member'),
})
