import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { detectImageType, removeUploadFiles, uploadFilePath, writeUploadFile } from './uploads.server.ts'

// The image pipeline shared by structure logos and group covers: the bytes are checked (PNG, JPEG or WebP read from
// the content, a size limit), re-rendered by the caller (square or wide renditions, WebP, no metadata), stored under
// DATA_DIR/uploads/<folder>/<key>-<size>.webp with a random key that is new at every upload, and served by a route
// whose URL carries the key, so that an address always names the same bytes and can be cached for ever.

export const IMAGE_KEY_PATTERN = /^[0-9a-f]{32}$/

export type ImageMessages = { missing: string; type: string; tooLarge: string; unreadable: string }

/** A new random key for a set of renditions. */
export function newImageKey(): string {
  return randomBytes(16).toString('hex')
}

/** The file of one rendition, relative to the uploads folder. */
export function imageFile(folder: string, key: string, size: number): string {
  return path.join(folder, `${key}-${size}.webp`)
}

export function imageFiles(folder: string, key: string, sizes: readonly number[]): string[] {
  return sizes.map((size) => imageFile(folder, key, size))
}

/** Checks an uploaded image before it is decoded: not empty, not too large, and an image by its content. */
export async function checkImageBytes(bytes: Uint8Array, maxBytes: number, messages: ImageMessages): Promise<string | null> {
  if (bytes.byteLength === 0) return messages.missing
  if (bytes.byteLength > maxBytes) return messages.tooLarge
  if (!(await detectImageType(bytes))) return messages.type
  return null
}

/**
 * Renders and stores the renditions under a new key, then runs `commit(key)` (which points the row to the key and
 * returns the previous key). On failure the new files are removed; on success the previous key's files are.
 * `render` throwing means the image is unreadable: `{ ok: false }` (the caller shows its message).
 */
export async function storeImageRenditions(options: {
  folder: string
  bytes: Uint8Array
  sizes: readonly number[]
  render: (bytes: Uint8Array) => Promise<Map<number, Buffer>>
  commit: (key: string) => Promise<string | null>
}): Promise<{ ok: true; key: string } | { ok: false }> {
  let renditions: Map<number, Buffer>
  try {
    renditions = await options.render(options.bytes)
  } catch {
    return { ok: false }
  }
  const key = newImageKey()
  const written: string[] = []
  let previous: string | null = null
  try {
    for (const size of options.sizes) {
      const file = imageFile(options.folder, key, size)
      await writeUploadFile(file, renditions.get(size) as Buffer)
      written.push(file)
    }
    previous = await options.commit(key)
  } catch (error) {
    await removeUploadFiles(written)
    throw error
  }
  if (previous) await removeUploadFiles(imageFiles(options.folder, previous, options.sizes))
  return { ok: true, key }
}

/**
 * The response for a stored rendition (WebP), or null when the file is missing. `shared: false` for an image only
 * some viewers may see (a members-only group's cover): kept by the browser, never by a shared cache.
 */
export async function imageFileResponse(filePath: string, options: { shared?: boolean } = {}): Promise<Response | null> {
  let stat: fs.Stats
  try {
    stat = await fs.promises.stat(filePath)
  } catch {
    return null
  }
  const stream = Readable.toWeb(fs.createReadStream(filePath)) as ReadableStream<Uint8Array>
  return new Response(stream, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(stat.size),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': `${options.shared === false ? 'private' : 'public'}, max-age=31536000, immutable`,
    },
  })
}

/**
 * Rendition files no row points to, under `root` (one folder per owner id): a folder whose owner is gone, and in a
 * live owner's folder every file that is not one of its current key's sizes. Paths relative to the uploads folder,
 * for the orphan sweep; `current` maps each owner's folder name (its id) to its current key.
 */
export async function listUnreferencedImageFiles(root: string, current: Map<string, string | null>, sizes: readonly number[]): Promise<string[]> {
  let entries: string[]
  try {
    entries = await fsp.readdir(uploadFilePath(root))
  } catch {
    return []
  }
  const out: string[] = []
  for (const entry of entries) {
    const dir = path.join(root, entry)
    if (!current.has(entry)) {
      out.push(dir)
      continue
    }
    const key = current.get(entry)
    let files: string[]
    try {
      files = await fsp.readdir(uploadFilePath(dir))
    } catch {
      continue
    }
    for (const file of files) {
      if (!key || !sizes.some((size) => file === `${key}-${size}.webp`)) out.push(path.join(dir, file))
    }
  }
  return out
}
