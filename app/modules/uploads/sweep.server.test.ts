import { actorOf } from '#tests/factories/structures.ts'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { deleteResource } from '#app/modules/resources/resources.server.ts'
import { setStructureLogo } from '#app/modules/structures/logo.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { action as uploadAction } from '#app/routes/api.uploads.ts'
import { action as editAction } from '#app/routes/ressources.$slug.modifier/route.tsx'
import { getEnv } from '#app/utils/env.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { newId } from '#app/utils/ids.server.ts'
import { sweepOrphanUploads } from './sweep.server.ts'
import { TEST_FILES } from '#tests/fixtures/upload-files.ts'
import { DAILY_UPLOAD_QUOTA_BYTES, QUOTA_MESSAGES, UNATTACHED_UPLOAD_QUOTA_BYTES, saveUpload } from './uploads.server.ts'

// Real files in the worker's own DATA_DIR/uploads (tests/setup/worker-db.ts).

const context = { nonce: 'test', clientIp: '127.0.0.1' }
const HOUR = 60 * 60 * 1000
const ORPHAN = `${'a'.repeat(32)}.pdf`
const WRITING = `${'b'.repeat(32)}.pdf`
const uploads = () => getEnv().uploadsDir

/** Makes a stored file (and its row, when given) look `hours` old. */
async function age(relative: string, hours: number, rowId?: string) {
  const at = new Date(Date.now() - hours * HOUR)
  fs.utimesSync(path.join(uploads(), relative), at, at)
  if (rowId) await db.updateTable('attachments').set({ createdAt: at.toISOString() }).where('id', '=', rowId).execute()
}

async function upload(uploaderId: string, resourceId: string | null, bytes?: Uint8Array) {
  const saved = await saveUpload({ bytes: bytes ?? (await TEST_FILES.png()), originalName: bytes ? 'fichier' : 'image.png', uploaderId, resourceId })
  if (!saved.ok) throw new Error(saved.error)
  return saved.attachment
}

const exists = (relative: string) => fs.existsSync(path.join(uploads(), relative))
const rowExists = async (id: string) => Boolean(await db.selectFrom('attachments').select('id').where('id', '=', id).executeTakeFirst())

describe('sweepOrphanUploads', () => {
  test('removes only orphans older than the delay; claimed images and files of live resources stay', async () => {
    const author = await createTestUser()
    const live = await createTestResource({ author, status: 'published' })
    const oldOrphan = await upload(author.id, null)
    await age(oldOrphan.storedName, 25, oldOrphan.id)
    const freshOrphan = await upload(author.id, null)
    await age(freshOrphan.storedName, 2, freshOrphan.id)
    const claimed = await upload(author.id, null)
    await db.updateTable('attachments').set({ resourceId: live.id }).where('id', '=', claimed.id).execute()
    await age(claimed.storedName, 24 * 40, claimed.id)
    const attachedLongAgo = await upload(author.id, live.id, TEST_FILES.pdf())
    await age(attachedLongAgo.storedName, 24 * 400, attachedLongAgo.id)

    const deletedLongAgo = await createTestResource({ author })
    const fileOfDeleted = await upload(author.id, deletedLongAgo.id, TEST_FILES.pdf())
    await deleteResource({ id: deletedLongAgo.id, actor: await actorOf(author), now: new Date(Date.now() - 31 * 24 * HOUR) })
    const deletedRecently = await createTestResource({ author })
    const fileOfRecent = await upload(author.id, deletedRecently.id, TEST_FILES.pdf())
    await deleteResource({ id: deletedRecently.id, actor: await actorOf(author), now: new Date(Date.now() - 2 * 24 * HOUR) })

    // A file whose row went with its resource or its uploader, and one being written right now.
    fs.writeFileSync(path.join(uploads(), ORPHAN), '%PDF-1.4 orphan')
    await age(ORPHAN, 30)
    fs.writeFileSync(path.join(uploads(), WRITING), '%PDF-1.4 being written')

    const report = await sweepOrphanUploads()
    expect(report.rows).toBeGreaterThanOrEqual(2)
    expect(await rowExists(oldOrphan.id)).toBe(false)
    expect(exists(oldOrphan.storedName)).toBe(false)
    expect(await rowExists(fileOfDeleted.id)).toBe(false)
    expect(exists(fileOfDeleted.storedName)).toBe(false)
    expect(exists(ORPHAN)).toBe(false)

    for (const kept of [freshOrphan, claimed, attachedLongAgo, fileOfRecent]) {
      expect(await rowExists(kept.id), kept.id).toBe(true)
      expect(exists(kept.storedName), kept.storedName).toBe(true)
    }
    expect(exists(WRITING)).toBe(true)
    fs.rmSync(path.join(uploads(), WRITING))
  })

  test('logos: the current one of a live structure stays, a previous key’s and a gone structure’s files go', async () => {
    const owner = await createTestUser()
    const { structure } = await createTestStructure({ owner })
    const first = await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor: systemActor('test') })
    const current = await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor: systemActor('test') })
    if (!first.ok || !current.ok) throw new Error('logo')
    const folder = path.join('structures', structure.id)
    // A previous key left behind (its removal failed), and the folder of a structure that no longer exists.
    fs.writeFileSync(path.join(uploads(), folder, `${first.key}-64.webp`), 'old')
    const gone = path.join('structures', newId())
    fs.mkdirSync(path.join(uploads(), gone), { recursive: true })
    fs.writeFileSync(path.join(uploads(), gone, `${'c'.repeat(32)}-64.webp`), 'gone')
    for (const file of fs.readdirSync(path.join(uploads(), folder))) await age(path.join(folder, file), 24 * 90)
    await age(path.join(gone, `${'c'.repeat(32)}-64.webp`), 48)
    await age(gone, 48)

    await sweepOrphanUploads()
    expect(fs.readdirSync(path.join(uploads(), folder)).sort()).toEqual(
      [`${current.key}-128.webp`, `${current.key}-256.webp`, `${current.key}-64.webp`].sort(),
    )
    expect(exists(gone)).toBe(false)
  })
})

