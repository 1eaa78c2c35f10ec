import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { redirect } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestBuild } from '#tests/helpers/remix-app.ts'
import { parseEnv } from './env.server.ts'
import { createExpressApp } from './express-app.server.ts'
import { FORM_BODY_LIMIT_BYTES, UPLOAD_BODY_LIMIT_BYTES, bodyLimitFor } from './http-security.server.ts'

// server.ts's Express application (method and origin checks, body caps, Remix) around a small test build.
let actionsRun = 0
const build = createTestBuild({
  'routes/formulaire': {
    path: 'formulaire',
    module: {
      action: async ({ request }) => {
        const form = await request.formData()
        actionsRun++
        return redirect(`/formulaire?taille=${String(form.get('texte') ?? '').length}`)
      },
      default: () => null,
    },
  },
  'routes/api.uploads': {
    path: 'api/uploads',
    module: {
      action: async ({ request }) => {
        const form = await request.formData()
        actionsRun++
        return Response.json({ ok: true, size: (form.get('file') as File).size })
      },
    },
  },
  'routes/ressources._index': { path: 'ressources', module: { loader: () => null, default: () => null } },
})

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string }
type Servers = { plain: http.Server; proxied: http.Server }
const servers = {} as Servers

function listen(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
}

beforeAll(async () => {
  servers.plain = http.createServer(
    createExpressApp({ env: parseEnv({ NODE_ENV: 'test', PUBLIC_URL: 'http://essaim.test' }), build }),
  )
  // Behind a reverse proxy that rewrites Host and tells the original host and scheme.
  servers.proxied = http.createServer(
    createExpressApp({
      env: parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://essaim.example.fr', TRUST_PROXY: 'true' }),
      build,
    }),
  )
  await Promise.all([listen(servers.plain), listen(servers.proxied)])
})
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => new Promise((resolve) => s.close(resolve))))
})

/** One request; `chunks` are written one by one (no Content-Length: chunked) unless `body` is given. */
function send(
  which: keyof Servers,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; chunks?: Buffer[] },
): Promise<Reply> {
  const { port } = servers[which].address() as AddressInfo
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path, headers: { host: 'essaim.test', ...options.headers } },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => {
          body += chunk
        })
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
      },
    )
    // The server may answer (413) and close before the whole body is written.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    if (options.body !== undefined) request.end(options.body)
    else if (options.chunks) {
      const chunks = [...options.chunks]
      const next = () => {
        const chunk = chunks.shift()
        if (!chunk) return request.end()
        if (request.destroyed) return
        if (request.write(chunk)) setImmediate(next)
        else request.once('drain', next)
      }
      next()
    } else request.end()
  })
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://essaim.test' }

