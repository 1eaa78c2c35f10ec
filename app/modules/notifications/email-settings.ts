import { z } from 'zod'
import type { EmailFrequency } from '#db/schema/notifications.ts'
import { NOTIFICATION_KINDS, type NotificationKind } from './kinds.ts'

// How a person is emailed about each kind of notification (issue 17 §5). Client-safe: the settings page and the server
// share the labels, the defaults and the form's schema.
//
// Defaults are conservative (reference-systems.md §G: opt-out email is what people report as spam):
// - immediately: only decisions about one's own content or request (a review decision on one's resource, the answer to
//   one's request to join a group). There is no notification of a report on one's own content yet; when there is, it
//   belongs here;
// - weekly digest: what one asked to hear about (replies and mentions, new resources in one's follows, followed calls
//   closing, changes to events one registered for): one email a week at most, and only when something is new;
// - never: reactions (« Utile », « Je l'ai testé »): they stay in the bell.
// A person with no stored choice gets these defaults; only the choices one makes are stored.

export type { EmailFrequency }

/** The settings page. */
export const EMAIL_SETTINGS_PATH = '/compte/notifications'

export const EMAIL_FREQUENCIES = ['immediate', 'daily', 'weekly', 'never'] as const satisfies readonly EmailFrequency[]

export const FREQUENCY_LABELS: Record<EmailFrequency, string> = {
  immediate: 'Immédiatement',
  daily: 'Dans le résumé quotidien',
  weekly: 'Dans le résumé hebdomadaire',
  never: 'Jamais',
}

export const DEFAULT_EMAIL_FREQUENCY: Record<NotificationKind, EmailFrequency> = {
  review_decision: 'immediate',
  join_decision: 'immediate',
  reply: 'weekly',
  mention: 'weekly',
  new_resource: 'weekly',
  call_closing: 'weekly',
  event_changed: 'weekly',
  event_cancelled: 'weekly',
  reaction: 'never',
}

/** The settings page's order, with a legend and a hint per kind. */
export const EMAIL_KIND_LABELS: Record<NotificationKind, { legend: string; hint: string }> = {
  review_decision: { legend: 'Décisions sur mes ressources', hint: 'Publiée après relecture, modifications demandées, refusée.' },
  join_decision: { legend: 'Réponses à mes demandes pour rejoindre un groupe', hint: 'Acceptée ou non.' },
  reply: { legend: 'Réponses à mes commentaires', hint: 'Quelqu’un répond à l’un de vos commentaires.' },
  mention: { legend: 'Mentions', hint: 'Quelqu’un vous mentionne dans un commentaire.' },
  new_resource: {
    legend: 'Nouvelles ressources dans mes abonnements',
    hint: 'Dans les territoires, thèmes, structures, groupes et recherches que vous suivez.',
  },
  call_closing: { legend: 'Appels à projets suivis bientôt clos', hint: 'Un appel que vous suivez se clôture dans les 7 jours.' },
  event_changed: { legend: 'Événements modifiés', hint: 'Un événement auquel vous êtes inscrit ou que vous suivez change.' },
  event_cancelled: { legend: 'Événements annulés', hint: 'Un événement auquel vous êtes inscrit ou que vous suivez est annulé.' },
  reaction: { legend: 'Réactions à mes ressources', hint: '« Utile » et « Je l’ai testé ».' },
}

export const EMAIL_SETTING_KINDS: readonly NotificationKind[] = [
  'review_decision',
  'join_decision',
  'reply',
  'mention',
  'new_resource',
  'call_closing',
  'event_changed',
  'event_cancelled',
  'reaction',
]

export type EmailSettings = Record<NotificationKind, EmailFrequency>

/** The form: one choice per kind, each required. */
export const EmailSettingsSchema = z.object(
  Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [
      kind,
      z.enum(EMAIL_FREQUENCIES, { errorMap: () => ({ message: 'Choisissez une fréquence.' }) }),
    ]),
  ) as Record<NotificationKind, z.ZodEnum<['immediate', 'daily', 'weekly', 'never']>>,
)

/** What one-click unsubscribe stops: one kind, one digest (every kind sent in it), or every email of notifications. */
export type UnsubscribeScope = NotificationKind | 'daily' | 'weekly' | 'all'

/** « les courriels de réponses à vos commentaires », for the unsubscribe page. */
export function scopeLabel(scope: UnsubscribeScope): string {
  switch (scope) {
    case 'all':
      return 'tous les courriels de notifications d’Essaim'
    case 'daily':
      return 'le résumé quotidien d’Essaim'
    case 'weekly':
      return 'le résumé hebdomadaire d’Essaim'
    default:
      return `les courriels « ${EMAIL_KIND_LABELS[scope].legend} »`
  }
}

/** The settings after unsubscribing from `scope`: the kinds it covers set to « jamais ». */
export function applyUnsubscribe(settings: EmailSettings, scope: UnsubscribeScope): EmailSettings {
  const out = { ...settings }
  for (const kind of NOTIFICATION_KINDS) {
    if (scope === 'all' || scope === kind || out[kind] === scope) out[kind] = 'never'
  }
  return out
}
