import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { resourceInput } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createDraftOnce } from './draft-keys.server.ts'

async function draftsOf(userId: string) {
  return db.selectFrom('resources').select('slug').where('authorId', '=', userId).where('status', '=', 'draft').execute()
}

describe('createDraftOnce', () => {
  test('the same page key twice: one draft, found again', async () => {
    const user = await createTestUser()
    const actor = await actorOf(user)
    const first = await createDraftOnce({ actor, draftKey: 'page-key-0000000001', input: resourceInput('initiative') })
    const second = await createDraftOnce({ actor, draftKey: 'page-key-0000000001', input: resourceInput('initiative') })
    expect(first.status).toBe('created')
    expect(second).toEqual({ status: 'existing', slug: first.status === 'created' ? first.slug : '' })
    expect(await draftsOf(user.id)).toHaveLength(1)
  })

  test('a key claimed by another process: waits for its draft instead of making a second one', async () => {
    const user = await createTestUser()
    const actor = await actorOf(user)
    const other = await createDraftOnce({ actor, draftKey: 'page-key-other-0001', input: resourceInput('initiative') })
    if (other.status !== 'created') throw new Error('setup')
    const row = await db.selectFrom('resources').select('id').where('slug', '=', other.slug).executeTakeFirstOrThrow()
    // The other process has claimed the key and not yet written the draft's id.
    await db.insertInto('resourceDraftKeys').values({ personId: user.id, draftKey: 'page-key-shared-001', resourceId: null, createdAt: new Date().toISOString() }).execute()
    const waiting = createDraftOnce({ actor, draftKey: 'page-key-shared-001', input: resourceInput('initiative') })
    await new Promise((resolve) => setTimeout(resolve, 120))
    await db.updateTable('resourceDraftKeys').set({ resourceId: row.id }).where('draftKey', '=', 'page-key-shared-001').execute()
    expect(await waiting).toEqual({ status: 'existing', slug: other.slug })
    expect(await draftsOf(user.id)).toHaveLength(1)
  })

  test('keys are per person, and forgotten after a few hours', async () => {
    const a = await createTestUser()
    const b = await createTestUser()
    const key = 'page-key-per-person1'
    expect((await createDraftOnce({ actor: await actorOf(a), draftKey: key, input: resourceInput('initiative') })).status).toBe('created')
    expect((await createDraftOnce({ actor: await actorOf(b), draftKey: key, input: resourceInput('initiative') })).status).toBe('created')
    const later = new Date(Date.now() + 7 * 60 * 60 * 1000)
    expect((await createDraftOnce({ actor: await actorOf(a), draftKey: key, input: resourceInput('initiative'), now: later })).status).toBe('created')
    expect(await draftsOf(a.id)).toHaveLength(2)
  })
})
