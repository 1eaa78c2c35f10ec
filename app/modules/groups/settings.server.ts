import path from 'node:path'
import { type Executor, db } from '#db/client.server.ts'
import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import type { Actor, Viewer } from '#app/modules/auth/viewer.ts'
import {
  IMAGE_KEY_PATTERN,
  checkImageBytes,
  imageFile,
  imageFiles,
  listUnreferencedImageFiles,
  storeImageRenditions,
} from '#app/modules/uploads/images.server.ts'
import { removeUploadFiles, renderWideImages, uploadFilePath } from '#app/modules/uploads/uploads.server.ts'
import { COVER_MAX_BYTES, COVER_MESSAGES, COVER_RATIO, COVER_WIDTHS, type CoverWidth } from './cover.ts'
import { can } from './groups.policy.ts'
import { GROUP_DESCRIPTION_MAX, GROUP_MESSAGES, type Group, getGroupById, toPolicyGroup } from './groups.server.ts'

// What a group's coordinators may change besides its members (issue 12): its description and its cover. The rule is
// the `manage` action of groups.policy.ts (coordinators of THIS group, and admins), read again inside the write with
// the actor's current role. The other settings (name, join policy, page visibility, hidden) are an admin's, through
// `updateGroup` in groups.server.ts.
//
// Covers go through the image pipeline of the logos (uploads/images.server.ts): checked from their bytes, rendered
// to WebP without metadata (3 : 1, 640 and 1280 pixels wide), stored in DATA_DIR/uploads/groups/<group id>/ under a
// random key that changes at every upload.

type Forbidden = { ok: false; reason: 'forbidden' }
const FORBIDDEN: Forbidden = Object.freeze({ ok: false, reason: 'forbidden' })

/** The actor's role in the group read again in the transaction (a coordinator removed since the page was loaded). */
async function mayManage(actor: Actor, group: Group, trx: Executor): Promise<boolean> {
  if (actor.kind !== 'person') return can(actor, 'manage', toPolicyGroup(group))
  const row = await trx
    .selectFrom('groupMemberships')
    .select('role')
    .where('groupId', '=', group.id)
    .where('userId', '=', actor.id)
    .executeTakeFirst()
  const groups = new Map(actor.groups)
  if (row) groups.set(group.id, row.role)
  else groups.delete(group.id)
  return can({ ...actor, groups }, 'manage', toPolicyGroup(group))
}

export type UpdateDescriptionResult =
  | { ok: true; group: Group }
  | { ok: false; reason: 'invalid'; fieldErrors: { description: string[] } }
  | { ok: false; reason: 'conflict'; message: string; current: { version: number; updatedAt: string } }
  | { ok: false; reason: 'not-found' }
  | Forbidden

/** Saves a group's description (plain text, 2 000 characters at most) if nobody saved the group since `expectedVersion`. */
export async function updateGroupDescription(options: {
  id: string
  description: string
  expectedVersion: number
  actor: Actor
  now?: Date
}): Promise<UpdateDescriptionResult> {
  const description = options.description.trim()
  if (description.length > GROUP_DESCRIPTION_MAX) {
    return { ok: false, reason: 'invalid', fieldErrors: { description: [GROUP_MESSAGES.descriptionTooLong] } }
  }
  return db.transaction().execute(async (trx): Promise<UpdateDescriptionResult> => {
    const before = await getGroupById(options.id, trx)
    if (!before) return { ok: false, reason: 'not-found' }
    if (!(await mayManage(options.actor, before, trx))) return FORBIDDEN
    const conflict = {
      ok: false,
      reason: 'conflict',
      message: GROUP_MESSAGES.conflict,
      current: { version: before.version, updatedAt: before.updatedAt },
    } as const
    if (before.version !== options.expectedVersion) return conflict
    const now = (options.now ?? new Date()).toISOString()
    const updated = await trx
      .updateTable('groups')
      .set({ description, version: before.version + 1, updatedAt: now })
      .where('id', '=', before.id)
      .where('version', '=', options.expectedVersion)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return conflict
    if (before.description !== description) {
      await recordActorAudit(
        options.actor,
        { action: 'group.updated', targetType: 'group', targetId: before.id, data: { changes: { description: { from: before.description, to: description } } } },
        trx,
      )
    }
    return { ok: true, group: (await getGroupById(before.id, trx))! }
  })
}

function groupFolder(groupId: string): string {
  // Ids are made by our code; basename keeps any other value inside the folder anyway.
  return path.join('groups', path.basename(groupId))
}

