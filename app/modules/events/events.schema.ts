import { z } from 'zod'
import '#app/utils/zod-fr.ts'
import { parseParisDateTime } from '#app/modules/resources/dates.ts'
import { isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'
import { EVENT_KINDS } from '#db/schema/events.ts'

// The event form (/agenda/nouveau, /agenda/:id/modifier), shared by the page (client checks) and the action (server).
// Dates and times are typed in Paris time (a date input and a time input each); the module stores UTC. Every message
// is French and names the fix. The module (events.server.ts) checks again what the database knows (commune,
// organiser, the description's rich text) and its own rules.

export const EVENT_TITLE_MAX = 200
export const EVENT_ADDRESS_MAX = 300

export const EVENT_FORM_MESSAGES = {
  organiser: 'Choisissez qui organise l’événement.',
  title: 'Donnez un titre à l’événement.',
  titleTooLong: `Le titre ne doit pas dépasser ${EVENT_TITLE_MAX} caractères.`,
  kind: 'Choisissez le type d’événement.',
  startDate: 'Indiquez la date de début (jj/mm/aaaa).',
  startTime: 'Indiquez l’heure de début (par exemple 09:30).',
  endDate: 'Indiquez la date de fin (jj/mm/aaaa).',
  endTime: 'Indiquez l’heure de fin (par exemple 12:00).',
  endBeforeStart: 'La fin doit venir après le début.',
  deadlineTime: 'Indiquez aussi l’heure limite d’inscription.',
  deadlineDate: 'Indiquez aussi la date limite d’inscription.',
  deadlineAfterStart: 'La date limite d’inscription doit précéder le début.',
  capacity: 'Le nombre de places est un nombre entier d’au moins 1 (laissez vide pour ne pas limiter).',
  onlineUrl: 'Le lien doit être une adresse complète commençant par https://.',
  addressTooLong: `L’adresse ne doit pas dépasser ${EVENT_ADDRESS_MAX} caractères.`,
  placeNeeded: 'Indiquez un lieu (commune) ou un lien pour participer en ligne.',
  visibility: 'Choisissez à qui l’événement s’adresse.',
  groupOnlyNeedsGroup: 'Seul un événement organisé par un groupe peut être réservé aux membres du groupe.',
  description: 'Présentez l’événement en quelques lignes.',
} as const

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** A date input and a time input, in Paris, as a UTC instant (null when either is missing or not real). */
export function parisInstant(day: string | undefined, time: string | undefined): string | null {
  if (!day || !time || !DAY.test(day) || !TIME.test(time)) return null
  return parseParisDateTime(`${day}T${time}`)
}

const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional()

export const EventFormSchema = z
  .object({
    organiser: z.string({ required_error: EVENT_FORM_MESSAGES.organiser }).regex(/^(group|structure):.+$/, EVENT_FORM_MESSAGES.organiser),
    title: z.string({ required_error: EVENT_FORM_MESSAGES.title }).trim().min(1, EVENT_FORM_MESSAGES.title).max(EVENT_TITLE_MAX, EVENT_FORM_MESSAGES.titleTooLong),
    /** The editor's document (JSON), checked by the module's rich-text validator. */
    description: z.string().optional(),
    /** The plain text typed without JavaScript. */
    descriptionText: z.string().optional(),
    kind: z.enum(EVENT_KINDS, { errorMap: () => ({ message: EVENT_FORM_MESSAGES.kind }) }),
    startDate: z.string({ required_error: EVENT_FORM_MESSAGES.startDate }).regex(DAY, EVENT_FORM_MESSAGES.startDate),
    startTime: z.string({ required_error: EVENT_FORM_MESSAGES.startTime }).regex(TIME, EVENT_FORM_MESSAGES.startTime),
    endDate: z.string({ required_error: EVENT_FORM_MESSAGES.endDate }).regex(DAY, EVENT_FORM_MESSAGES.endDate),
    endTime: z.string({ required_error: EVENT_FORM_MESSAGES.endTime }).regex(TIME, EVENT_FORM_MESSAGES.endTime),
    /** The commune's INSEE code (filled by the combobox) and the text typed (resolved by the server without JS). */
    commune: z.string().optional(),
    communeLabel: z.string().optional(),
    address: optionalText(EVENT_ADDRESS_MAX, EVENT_FORM_MESSAGES.addressTooLong),
    onlineUrl: z
      .string()
      .trim()
      .optional()
      .refine((value) => !value || isHttpsUrl(value), EVENT_FORM_MESSAGES.onlineUrl),
    territory: z.string().optional(),
    capacity: z
      .string()
      .trim()
      .optional()
      .refine((value) => !value || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100_000), EVENT_FORM_MESSAGES.capacity),
    deadlineDate: z.string().optional(),
    deadlineTime: z.string().optional(),
    visibility: z.enum(['public', 'members', 'group'], { errorMap: () => ({ message: EVENT_FORM_MESSAGES.visibility }) }),
  })
  .superRefine((value, ctx) => {
    const start = parisInstant(value.startDate, value.startTime)
    const end = parisInstant(value.endDate, value.endTime)
    if (value.startDate && DAY.test(value.startDate) && value.startTime && !start)
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: EVENT_FORM_MESSAGES.startDate })
    if (value.endDate && DAY.test(value.endDate) && value.endTime && !end)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: EVENT_FORM_MESSAGES.endDate })
    if (start && end && end <= start) ctx.addIssue({ code: 'custom', path: ['endDate'], message: EVENT_FORM_MESSAGES.endBeforeStart })
    if (value.deadlineDate && !value.deadlineTime)
      ctx.addIssue({ code: 'custom', path: ['deadlineTime'], message: EVENT_FORM_MESSAGES.deadlineTime })
    else if (value.deadlineTime && !value.deadlineDate)
      ctx.addIssue({ code: 'custom', path: ['deadlineDate'], message: EVENT_FORM_MESSAGES.deadlineDate })
    else if (value.deadlineDate && value.deadlineTime) {
      const deadline = parisInstant(value.deadlineDate, value.deadlineTime)
      if (!deadline) ctx.addIssue({ code: 'custom', path: ['deadlineDate'], message: 'Indiquez une date et une heure limites valides.' })
      else if (start && deadline > start) ctx.addIssue({ code: 'custom', path: ['deadlineDate'], message: EVENT_FORM_MESSAGES.deadlineAfterStart })
    }
    if (!value.commune && !value.communeLabel?.trim() && !value.onlineUrl)
      ctx.addIssue({ code: 'custom', path: ['communeLabel'], message: EVENT_FORM_MESSAGES.placeNeeded })
    if (value.visibility === 'group' && value.organiser.startsWith('structure:'))
      ctx.addIssue({ code: 'custom', path: ['visibility'], message: EVENT_FORM_MESSAGES.groupOnlyNeedsGroup })
  })

