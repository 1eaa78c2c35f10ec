import { expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { getThread } from '#app/modules/discussions/discussions.server.ts'
import { PENDING_MODERATION_LABEL } from '#app/modules/discussions/discussions.policy.ts'
import { reportsQueueSource } from '#app/modules/reports/queue-source.server.ts'
import { seedDemoData } from '../seed.server.ts'
import { DEMO_SPAM_THREAD } from './reports.ts'

test('demo reports: a Calaisis resource with 2 open reports, a spam reply hidden after 3; idempotent', async () => {
  await seedDemoData(db)
  // Reports by the demo members only (other tests of this worker may have written their own).
  const demoReports = () =>
    db
      .selectFrom('reports')
      .innerJoin('users', 'users.id', 'reports.reporterId')
      .select(['reports.targetKind', 'reports.targetId', 'reports.status'])
      .where('users.email', 'like', '%@essaim.test')
      .execute()
  const count = async () => (await demoReports()).length
  const first = await count()
  expect(first).toBe(5)

  const thread = await db.selectFrom('discussionThreads').select('id').where('title', '=', DEMO_SPAM_THREAD).executeTakeFirstOrThrow()
  const pierre = await db.selectFrom('users').select('id').where('email', '=', 'pierre.caron@essaim.test').executeTakeFirstOrThrow()
  const asAuthor = await getThread(thread.id, (await viewerById(pierre.id))!)
  expect(asAuthor?.replies[0]).toMatchObject({ display: 'masked', placeholder: PENDING_MODERATION_LABEL })

  const resourceReports = (await demoReports()).filter((r) => r.targetKind === 'resource')
  expect(resourceReports).toHaveLength(2)
  const resource = await db.selectFrom('resources').select(['hiddenAt', 'territory']).where('id', '=', resourceReports[0].targetId).executeTakeFirstOrThrow()
  expect(resource).toEqual({ hiddenAt: null, territory: 'calaisis' })

  const admin = await db.selectFrom('users').select('id').where('email', '=', 'admin@essaim.test').executeTakeFirstOrThrow()
  expect(await reportsQueueSource.count((await viewerById(admin.id))!)).toBeGreaterThanOrEqual(2)

  await seedDemoData(db)
  expect(await count()).toBe(first)
})
