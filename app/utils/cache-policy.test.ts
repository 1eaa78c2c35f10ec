import type { ServerBuild } from '@remix-run/node'
import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import * as account from '#app/routes/compte._index.tsx'
import * as home from '#app/routes/_index.tsx'
import * as resourcePage from '#app/routes/ressources.$slug._index/route.tsx'
import * as editPage from '#app/routes/ressources.$slug.modifier/route.tsx'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet } from '#tests/helpers/remix-app.ts'
import { applyCachePolicy } from './cache-policy.server.ts'

type RouteModule = ServerBuild['routes'][string]['module']
const asRoute = (module: unknown) => module as RouteModule

// The rule lives in entry.server.tsx (handleRequest, handleDataRequest): these go through the real entry.
const app = createTestApp({
  'routes/_index': { path: '/', module: asRoute(home) },
  'routes/compte._index': { path: 'compte', module: asRoute(account) },
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: asRoute(resourcePage) },
  'routes/ressources.$slug.modifier': { path: 'ressources/:slug/modifier', module: asRoute(editPage) },
})

async function loggedIn() {
  const user = await createTestUser()
  const session = await createSession(user.id, { userAgent: 'test' })
  return { user, cookie: session.cookie.split(';')[0] }
}

const cacheOf = (response: Response) => ({
  status: response.status,
  cacheControl: response.headers.get('cache-control'),
  vary: response.headers.get('vary'),
})

describe('private pages are not kept by any cache', () => {
  test('/compte, a draft, a members-only page and the edit page, for their logged-in viewer', async () => {
    const { user, cookie } = await loggedIn()
    const draft = await createTestResource({ author: user, status: 'draft' })
    const members = await createTestResource({ author: user, visibility: 'members' })
    for (const path of ['/compte', `/ressources/${draft.slug}`, `/ressources/${members.slug}`, `/ressources/${draft.slug}/modifier`]) {
      const response = await app(pageGet(path, cookie))
      expect({ path, ...cacheOf(response) }).toEqual({ path, status: 200, cacheControl: 'private, no-store', vary: 'Cookie' })
    }
  })

  test('a public page seen logged in is private too; the same page seen anonymously stays cacheable, varying by cookie', async () => {
    const { user, cookie } = await loggedIn()
    const resource = await createTestResource({ author: user })
    expect(cacheOf(await app(pageGet(`/ressources/${resource.slug}`, cookie)))).toEqual({
      status: 200,
      cacheControl: 'private, no-store',
      vary: 'Cookie',
    })
    expect(cacheOf(await app(pageGet(`/ressources/${resource.slug}`)))).toEqual({ status: 200, cacheControl: null, vary: 'Cookie' })
  })

  test('client navigations (.data) follow the same rule', async () => {
    const { cookie } = await loggedIn()
    const response = await app(pageGet('/compte.data', cookie))
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('vary')).toContain('Cookie')
  })
})

describe('applyCachePolicy', () => {
  test.each([
    ['/', {}, null],
    ['/', { cookie: 'essaim_session=abc' }, 'private, no-store'],
    ['/', { cookie: 'autre=1; __Host-essaim_session=abc' }, 'private, no-store'],
    ['/compte/profil', {}, 'private, no-store'],
    ['/ressources/x/modifier', {}, 'private, no-store'],
    ['/ressources/x/historique.data', {}, 'private, no-store'],
    ['/admin/recherche', {}, 'private, no-store'],
    ['/ressources/un-guide', {}, null],
  ])('%s %o → %s', (path, headers, expected) => {
    const responseHeaders = new Headers()
    applyCachePolicy(new Request(`http://localhost${path}`, { headers }), responseHeaders)
    expect(responseHeaders.get('cache-control')).toBe(expected)
    expect(responseHeaders.get('vary')).toBe('Cookie')
  })

  test('a response that sets a cookie is private; an existing Vary keeps its values', () => {
    const headers = new Headers({ 'set-cookie': 'essaim_flash=; Max-Age=0', vary: 'Accept-Encoding' })
    applyCachePolicy(new Request('http://localhost/'), headers)
    expect(headers.get('cache-control')).toBe('private, no-store')
    expect(headers.get('vary')).toBe('Accept-Encoding, Cookie')
  })
})
