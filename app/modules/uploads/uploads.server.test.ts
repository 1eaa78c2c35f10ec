import { actorOf } from '#tests/factories/structures.ts'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
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
import { TEST_FILES } from '#tests/fixtures/upload-files.ts'
import { db } from '#db/client.server.ts'
import {
  UNSUPPORTED_MESSAGE,
  contentDisposition,
  detectUploadType,
  fileContentSecurityPolicy,
  getAttachmentForViewer,
  nameForType,
  saveUpload,
} from './uploads.server.ts'

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
    expect(await getAttachmentForViewer(result.attachment.id, await actorOf(user))).not.toBeNull()
    expect(await getAttachmentForViewer(result.attachment.id, await actorOf(other))).toBeNull()
    expect(await getAttachmentForViewer(result.attachment.id, ANONYMOUS)).toBeNull()
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

describe('the stored and served name takes the extension of the detected type (F4)', () => {
  test.each([
    ['facture.html', 'application/vnd.oasis.opendocument.text', 'facture.odt'],
    ['setup.exe', 'application/pdf', 'setup.pdf'],
    ['image.svg', 'application/pdf', 'image.pdf'],
    ['Compte rendu 2.0', 'application/pdf', 'Compte rendu 2.0.pdf'],
    ['photo.JPEG', 'image/jpeg', 'photo.JPEG'],
    ['photo.jpg', 'image/jpeg', 'photo.jpg'],
    ['sans extension', 'application/vnd.oasis.opendocument.spreadsheet', 'sans extension.ods'],
    ['.html', 'application/pdf', '.html.pdf'],
  ])('%s (%s) → %s', (name, mime, expected) => {
    expect(nameForType(name, mime)).toBe(expected)
  })

  test('an ODT uploaded as « facture.html » is stored and downloaded as « facture.odt »', async () => {
    const author = await createTestUser()
    const { cookie } = await createSession(author.id)
    const resource = await createTestResource({ author, status: 'published' })
    const request = await multipart(`http://localhost:3000/api/uploads?ressource=${resource.slug}`, { name: 'facture.html', bytes: TEST_FILES.odt() }, cookie.split(';')[0])
    const body = await (await uploadAction({ request, params: {}, context })).json()
    expect(body).toMatchObject({ ok: true, name: 'facture.odt', url: expect.stringMatching(/\/facture\.odt$/) })
    const served = (await fileLoader({ request: new Request(`http://localhost:3000${body.url}`), params: { id: body.id, filename: 'x' }, context })) as Response
    expect(served.headers.get('Content-Disposition')).toBe(`attachment; filename="facture.odt"; filename*=UTF-8''facture.odt`)
  })

  test('a row saved before the fix is served under the corrected name', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, status: 'published' })
    const saved = await saveUpload({ bytes: TEST_FILES.pdf(), originalName: 'a.pdf', uploaderId: author.id, resourceId: resource.id })
    if (!saved.ok) throw new Error(saved.error)
    await db.updateTable('attachments').set({ originalName: 'setup.exe' }).where('id', '=', saved.attachment.id).execute()
    const served = (await fileLoader({ request: new Request('http://localhost:3000/fichiers/x/setup.exe'), params: { id: saved.attachment.id, filename: 'setup.exe' }, context })) as Response
    expect(served.headers.get('Content-Disposition')).toMatch(/^inline; filename="setup\.pdf"/)
  })
})

describe('names with « ; » or « = » (F17)', () => {
  test.each(['Compte rendu; v2.pdf', 'a=b.pdf'])('« %s » is uploaded under its own name', async (name) => {
    const author = await createTestUser()
    const { cookie } = await createSession(author.id)
    const resource = await createTestResource({ author })
    const request = await multipart(`http://localhost:3000/api/uploads?ressource=${resource.slug}`, { name, bytes: TEST_FILES.pdf(), type: 'application/pdf' }, cookie.split(';')[0])
    const response = await uploadAction({ request, params: {}, context })
    expect(await response.json()).toMatchObject({ ok: true, name })
    expect(response.status).toBe(200)
  })

  test('a body larger than the limit without Content-Length is cut while read, in French', async () => {
    const author = await createTestUser()
    const { cookie } = await createSession(author.id)
    const resource = await createTestResource({ author })
    const head = '--B\r\nContent-Disposition: form-data; name="file"; filename="gros.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n'
    const chunk = new Uint8Array(1024 * 1024)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(head))
        if (sent++ < 30) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const request = new Request(`http://localhost:3000/api/uploads?ressource=${resource.slug}`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=B', cookie: cookie.split(';')[0] },
      body,
      duplex: 'half',
    } as RequestInit)
    const response = await uploadAction({ request, params: {}, context })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ ok: false, error: 'Le fichier dépasse 10 Mo, la taille maximale acceptée.' })
    expect(sent).toBeLessThan(15)
  })
})

describe('headers of a served file (F6, F18)', () => {
  test('a PDF: no sandbox (Chromium’s viewer is a plugin) but no script; others sandboxed', () => {
    expect(fileContentSecurityPolicy('application/pdf')).toMatch(/script-src 'none'/)
    expect(fileContentSecurityPolicy('application/pdf')).not.toMatch(/sandbox/)
    expect(fileContentSecurityPolicy('image/png')).toMatch(/; sandbox$/)
    expect(fileContentSecurityPolicy('application/vnd.oasis.opendocument.text')).toMatch(/; sandbox$/)
  })

  test('a file of a public resource may be cached a few minutes; a draft’s or a members-only one’s never', async () => {
    const author = await createTestUser()
    const { cookie } = await createSession(author.id)
    const session = cookie.split(';')[0]
    const cacheOf = async (status: 'draft' | 'published', visibility: 'public' | 'members') => {
      const resource = await createTestResource({ author, status, overrides: { visibility } })
      const saved = await saveUpload({ bytes: TEST_FILES.pdf(), originalName: 'a.pdf', uploaderId: author.id, resourceId: resource.id })
      if (!saved.ok) throw new Error(saved.error)
      const served = (await fileLoader({
        request: new Request(`http://localhost:3000${saved.url}`, { headers: { Cookie: session } }),
        params: { id: saved.attachment.id, filename: 'a.pdf' },
        context,
      })) as Response
      return served.headers.get('Cache-Control')
    }
    expect(await cacheOf('published', 'public')).toBe('private, max-age=300')
    expect(await cacheOf('published', 'members')).toBe('private, no-store')
    expect(await cacheOf('draft', 'public')).toBe('private, no-store')
  })
})