export type EventFormValue = z.infer<typeof EventFormSchema>

/** An absolute https:// address with a host (no other scheme: the link is shown to everyone). */
export function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\/\S+$/i.test(value)) return false
  try {
    return new URL(value).hostname.length > 0
  } catch {
    return false
  }
}

/** The organiser select's value: `group:<id>` or `structure:<id>`. */
export function organiserValue(organiser: { groupId: string | null; structureId: string | null }): string {
  return organiser.groupId ? `group:${organiser.groupId}` : `structure:${organiser.structureId ?? ''}`
}

export function parseOrganiser(value: string): { groupId: string | null; structureId: string | null } {
  const [kind, ...rest] = value.split(':')
  const id = rest.join(':')
  return kind === 'group' ? { groupId: id, structureId: null } : { groupId: null, structureId: id }
}

/**
 * Whether this viewer may organise at least one event (events.policy.ts `canCreateFor` for some organiser): an admin,
 * or a verified coordinator of a group or member of a structure. For the « Proposer un événement » links.
 */
export function mayProposeEvents(viewer: Viewer): boolean {
  if (viewer.kind !== 'person') return false
  if (isAdmin(viewer)) return true
  return viewer.verified && (viewer.structures.size > 0 || [...viewer.groups.values()].includes('coordinator'))
}
