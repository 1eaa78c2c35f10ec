import type { Kysely } from 'kysely'
import { newId } from '#app/utils/ids.server.ts'
import type { Database } from '../../schema.ts'
import type { DemoSeeder } from './index.ts'

// Demo curation (issue 14): « Validé par le réseau » on a few resources of the Calaisis (validated by its coordinator)
// — valid ones, one whose review-by date passed (« À revérifier »), one due within 30 days (in the moderation queue) —
// and featured resources on the home page, on the Calaisis territory group and on the first thematic group. Idempotent: a resource already
// validated or featured is left as it is.

const DAY = 24 * 3600 * 1000
const MONTH = 30.4 * DAY

/** Months ago each of the first Calaisis resources was validated: 2 and 4 (valid), 13 (stale), 11.5 (due in ~15 days). */
export const DEMO_VALIDATION_AGES = [2, 4, 13, 11.5] as const

export const curationSeeder: DemoSeeder = {
  name: 'curation',
  async seed(db: Kysely<Database>, log) {
    const now = Date.now()
    const published = (territory: string) =>
      db
        .selectFrom('resources')
        .select(['id', 'slug'])
        .where('status', '=', 'published')
        .where('deletedAt', 'is', null)
        .where('visibility', '=', 'public')
        .where('territory', '=', territory)
        .orderBy('slug')
        .limit(8)
        .execute()
    const calaisis = await published('calaisis')
    const validator = await db.selectFrom('users').select('id').where('email', '=', 'karim.benali@essaim.test').executeTakeFirst()
    const admin = await db.selectFrom('users').select('id').where('email', '=', 'admin@essaim.test').executeTakeFirst()
    let validated = 0
    for (const [index, months] of DEMO_VALIDATION_AGES.entries()) {
      const resource = calaisis[index]
      if (!resource) break
      const exists = await db.selectFrom('resourceValidations').select('resourceId').where('resourceId', '=', resource.id).executeTakeFirst()
      if (exists) continue
      const at = new Date(now - months * MONTH)
      const reviewBy = new Date(at.getTime())
      reviewBy.setUTCMonth(reviewBy.getUTCMonth() + 12)
      await db
        .insertInto('resourceValidations')
        .values({
          resourceId: resource.id,
          validatedBy: validator?.id ?? null,
          validatedAt: at.toISOString(),
          reviewBy: reviewBy.toISOString(),
          substanceEditedAt: null,
          staleIndexedAt: reviewBy.getTime() <= now ? new Date(now).toISOString() : null,
        })
        .execute()
      const iso = new Date(now).toISOString()
      await db
        .insertInto('searchOutbox')
        .values({ entityType: 'resource', entityId: resource.id, operation: 'upsert', nextAttemptAt: iso, createdAt: iso, lastError: null })
        .execute()
      validated++
    }
    const feature = async (groupId: string | null, resources: { id: string }[], createdBy: string | null) => {
      let added = 0
      for (const [position, resource] of resources.entries()) {
        let query = db.selectFrom('featuredResources').select('id').where('resourceId', '=', resource.id)
        query = groupId === null ? query.where('groupId', 'is', null) : query.where('groupId', '=', groupId)
        if (await query.executeTakeFirst()) continue
        await db
          .insertInto('featuredResources')
          .values({
            id: newId(),
            resourceId: resource.id,
            groupId,
            position: position + 1,
            // The last home item ends in a fortnight: an end date to see.
            endsAt: groupId === null && position === 2 ? new Date(now + 14 * DAY).toISOString() : null,
            createdBy,
            createdAt: new Date(now).toISOString(),
          })
          .execute()
        added++
      }
      return added
    }
    const group = await db.selectFrom('groups').select('id').where('territorySlug', '=', 'calaisis').executeTakeFirst()
    let onGroup = group ? await feature(group.id, calaisis.slice(0, 3), validator?.id ?? null) : 0
    // A second group page with featured items: the first thematic group (public resources its members may all read).
    const thematic = await db.selectFrom('groups').select('id').where('territorySlug', 'is', null).orderBy('slug').executeTakeFirst()
    if (thematic) onGroup += await feature(thematic.id, (await published('arrageois')).slice(2, 4), admin?.id ?? null)
    const home = [...(await published('arrageois')).slice(0, 2), ...(await published('lens-lievin')).slice(0, 1)]
    const onHome = await feature(null, home, admin?.id ?? null)
    log(`curation: ${validated} validations, ${onGroup} featured on the Calaisis and a thematic group, ${onHome} on the home page`)
  },
}