describe('per-person quota', () => {
  async function fill(uploaderId: string, bytes: number, resourceId: string | null) {
    await db
      .insertInto('attachments')
      .values({
        id: newId(),
        resourceId,
        uploaderId,
        originalName: 'gros.pdf',
        storedName: `${newId()}.pdf`,
        mime: 'application/pdf',
        size: bytes,
        createdAt: new Date(Date.now() - HOUR).toISOString(),
      })
      .execute()
  }

  function multipart(url: string, name: string, bytes: Uint8Array, cookie: string, fields: Record<string, string> = {}) {
    const form = new FormData()
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    form.append('file', new File([Buffer.from(bytes)], name))
    return new Request(url, { method: 'POST', body: form, headers: { Cookie: cookie } })
  }

  test('100 Mo in 24 hours: the next file is refused in French (429), by the API and by the form without JavaScript', async () => {
    const author = await createTestUser()
    const session = (await createSession(author.id)).cookie.split(';')[0]
    const resource = await createTestResource({ author })
    await fill(author.id, DAILY_UPLOAD_QUOTA_BYTES - 100, resource.id)
    const response = await uploadAction({
      request: multipart(`http://localhost:3000/api/uploads?ressource=${resource.slug}`, 'appel.pdf', TEST_FILES.pdf(), session),
      params: {},
      context,
    })
    expect(response.status).toBe(429)
    expect(await response.json()).toEqual({ ok: false, error: QUOTA_MESSAGES.daily })
    const form = (await editAction({
      request: multipart(`http://localhost:3000/ressources/${resource.slug}/modifier`, 'appel.pdf', TEST_FILES.pdf(), session, { intent: 'upload' }),
      params: { slug: resource.slug },
      context,
    })) as { data: { uploadError: string }; init: { status: number } }
    expect(form.data.uploadError).toBe(QUOTA_MESSAGES.daily)
    expect(form.init.status).toBe(400)
    // Another person is not concerned.
    const other = await createTestUser()
    expect((await saveUpload({ bytes: await TEST_FILES.png(), originalName: 'a.png', uploaderId: other.id, resourceId: null })).ok).toBe(true)
  })

  test('50 Mo of images not claimed yet: the next editor image is refused, a file for a saved resource is not', async () => {
    const author = await createTestUser()
    const session = (await createSession(author.id)).cookie.split(';')[0]
    await fill(author.id, UNATTACHED_UPLOAD_QUOTA_BYTES - 10, null)
    const image = await uploadAction({
      request: multipart('http://localhost:3000/api/uploads?usage=image', 'photo.png', await TEST_FILES.png(), session),
      params: {},
      context,
    })
    expect(image.status).toBe(429)
    expect(await image.json()).toEqual({ ok: false, error: QUOTA_MESSAGES.unattached })
    const resource = await createTestResource({ author })
    const attached = await uploadAction({
      request: multipart(`http://localhost:3000/api/uploads?ressource=${resource.slug}`, 'appel.pdf', TEST_FILES.pdf(), session),
      params: {},
      context,
    })
    expect(attached.status).toBe(200)
  })
})
