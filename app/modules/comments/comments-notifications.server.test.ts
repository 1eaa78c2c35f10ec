import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { textToDoc } from '#app/modules/rich-text/rich-text.server.ts'
import { drainNotificationOutbox } from '#app/modules/notifications/fanout.server.ts'
import { countUnreadNotifications, listNotifications } from '#app/modules/notifications/notifications.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createComment } from './comments.server.ts'

// Comments wired to follows and notifications (issue 17): the commenter follows the item; the author of the comment
// answered — or the item's author for a first-level comment — gets one notice in the bell; nobody hears of their own.

const doc = (text: string) => JSON.stringify(textToDoc(text))
const unread = async (id: string) => countUnreadNotifications((await viewerById(id))!)

describe('a comment tells the person answered and follows the item', () => {
  test('first-level comment → the item author; reply → the comment author; one’s own → nobody', async () => {
    const itemAuthor = await createTestUser()
    const resource = await createTestResource({ author: itemAuthor })
    const [a, b] = [await createTestUser(), await createTestUser()]
    const target = { kind: 'resource' as const, id: resource.id }
    await drainNotificationOutbox({ limit: 10_000 })
    const before = await unread(itemAuthor.id)

    const top = await createComment({ actor: await actorOf(a), target, body: doc('Qui a obtenu LEADER pour ça ?') })
    if (!top.ok) throw new Error('comment')
    await drainNotificationOutbox({ limit: 10_000 })
    expect(await unread(itemAuthor.id)).toBe(before + 1)
    expect((await listNotifications((await viewerById(itemAuthor.id))!)).items[0].href).toBe(`/ressources/${resource.slug}#commentaire-${top.comment.id}`)

    const reply = await createComment({ actor: await actorOf(b), target, parentId: top.comment.id, body: doc('Nous, à Lens.') })
    if (!reply.ok) throw new Error('reply')
    // The reply answers a: a hears of it, the item's author not a second time.
    await drainNotificationOutbox({ limit: 10_000 })
    expect(await unread(a.id)).toBe(1)
    expect(await unread(itemAuthor.id)).toBe(before + 1)

    // Answering oneself tells nobody.
    await createComment({ actor: await actorOf(a), target, parentId: top.comment.id, body: doc('Merci !') })
    await drainNotificationOutbox({ limit: 10_000 })
    expect(await unread(a.id)).toBe(1)

    const follows = await db.selectFrom('follows').select(['userId', 'origin']).where('targetKind', '=', 'resource').where('targetKey', '=', resource.id).execute()
    expect(follows.filter((f) => f.userId === a.id || f.userId === b.id).map((f) => f.origin)).toEqual(['auto', 'auto'])
  })
})

describe('mentions', () => {
  async function withProfile(visibility: 'public' | 'members' | 'hidden') {
    const user = await createTestUser()
    const slug = `personne-${user.id.slice(-8).toLowerCase()}`
    await db.insertInto('profiles').values({ userId: user.id, slug, visibility, updatedAt: new Date().toISOString() }).execute()
    return { ...user, slug }
  }

  test('@profile tells the people named whose profile the author may see, once, never the author; a hidden profile nobody', async () => {
    const itemAuthor = await createTestUser()
    const resource = await createTestResource({ author: itemAuthor })
    const [writer, named, membersOnly, hidden] = [await withProfile('public'), await withProfile('public'), await withProfile('members'), await withProfile('hidden')]
    await drainNotificationOutbox({ limit: 10_000 })
    const text = `Merci @${named.slug} et @${membersOnly.slug} (et encore @${named.slug}), @${hidden.slug}, @${writer.slug}, contact@${named.slug}.fr`
    const made = await createComment({ actor: await actorOf(writer), target: { kind: 'resource', id: resource.id }, body: doc(text) })
    if (!made.ok) throw new Error('comment')
    await drainNotificationOutbox({ limit: 10_000 })
    const mentionsOf = async (id: string) =>
      (await listNotifications((await viewerById(id))!)).items.filter((i) => i.kind === 'mention').map((i) => i.href)
    expect(await mentionsOf(named.id)).toEqual([`/ressources/${resource.slug}#commentaire-${made.comment.id}`])
    expect(await mentionsOf(membersOnly.id)).toEqual([`/ressources/${resource.slug}#commentaire-${made.comment.id}`])
    expect(await mentionsOf(hidden.id)).toEqual([])
    expect(await mentionsOf(writer.id)).toEqual([])
    // The item's author is told of the comment once (a reply), even when also named.
    const again = await createComment({ actor: await actorOf(named), target: { kind: 'resource', id: resource.id }, body: doc(`@${writer.slug} oui`) })
    if (!again.ok) throw new Error('comment')
    await drainNotificationOutbox({ limit: 10_000 })
    expect(await mentionsOf(writer.id)).toEqual([`/ressources/${resource.slug}#commentaire-${again.comment.id}`])
  })
})
