import { countFr } from '#app/utils/plural.ts'

// Texts of the comments and reactions, shared by the pages and their actions (client-safe: no server import).

export const COMMENT_EDITOR_MAX_CHARS = 20_000
export const COMMENT_MAX_HIDDEN_REASON = 300
export const DELETED_AUTHOR_LABEL = 'Compte supprimé'

/** « Utile pour 3 personnes » (null when nobody said so). */
export function usefulText(count: number): string | null {
  return count > 0 ? `Utile pour ${countFr(count, 'personne', 'personnes')}` : null
}

/** « Testé par 2 personnes » (null when nobody said so). */
export function testedText(count: number): string | null {
  return count > 0 ? `Testé par ${countFr(count, 'personne', 'personnes')}` : null
}

/** « Commentaires (3) ». */
export function commentsHeading(count: number): string {
  return `Commentaires (${count})`
}

export const MENTION_HINT =
  'Pour prévenir quelqu’un, écrivez @ suivi de l’adresse de sa page de profil (par exemple @marie-dupont pour /membres/marie-dupont).'
