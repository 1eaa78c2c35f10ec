import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { action as uploadAction } from '#app/routes/api.uploads.ts'
import { loader as fileLoader } from '#app/routes/fichiers.$id.$filename.ts'
import { TEST_FILES } from './test-files.ts'
import { UNSUPPORTED_MESSAGE, contentDisposition, detectUploadType, getAttachmentForViewer, saveUpload } from './uploads.server.ts'

const context = { nonce: 'test', clientIp: '127.0.0.1' }

describe('detectUploadType: the content decides, not the name', () => {
  test.each([
    ['rapport.pdf', TEST_FILES.pdf, 'application/pdf'],
    ['compte-rendu.odt', TEST_FILES.odt, 'application/vnd.oasis.opendocument.text'],
    ['budget.ods', TEST_FILES.ods, 'application/vnd.oasis.opendocument.spreadsheet'],
    ['dossier.docx', TEST_FILES.docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['plan.xlsx', TEST_FILES.xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['photo.png', TEST_FILES.png, 'image/png'],
    ['photo.jpg', TEST_FILES.jpegWithExif, 'image/jpeg'],
  ])('%s is accepted', async (name, make, mime) => {
    expect(await detectUploadType(await make(), name)).toEqual({ ok: true, mime })
  })

  test.each([
    ['appel.pdf', TEST_FILES.html],
    ['appel.pdf', TEST_FILES.exe],
    ['setup.exe', TEST_FILES.exe],
    ['archive.docx', TEST_FILES.zip],
    ['page.html', TEST_FILES.html],
  ])('%s that is not what it says is refused', async (name, make) => {
    expect(await detectUploadType(await make(), name)).toEqual({ ok: false, error: UNSUPPORTED_MESSAGE })
  })

  test('an accepted type under another accepted extension is refused with an explanation', async () => {
    const result = await detectUploadType(await TEST_FILES.png(), 'rapport.pdf')
    expect(result).toEqual({
      ok: false,
      error: 'Le contenu de ce fichier ne correspond pas à son extension « .pdf » (c’est en réalité un fichier image PNG).',
    })
  })

  test('empty and oversized files', async () => {
    expect(await detectUploadType(new Uint8Array(), 'vide.pdf')).toEqual({ ok: false, error: 'Le fichier est vide.' })
    const big = Buffer.concat([TEST_FILES.pdf(), Buffer.alloc(10 * 1024 * 1024)])
    expect((await detectUploadType(big, 'gros.pdf')).ok).toBe(false)
  })
})

describe('saveUpload', () => {
  test('stores under a random name and strips image metadata', async () => {
    const user = await createTestUser()
    const jpeg = await TEST_FILES.jpegWithExif()
    expect((await sharp(jpeg).metadata()).exif).toBeDefined()
    const result = await saveUpload({ bytes: jpeg, originalName: '../../etc/Photo été.jpg', uploaderId: user.id, resourceId: null })
    if (!result.ok) throw new Error(result.error)
    expect(result.attachment.storedName).toMatch(/^[0-9a-f]{32}\.jpg$/)
    expect(result.attachment.originalName).toBe('Photo été.jpg')
    expect(result.url).toBe(`/fichiers/${result.attachment.id}/photo-ete.jpg`)
    const stored = fs.readFileSync(path.join(getEnv().uploadsDir, result.attachment.storedName))
    const metadata = await sharp(stored).metadata()
    expect(metadata.exif).toBeUndefined()
    expect(stored.includes('Appareil secret')).toBe(false)
    expect(metadata.width).toBe(8)
  })

  test('a file not attached yet is seen by its uploader only', async () => {
    const user = await createTestUser()
    const other = await createTestUser()
    const result = await saveUpload({ bytes: await TEST_FILES.png(), originalName: 'x.png', uploaderId: user.id, resourceId: null })
    if (!result.ok) throw new Error(result.error)
    expect(await getAttachmentForViewer(result.attachment.id, user)).not.toBeNull()
    expect(await getAttachmentForViewer(result.attachment.id, other)).toBeNull()
    expect(await getAttachmentForViewer(result.attachment.id, null)).toBeNull()
  })

  test('Content-Disposition keeps accents in filename* and an ASCII fallback', () => {
    expect(contentDisposition('attachment', 'Budget prévisionnel "2027".ods')).toBe(
      `attachment; filename="Budget previsionnel _2027_.ods"; filename*=UTF-8''Budget%20pr%C3%A9visionnel%20%222027%22.ods`,
    )
  })
})

async function multipart(url: string, file: { name: string; bytes: Uint8Array; type?: string }, cookie?: string) {
  const form = new FormData()
  form.append('file', new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? 'application/octet-stream' }))
  const request = new Request(url, { method: 'POST', body: form, headers: cookie ? { Cookie: cookie } : {} })
  return request
}

