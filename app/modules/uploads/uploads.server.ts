import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import sharp from 'sharp'
import { type Executor, db } from '#db/client.server.ts'
import type { Attachment } from '#db/schema/resources.ts'
import { ANONYMOUS, type Actor, type Viewer, isAdmin } from '#app/modules/auth/viewer.ts'
import { can } from '#app/modules/resources/resources.policy.ts'
import { attachmentUrl, getResourceAccess } from '#app/modules/resources/resources.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { newId } from '#app/utils/ids.server.ts'

// Attachments and images of resources. The type is read from the content (magic bytes, and for office documents
// the zip's `mimetype` entry or `[Content_Types].xml`, through file-type), never from the name or the browser's
// claim; files are stored under random names; images are re-encoded, which drops their metadata (EXIF, GPS…).

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** What we accept, keyed by the type file-type detects from the content. */
export const ACCEPTED_TYPES = {
  'application/pdf': { ext: 'pdf', label: 'PDF', inline: true },
  'application/vnd.oasis.opendocument.text': { ext: 'odt', label: 'texte OpenDocument', inline: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', label: 'Word', inline: false },
  'application/vnd.oasis.opendocument.spreadsheet': { ext: 'ods', label: 'tableur OpenDocument', inline: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', label: 'Excel', inline: false },
  'image/png': { ext: 'png', label: 'image PNG', inline: true },
  'image/jpeg': { ext: 'jpg', label: 'image JPEG', inline: true },
  'image/webp': { ext: 'webp', label: 'image WebP', inline: true },
} as const

export type AcceptedMime = keyof typeof ACCEPTED_TYPES

/** For the file input's `accept` attribute (a hint for the picker; the server decides). */
export const ACCEPT_ATTRIBUTE = '.pdf,.odt,.docx,.ods,.xlsx,.png,.jpg,.jpeg,.webp'

export const TOO_LARGE_MESSAGE = 'Le fichier dépasse 10 Mo, la taille maximale acceptée.'
export const UNSUPPORTED_MESSAGE =
  'Ce type de fichier n’est pas accepté. Formats acceptés : PDF, ODT, DOCX, ODS, XLSX, PNG, JPEG et WebP.'

const EXTENSION_TYPES: Record<string, AcceptedMime> = {
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
}

function isAccepted(mime: string): mime is AcceptedMime {
  return Object.hasOwn(ACCEPTED_TYPES, mime)
}

export function isImageMime(mime: string): boolean {
  return mime.startsWith('image/')
}

export type UploadCheck = { ok: true; mime: AcceptedMime } | { ok: false; error: string }

/**
 * The file's real type, from its bytes. A name whose extension says another accepted type is refused too (a PNG
 * named « rapport.pdf » is a mistake or a trick either way).
 */
export async function detectUploadType(bytes: Uint8Array, originalName: string): Promise<UploadCheck> {
  if (bytes.byteLength === 0) return { ok: false, error: 'Le fichier est vide.' }
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, error: TOO_LARGE_MESSAGE }
  const detected = await fileTypeFromBuffer(bytes)
  if (!detected || !isAccepted(detected.mime)) return { ok: false, error: UNSUPPORTED_MESSAGE }
  const extension = path.extname(originalName).slice(1).toLowerCase()
  const claimed = EXTENSION_TYPES[extension]
  if (claimed && claimed !== detected.mime) {
    return {
      ok: false,
      error: `Le contenu de ce fichier ne correspond pas à son extension « .${extension} » (c’est en réalité un fichier ${ACCEPTED_TYPES[detected.mime].label}).`,
    }
  }
  return { ok: true, mime: detected.mime }
}

/** An uploaded image opened for re-encoding: a pixel bomb is refused, the EXIF orientation is applied. */
function openImage(bytes: Uint8Array) {
  return sharp(bytes, { limitInputPixels: 40_000_000 }).rotate()
}

/** Re-encodes an image in its own format: pixels kept, metadata (EXIF, GPS, XMP, ICC) dropped, orientation applied. */
async function reencodeImage(bytes: Uint8Array, mime: AcceptedMime): Promise<Buffer> {
  const image = openImage(bytes)
  if (mime === 'image/png') return image.png({ compressionLevel: 9 }).toBuffer()
  if (mime === 'image/webp') return image.webp({ quality: 85 }).toBuffer()
  return image.jpeg({ quality: 85, mozjpeg: true }).toBuffer()
}

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp'

/** PNG, JPEG or WebP as read from the bytes (the name and the browser's claim are ignored), else null. */
export async function detectImageType(bytes: Uint8Array): Promise<ImageMime | null> {
  if (bytes.byteLength === 0) return null
  const detected = await fileTypeFromBuffer(bytes)
  return detected && isAccepted(detected.mime) && isImageMime(detected.mime) ? (detected.mime as ImageMime) : null
}

/**
 * Square renditions of an image (logos, avatars): each size fits inside the square without distortion, on a
 * transparent background, encoded as WebP; no metadata is copied. Throws when sharp cannot decode the image.
 */
export async function renderSquareImages(bytes: Uint8Array, sizes: readonly number[]): Promise<Map<number, Buffer>> {
  const image = openImage(bytes)
  const out = new Map<number, Buffer>()
  for (const size of sizes) {
    out.set(
      size,
      await image
        .clone()
        .resize(size, size, { fit: 'contain', background: { r: 255, g: 255, b: 255, alpha: 0 } })
        .webp({ quality: 90 })
        .toBuffer(),
    )
  }
  return out
}

/**
 * Wide renditions of an image (group covers): each width cropped to `width / ratio` pixels high around the centre of
 * attention, never enlarged beyond the original, encoded as WebP; no metadata is copied. Throws when sharp cannot
 * decode the image.
 */
export async function renderWideImages(bytes: Uint8Array, widths: readonly number[], ratio: number): Promise<Map<number, Buffer>> {
  const image = openImage(bytes)
  const out = new Map<number, Buffer>()
  for (const width of widths) {
    out.set(
      width,
      await image
        .clone()
        .resize(width, Math.round(width / ratio), { fit: 'cover', position: sharp.strategy.attention })
        .webp({ quality: 85 })
        .toBuffer(),
    )
  }
  return out
}

/** The absolute path of a file kept under DATA_DIR/uploads; `relative` is built by our code, checked anyway. */
export function uploadFilePath(relative: string): string {
  const root = path.resolve(getEnv().uploadsDir)
  const file = path.resolve(root, relative)
  if (!file.startsWith(`${root}${path.sep}`)) throw new Error(`Upload path outside the uploads folder: ${relative}`)
  return file
}

/** Writes a new file under DATA_DIR/uploads (never overwrites one: names are random). */
export async function writeUploadFile(relative: string, content: Uint8Array): Promise<void> {
  const file = uploadFilePath(relative)
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, content, { flag: 'wx' })
}

