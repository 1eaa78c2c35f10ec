import { expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { personViewer } from '#app/modules/auth/viewer.ts'
import { validationState } from '#app/modules/curation/curation.policy.ts'
import { listFeatured } from '#app/modules/curation/featured.server.ts'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { listRevalidations } from '#app/modules/curation/validations.server.ts'
import { seedDemoData } from '../seed.server.ts'

test('demo curation: valid, stale and due validations in the Calaisis; featured items on its group and the home page; idempotent', async () => {
  await seedDemoData(db)
  const count = async () => ({
    validations: (await db.selectFrom('resourceValidations').select('resourceId').execute()).length,
    featured: (await db.selectFrom('featuredResources').select('id').execute()).length,
  })
  const first = await count()
  const validations = await db
    .selectFrom('resourceValidations')
    .innerJoin('resources', 'resources.id', 'resourceValidations.resourceId')
    .select(['resourceValidations.reviewBy', 'resources.territory'])
    .where('resources.territory', '=', 'calaisis')
    .execute()
  const states = validations.map((v) => validationState(v))
  expect(states).toEqual(expect.arrayContaining(['valid', 'stale', 'due']))
  const group = await db.selectFrom('groups').select('id').where('territorySlug', '=', 'calaisis').executeTakeFirstOrThrow()
  expect((await listFeatured({ groupId: group.id }, ANONYMOUS)).length).toBeGreaterThanOrEqual(1)
  expect((await listFeatured({ groupId: null }, ANONYMOUS)).length).toBeGreaterThanOrEqual(1)
  // At least two group pages have featured items (the Calaisis and a thematic group).
  const groupsWithFeatured = await db.selectFrom('featuredResources').select('groupId').distinct().where('groupId', 'is not', null).execute()
  expect(groupsWithFeatured.length).toBeGreaterThanOrEqual(2)
  const karim = await db.selectFrom('users').select(['id', 'role', 'emailVerifiedAt']).where('email', '=', 'karim.benali@essaim.test').executeTakeFirstOrThrow()
  const coordinator = personViewer(karim, { coordinates: ['calaisis'] })
  expect((await listRevalidations(coordinator)).length).toBeGreaterThanOrEqual(2)
  await seedDemoData(db)
  expect(await count()).toEqual(first)
})
