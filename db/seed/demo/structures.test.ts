import { expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { seedDemoData } from '../seed.server.ts'

test('demo structures: about 40, all nine territories, many legal forms, demo accounts as members; idempotent', async () => {
  await seedDemoData(db)
  const count = async () => Number((await db.selectFrom('structures').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const first = await count()
  expect(first).toBeGreaterThanOrEqual(40)
  const territories = await db.selectFrom('structures').select('territoryId').distinct().execute()
  expect(territories).toHaveLength(9)
  const forms = await db.selectFrom('structures').select('legalForm').distinct().execute()
  expect(forms.length).toBeGreaterThanOrEqual(10)
  const withSeveral = await db
    .selectFrom('structureMembers')
    .select(['userId', (eb) => eb.fn.countAll().as('n')])
    .groupBy('userId')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute()
  expect(withSeveral.length).toBeGreaterThan(0)
  await seedDemoData(db)
  expect(await count()).toBe(first)
})
