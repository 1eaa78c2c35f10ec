// Singular or plural from a count, the French way: 0 and 1 take the singular (« 0 résultat », « 1 résultat »),
// 2 and more the plural. Pure: shared by server and browser.

const numberFr = new Intl.NumberFormat('fr-FR')

/** The word that agrees with `count`: plural(1, 'Structure associée', 'Structures associées') → « Structure associée ». */
export function plural(count: number, singular: string, pluralForm: string): string {
  return Math.abs(count) >= 2 ? pluralForm : singular
}

/** The count and its word: « 1 résultat », « 2 résultats », « 1 234 résultats » (French digit grouping). */
export function countFr(count: number, singular: string, pluralForm: string): string {
  return `${numberFr.format(count)} ${plural(count, singular, pluralForm)}`
}

const listFormat = new Intl.ListFormat('fr-FR', { style: 'long', type: 'conjunction' })

/** Items joined the French way: « A », « A et B », « A, B et C ». */
export function listFr(items: readonly string[]): string {
  return listFormat.format(items)
}
