import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { STRUCTURE_PAGE_ROUTES } from '#tests/helpers/structure-routes.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { LOGO_TEST_FILES } from '#tests/fixtures/logo-files.ts'
import { LOGO_MESSAGES } from '#app/modules/structures/logo.ts'
import { TEST_FILES } from '#tests/fixtures/upload-files.ts'
import * as directory from './structures._index.tsx'

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const asRoute = (module: unknown) => module as RouteModule

const app = createTestApp({
  'routes/structures._index': { path: 'structures', module: asRoute(directory) },
  ...STRUCTURE_PAGE_ROUTES,
})

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

/** The logo form as a browser sends it without JavaScript: multipart, with the intent field. */
/**
 * The form as a browser sends it, serialised first: Node 24's fetch keeps pushing a FormData body into its stream
 * after the reader has cancelled it (the app stops reading at the size limit), an unhandled « ReadableStream is
 * already closed » that a socket's body (the server's case) does not have.
 */
async function logoPost(slug: string, file: { name: string; bytes: Uint8Array; type?: string } | null, cookie?: string) {
  const form = new FormData()
  form.append('intent', 'upload-logo')
  if (file) form.append('logo', new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? 'image/png' }))
  else form.append('logo', new File([], '', { type: 'application/octet-stream' }))
  const encoded = new Response(form)
  const headers = new Headers({ origin: 'http://localhost:3000', host: 'localhost:3000', 'content-type': encoded.headers.get('content-type') ?? '' })
  if (cookie) headers.set('cookie', cookie)
  const body = new Uint8Array(await encoded.arrayBuffer())
  return new Request(`http://localhost:3000/structures/${slug}/modifier`, { method: 'POST', headers, body })
}

async function logoKeyOf(structureId: string) {
  return (await db.selectFrom('structures').select('logoKey').where('id', '=', structureId).executeTakeFirstOrThrow()).logoKey
}

/** A structure with its owner, a plain member, an unrelated member, an admin and the anonymous visitor. */
async function cast() {
  const owner = await login()
  const { structure } = await createTestStructure({ owner: owner.user })
  const member = await login()
  await addTestMember(structure.id, member.user.id)
  return { structure, owner: owner.cookie, member: member.cookie, other: (await login()).cookie, admin: (await login({ role: 'admin' })).cookie, anonymous: undefined }
}

type Who = 'owner' | 'member' | 'other' | 'admin' | 'anonymous'

// who, allowed? — an unauthorised signed-in person gets the 404 of a page they cannot see; anonymous goes to log in.
const ACCESS: [Who, boolean][] = [
  ['owner', true],
  ['member', false],
  ['other', false],
  ['admin', true],
  ['anonymous', false],
]

describe('logo access table (upload and remove)', () => {
  test.each(ACCESS)('%s uploads → allowed: %s', async (who, allowed) => {
    const people = await cast()
    const response = await app(await logoPost(people.structure.slug, { name: 'logo.png', bytes: await TEST_FILES.png() }, people[who]))
    const key = await logoKeyOf(people.structure.id)
    if (allowed) {
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe(`/structures/${people.structure.slug}/modifier#logo`)
      expect(key).toMatch(/^[0-9a-f]{32}$/)
    } else {
      expect(response.status).toBe(who === 'anonymous' ? 302 : 404)
      if (who === 'anonymous') expect(response.headers.get('location')).toMatch(/^\/connexion\?redirectTo=/)
      expect(key).toBeNull()
    }
  })

  test.each(ACCESS)('%s removes → allowed: %s', async (who, allowed) => {
    const people = await cast()
    expect((await app(await logoPost(people.structure.slug, { name: 'logo.png', bytes: await TEST_FILES.png() }, people.owner))).status).toBe(302)
    const before = await logoKeyOf(people.structure.id)
    const response = await app(formPost(`/structures/${people.structure.slug}/modifier`, { intent: 'remove-logo' }, people[who]))
    if (allowed) {
      expect(response.status).toBe(302)
      expect(await logoKeyOf(people.structure.id)).toBeNull()
    } else {
      expect(response.status).toBe(who === 'anonymous' ? 302 : 404)
      expect(await logoKeyOf(people.structure.id)).toBe(before)
    }
  })

  test('an owner whose address is not confirmed cannot change the logo', async () => {
    const owner = await login({ emailVerifiedAt: null })
    const { structure } = await createTestStructure({ owner: owner.user })
    expect((await app(await logoPost(structure.slug, { name: 'logo.png', bytes: await TEST_FILES.png() }, owner.cookie))).status).toBe(404)
  })
})

