import { setTimeout as sleep } from 'node:timers/promises'
import type { PersonViewer } from '#app/modules/auth/viewer.ts'
import { db } from '#db/client.server.ts'
import type { ResourceInput } from './resources.schema.ts'
import { createResource } from './resources.server.ts'

// One draft per creation page (its `draftKey`): the first request claims the key in the database, creates the draft,
// then records it; a retry or a double submission — answered by this process or another one — finds that draft
// instead of making a second one. A claim whose creation failed is released, so the next autosave tries again.

const KEY_LIFETIME_MS = 6 * 60 * 60 * 1000
/** How long a second request waits for the first one's creation (it takes milliseconds). */
const WAIT_MS = 5_000

export type DraftOnce =
  | { status: 'created'; slug: string }
  | { status: 'existing'; slug: string }
  | { status: 'incomplete' }
  | { status: 'missing' }

export async function createDraftOnce(options: { actor: PersonViewer; draftKey: string; input: ResourceInput; now?: Date }): Promise<DraftOnce> {
  const { actor, draftKey, input } = options
  const now = options.now ?? new Date()
  await db.deleteFrom('resourceDraftKeys').where('createdAt', '<', new Date(now.getTime() - KEY_LIFETIME_MS).toISOString()).execute()
  const claim = await db
    .insertInto('resourceDraftKeys')
    .values({ personId: actor.id, draftKey, resourceId: null, createdAt: now.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  const release = () => db.deleteFrom('resourceDraftKeys').where('personId', '=', actor.id).where('draftKey', '=', draftKey).execute()
  if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 1) {
    try {
      const result = await createResource({ input, actor, status: 'draft' })
      if (result.status !== 'saved') {
        await release()
        return { status: 'incomplete' }
      }
      await db
        .updateTable('resourceDraftKeys')
        .set({ resourceId: result.resource.id })
        .where('personId', '=', actor.id)
        .where('draftKey', '=', draftKey)
        .execute()
      return { status: 'created', slug: result.resource.slug }
    } catch (error) {
      await release()
      throw error
    }
  }
  for (const deadline = Date.now() + WAIT_MS; ; ) {
    const row = await db
      .selectFrom('resourceDraftKeys')
      .leftJoin('resources', 'resources.id', 'resourceDraftKeys.resourceId')
      .select(['resourceDraftKeys.resourceId', 'resources.slug'])
      .where('resourceDraftKeys.personId', '=', actor.id)
      .where('resourceDraftKeys.draftKey', '=', draftKey)
      .executeTakeFirst()
    if (!row) return { status: 'missing' }
    if (row.resourceId) return row.slug ? { status: 'existing', slug: row.slug } : { status: 'missing' }
    if (Date.now() > deadline) return { status: 'missing' }
    await sleep(50)
  }
}
