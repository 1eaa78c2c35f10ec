import path from 'node:path'
import { type Executor, db } from '#db/client.server.ts'
import type { Actor } from '#app/modules/auth/viewer.ts'
import {
  IMAGE_KEY_PATTERN,
  checkImageBytes,
  imageFile,
  imageFiles,
  listUnreferencedImageFiles,
  storeImageRenditions,
} from '#app/modules/uploads/images.server.ts'
import { removeUploadFiles, renderSquareImages, uploadFilePath } from '#app/modules/uploads/uploads.server.ts'
import { LOGO_MAX_BYTES, LOGO_MESSAGES, LOGO_SIZES, type LogoSize } from './logo.ts'
import { can } from './structures.policy.ts'

// Structure logos, through the shared image pipeline (uploads/images.server.ts), stored with the other uploads: DATA_DIR/uploads/structures/<structure id>/<key>-<size>.webp.
// The key is random and new at every upload (the serving URL carries it, so it can be cached for ever); the
// previous files are deleted once the new key is committed. Who may change a logo: the `edit` rule of
// structures.policy.ts.

function structureFolder(structureId: string): string {
  // Ids are UUIDs made by our code; basename keeps any other value inside the folder anyway.
  return path.join('structures', path.basename(structureId))
}

function logoFile(structureId: string, key: string, size: LogoSize): string {
  return imageFile(structureFolder(structureId), key, size)
}

function logoFiles(structureId: string, key: string): string[] {
  return imageFiles(structureFolder(structureId), key, LOGO_SIZES)
}

export type SetLogoResult =
  | { ok: true; key: string }
  /** The file is refused: `error` is the French message for the form. */
  | { ok: false; reason: 'invalid'; error: string }
  | { ok: false; reason: 'forbidden' }

/**
 * Checks the image from its bytes (PNG, JPEG or WebP, 2 MB at most), renders the square sizes without metadata,
 * stores them under a new key and makes it the structure's logo. The previous logo's files are removed.
 */
export async function setStructureLogo(input: { structureId: string; bytes: Uint8Array; actor: Actor }): Promise<SetLogoResult> {
  const { structureId, bytes } = input
  // Checked before the image is even decoded: a stranger's upload costs nothing.
  if (!can(input.actor, 'edit', { id: structureId })) return { ok: false, reason: 'forbidden' }
  const invalid = (error: string) => ({ ok: false, reason: 'invalid', error }) as const
  const refused = await checkImageBytes(bytes, LOGO_MAX_BYTES, LOGO_MESSAGES)
  if (refused) return invalid(refused)
  const stored = await storeImageRenditions({
    folder: structureFolder(structureId),
    bytes,
    sizes: LOGO_SIZES,
    render: (image) => renderSquareImages(image, LOGO_SIZES),
    commit: (key) =>
      db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('structures').select('logoKey').where('id', '=', structureId).executeTakeFirst()
        if (!row) throw new Error(`Unknown structure ${structureId}`)
        await trx
          .updateTable('structures')
          .set({ logoKey: key, updatedAt: new Date().toISOString() })
          .where('id', '=', structureId)
          .execute()
        return row.logoKey
      }),
  })
  if (!stored.ok) return invalid(LOGO_MESSAGES.unreadable)
  return { ok: true, key: stored.key }
}

export type RemoveLogoResult = { ok: true; removed: boolean } | { ok: false; reason: 'forbidden' }

/** Removes the structure's logo (column and files); `removed` is false if it had none. */
export async function removeStructureLogo(input: { structureId: string; actor: Actor }): Promise<RemoveLogoResult> {
  const { structureId } = input
  if (!can(input.actor, 'edit', { id: structureId })) return { ok: false, reason: 'forbidden' }
  const previous = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('structures').select('logoKey').where('id', '=', structureId).executeTakeFirst()
    if (!row?.logoKey) return null
    await trx
      .updateTable('structures')
      .set({ logoKey: null, updatedAt: new Date().toISOString() })
      .where('id', '=', structureId)
      .execute()
    return row.logoKey
  })
  if (!previous) return { ok: true, removed: false }
  await removeUploadFiles(logoFiles(structureId, previous))
  return { ok: true, removed: true }
}

/** Every logo file of a structure (when the structure itself is deleted). */
export async function removeStructureLogoFiles(structureId: string): Promise<void> {
  await removeUploadFiles([structureFolder(structureId)])
}

/** The file to serve for `/structures/:slug/logo/:key/:size`, or null (unknown structure, key or size). */
export async function getStructureLogoFile(slug: string, key: string, size: LogoSize, trx: Executor = db) {
  if (!IMAGE_KEY_PATTERN.test(key)) return null
  const row = await trx.selectFrom('structures').select(['id', 'logoKey']).where('slug', '=', slug).executeTakeFirst()
  if (!row || row.logoKey !== key) return null
  return uploadFilePath(logoFile(row.id, key, size))
}

/**
 * Logo files no structure points to (a previous key whose removal failed, a structure deleted, a write interrupted):
 * paths relative to the uploads folder, for the orphan sweep. The current logo of a structure is never listed.
 */
export async function listUnreferencedLogoFiles(trx: Executor = db): Promise<string[]> {
  const rows = await trx.selectFrom('structures').select(['id', 'logoKey']).execute()
  return listUnreferencedImageFiles('structures', new Map(rows.map((row) => [path.basename(row.id), row.logoKey])), LOGO_SIZES)
}