describe('the logo form on /structures/:slug/modifier', () => {
  test.each([
    ['HTML named logo.png and sent as image/png', 'logo.png', TEST_FILES.html, LOGO_MESSAGES.type],
    ['a program named logo.jpg', 'logo.jpg', TEST_FILES.exe, LOGO_MESSAGES.type],
    ['a PDF named logo.webp', 'logo.webp', TEST_FILES.pdf, LOGO_MESSAGES.type],
    ['a PNG over 2 MB', 'grand.png', LOGO_TEST_FILES.largePng, LOGO_MESSAGES.tooLarge],
    ['a broken PNG', 'abime.png', LOGO_TEST_FILES.brokenPng, LOGO_MESSAGES.unreadable],
  ])('%s: 400, French message next to the field, nothing changed', async (_label, name, make, message) => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    const response = await app(await logoPost(structure.slug, { name, bytes: await make() }, owner.cookie))
    expect(response.status).toBe(400)
    const { visible } = await readPage(response)
    expect(visible).toContain(message)
    expect(visible).toMatch(/id="logo-fichier"[^>]*aria-invalid="true"/)
    expect(visible).toContain('aria-describedby="logo-fichier-aide logo-fichier-erreur"')
    // The rest of the page is intact: the structure form shows the saved values.
    expect(visible).toContain(`value="${structure.name}"`)
    expect(await logoKeyOf(structure.id)).toBeNull()
  })

  test('no file chosen: asked for one', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    const response = await app(await logoPost(structure.slug, null, owner.cookie))
    expect(response.status).toBe(400)
    expect((await readPage(response)).visible).toContain(LOGO_MESSAGES.missing)
  })

  test('uploading keeps every other field of the structure as it was', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user, input: { websiteUrl: 'https://garde.fr', themes: [] } })
    const before = await db.selectFrom('structures').selectAll().where('id', '=', structure.id).executeTakeFirstOrThrow()
    expect((await app(await logoPost(structure.slug, { name: 'x.jpg', bytes: await LOGO_TEST_FILES.wideJpegWithExif(), type: 'image/jpeg' }, owner.cookie))).status).toBe(302)
    const after = await db.selectFrom('structures').selectAll().where('id', '=', structure.id).executeTakeFirstOrThrow()
    expect({ ...after, logoKey: null, updatedAt: null }).toEqual({ ...before, logoKey: null, updatedAt: null })
    const page = (await readPage(await app(pageGet(`/structures/${structure.slug}/modifier`, owner.cookie)))).visible
    expect(page).toContain(`src="/structures/${structure.slug}/logo/${after.logoKey}/256"`)
    expect(page).toContain('Retirer le logo')
  })

  test('the structure form posted as multipart still saves (browsers may send any form so)', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    const form = new FormData()
    for (const [k, v] of Object.entries({ name: 'Nom en multipart', legalForm: 'association', commune: '62041', communeLabel: 'Arras', presentation: 'Présentation.', expectedVersion: '1' })) form.append(k, v)
    const request = new Request(`http://localhost:3000/structures/${structure.slug}/modifier`, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000', cookie: owner.cookie },
      body: form,
    })
    expect((await app(request)).status).toBe(302)
    expect((await db.selectFrom('structures').select('name').where('id', '=', structure.id).executeTakeFirstOrThrow()).name).toBe('Nom en multipart')
  })
})

describe('GET /structures/:slug/logo/:key/:size', () => {
  test('serves WebP with nosniff and a year-long immutable cache; the directory shows the small size with alt=""', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    await app(await logoPost(structure.slug, { name: 'logo.png', bytes: await TEST_FILES.png() }, owner.cookie))
    const key = await logoKeyOf(structure.id)
    for (const size of [64, 128, 256]) {
      const response = await app(pageGet(`/structures/${structure.slug}/logo/${key}/${size}`))
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/webp')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', size, size])
    }
    const list = (await readPage(await app(pageGet(`/structures?q=${encodeURIComponent(structure.name)}`)))).visible
    expect(list).toMatch(new RegExp(`<img src="/structures/${structure.slug}/logo/${key}/64" srcSet="/structures/${structure.slug}/logo/${key}/128 2x" alt=""`))
    const page = (await readPage(await app(pageGet(`/structures/${structure.slug}`)))).visible
    expect(page).toContain(`/structures/${structure.slug}/logo/${key}/256`)
  })

  test('unknown size, key, old key or structure: 404', async () => {
    const owner = await login()
    const { structure } = await createTestStructure({ owner: owner.user })
    const other = await createTestStructure()
    await app(await logoPost(structure.slug, { name: 'logo.png', bytes: await TEST_FILES.png() }, owner.cookie))
    const old = await logoKeyOf(structure.id)
    await app(await logoPost(structure.slug, { name: 'logo.webp', bytes: await LOGO_TEST_FILES.webp() }, owner.cookie))
    const key = await logoKeyOf(structure.id)
    for (const path of [
      `/structures/${structure.slug}/logo/${key}/512`,
      `/structures/${structure.slug}/logo/${key}/64.png`,
      `/structures/${structure.slug}/logo/${old}/64`,
      `/structures/${structure.slug}/logo/${'0'.repeat(32)}/64`,
      `/structures/${other.structure.slug}/logo/${key}/64`,
      `/structures/inconnue/logo/${key}/64`,
    ]) {
      expect((await app(pageGet(path))).status, path).toBe(404)
    }
  })
})
