import { sql } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import { parisDay } from '#app/modules/events/month.ts'

// The reads of funding calls' pages, for the indicators (/indicateurs). Statistics only: one counter per resource and
// Paris day in `resource_view_stats`, no person, no IP, no time of day. One upsert per read keeps it cheap. This is
// the one table a page read (GET) writes to: the issue-18 security crawl excludes `*_stats` tables from its
// « no GET changes the database » checksum.

export async function countResourceView(resourceId: string, now = new Date(), executor: Executor = db): Promise<void> {
  await executor
    .insertInto('resourceViewStats')
    .values({ resourceId, day: parisDay(now), views: 1 })
    .onConflict((oc) => oc.columns(['resourceId', 'day']).doUpdateSet({ views: sql`views + 1` }))
    .execute()
}

/** Counts a read of a funding call's page; a failed write loses one count, never the page. */
export async function countFundingCallView(resource: { id: string; type: string; status: string }, now = new Date()) {
  if (resource.type !== 'financement-europeen' || resource.status !== 'published') return
  try {
    await countResourceView(resource.id, now)
  } catch (error) {
    console.warn('resource_view_stats: a view was not counted', error)
  }
}
