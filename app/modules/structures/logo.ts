// Structure logos: what the browser needs to know (sizes, URL shape, accepted files). Storage is in logo.server.ts.

/** Square renditions kept for each logo, in pixels: the directory uses 64 (and 128 on dense screens), the profile 256. */
export const LOGO_SIZES = [64, 128, 256] as const
export type LogoSize = (typeof LOGO_SIZES)[number]

export const LOGO_MAX_BYTES = 2 * 1024 * 1024

/** For the file input's `accept` attribute (a hint for the picker; the server reads the content). */
export const LOGO_ACCEPT = 'image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp'

export const LOGO_MESSAGES = {
  missing: 'Choisissez une image à envoyer.',
  type: 'Ce fichier n’est pas une image PNG, JPEG ou WebP. Choisissez une image dans l’un de ces formats.',
  tooLarge: 'L’image dépasse 2 Mo, la taille maximale acceptée pour un logo.',
  unreadable: 'Cette image est illisible ou abîmée : enregistrez-la de nouveau (PNG, JPEG ou WebP) puis réessayez.',
} as const

/** The key changes with every upload, so the URL can be cached for ever. */
export function logoUrl(slug: string, key: string, size: LogoSize): string {
  return `/structures/${encodeURIComponent(slug)}/logo/${key}/${size}`
}

export function isLogoSize(value: string | undefined): value is `${LogoSize}` {
  return LOGO_SIZES.some((size) => String(size) === value)
}