/** Removes files (or folders) under DATA_DIR/uploads; missing ones are fine. */
export async function removeUploadFiles(relatives: string[]): Promise<void> {
  await Promise.all(relatives.map((relative) => fs.rm(uploadFilePath(relative), { force: true, recursive: true })))
}

/** The extensions a name may keep for each type (the first is the one given when the name has none or another). */
const TYPE_EXTENSIONS: Record<AcceptedMime, readonly string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
}

/**
 * The name under which a file is stored and served: its extension is the one of the type read from its content, so
 * that a download never opens as something else (an ODT named « facture.html » becomes « facture.odt », a PDF named
 * « setup.exe » becomes « setup.pdf »). A suffix that does not look like an extension (« Compte rendu 2.0 ») is kept
 * and the right extension added after it.
 */
export function nameForType(name: string, mime: string): string {
  if (!isAccepted(mime)) return name
  const allowed = TYPE_EXTENSIONS[mime]
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? name.slice(dot + 1) : ''
  if (allowed.includes(extension.toLowerCase())) return name
  const base = /^[a-z][a-z0-9]{0,7}$/i.test(extension) ? name.slice(0, dot) : name
  return `${base.trim() || 'fichier'}.${allowed[0]}`
}

/** A clean display name: no path, no control characters, at most 150 characters. */
export function cleanOriginalName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>]/g, '').trim()
  return (cleaned || 'fichier').slice(-150)
}

