import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet, type TestRoute } from '#tests/helpers/remix-app.ts'
import * as readingPage from '#app/routes/ressources.$slug._index/route.tsx'
import { countResourceView } from './view-stats.server.ts'

// The funding calls' read counter: one row per resource and Paris day, counted by the reading page; nothing about
// the reader. Other kinds, drafts and pages not shown are not counted.

const app = createTestApp({
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: readingPage as unknown as TestRoute['module'] },
})

async function views(resourceId: string) {
  return db.selectFrom('resourceViewStats').selectAll().where('resourceId', '=', resourceId).orderBy('day').execute()
}

describe('resource_view_stats', () => {
  test('one upsert per read, per Paris day (23:30 UTC on 30 November is 1 December in Paris)', async () => {
    const call = await createTestResource({ author: await createTestUser(), type: 'financement-europeen' })
    await countResourceView(call.id, new Date('2026-11-30T22:00:00Z'))
    await countResourceView(call.id, new Date('2026-11-30T22:30:00Z'))
    await countResourceView(call.id, new Date('2026-11-30T23:30:00Z'))
    expect(await views(call.id)).toEqual([
      { resourceId: call.id, day: '2026-11-30', views: 2 },
      { resourceId: call.id, day: '2026-12-01', views: 1 },
    ])
  })

  test('the reading page of a published funding call counts a view; an initiative and a 404 do not', async () => {
    const author = await createTestUser()
    const call = await createTestResource({ author, type: 'financement-europeen' })
    const initiative = await createTestResource({ author, type: 'initiative' })
    const draft = await createTestResource({ author, type: 'financement-europeen', status: 'draft' })
    for (let i = 0; i < 2; i++) expect((await app(pageGet(`/ressources/${call.slug}`))).status).toBe(200)
    expect((await app(pageGet(`/ressources/${initiative.slug}`))).status).toBe(200)
    expect((await app(pageGet(`/ressources/${draft.slug}`))).status).toBe(404)
    expect((await views(call.id)).reduce((sum, r) => sum + r.views, 0)).toBe(2)
    expect(await views(initiative.id)).toEqual([])
    expect(await views(draft.id)).toEqual([])
  })
})
