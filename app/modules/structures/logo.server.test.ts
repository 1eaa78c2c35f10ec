import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { actorOf, addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { TEST_FILES } from '#tests/fixtures/upload-files.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { LOGO_MESSAGES, LOGO_SIZES } from './logo.ts'
import { getStructureLogoFile, removeStructureLogo, setStructureLogo } from './logo.server.ts'
import { LOGO_TEST_FILES } from '#tests/fixtures/logo-files.ts'
import { deleteStructure } from './structures.server.ts'

async function logoKeyOf(structureId: string) {
  const row = await db.selectFrom('structures').select('logoKey').where('id', '=', structureId).executeTakeFirstOrThrow()
  return row.logoKey
}

function filesOf(structureId: string): string[] {
  const dir = path.join(getEnv().uploadsDir, 'structures', structureId)
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []
}

const SYSTEM = systemActor('test')

describe('setStructureLogo', () => {
  test('three square WebP sizes under a random key, no EXIF left, the image fits without distortion', async () => {
    const { structure } = await createTestStructure()
    const jpeg = await LOGO_TEST_FILES.wideJpegWithExif()
    expect((await sharp(jpeg).metadata()).exif).toBeDefined()
    const result = await setStructureLogo({ structureId: structure.id, bytes: jpeg, actor: SYSTEM })
    if (!result.ok) throw new Error(result.reason)
    expect(result.key).toMatch(/^[0-9a-f]{32}$/)
    expect(await logoKeyOf(structure.id)).toBe(result.key)
    expect(filesOf(structure.id)).toEqual(LOGO_SIZES.map((size) => `${result.key}-${size}.webp`).sort())
    for (const size of LOGO_SIZES) {
      const file = await getStructureLogoFile(structure.slug, result.key, size)
      if (!file) throw new Error('missing file')
      const bytes = fs.readFileSync(file)
      const metadata = await sharp(bytes).metadata()
      expect(metadata).toMatchObject({ format: 'webp', width: size, height: size, hasAlpha: true })
      expect(metadata.exif).toBeUndefined()
      expect(metadata.xmp).toBeUndefined()
      expect(bytes.includes('Appareil secret')).toBe(false)
      // 300 × 100 in a square: transparent bands above and below, the picture itself in the middle.
      const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true })
      const alphaAt = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3]
      expect(alphaAt(size / 2, 1)).toBe(0)
      expect(alphaAt(size / 2, size / 2)).toBe(255)
    }
  })

  test('PNG and WebP are accepted; the name plays no part', async () => {
    const { structure } = await createTestStructure()
    expect((await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor: SYSTEM })).ok).toBe(true)
    expect((await setStructureLogo({ structureId: structure.id, bytes: await LOGO_TEST_FILES.webp(), actor: SYSTEM })).ok).toBe(true)
  })

  test.each([
    ['an HTML page', TEST_FILES.html],
    ['a Windows program', TEST_FILES.exe],
    ['a PDF', TEST_FILES.pdf],
    ['a zip archive', TEST_FILES.zip],
  ])('%s is refused whatever its name or claimed type', async (_label, make) => {
    const { structure } = await createTestStructure()
    expect(await setStructureLogo({ structureId: structure.id, bytes: await make(), actor: SYSTEM })).toEqual({ ok: false, reason: 'invalid', error: LOGO_MESSAGES.type })
    expect(await logoKeyOf(structure.id)).toBeNull()
    expect(filesOf(structure.id)).toEqual([])
  })

  test('over 2 MB, empty, or undecodable: French errors, nothing stored', async () => {
    const { structure } = await createTestStructure()
    const large = await LOGO_TEST_FILES.largePng()
    expect(large.byteLength).toBeGreaterThan(2 * 1024 * 1024)
    expect(await setStructureLogo({ structureId: structure.id, bytes: large, actor: SYSTEM })).toEqual({ ok: false, reason: 'invalid', error: LOGO_MESSAGES.tooLarge })
    expect(await setStructureLogo({ structureId: structure.id, bytes: new Uint8Array(), actor: SYSTEM })).toEqual({ ok: false, reason: 'invalid', error: LOGO_MESSAGES.missing })
    expect(await setStructureLogo({ structureId: structure.id, bytes: await LOGO_TEST_FILES.brokenPng(), actor: SYSTEM })).toEqual({ ok: false, reason: 'invalid', error: LOGO_MESSAGES.unreadable })
    expect(await logoKeyOf(structure.id)).toBeNull()
    expect(filesOf(structure.id)).toEqual([])
  })

  test('replacing deletes the previous files; the old address is then unknown', async () => {
    const { structure } = await createTestStructure()
    const first = await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor: SYSTEM })
    const second = await setStructureLogo({ structureId: structure.id, bytes: await LOGO_TEST_FILES.webp(), actor: SYSTEM })
    if (!first.ok || !second.ok) throw new Error('upload failed')
    expect(second.key).not.toBe(first.key)
    expect(filesOf(structure.id)).toEqual(LOGO_SIZES.map((size) => `${second.key}-${size}.webp`).sort())
    expect(await getStructureLogoFile(structure.slug, first.key, 256)).toBeNull()
    expect(await getStructureLogoFile(structure.slug, second.key, 256)).not.toBeNull()
  })
})

describe('removing', () => {
  test('removeStructureLogo clears the key and the files', async () => {
    const { structure } = await createTestStructure()
    const result = await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor: SYSTEM })
    if (!result.ok) throw new Error(result.reason)
    expect(await removeStructureLogo({ structureId: structure.id, actor: SYSTEM })).toEqual({ ok: true, removed: true })
    expect(await logoKeyOf(structure.id)).toBeNull()
    expect(filesOf(structure.id)).toEqual([])
    expect(await removeStructureLogo({ structureId: structure.id, actor: SYSTEM })).toEqual({ ok: true, removed: false })
  })

  test('deleting the structure deletes its logo files', async () => {
    const owner = await createTestUser()
    const { structure } = await createTestStructure({ owner })
    expect((await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor: SYSTEM })).ok).toBe(true)
    await deleteStructure({ id: structure.id, actor: await actorOf(owner) })
    expect(fs.existsSync(path.join(getEnv().uploadsDir, 'structures', structure.id))).toBe(false)
  })
})

describe('the actor is checked by the module itself', () => {
  test('a member who does not own the structure, or a stranger, changes no logo even if the route forgot', async () => {
    const { structure } = await createTestStructure()
    const member = await createTestUser()
    await addTestMember(structure.id, member.id, 'member')
    const stranger = await createTestUser()
    for (const actor of [await actorOf(member), await actorOf(stranger)]) {
      expect(await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor })).toEqual({ ok: false, reason: 'forbidden' })
    }
    expect(await logoKeyOf(structure.id)).toBeNull()
    expect(filesOf(structure.id)).toEqual([])
    expect((await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor: SYSTEM })).ok).toBe(true)
    expect(await removeStructureLogo({ structureId: structure.id, actor: await actorOf(member) })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await logoKeyOf(structure.id)).not.toBeNull()
  })
})

describe('getStructureLogoFile', () => {
  test('unknown slug, wrong key or a key that is not ours: null', async () => {
    const { structure } = await createTestStructure()
    const result = await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor: SYSTEM })
    if (!result.ok) throw new Error(result.reason)
    expect(await getStructureLogoFile('inconnue', result.key, 64)).toBeNull()
    expect(await getStructureLogoFile(structure.slug, 'f'.repeat(32), 64)).toBeNull()
    expect(await getStructureLogoFile(structure.slug, '../../essaim.sqlite', 64)).toBeNull()
  })
})
