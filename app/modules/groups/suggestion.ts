// The group suggested to a person (their territory's group), as the account pages show it. Pure: server and browser.

const STARTS_WITH_VOWEL = /^[aeiouyhàâäéèêëîïôöûüAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÜ]/

/**
 * « le groupe du Calaisis », « le groupe de l’Arrageois », « le groupe de Lens-Liévin », « le groupe d’Hénin-Carvin »:
 * the territories named after a region take the article, those named after their towns (a hyphenated pair) do not.
 */
export function territoryGroupPhrase(territoryName: string): string {
  const vowel = STARTS_WITH_VOWEL.test(territoryName)
  if (territoryName.includes('-')) return `le groupe ${vowel ? 'd’' : 'de '}${territoryName}`
  return `le groupe ${vowel ? 'de l’' : 'du '}${territoryName}`
}

export type GroupSuggestion = {
  groupId: string
  name: string
  path: string
  /** `join`: a button joins at once (open group); `request`: a link to the group page, where one asks to join. */
  action: 'join' | 'request'
}
