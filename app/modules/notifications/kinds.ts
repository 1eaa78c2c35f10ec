// The kinds of in-app notifications (issue 17 §4) and how /notifications words them. Client-safe: no server import.

export const NOTIFICATION_KINDS = [
  'reply',
  'mention',
  'join_decision',
  'review_decision',
  'new_resource',
  'call_closing',
  'event_changed',
  'event_cancelled',
  'reaction',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value)
}

/** What a notification keeps besides its target: never a private text (the target's title is read when shown). */
export type NotificationData = {
  /** Who acted (a reply, a mention), by name at the time. */
  actorName?: string
  /** A comment's anchor on the target's page. */
  commentId?: string
  /** join_decision. */
  approved?: boolean
  /** review_decision: approve, request-changes or refuse. */
  decision?: string
  /** call_closing: the deadline (ISO-8601 UTC). */
  deadline?: string
  /** reaction: which one, and how many people gave it when the notification was last updated. */
  reaction?: 'useful' | 'tested'
  count?: number
}

/** « 3 personnes », « 1 personne ». */
function people(count: number): string {
  return `${count} ${count === 1 ? 'personne' : 'personnes'}`
}

/** The sentence of a notification (`title`: the target's name now). */
export function notificationText(kind: string, title: string, data: NotificationData, formatDate: (iso: string) => string): string {
  switch (kind) {
    case 'reply':
      return `${data.actorName ?? 'Quelqu’un'} a répondu à votre commentaire sur « ${title} »`
    case 'mention':
      return `${data.actorName ?? 'Quelqu’un'} vous a mentionné dans un commentaire sur « ${title} »`
    case 'join_decision':
      return data.approved ? `Votre demande pour rejoindre ${title} a été acceptée` : `Votre demande pour rejoindre ${title} n’a pas été acceptée`
    case 'review_decision':
      if (data.decision === 'approve') return `Votre ressource « ${title} » a été publiée après relecture`
      if (data.decision === 'request-changes') return `Des modifications sont demandées sur votre ressource « ${title} »`
      return `Votre ressource « ${title} » n’a pas été publiée`
    case 'new_resource':
      return `Nouvelle ressource dans vos abonnements : « ${title} »`
    case 'call_closing':
      return data.deadline ? `L’appel « ${title} » se clôture le ${formatDate(data.deadline)}` : `L’appel « ${title} » se clôture bientôt`
    case 'event_changed':
      return `L’événement « ${title} » a été modifié`
    case 'event_cancelled':
      return `L’événement « ${title} » est annulé`
    case 'reaction': {
      const count = data.count ?? 1
      return data.reaction === 'tested'
        ? `Votre ressource « ${title} » a été testée par ${people(count)}`
        : `Votre ressource « ${title} » : utile pour ${people(count)}`
    }
    default:
      return `Du nouveau sur « ${title} »`
  }
}

/** The bell's accessible name: « Notifications, 3 non lues ». */
export function bellLabel(unread: number): string {
  if (unread === 0) return 'Notifications, aucune non lue'
  return `Notifications, ${unread} non ${unread === 1 ? 'lue' : 'lues'}`
}

export const NOTIFICATIONS_PER_PAGE = 20
