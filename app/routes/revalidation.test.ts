import { expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { getValidation } from '#app/modules/curation/validations.server.ts'
import { addTestGroupMember, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'
import * as resourcePage from './ressources.$slug._index/route.tsx'
import * as revalidation from './moderation.revalidation.$slug.tsx'

// The resource page shows « Validé par le réseau » and, to a coordinator of its territory, the buttons; the decision
// page /moderation/revalidation/:slug takes the decision. Anyone else gets a 404.

const asRoute = (module: unknown) => module as TestRoute['module']
const app = createTestApp({
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: asRoute(resourcePage) },
  'routes/moderation.revalidation.$slug': { path: 'moderation/revalidation/:slug', module: asRoute(revalidation) },
})

async function login(territory?: string) {
  const user = await createTestUser()
  if (territory) await addTestGroupMember((await territoryGroup(territory)).id, user.id, 'coordinator')
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  const { visible } = await readPage(response)
  return { status: response.status, visible: visible.replaceAll('<!-- -->', '') }
}

test('a coordinator of the territory validates from the resource page; the badge names who and when; others get a 404', async () => {
  const author = await createTestUser()
  const resource = await createTestResource({ author, overrides: { territory: 'lens-lievin' } })
  const coordinator = await login('lens-lievin')
  const other = await login('calaisis')
  const before = await page(`/ressources/${resource.slug}`, coordinator.cookie)
  expect(before.visible).toContain('>Valider</button>')
  expect(before.visible).not.toContain('Validé par le réseau')
  expect((await page(`/ressources/${resource.slug}`, other.cookie)).visible).not.toContain('>Valider</button>')
  expect((await page(`/moderation/revalidation/${resource.slug}`, other.cookie)).status).toBe(404)
  expect((await app(formPost(`/moderation/revalidation/${resource.slug}`, { intent: 'validate' }, other.cookie))).status).toBe(404)
  expect(await getValidation(resource.id)).toBeNull()

  const response = await app(formPost(`/moderation/revalidation/${resource.slug}`, { intent: 'validate', from: 'resource' }, coordinator.cookie))
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe(`/ressources/${resource.slug}`)
  const after = await page(`/ressources/${resource.slug}`)
  expect(after.visible).toContain('Validé par le réseau')
  expect(after.visible).toContain(`par ${coordinator.user.name} le`)
  const decision = await page(`/moderation/revalidation/${resource.slug}`, coordinator.cookie)
  expect(decision.status).toBe(200)
  expect(decision.visible).toContain('Retirer la validation')

  await app(formPost(`/moderation/revalidation/${resource.slug}`, { intent: 'withdraw' }, coordinator.cookie))
  expect(await getValidation(resource.id)).toBeNull()
})
