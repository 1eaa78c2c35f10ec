import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, type Viewer } from '#app/modules/auth/viewer.ts'
import { db } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { can, visibleComments } from './comments.policy.ts'
import { COMMENTS_PER_MINUTE, createComment, loadParent, RATE_LIMITED_MESSAGE, targetOf } from './comments.server.ts'

// The comments module against a real database: what `createComment` hands the caller for notifications, the rate
// limit, and the SQL form of `view` (visibleComments) agreeing with the page check on every comment.

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

describe('createComment', () => {
  test('returns the comment, the author of the comment answered and the item’s author (reply to a reply flattened)', async () => {
    const itemAuthor = await createTestUser()
    const resource = await createTestResource({ author: itemAuthor })
    const [a, b, c] = [await createTestUser(), await createTestUser(), await createTestUser()]
    const target = { kind: 'resource' as const, id: resource.id }
    const top = await createComment({ actor: await actorOf(a), target, body: doc('Question') })
    if (!top.ok) throw new Error(top.reason)
    expect(top).toMatchObject({ comment: { parentId: null, target }, parentAuthorId: null, itemAuthorId: itemAuthor.id })
    const reply = await createComment({ actor: await actorOf(b), target, parentId: top.comment.id, body: doc('Réponse') })
    if (!reply.ok) throw new Error(reply.reason)
    expect(reply).toMatchObject({ comment: { parentId: top.comment.id }, parentAuthorId: a.id, itemAuthorId: itemAuthor.id })
    const nested = await createComment({ actor: await actorOf(c), target, parentId: reply.comment.id, body: doc('Merci') })
    if (!nested.ok) throw new Error(nested.reason)
    // Under the same top comment; the person answered is the reply's author.
    expect(nested).toMatchObject({ comment: { parentId: top.comment.id }, parentAuthorId: b.id })
    // The same text sent twice within a minute is the same comment.
    const again = await createComment({ actor: await actorOf(c), target, parentId: reply.comment.id, body: doc('Merci') })
    expect(again).toMatchObject({ ok: true, duplicate: true, comment: { id: nested.ok ? nested.comment.id : '' } })
  })

  test('an event’s author is its creator (null for the system); a reply to another item’s comment is not found', async () => {
    const event = await createTestEvent()
    const me = await actorOf(await createTestUser())
    const done = await createComment({ actor: me, target: { kind: 'event', id: event.id }, body: doc('J’y serai') })
    expect(done).toMatchObject({ ok: true, itemAuthorId: null })
    const resource = await createTestResource({ author: await createTestUser() })
    const cross = await createComment({ actor: me, target: { kind: 'resource', id: resource.id }, parentId: done.ok ? done.comment.id : '', body: doc('x') })
    expect(cross).toEqual({ ok: false, reason: 'not-found' })
  })

  test(`rate-limited: more than ${COMMENTS_PER_MINUTE} comments a minute are refused in French`, async () => {
    const resource = await createTestResource({ author: await createTestUser() })
    const me = await actorOf(await createTestUser())
    for (let i = 0; i < COMMENTS_PER_MINUTE; i++) {
      expect((await createComment({ actor: me, target: { kind: 'resource', id: resource.id }, body: doc(`Commentaire ${i}`) })).ok).toBe(true)
    }
    expect(await createComment({ actor: me, target: { kind: 'resource', id: resource.id }, body: doc('Un de trop') })).toEqual({
      ok: false,
      reason: 'rate-limited',
      message: RATE_LIMITED_MESSAGE,
    })
  })
})

describe('visibleComments agrees with can(viewer, "view") on every comment', () => {
  test('public, members, group and draft resources; public, members and group events', async () => {
    const author = await createTestUser()
    const group = await createTestGroup()
    const writer = await createTestUser({ role: 'admin' })
    const system = await actorOf(writer)
    const targets = []
    for (const visibility of ['public', 'members'] as const) targets.push({ kind: 'resource' as const, id: (await createTestResource({ author, visibility })).id })
    const groupOnly = await createTestResource({ author })
    await db.updateTable('resources').set({ visibility: 'group' }).where('id', '=', groupOnly.id).execute()
    await db.insertInto('resourceGroups').values({ resourceId: groupOnly.id, groupId: group.id }).execute()
    targets.push({ kind: 'resource' as const, id: groupOnly.id })
    targets.push({ kind: 'resource' as const, id: (await createTestResource({ author, status: 'draft' })).id })
    for (const visibility of ['public', 'members'] as const) targets.push({ kind: 'event' as const, id: (await createTestEvent({ visibility })).id })
    targets.push({ kind: 'event' as const, id: (await createTestEvent({ visibility: 'group', groupIds: [group.id] })).id })
    const ids: string[] = []
    for (const target of targets) {
      const done = await createComment({ actor: system, target, body: doc('Un avis'), trx: db })
      if (!done.ok) throw new Error(`${target.kind}: ${done.reason}`)
      ids.push(done.comment.id)
    }
    const member = await createTestUser()
    await addTestGroupMember(group.id, member.id)
    const viewers: Viewer[] = [
      ANONYMOUS,
      personViewer({ id: 'x', role: 'member', emailVerifiedAt: null }),
      await actorOf(await createTestUser()),
      await actorOf(member),
      await actorOf(author),
      system,
    ]
    for (const viewer of viewers) {
      const rows = await db.selectFrom('comments').select(['id', 'resourceId', 'eventId']).where('id', 'in', ids).execute()
      const expected: string[] = []
      for (const row of rows) {
        const loaded = await loadParent(targetOf(row), db)
        if (loaded && can(viewer, 'view', loaded.parent)) expected.push(row.id)
      }
      const listed = await db.selectFrom('comments').select('id').where('id', 'in', ids).where(visibleComments(viewer)).execute()
      expect(listed.map((r) => r.id).sort()).toEqual(expected.sort())
      // Not an empty agreement: anonymous visitors read the two public items, admins all seven.
      if (viewer === ANONYMOUS) expect(expected).toHaveLength(2)
      if (viewer === system) expect(expected).toHaveLength(7)
    }
  })
})
