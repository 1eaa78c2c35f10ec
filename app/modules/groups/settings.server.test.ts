import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { TEST_FILES } from '#tests/fixtures/upload-files.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { COVER_MESSAGES, COVER_WIDTHS } from './cover.ts'
import { GROUP_MESSAGES } from './groups.server.ts'
import { listUnreferencedCoverFiles, removeGroupCover, setGroupCover, updateGroupDescription } from './settings.server.ts'

async function actor(userId: string) {
  const viewer = await viewerById(userId)
  if (!viewer) throw new Error('no viewer')
  return viewer
}

function filesOf(groupId: string): string[] {
  const dir = path.join(getEnv().uploadsDir, 'groups', groupId)
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []
}

async function groupRow(id: string) {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

const photo = () => sharp({ create: { width: 1600, height: 900, channels: 3, background: '#37a' } }).jpeg().toBuffer()

describe('updateGroupDescription', () => {
  test('a coordinator of the group saves; a member, a coordinator of another group and a demoted one may not', async () => {
    const group = await createTestGroup()
    const other = await createTestGroup()
    const coordinator = await createTestUser()
    await addTestGroupMember(group.id, coordinator.id, 'coordinator')
    const member = await createTestUser()
    await addTestGroupMember(group.id, member.id)
    const elsewhere = await createTestUser()
    await addTestGroupMember(other.id, elsewhere.id, 'coordinator')
    const saved = await updateGroupDescription({ id: group.id, description: '  Décrit.  ', expectedVersion: 1, actor: await actor(coordinator.id) })
    expect(saved).toMatchObject({ ok: true, group: { description: 'Décrit.', version: 2 } })
    for (const id of [member.id, elsewhere.id]) {
      expect(await updateGroupDescription({ id: group.id, description: 'Non', expectedVersion: 2, actor: await actor(id) })).toEqual({ ok: false, reason: 'forbidden' })
    }
    // The viewer was built while a coordinator; the role is read again inside the write.
    const stale = await actor(coordinator.id)
    await db.updateTable('groupMemberships').set({ role: 'member' }).where('groupId', '=', group.id).where('userId', '=', coordinator.id).execute()
    expect(await updateGroupDescription({ id: group.id, description: 'Non', expectedVersion: 2, actor: stale })).toEqual({ ok: false, reason: 'forbidden' })
    expect((await groupRow(group.id)).description).toBe('Décrit.')
  })

  test('a stale version is a conflict (nothing written); too long a text is refused', async () => {
    const group = await createTestGroup()
    const admin = await actor((await createTestUser({ role: 'admin' })).id)
    expect((await updateGroupDescription({ id: group.id, description: 'Un', expectedVersion: 1, actor: admin })).ok).toBe(true)
    expect(await updateGroupDescription({ id: group.id, description: 'Deux', expectedVersion: 1, actor: admin })).toMatchObject({
      ok: false,
      reason: 'conflict',
      message: GROUP_MESSAGES.conflict,
      current: { version: 2 },
    })
    expect(await updateGroupDescription({ id: group.id, description: 'x'.repeat(2001), expectedVersion: 2, actor: admin })).toMatchObject({
      ok: false,
      reason: 'invalid',
    })
    expect((await groupRow(group.id)).description).toBe('Un')
  })
})

describe('group covers', () => {
  test('two wide WebP sizes under a random key; a new upload replaces the files; removal deletes them', async () => {
    const group = await createTestGroup()
    const admin = await actor((await createTestUser({ role: 'admin' })).id)
    const first = await setGroupCover({ groupId: group.id, bytes: await photo(), actor: admin })
    if (!first.ok) throw new Error(first.reason)
    expect(filesOf(group.id)).toEqual(COVER_WIDTHS.map((w) => `${first.key}-${w}.webp`).sort())
    const big = fs.readFileSync(path.join(getEnv().uploadsDir, 'groups', group.id, `${first.key}-1280.webp`))
    expect(await sharp(big).metadata()).toMatchObject({ format: 'webp', width: 1280, height: 427 })
    const second = await setGroupCover({ groupId: group.id, bytes: await photo(), actor: admin })
    if (!second.ok) throw new Error(second.reason)
    expect(second.key).not.toBe(first.key)
    expect(filesOf(group.id)).toEqual(COVER_WIDTHS.map((w) => `${second.key}-${w}.webp`).sort())
    expect(await removeGroupCover({ groupId: group.id, actor: admin })).toEqual({ ok: true, removed: true })
    expect(filesOf(group.id)).toEqual([])
    expect((await groupRow(group.id)).coverKey).toBeNull()
  })

  test('refused before decoding: a stranger, a spoofed file, an empty one', async () => {
    const group = await createTestGroup()
    const stranger = await actor((await createTestUser()).id)
    expect(await setGroupCover({ groupId: group.id, bytes: await photo(), actor: stranger })).toEqual({ ok: false, reason: 'forbidden' })
    const admin = await actor((await createTestUser({ role: 'admin' })).id)
    expect(await setGroupCover({ groupId: group.id, bytes: TEST_FILES.html(), actor: admin })).toEqual({ ok: false, reason: 'invalid', error: COVER_MESSAGES.type })
    expect(await setGroupCover({ groupId: group.id, bytes: new Uint8Array(), actor: admin })).toEqual({ ok: false, reason: 'invalid', error: COVER_MESSAGES.missing })
    expect(filesOf(group.id)).toEqual([])
  })

  test('the orphan sweep lists stray cover files, never the current ones', async () => {
    const group = await createTestGroup()
    const admin = await actor((await createTestUser({ role: 'admin' })).id)
    const set = await setGroupCover({ groupId: group.id, bytes: await photo(), actor: admin })
    if (!set.ok) throw new Error(set.reason)
    const stray = path.join(getEnv().uploadsDir, 'groups', group.id, `${'a'.repeat(32)}-640.webp`)
    fs.writeFileSync(stray, 'x')
    const listed = await listUnreferencedCoverFiles()
    expect(listed).toContain(path.join('groups', group.id, `${'a'.repeat(32)}-640.webp`))
    for (const width of COVER_WIDTHS) expect(listed).not.toContain(path.join('groups', group.id, `${set.key}-${width}.webp`))
  })
})