export type SetCoverResult =
  | { ok: true; key: string }
  | { ok: false; reason: 'invalid'; error: string }
  | { ok: false; reason: 'not-found' }
  | Forbidden

/**
 * Checks the image from its bytes (PNG, JPEG or WebP, 5 MB at most), renders the wide sizes and makes them the
 * group's cover; the previous cover's files are removed. Who may: the `manage` rule (checked before decoding).
 */
export async function setGroupCover(input: { groupId: string; bytes: Uint8Array; actor: Actor }): Promise<SetCoverResult> {
  const group = await getGroupById(input.groupId)
  if (!group) return { ok: false, reason: 'not-found' }
  if (!(await mayManage(input.actor, group, db))) return FORBIDDEN
  const refused = await checkImageBytes(input.bytes, COVER_MAX_BYTES, COVER_MESSAGES)
  if (refused) return { ok: false, reason: 'invalid', error: refused }
  const stored = await storeImageRenditions({
    folder: groupFolder(group.id),
    bytes: input.bytes,
    sizes: COVER_WIDTHS,
    render: (bytes) => renderWideImages(bytes, COVER_WIDTHS, COVER_RATIO),
    commit: (key) =>
      db.transaction().execute(async (trx) => {
        const current = await getGroupById(group.id, trx)
        if (!current) throw new Error(`Unknown group ${group.id}`)
        if (!(await mayManage(input.actor, current, trx))) throw new Error('The actor lost the right to manage the group')
        await trx.updateTable('groups').set({ coverKey: key, updatedAt: new Date().toISOString() }).where('id', '=', group.id).execute()
        await recordActorAudit(input.actor, { action: 'group.cover-changed', targetType: 'group', targetId: group.id, data: { key } }, trx)
        return current.coverKey
      }),
  })
  if (!stored.ok) return { ok: false, reason: 'invalid', error: COVER_MESSAGES.unreadable }
  return { ok: true, key: stored.key }
}

/** Removes the group's cover (column and files); `removed` is false if it had none. */
export async function removeGroupCover(input: { groupId: string; actor: Actor }): Promise<{ ok: true; removed: boolean } | Forbidden | { ok: false; reason: 'not-found' }> {
  const result = await db.transaction().execute(async (trx) => {
    const group = await getGroupById(input.groupId, trx)
    if (!group) return { ok: false, reason: 'not-found' } as const
    if (!(await mayManage(input.actor, group, trx))) return FORBIDDEN
    if (!group.coverKey) return { ok: true, previous: null } as const
    await trx.updateTable('groups').set({ coverKey: null, updatedAt: new Date().toISOString() }).where('id', '=', group.id).execute()
    await recordActorAudit(input.actor, { action: 'group.cover-removed', targetType: 'group', targetId: group.id, data: {} }, trx)
    return { ok: true, previous: group.coverKey } as const
  })
  if (!result.ok) return result
  if (!result.previous) return { ok: true, removed: false }
  await removeUploadFiles(imageFiles(groupFolder(input.groupId), result.previous, COVER_WIDTHS))
  return { ok: true, removed: true }
}

/**
 * The file to serve for `/groupes/:slug/couverture/:key/:width`, or null (unknown group, key or width, or a group
 * the viewer may not see: its cover is as private as its page). `shared` is false unless the page is public.
 */
export async function getGroupCoverFile(slug: string, key: string, width: CoverWidth, viewer: Viewer, trx: Executor = db) {
  if (!IMAGE_KEY_PATTERN.test(key)) return null
  const group = await trx.selectFrom('groups').selectAll().where('slug', '=', slug).executeTakeFirst()
  if (!group || group.coverKey !== key) return null
  const policyGroup = toPolicyGroup(group)
  if (!can(viewer, 'view', policyGroup)) return null
  const shared = can({ kind: 'anonymous' }, 'view', policyGroup)
  return { filePath: uploadFilePath(imageFile(groupFolder(group.id), key, width)), shared }
}

/** How many join requests wait for a decision (the settings page says what a change of policy will do to them). */
export async function countPendingRequests(groupId: string, trx: Executor = db): Promise<number> {
  const row = await trx
    .selectFrom('groupJoinRequests')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('groupId', '=', groupId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Cover files no group points to (a previous key whose removal failed, a write interrupted): for the orphan sweep. */
export async function listUnreferencedCoverFiles(trx: Executor = db): Promise<string[]> {
  const rows = await trx.selectFrom('groups').select(['id', 'coverKey']).execute()
  return listUnreferencedImageFiles('groups', new Map(rows.map((row) => [path.basename(row.id), row.coverKey])), COVER_WIDTHS)
}