/** What one person may send in 24 hours (attachments and images, counted once stored). */
export const DAILY_UPLOAD_QUOTA_BYTES = 100 * 1024 * 1024
/** Images dropped in the editor of a resource not saved yet, waiting to be claimed (swept after a day). */
export const UNATTACHED_UPLOAD_QUOTA_BYTES = 50 * 1024 * 1024

export const QUOTA_MESSAGES = {
  daily: 'Vous avez envoyé 100 Mo de fichiers en 24 heures, la limite par personne. Réessayez demain, ou supprimez des pièces jointes dont vous n’avez plus besoin.',
  unattached:
    'Vous avez déjà envoyé 50 Mo d’images pour une ressource pas encore enregistrée. Enregistrez la ressource avant d’en ajouter d’autres.',
} as const

/** The French refusal when `bytes` more would exceed the person's quota, else null. */
export async function checkUploadQuota(options: {
  uploaderId: string
  bytes: number
  unattached: boolean
  now?: Date
  trx?: Executor
}): Promise<string | null> {
  const since = new Date((options.now ?? new Date()).getTime() - 24 * 60 * 60 * 1000).toISOString()
  const row = await (options.trx ?? db)
    .selectFrom('attachments')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('size').filterWhere('createdAt', '>', since), eb.lit(0)).as('today'),
      eb.fn.coalesce(eb.fn.sum<number>('size').filterWhere('resourceId', 'is', null), eb.lit(0)).as('unattached'),
    ])
    .where('uploaderId', '=', options.uploaderId)
    .executeTakeFirstOrThrow()
  if (Number(row.today) + options.bytes > DAILY_UPLOAD_QUOTA_BYTES) return QUOTA_MESSAGES.daily
  if (options.unattached && Number(row.unattached) + options.bytes > UNATTACHED_UPLOAD_QUOTA_BYTES) return QUOTA_MESSAGES.unattached
  return null
}

export type SaveUploadResult =
  | { ok: true; attachment: Attachment; url: string }
  /** `status` 429 when the person's quota is reached (400 otherwise). */
  | { ok: false; error: string; status?: number }

/**
 * Checks and stores one file for `uploader`; `resourceId` when it is attached to an existing resource (null for an
 * image dropped in the editor of a resource not saved yet: it is claimed when the resource is saved).
 */
export async function saveUpload(options: {
  bytes: Uint8Array
  originalName: string
  uploaderId: string
  resourceId: string | null
  /** Images inserted in the text: PNG, JPEG or WebP only. */
  imagesOnly?: boolean
  trx?: Executor
}): Promise<SaveUploadResult> {
  const check = await detectUploadType(options.bytes, options.originalName)
  if (!check.ok) return check
  if (options.imagesOnly && !isImageMime(check.mime)) {
    return { ok: false, error: 'Seules les images PNG, JPEG ou WebP peuvent être insérées dans le texte.' }
  }
  const quota = { uploaderId: options.uploaderId, unattached: options.resourceId === null, trx: options.trx }
  // Before the work (re-encoding), then again with the stored size in the transaction that inserts the row.
  const refused = await checkUploadQuota({ ...quota, bytes: options.bytes.byteLength })
  if (refused) return { ok: false, error: refused, status: 429 }
  let content: Uint8Array = options.bytes
  if (isImageMime(check.mime)) {
    try {
      content = await reencodeImage(options.bytes, check.mime)
    } catch {
      return { ok: false, error: 'Cette image est illisible ou abîmée.' }
    }
  }
  const { ext } = ACCEPTED_TYPES[check.mime]
  const storedName = `${randomBytes(16).toString('hex')}.${ext}`
  const dir = getEnv().uploadsDir
  await fs.mkdir(dir, { recursive: true })
  const file = path.join(dir, storedName)
  await fs.writeFile(file, content, { flag: 'wx' })
  const originalName = cleanOriginalName(options.originalName)
  const attachment: Attachment = {
    id: newId(),
    resourceId: options.resourceId,
    uploaderId: options.uploaderId,
    originalName: nameForType(originalName, check.mime),
    storedName,
    mime: check.mime,
    size: content.byteLength,
    createdAt: new Date().toISOString(),
  }
  const insert = async (trx: Executor) => {
    const refused = await checkUploadQuota({ ...quota, bytes: attachment.size, trx })
    if (!refused) await trx.insertInto('attachments').values(attachment).execute()
    return refused
  }
  let refusedAtInsert: string | null
  try {
    refusedAtInsert = await (options.trx ? insert(options.trx) : db.transaction().execute(insert))
  } catch (error) {
    await fs.rm(file, { force: true })
    throw error
  }
  if (refusedAtInsert) {
    await fs.rm(file, { force: true })
    return { ok: false, error: refusedAtInsert, status: 429 }
  }
  return { ok: true, attachment, url: attachmentUrl(attachment) }
}

