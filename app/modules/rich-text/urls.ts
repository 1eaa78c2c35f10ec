// URL rules for rich text, shared by the editor (client) and the server validation.
// Strict allowlists: a link is an absolute http(s) or mailto URL written plainly; an image is one of our uploads.
// Anything else — other schemes, leading spaces, control or invisible characters, encoded tricks — is refused
// rather than "cleaned", so what is stored is exactly what is rendered.

export const MAX_HREF_LENGTH = 2048
export const MAX_IMAGE_SRC_LENGTH = 300

// C0/C1 controls, DEL, every Unicode space and the invisible formatting characters browsers or URL parsers strip.
const FORBIDDEN_URL_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible character is listed on purpose
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\uffff\\<>"]/

/** C0 controls (except tab, line feed, carriage return) and DEL: never allowed in stored text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const CONTROL_CHARS_GLOBAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

const ALLOWED_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

/** True when `href` is a plain absolute http(s) or mailto URL. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length === 0 || href.length > MAX_HREF_LENGTH) return false
  if (FORBIDDEN_URL_CHARS.test(href)) return false
  // The scheme must be written literally at the very start: no entity, escape or encoding can get past this.
  const scheme = /^(https?:\/\/|mailto:)/i.exec(href)
  if (!scheme) return false
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return false
  }
  if (!ALLOWED_LINK_PROTOCOLS.has(url.protocol)) return false
  if (url.protocol === 'mailto:') {
    const address = href.slice('mailto:'.length).split('?')[0] ?? ''
    return /^[^@\s/]+@[^@\s/]+\.[^@\s/]+$/.test(safeDecode(address) ?? '')
  }
  if (!url.hostname || url.username || url.password) return false
  return true
}

/** Normalises what a person types in the link dialog: trims, adds https:// to a bare domain, mailto: to an address. */
export function normaliseTypedHref(input: string): string {
  const value = input.trim()
  if (/^[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+$/.test(value)) return `mailto:${value}`
  if (/^www\.|^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(value)) return `https://${value}`
  return value
}

/** Uploads are served under /fichiers/:id/:name. */
const UPLOAD_SRC = /^\/fichiers\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9._~%-]{1,200}$/

/** True when `src` points to one of our uploaded files (`/fichiers/:id/:name`). */
export function isUploadSrc(src: unknown): src is string {
  if (typeof src !== 'string' || src.length > MAX_IMAGE_SRC_LENGTH || !UPLOAD_SRC.test(src)) return false
  const name = src.slice(src.lastIndexOf('/') + 1)
  const decoded = safeDecode(name)
  if (decoded === null || /^\.+$/.test(decoded)) return false
  return !CONTROL_CHARS.test(decoded) && !/[/\\]/.test(decoded)
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}
