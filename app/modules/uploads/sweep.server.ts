import fs from 'node:fs/promises'
import path from 'node:path'
import { type Executor, db } from '#db/client.server.ts'
import { listUnreferencedCoverFiles } from '#app/modules/groups/settings.server.ts'
import { listUnreferencedLogoFiles } from '#app/modules/structures/logo.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { removeUploadFiles, uploadFilePath } from './uploads.server.ts'

// The orphan sweep (run every hour by app/utils/workers.server.ts). What it removes, from the database and the disk:
// - images dropped in the editor and never claimed by a saved resource, a day after their upload;
// - files of a resource deleted (soft delete) more than 30 days ago: an administrator may restore it before;
// - files on disk that no row names (their row went with a resource or a person), a day after they were written;
// - logo and group cover renditions of a previous key or of an owner that no longer exists, a day after they were
//   written.
// It never touches a file of a live resource, the current logo of a structure or the current cover of a group. The delay also protects a file
// being written at the moment of the sweep (its row comes after it).

export const ORPHAN_DELAY_MS = 24 * 60 * 60 * 1000
export const DELETED_RESOURCE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000

export type SweepReport = { rows: number; files: number; bytes: number }

export async function sweepOrphanUploads(options: { now?: Date; trx?: Executor } = {}): Promise<SweepReport> {
  const trx = options.trx ?? db
  const now = options.now ?? new Date()
  const before = new Date(now.getTime() - ORPHAN_DELAY_MS).toISOString()
  const deletedBefore = new Date(now.getTime() - DELETED_RESOURCE_RETENTION_MS).toISOString()
  const report: SweepReport = { rows: 0, files: 0, bytes: 0 }

  // 1. Rows: unclaimed uploads, and files of resources deleted long ago.
  const longDeleted = trx.selectFrom('resources').select('id').where('deletedAt', 'is not', null).where('deletedAt', '<', deletedBefore)
  const rows = await trx
    .selectFrom('attachments')
    .select(['id', 'storedName', 'size'])
    .where((eb) =>
      eb.or([eb.and([eb('resourceId', 'is', null), eb('createdAt', '<', before)]), eb('resourceId', 'in', longDeleted)]),
    )
    .execute()
  for (const row of rows) {
    // The row first: a file without a row is swept next time, a row without its file would be a broken link. The
    // condition again: an image claimed by a save (or a resource restored) since the query above is kept.
    const deleted = await trx
      .deleteFrom('attachments')
      .where('id', '=', row.id)
      .where((eb) =>
        eb.or([eb.and([eb('resourceId', 'is', null), eb('createdAt', '<', before)]), eb('resourceId', 'in', longDeleted)]),
      )
      .executeTakeFirst()
    if (Number(deleted.numDeletedRows) === 0) continue
    report.rows++
    if (await removeIfPresent(path.basename(row.storedName))) report.files++
    report.bytes += row.size
  }

  // 2. Files on disk that no row names, and logo files no structure points to.
  const stale = Date.parse(before)
  const uploads = getEnv().uploadsDir
  let entries: { name: string; isFile: () => boolean }[] = []
  try {
    entries = await fs.readdir(uploads, { withFileTypes: true })
  } catch {
    return report
  }
  const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
  const known = new Set<string>()
  for (let i = 0; i < files.length; i += 500) {
    const chunk = files.slice(i, i + 500)
    if (!chunk.length) break
    const found = await trx.selectFrom('attachments').select('storedName').where('storedName', 'in', chunk).execute()
    for (const row of found) known.add(row.storedName)
  }
  const candidates = [...files.filter((name) => !known.has(name)), ...(await listUnreferencedLogoFiles(trx)), ...(await listUnreferencedCoverFiles(trx))]
  for (const relative of candidates) {
    const size = await staleSize(relative, stale)
    if (size === null) continue
    await removeUploadFiles([relative])
    report.files++
    report.bytes += size
  }
  return report
}

/** The size of the file (or folder) if it was last written before `stale`, else null. */
async function staleSize(relative: string, stale: number): Promise<number | null> {
  const file = uploadFilePath(relative)
  try {
    const stat = await fs.stat(file)
    if (!stat.isDirectory()) return stat.mtimeMs < stale ? stat.size : null
    let newest = stat.mtimeMs
    let size = 0
    for (const entry of await fs.readdir(file)) {
      const inner = await fs.stat(path.join(file, entry))
      newest = Math.max(newest, inner.mtimeMs)
      size += inner.size
    }
    return newest < stale ? size : null
  } catch {
    return null
  }
}

async function removeIfPresent(relative: string): Promise<boolean> {
  try {
    await fs.rm(uploadFilePath(relative))
    return true
  } catch {
    return false
  }
}