export type ServedFile = {
  attachment: Attachment
  filePath: string
  inline: boolean
  /** The download name, its extension from the stored type (rows saved before names were corrected included). */
  name: string
  /** Anyone may read it (a published public resource): the browser may keep it a few minutes. */
  isPublic: boolean
}

/**
 * The file if the viewer may read it: an attached file follows its resource's permissions (a resource the viewer
 * cannot see → null, the route answers 404); a file not attached yet is seen by its uploader only.
 */
export async function getAttachmentForViewer(id: string, viewer: Viewer): Promise<ServedFile | null> {
  const attachment = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst()
  if (!attachment) return null
  let isPublic = false
  if (attachment.resourceId) {
    const resource = await getResourceAccess(attachment.resourceId)
    if (!resource || !can(viewer, 'read', resource)) return null
    isPublic = can(ANONYMOUS, 'read', resource)
  } else if (viewer.kind !== 'person' || (viewer.id !== attachment.uploaderId && !isAdmin(viewer))) {
    return null
  }
  if (!isAccepted(attachment.mime)) return null
  return {
    attachment,
    filePath: path.join(getEnv().uploadsDir, path.basename(attachment.storedName)),
    inline: ACCEPTED_TYPES[attachment.mime].inline,
    name: nameForType(attachment.originalName, attachment.mime),
    isPublic,
  }
}

/** Removes an attachment (row and file) if the user may edit its resource. */
export async function deleteAttachment(id: string, actor: Actor): Promise<boolean> {
  const attachment = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst()
  if (!attachment?.resourceId) return false
  const resource = await getResourceAccess(attachment.resourceId)
  if (!resource || !can(actor, 'edit', resource)) return false
  await db.deleteFrom('attachments').where('id', '=', id).execute()
  await fs.rm(path.join(getEnv().uploadsDir, path.basename(attachment.storedName)), { force: true })
  return true
}

/**
 * The CSP of a served file, in place of the site's. Images and office documents are sandboxed (a unique origin, no
 * script, no form, no plugin). A PDF is not: Chromium renders PDFs with a plugin (its PDF viewer), and plugins are
 * disabled in sandboxed documents, so a sandboxed PDF shows « Cette page a été bloquée par Chrome » (Chromium issue
 * 413851; Safari also shows PDFs with scripts as a blank page under `sandbox`). Its policy still allows no script,
 * connection, form, frame or base of the wrapper page; what runs inside a PDF is the viewer's business, isolated
 * from our origin (PDFium's JavaScript has no access to the page). The type is the one read from the content and
 * `nosniff` is sent, so the file is never parsed as HTML.
 */
export function fileContentSecurityPolicy(mime: string): string {
  const base = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
  return mime === 'application/pdf' ? `${base}; script-src 'none'` : `${base}; sandbox`
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

export function formatFileSize(bytes: number): string {
  const fmt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })
  if (bytes < 1024) return `${bytes} o`
  if (bytes < 1024 * 1024) return `${fmt.format(bytes / 1024)} Ko`
  return `${fmt.format(bytes / 1024 / 1024)} Mo`
}
