import type { AddressInfo } from 'node:net'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { afterAll, beforeAll, expect, test } from 'vitest'
import * as entry from '#app/entry.server.tsx'
import * as fileRoute from '#app/routes/fichiers.$id.$filename.ts'
import * as logoRoute from '#app/routes/structures.$slug_.logo.$key.$size.ts'
import { setStructureLogo } from '#app/modules/structures/logo.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { securityHeaders } from '#app/utils/http-security.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { TEST_FILES } from '#tests/fixtures/upload-files.ts'
import { saveUpload } from './uploads.server.ts'

// The file and logo routes behind the real Express stack of server.ts (its security headers, Remix's adapter): each
// header is sent once, the file's sandboxed policy in place of the site's (F18 / B23).

type RouteModule = ServerBuild['routes'][string]['module']

function build(): ServerBuild {
  const route = (id: string, path: string, module: unknown) => ({ id, parentId: 'root', path, module: module as RouteModule })
  const manifest = (id: string, path: string) => ({
    id,
    parentId: id === 'root' ? undefined : 'root',
    path,
    hasAction: false,
    hasLoader: id !== 'root',
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
    module: `/assets/${id}.js`,
    imports: [],
  })
  return {
    mode: 'production',
    entry: { module: entry as ServerBuild['entry']['module'] },
    routes: {
      root: { id: 'root', path: '', module: { default: () => null } as unknown as RouteModule },
      file: route('file', 'fichiers/:id/:filename', fileRoute),
      logo: route('logo', 'structures/:slug/logo/:key/:size', logoRoute),
    },
    assets: {
      entry: { module: '/assets/entry.client.js', imports: [] },
      routes: { root: manifest('root', ''), file: manifest('file', 'fichiers/:id/:filename'), logo: manifest('logo', 'structures/:slug/logo/:key/:size') },
      url: '/assets/manifest.js',
      version: 'test',
    },
    publicPath: '/',
    assetsBuildDirectory: 'build/client',
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    isSpaMode: false,
  } as unknown as ServerBuild
}

let server: ReturnType<ReturnType<typeof express>['listen']>
let origin = ''
beforeAll(async () => {
  const app = express()
  app.use((_req, res, next) => {
    res.locals.nonce = 'nonce'
    next()
  })
  app.use(securityHeaders({ isDev: false, isProduction: true, https: false }))
  app.all('*', createRequestHandler({ build: build(), mode: 'production', getLoadContext: () => ({ nonce: 'nonce', clientIp: '127.0.0.1' }) }))
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** Every header line as sent (fetch would merge repeated headers into one). */
async function rawHeaders(path: string): Promise<{ status: number; lines: [string, string][] }> {
  const http = await import('node:http')
  return new Promise((resolve, reject) => {
    http
      .get(`${origin}${path}`, (res) => {
        const lines: [string, string][] = []
        for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]])
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, lines }))
      })
      .on('error', reject)
  })
}

const values = (lines: [string, string][], name: string) => lines.filter(([key]) => key === name).map(([, value]) => value)

test('an attachment: one CSP (the file’s), one nosniff; the site’s other headers stay', async () => {
  const author = await createTestUser()
  const resource = await createTestResource({ author, status: 'published' })
  const png = await saveUpload({ bytes: await TEST_FILES.png(), originalName: 'plan.png', uploaderId: author.id, resourceId: resource.id })
  const pdf = await saveUpload({ bytes: TEST_FILES.pdf(), originalName: 'appel.pdf', uploaderId: author.id, resourceId: resource.id })
  if (!png.ok || !pdf.ok) throw new Error('upload failed')
  for (const [saved, policy] of [
    [png, /; sandbox$/],
    [pdf, /script-src 'none'/],
  ] as const) {
    const { status, lines } = await rawHeaders(saved.url)
    expect(status).toBe(200)
    expect(values(lines, 'content-security-policy')).toHaveLength(1)
    expect(values(lines, 'content-security-policy')[0]).toMatch(/^default-src 'none'/)
    expect(values(lines, 'content-security-policy')[0]).toMatch(policy)
    expect(values(lines, 'x-content-type-options')).toEqual(['nosniff'])
    expect(values(lines, 'x-frame-options')).toEqual(['DENY'])
  }
})

test('a structure logo: one CSP (sandboxed), one nosniff', async () => {
  const owner = await createTestUser()
  const { structure } = await createTestStructure({ owner })
  const logo = await setStructureLogo({ structureId: structure.id, bytes: await TEST_FILES.png(), actor: systemActor('test') })
  if (!logo.ok) throw new Error(logo.reason)
  const { status, lines } = await rawHeaders(`/structures/${structure.slug}/logo/${logo.key}/64`)
  expect(status).toBe(200)
  expect(values(lines, 'content-security-policy')).toEqual(["default-src 'none'; sandbox"])
  expect(values(lines, 'x-content-type-options')).toEqual(['nosniff'])
})

test('a page keeps the site’s policy', async () => {
  const { lines } = await rawHeaders('/fichiers/inconnu/x.pdf')
  expect(values(lines, 'content-security-policy')).toHaveLength(1)
  expect(values(lines, 'content-security-policy')[0]).toMatch(/script-src 'nonce-nonce'/)
})
