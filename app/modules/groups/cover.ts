// Group covers: what the browser needs to know (widths, URL shape, accepted files). Storage is in settings.server.ts.

/** Wide renditions kept for each cover (3 : 1), in pixels: 640 for phones, 1280 for wide or dense screens. */
export const COVER_WIDTHS = [640, 1280] as const
export type CoverWidth = (typeof COVER_WIDTHS)[number]
export const COVER_RATIO = 3

export const COVER_MAX_BYTES = 5 * 1024 * 1024

/** For the file input's `accept` attribute (a hint for the picker; the server reads the content). */
export const COVER_ACCEPT = 'image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp'

export const COVER_MESSAGES = {
  missing: 'Choisissez une image à envoyer.',
  type: 'Ce fichier n’est pas une image PNG, JPEG ou WebP. Choisissez une image dans l’un de ces formats.',
  tooLarge: 'L’image dépasse 5 Mo, la taille maximale acceptée pour une image de couverture.',
  unreadable: 'Cette image est illisible ou abîmée : enregistrez-la de nouveau (PNG, JPEG ou WebP) puis réessayez.',
} as const

/** The key changes with every upload, so the URL can be cached for ever. */
export function coverUrl(slug: string, key: string, width: CoverWidth): string {
  return `/groupes/${encodeURIComponent(slug)}/couverture/${key}/${width}`
}

export function isCoverWidth(value: string | undefined): value is `${CoverWidth}` {
  return COVER_WIDTHS.some((width) => String(width) === value)
}