describe('POST /api/uploads and GET /fichiers/:id/:name', () => {
  test('attach a PDF to a resource, then serve it with the resource’s permissions', async () => {
    const author = await createTestUser()
    const { cookie } = await createSession(author.id)
    const resource = await createTestResource({ author, status: 'draft' })
    const request = await multipart(
      `http://localhost:3000/api/uploads?ressource=${resource.slug}`,
      { name: 'Appel officiel.pdf', bytes: TEST_FILES.pdf(), type: 'application/pdf' },
      cookie.split(';')[0],
    )
    const response = await uploadAction({ request, params: {}, context })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({ ok: true, name: 'Appel officiel.pdf', mime: 'application/pdf' })

    const get = (user: string | null) =>
      fileLoader({
        request: new Request(`http://localhost:3000${body.url}`, { headers: user ? { Cookie: user } : {} }),
        params: { id: body.id, filename: 'x' },
        context,
      })
    // Draft: the anonymous visitor gets a 404.
    await expect(get(null)).rejects.toMatchObject({ status: 404 })
    const served = (await get(cookie.split(';')[0])) as Response
    expect(served.headers.get('Content-Type')).toBe('application/pdf')
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(served.headers.get('Content-Disposition')).toMatch(/^inline; filename="Appel officiel.pdf"/)
    expect(Buffer.from(await served.arrayBuffer()).toString('latin1')).toContain('%PDF-1.4')
  })

  test('an office document is served as a download', async () => {
    const author = await createTestUser()
    const { cookie } = await createSession(author.id)
    const resource = await createTestResource({ author, status: 'published' })
    const request = await multipart(`http://localhost:3000/api/uploads?ressource=${resource.slug}`, { name: 'budget.ods', bytes: TEST_FILES.ods() }, cookie.split(';')[0])
    const body = await (await uploadAction({ request, params: {}, context })).json()
    const served = (await fileLoader({
      request: new Request(`http://localhost:3000${body.url}`),
      params: { id: body.id, filename: 'budget.ods' },
      context,
    })) as Response
    expect(served.headers.get('Content-Disposition')).toMatch(/^attachment;/)
    expect(served.headers.get('Content-Type')).toBe('application/vnd.oasis.opendocument.spreadsheet')
  })

  test('spoofed, oversized or misplaced files are a French 400, never a 500', async () => {
    const author = await createTestUser()
    const { cookie } = await createSession(author.id)
    const session = cookie.split(';')[0]
    const resource = await createTestResource({ author })
    const url = `http://localhost:3000/api/uploads?ressource=${resource.slug}`
    const spoofed = await uploadAction({ request: await multipart(url, { name: 'appel.pdf', bytes: TEST_FILES.html(), type: 'application/pdf' }, session), params: {}, context })
    expect(spoofed.status).toBe(400)
    expect(await spoofed.json()).toEqual({ ok: false, error: UNSUPPORTED_MESSAGE })
    const exe = await uploadAction({ request: await multipart(url, { name: 'appel.pdf', bytes: TEST_FILES.exe() }, session), params: {}, context })
    expect(exe.status).toBe(400)
    const big = Buffer.concat([TEST_FILES.pdf(), Buffer.alloc(10 * 1024 * 1024 + 10)])
    const tooLarge = await uploadAction({ request: await multipart(url, { name: 'gros.pdf', bytes: big }, session), params: {}, context })
    expect(tooLarge.status).toBe(400)
    expect(await tooLarge.json()).toEqual({ ok: false, error: 'Le fichier dépasse 10 Mo, la taille maximale acceptée.' })
    const pdfAsImage = await uploadAction({
      request: await multipart(`${url}&usage=image`, { name: 'a.pdf', bytes: TEST_FILES.pdf() }, session),
      params: {},
      context,
    })
    expect(pdfAsImage.status).toBe(400)
  })

  test('someone who cannot edit the resource gets a 404', async () => {
    const author = await createTestUser()
    const other = await createTestUser()
    const { cookie } = await createSession(other.id)
    const resource = await createTestResource({ author })
    const response = await uploadAction({
      request: await multipart(`http://localhost:3000/api/uploads?ressource=${resource.slug}`, { name: 'a.pdf', bytes: TEST_FILES.pdf() }, cookie.split(';')[0]),
      params: {},
      context,
    })
    expect(response.status).toBe(404)
  })
})