function multipart(size: number) {
  const boundary = '----essaim-test'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`
  const body = Buffer.concat([Buffer.from(head), Buffer.alloc(size, 65), Buffer.from(`\r\n--${boundary}--\r\n`)])
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'http://essaim.test' } }
}

describe('request body caps (probe F1)', () => {
  test('bodyLimitFor: forms 1 MB, the three upload routes a bit above 10 MB when multipart', () => {
    expect(bodyLimitFor('/connexion', 'application/x-www-form-urlencoded')).toBe(FORM_BODY_LIMIT_BYTES)
    expect(FORM_BODY_LIMIT_BYTES).toBe(1024 * 1024)
    expect(UPLOAD_BODY_LIMIT_BYTES).toBeGreaterThan(10 * 1024 * 1024)
    for (const path of ['/api/uploads', '/ressources/un-guide/modifier', '/structures/la-ruche/modifier', '/ressources/un-guide/modifier.data']) {
      expect(bodyLimitFor(path, 'multipart/form-data; boundary=x')).toBe(UPLOAD_BODY_LIMIT_BYTES)
      expect(bodyLimitFor(path, 'application/x-www-form-urlencoded')).toBe(FORM_BODY_LIMIT_BYTES)
    }
    expect(bodyLimitFor('/structures/la-ruche', 'multipart/form-data; boundary=x')).toBe(FORM_BODY_LIMIT_BYTES)
  })

  test('a form under the cap reaches its action (a 200 KB text with its fields)', async () => {
    const reply = await send('plain', { path: '/formulaire', headers: FORM, body: form({ texte: 'é'.repeat(100_000), a: 'b' }) })
    expect(reply.status).toBe(302)
    expect(reply.headers.location).toBe('/formulaire?taille=100000')
  })

  test('a form over 1 MB announced by Content-Length: 413 in French before any action', async () => {
    const before = actionsRun
    const reply = await send('plain', { path: '/formulaire', headers: FORM, body: form({ texte: 'A'.repeat(3 * 1024 * 1024) }) })
    expect(reply.status).toBe(413)
    expect(reply.headers['content-type']).toContain('text/html')
    expect(reply.body).toContain('<html lang="fr">')
    expect(reply.body).toContain('Envoi trop volumineux')
    expect(actionsRun).toBe(before)
  })

  test('a chunked body without Content-Length is counted as it streams: 413 too', async () => {
    const before = actionsRun
    const chunks = [Buffer.from('texte='), ...Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, 65))]
    const reply = await send('plain', { path: '/formulaire', headers: FORM, chunks })
    expect(reply.status).toBe(413)
    expect(reply.body).toContain('Envoi trop volumineux')
    expect(actionsRun).toBe(before)
  })

  test('uploads have their own cap: 5 MB passes, 12 MB is a 413 in French JSON; multipart elsewhere is a form', async () => {
    const five = multipart(5 * 1024 * 1024)
    const ok = await send('plain', { path: '/api/uploads', headers: five.headers, body: five.body })
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body)).toEqual({ ok: true, size: 5 * 1024 * 1024 })

    const twelve = multipart(12 * 1024 * 1024)
    const tooLarge = await send('plain', { path: '/api/uploads', headers: twelve.headers, body: twelve.body })
    expect(tooLarge.status).toBe(413)
    expect(JSON.parse(tooLarge.body)).toEqual({ ok: false, error: expect.stringContaining('taille permise') })

    const chunked = await send('plain', { path: '/api/uploads', headers: twelve.headers, chunks: [twelve.body] })
    expect(chunked.status).toBe(413)

    const two = multipart(2 * 1024 * 1024)
    expect((await send('plain', { path: '/formulaire', headers: two.headers, body: two.body })).status).toBe(413)
  })
})

describe('methods (probe F3, F18)', () => {
  test.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND'])('%s → 405 French page', async (method) => {
    const reply = await send('plain', { method, path: '/ressources' })
    expect(reply.status).toBe(405)
    expect(reply.headers.allow).toBe('GET, HEAD, POST')
    expect(reply.body).toContain('Méthode non permise')
  })

  test('OPTIONS on the public API: a CORS preflight answer (GET only, If-None-Match allowed), no credentials', async () => {
    const reply = await send('plain', {
      method: 'OPTIONS',
      path: '/api/v1/resources',
      headers: { origin: 'https://reuse.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    })
    expect(reply.status).toBe(204)
    expect(reply.headers['access-control-allow-origin']).toBe('*')
    expect(reply.headers['access-control-allow-methods']).toBe('GET, HEAD')
    expect(reply.headers['access-control-allow-headers']).toContain('If-None-Match')
    expect(reply.headers['access-control-allow-credentials']).toBeUndefined()
    // Elsewhere OPTIONS stays refused.
    expect((await send('plain', { method: 'OPTIONS', path: '/api/uploads' })).status).toBe(405)
  })

  test('TRACK, a method HTTP does not know, is refused by Node’s parser (400), never served', async () => {
    expect((await send('plain', { method: 'TRACK', path: '/ressources' })).status).toBe(400)
  })

  test('a POST to a page without an action: 405 without Remix’s internal message or route id', async () => {
    const reply = await send('plain', { path: '/ressources', headers: FORM, body: 'a=b' })
    expect(reply.status).toBe(405)
    expect(reply.body).toContain('Méthode non permise')
    expect(reply.body).not.toMatch(/routes\/|did not provide|action/)
  })
})

describe('cross-site writes (probe F3, F13)', () => {
  test.each([
    ['another site', 'http://evil.test'],
    ['our host over https on an http site', 'https://essaim.test'],
    ['our host on another port', 'http://essaim.test:8080'],
  ])('%s → 403 in French', async (_label, origin) => {
    const reply = await send('plain', { path: '/formulaire', headers: { ...FORM, origin }, body: 'texte=x' })
    expect(reply.status).toBe(403)
    expect(reply.body).toContain('Requête refusée')
  })

  test('Origin = PUBLIC_URL while a proxy rewrote Host (or an X-Forwarded-Host differs): the action runs, never a 500', async () => {
    const rewritten: Record<string, string>[] = [{ host: '127.0.0.1:3000' }, { 'x-forwarded-host': 'evil.test' }]
    for (const headers of rewritten) {
      const reply = await send('plain', { path: '/formulaire', headers: { ...FORM, ...headers }, body: 'texte=abc' })
      expect(reply.status).toBe(302)
    }
  })

  test('behind a trusted proxy: X-Forwarded-Host and X-Forwarded-Proto give the origin, the scheme is checked', async () => {
    const proxy = { host: '127.0.0.1:3000', 'x-forwarded-host': 'essaim.example.fr', 'x-forwarded-proto': 'https' }
    const ok = await send('proxied', {
      path: '/formulaire',
      headers: { ...FORM, ...proxy, origin: 'https://essaim.example.fr' },
      body: 'texte=abc',
    })
    expect(ok.status).toBe(302)
    const http = await send('proxied', {
      path: '/formulaire',
      headers: { ...FORM, ...proxy, origin: 'http://essaim.example.fr' },
      body: 'texte=abc',
    })
    expect(http.status).toBe(403)
  })
})

describe('static folders outside development', () => {
  const pagesBuild = createTestBuild({
    'routes/ressources._index': { path: 'ressources', module: { loader: () => new Response('la liste', { status: 200 }) } },
    'routes/$': { path: '*', module: { loader: () => new Response('page introuvable', { status: 404 }) } },
  })
  test('only the files present at start reach serve-static; pages go straight to Remix', async () => {
    const fs = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-static-'))
    fs.writeFileSync(path.join(folder, 'robots-test.txt'), 'fichier racine')
    fs.mkdirSync(path.join(folder, 'sous dossier'))
    fs.writeFileSync(path.join(folder, 'sous dossier', 'note.txt'), 'fichier imbriqué')
    const server = http.createServer(
      createExpressApp({ env: parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://essaim.test' }), build: pagesBuild, staticFolders: [{ path: folder }] }),
    )
    await listen(server)
    const { port } = server.address() as AddressInfo
    const get = async (pathname: string) => {
      const response = await fetch(`http://127.0.0.1:${port}${pathname}`, { headers: { host: 'essaim.test' } })
      return { status: response.status, body: await response.text() }
    }
    try {
      fs.writeFileSync(path.join(folder, 'ajout-tardif.txt'), 'écrit après le démarrage')
      expect(await get('/robots-test.txt')).toEqual({ status: 200, body: 'fichier racine' })
      expect(await get('/sous%20dossier/note.txt')).toEqual({ status: 200, body: 'fichier imbriqué' })
      expect(await get('/ressources')).toEqual({ status: 200, body: 'la liste' })
      // Not listed at start: never looked up on disk (the folders of a build do not change while it runs).
      expect(await get('/ajout-tardif.txt')).toEqual({ status: 404, body: 'page introuvable' })
      expect(await get('/%E0%A4%A')).toEqual({ status: 400, body: 'Adresse invalide : elle contient un encodage (%) incorrect.' })
    } finally {
      await new Promise((resolve) => server.close(resolve))
      fs.rmSync(folder, { recursive: true, force: true })
    }
  })
})
