import type { EventKind } from '#db/schema/events.ts'

// French words of the agenda pages. Pure: shared by server and browser.

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  'pleniere-cdess': 'Plénière du CDESS',
  'seance-territoriale': 'Séance de travail territoriale',
  formation: 'Formation',
  'reunion-reseau': 'Réunion de réseau',
  autre: 'Autre',
}

/** The answers of the « Je participe » and « Se désinscrire » forms, from the registrations module's typed results. */
export const REGISTRATION_MESSAGES = {
  closed: 'Les inscriptions à cet événement sont closes.',
  unverified: 'Confirmez votre adresse électronique avec le lien reçu par courriel pour vous inscrire.',
  notRegistered: 'Vous n’êtes pas inscrit ou inscrite à cet événement.',
} as const

/** « 1re », « 2e »: a rank in the waiting list. */
export function rankFr(rank: number): string {
  return rank === 1 ? '1re' : `${rank}e`
}
