// Place names as French typography writes them: the reference data (Etalab) has straight apostrophes and spaced
// hyphens (« CC des Campagnes de l'Artois », « CA de Lens - Liévin »); the site writes « l’Artois », « Lens-Liévin ».
// Only the display changes: searches fold punctuation away (foldText) and slugs never come from these names.

/** « Camblain-l'Abbé » → « Camblain-l’Abbé », « CA de Lens - Liévin » → « CA de Lens-Liévin ». */
export function frenchPlaceName(name: string): string {
  return name.replace(/'/g, '’').replace(/(\p{L}) +- +(\p{L})/gu, '$1-$2')
}
