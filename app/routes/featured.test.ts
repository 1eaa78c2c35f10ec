import { expect, test } from 'vitest'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { featureResource } from '#app/modules/curation/featured.server.ts'
import { createTestGroup, restrictToGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'
import * as home from './_index.tsx'

// The home page's « À la une » block shows what admins featured, only what the visitor may read.

const app = createTestApp({ 'routes/_index': { index: true, module: home as unknown as TestRoute['module'] } })

test('the home page shows the featured resources a visitor may read', async () => {
  const author = await createTestUser()
  const open = await createTestResource({ author, type: 'initiative', overrides: { title: 'Une épicerie solidaire à la une' } })
  const hidden = await createTestResource({ author, type: 'initiative', overrides: { title: 'Un projet réservé au groupe' } })
  await restrictToGroup(hidden.id, (await createTestGroup()).id)
  for (const slug of [open.slug, hidden.slug]) await featureResource({ place: { groupId: null }, resourceSlug: slug, actor: systemActor('test') })
  const response = await app(pageGet('/'))
  const { visible } = await readPage(response)
  expect(response.status).toBe(200)
  expect(visible).toContain('À la une')
  expect(visible).toContain('Une épicerie solidaire à la une')
  expect(visible).not.toContain('Un projet réservé au groupe')
})
