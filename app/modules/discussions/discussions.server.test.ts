import type { JSONContent } from '@tiptap/core'
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { addTestMember, createTestGroup } from '#tests/factories/discussions.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { ANONYMOUS, type PersonViewer, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import {
  countThreads,
  createThread,
  deletePost,
  editPost,
  enqueueGroupDiscussionsReindex,
  getThread,
  hidePost,
  listThreads,
  lockThread,
  pinThread,
  reply,
  unhidePost,
  unlockThread,
  unpinThread,
} from './discussions.server.ts'

const doc = (text: string): JSONContent => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

type Group = Awaited<ReturnType<typeof createTestGroup>>
let publicGroup: Group
let privateGroup: Group
let member: PersonViewer
let other: PersonViewer
let coordinator: PersonViewer
let outsider: PersonViewer
let unverified: PersonViewer
let admin: PersonViewer

async function memberOf(groups: Group[], role: 'member' | 'coordinator' = 'member', overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  for (const g of groups) await addTestMember(g.id, user.id, role)
  return personViewer(user, { groups: groups.map((g) => [g.id, role] as const) })
}

beforeAll(async () => {
  publicGroup = await createTestGroup()
  privateGroup = await createTestGroup({ pageVisibility: 'members' })
  const both = [publicGroup, privateGroup]
  member = await memberOf(both, 'member', { name: 'Marie Dupont' })
  other = await memberOf(both, 'member', { name: 'Jean Martin' })
  coordinator = await memberOf(both, 'coordinator', { name: 'Camille Roux' })
  unverified = await memberOf(both, 'member', { emailVerifiedAt: null })
  outsider = personViewer(await createTestUser({ name: 'Paul Dehors' }))
  admin = personViewer(await createTestUser({ role: 'admin' }))
  await db.insertInto('profiles').values({ userId: other.id, slug: 'jean-martin-62', updatedAt: new Date().toISOString() }).execute()
})

beforeEach(async () => {
  await db.deleteFrom('searchOutbox').execute()
})

async function newThread(group: Group = privateGroup, actor: PersonViewer = member, title = 'Un fil') {
  const result = await createThread({ actor, groupId: group.id, title, body: doc('Bonjour à tous') })
  if (!result.ok) throw new Error(`createThread: ${result.reason}`)
  return result.threadId
}

async function outbox() {
  return db.selectFrom('searchOutbox').select(['entityType', 'entityId', 'operation']).orderBy('id').execute()
}

describe('createThread', () => {
  test('a member opens a thread; its search update is enqueued in the same transaction', async () => {
    const threadId = await newThread()
    const thread = await getThread(threadId, member)
    expect(thread).toMatchObject({ title: 'Un fil', html: '<p>Bonjour à tous</p>', replyCount: 0, author: { name: 'Marie Dupont' } })
    expect(await outbox()).toEqual([{ entityType: 'discussion', entityId: threadId, operation: 'upsert' }])
  })

  test('not a member or unverified: not found, whatever the group’s page shows', async () => {
    expect(await createThread({ actor: outsider, groupId: publicGroup.id, title: 'T', body: doc('x') })).toEqual({ ok: false, reason: 'not-found' })
    expect(await createThread({ actor: outsider, groupId: privateGroup.id, title: 'T', body: doc('x') })).toEqual({ ok: false, reason: 'not-found' })
    // An unverified account reads as anonymous: the thread's group shows it nothing.
    expect(await createThread({ actor: unverified, groupId: privateGroup.id, title: 'T', body: doc('x') })).toEqual({ ok: false, reason: 'not-found' })
    expect(await createThread({ actor: member, groupId: 'nope', title: 'T', body: doc('x') })).toEqual({ ok: false, reason: 'not-found' })
    expect(await outbox()).toEqual([])
  })

  test('title and body are validated, in French', async () => {
    const result = await createThread({
      actor: member,
      groupId: privateGroup.id,
      title: '   ',
      body: { type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Titre' }] }] },
    })
    expect(result).toMatchObject({ ok: false, reason: 'invalid', errors: { title: 'Le titre est obligatoire.' } })
    if (!result.ok && result.reason === 'invalid') expect(result.errors.body).toMatch(/non permis ici : titre/)
    const long = await createThread({ actor: member, groupId: privateGroup.id, title: 'x'.repeat(201), body: doc('x') })
    expect(long).toEqual({ ok: false, reason: 'invalid', errors: { title: 'Le titre ne doit pas dépasser 200 caractères.' } })
  })
})

describe('reply', () => {
  test('a member replies: counted, latest activity moved, search updated', async () => {
    const threadId = await newThread()
    const before = await db.selectFrom('discussionThreads').select('lastPostAt').where('id', '=', threadId).executeTakeFirstOrThrow()
    await new Promise((r) => setTimeout(r, 5))
    const result = await reply({ actor: other, threadId, body: doc('Je réponds') })
    expect(result.ok).toBe(true)
    const thread = await getThread(threadId, member)
    expect(thread?.replyCount).toBe(1)
    expect(thread?.replies.map((r) => [r.html, r.author?.name])).toEqual([['<p>Je réponds</p>', 'Jean Martin']])
    const after = await db.selectFrom('discussionThreads').select('lastPostAt').where('id', '=', threadId).executeTakeFirstOrThrow()
    expect(after.lastPostAt > before.lastPostAt).toBe(true)
    expect((await outbox()).at(-1)).toEqual({ entityType: 'discussion', entityId: threadId, operation: 'upsert' })
  })

  test('a locked thread takes no reply; a non-member, an unverified member and a former member cannot reply', async () => {
    const threadId = await newThread(publicGroup)
    expect(await reply({ actor: outsider, threadId, body: doc('x') })).toEqual({ ok: false, reason: 'not-found' })
    expect(await reply({ actor: unverified, threadId, body: doc('x') })).toEqual({ ok: false, reason: 'not-found' })
    const privateThread = await newThread(privateGroup)
    // Left the group: the viewer built at the next request has no membership any more.
    const former = personViewer({ id: member.id, role: 'member', emailVerifiedAt: new Date().toISOString() })
    expect(await reply({ actor: former, threadId: privateThread, body: doc('x') })).toEqual({ ok: false, reason: 'not-found' })
    expect(await getThread(privateThread, former)).toBeNull()
    expect(await lockThread({ actor: coordinator, threadId })).toEqual({ ok: true })
    expect(await reply({ actor: other, threadId, body: doc('x') })).toEqual({ ok: false, reason: 'forbidden' })
    expect((await getThread(threadId, other))?.can.reply).toBe(false)
    expect(await unlockThread({ actor: coordinator, threadId })).toEqual({ ok: true })
    expect((await reply({ actor: other, threadId, body: doc('x') })).ok).toBe(true)
  })
})

describe('editPost and deletePost: one’s own messages', () => {
  test('editing marks the message edited; only its author may', async () => {
    const threadId = await newThread()
    const r = await reply({ actor: other, threadId, body: doc('Premier jet') })
    if (!r.ok) throw new Error('reply')
    expect(await editPost({ actor: member, threadId, postId: r.postId, body: doc('Pas à moi') })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await editPost({ actor: coordinator, threadId, postId: r.postId, body: doc('Pas à moi') })).toEqual({ ok: false, reason: 'forbidden' })
    expect((await editPost({ actor: other, threadId, postId: r.postId, body: doc('Version revue') })).ok).toBe(true)
    const reread = (await getThread(threadId, member))?.replies[0]
    expect(reread?.html).toBe('<p>Version revue</p>')
    expect(reread?.editedAt).not.toBeNull()
    // The opening post: title and body, by its author.
    expect((await editPost({ actor: member, threadId, title: 'Nouveau titre', body: doc('Corrigé') })).ok).toBe(true)
    const thread = await getThread(threadId, other)
    expect(thread).toMatchObject({ title: 'Nouveau titre', html: '<p>Corrigé</p>' })
    expect(thread?.editedAt).not.toBeNull()
    expect(await editPost({ actor: member, threadId, postId: 'nope', body: doc('x') })).toEqual({ ok: false, reason: 'not-found' })
  })

  test('deleting a reply leaves « Message supprimé par son auteur »; deleting the opening post removes the thread', async () => {
    const threadId = await newThread()
    const r = await reply({ actor: other, threadId, body: doc('À retirer') })
    if (!r.ok) throw new Error('reply')
    expect(await deletePost({ actor: member, threadId, postId: r.postId })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await deletePost({ actor: other, threadId, postId: r.postId })).toEqual({ ok: true })
    const thread = await getThread(threadId, coordinator)
    expect(thread?.replyCount).toBe(0)
    expect(thread?.replies[0]).toMatchObject({ display: 'deleted', html: null, placeholder: 'Message supprimé par son auteur' })
    expect(await deletePost({ actor: other, threadId })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await deletePost({ actor: member, threadId })).toEqual({ ok: true })
    expect(await getThread(threadId, member)).toBeNull()
    expect(await getThread(threadId, admin)).toBeNull()
    expect((await listThreads(privateGroup.id, coordinator))?.threads.map((t) => t.id)).not.toContain(threadId)
    expect((await outbox()).at(-1)).toEqual({ entityType: 'discussion', entityId: threadId, operation: 'delete' })
  })
})

describe('moderation: pin, lock, hide (coordinators of the group and admins)', () => {
  test('members, outsiders and coordinators of another group may not moderate', async () => {
    const threadId = await newThread(publicGroup)
    const elsewhere = await memberOf([await createTestGroup()], 'coordinator')
    expect(await pinThread({ actor: member, threadId })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await hidePost({ actor: member, threadId, reason: 'Hors sujet' })).toEqual({ ok: false, reason: 'forbidden' })
    // Outside the group, the thread does not exist.
    for (const actor of [outsider, elsewhere]) {
      expect(await pinThread({ actor, threadId })).toEqual({ ok: false, reason: 'not-found' })
      expect(await hidePost({ actor, threadId, reason: 'Hors sujet' })).toEqual({ ok: false, reason: 'not-found' })
    }
    expect(await pinThread({ actor: admin, threadId })).toEqual({ ok: true })
    const audit = await db.selectFrom('auditLog').select(['action', 'actorId']).where('targetId', '=', threadId).execute()
    expect(audit).toEqual([{ action: 'discussion.pin', actorId: admin.id }])
  })

  test('a hidden reply reads « Message masqué par la coordination » to readers, whole to moderators; reversible', async () => {
    const threadId = await newThread(publicGroup)
    const r = await reply({ actor: other, threadId, body: doc('Propos déplacé') })
    if (!r.ok) throw new Error('reply')
    expect(await hidePost({ actor: coordinator, threadId, postId: r.postId, reason: '  ' })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: { reason: 'Le motif est obligatoire.' },
    })
    expect(await hidePost({ actor: coordinator, threadId, postId: r.postId, reason: 'x'.repeat(301) })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: { reason: 'Le motif ne doit pas dépasser 300 caractères.' },
    })
    expect(await hidePost({ actor: coordinator, threadId, postId: r.postId, reason: 'Propos personnels' })).toEqual({ ok: true })
    expect(await getThread(threadId, ANONYMOUS)).toBeNull()
    for (const viewer of [member, other]) {
      const seen = (await getThread(threadId, viewer))?.replies[0]
      expect(seen).toMatchObject({ display: 'masked', html: null, placeholder: 'Message masqué par la coordination', hiddenReason: null })
    }
    expect((await getThread(threadId, coordinator))?.replies[0]).toMatchObject({
      display: 'whole',
      html: '<p>Propos déplacé</p>',
      hiddenReason: 'Propos personnels',
    })
    expect((await getThread(threadId, member))?.replyCount).toBe(0)
    expect(await editPost({ actor: other, threadId, postId: r.postId, body: doc('Contourner') })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await unhidePost({ actor: coordinator, threadId, postId: r.postId })).toEqual({ ok: true })
    expect((await getThread(threadId, member))?.replies[0]?.html).toBe('<p>Propos déplacé</p>')
    const actions = await db.selectFrom('auditLog').select('action').where('targetId', '=', r.postId).orderBy('createdAt').execute()
    expect(actions.map((a) => a.action)).toEqual(['discussion.hide', 'discussion.unhide'])
  })

  test('a hidden thread is seen by moderators only and leaves the index; unhiding brings it back', async () => {
    const threadId = await newThread(publicGroup)
    expect(await hidePost({ actor: coordinator, threadId, reason: 'Doublon' })).toEqual({ ok: true })
    expect((await outbox()).at(-1)).toEqual({ entityType: 'discussion', entityId: threadId, operation: 'delete' })
    expect(await getThread(threadId, member)).toBeNull()
    expect(await getThread(threadId, ANONYMOUS)).toBeNull()
    expect(await reply({ actor: other, threadId, body: doc('x') })).toEqual({ ok: false, reason: 'not-found' })
    expect(await getThread(threadId, coordinator)).toMatchObject({ hidden: true, hiddenReason: 'Doublon' })
    expect((await listThreads(publicGroup.id, member))?.threads.map((t) => t.id)).not.toContain(threadId)
    expect((await listThreads(publicGroup.id, coordinator))?.threads.find((t) => t.id === threadId)?.hidden).toBe(true)
    expect(await unhidePost({ actor: admin, threadId })).toEqual({ ok: true })
    expect(await getThread(threadId, member)).toMatchObject({ hidden: false, hiddenReason: null })
  })
})

describe('listThreads', () => {
  test('pinned first, then by latest activity; a members-only group lists nothing to others', async () => {
    const group = await createTestGroup({ pageVisibility: 'members' })
    await addTestMember(group.id, member.id)
    await addTestMember(group.id, coordinator.id, 'coordinator')
    const m = personViewer({ id: member.id, role: 'member', emailVerifiedAt: new Date().toISOString() }, { groups: [[group.id, 'member']] })
    const c = personViewer({ id: coordinator.id, role: 'member', emailVerifiedAt: new Date().toISOString() }, { groups: [[group.id, 'coordinator']] })
    const ids: string[] = []
    for (const title of ['A', 'B', 'C']) {
      ids.push(await newThread(group, m, title))
      await new Promise((r) => setTimeout(r, 3))
    }
    await reply({ actor: m, threadId: ids[0]!, body: doc('relance') })
    await pinThread({ actor: c, threadId: ids[1]! })
    const list = await listThreads(group.id, m)
    expect(list?.threads.map((t) => t.title)).toEqual(['B', 'A', 'C'])
    expect(list).toMatchObject({ total: 3, page: 1, pageCount: 1 })
    expect(list?.threads[0]?.pinned).toBe(true)
    expect(await listThreads(group.id, outsider)).toBeNull()
    expect(await listThreads(group.id, ANONYMOUS)).toBeNull()
    expect((await listThreads(group.id, admin))?.total).toBe(3)
    await unpinThread({ actor: c, threadId: ids[1]! })
    expect((await listThreads(group.id, m))?.threads.map((t) => t.title)).toEqual(['A', 'C', 'B'])
  })

  test('countThreads counts what the viewer may list, nothing for a group not for it', async () => {
    const group = await createTestGroup({ pageVisibility: 'members' })
    await addTestMember(group.id, member.id)
    await addTestMember(group.id, coordinator.id, 'coordinator')
    const m = personViewer({ id: member.id, role: 'member', emailVerifiedAt: new Date().toISOString() }, { groups: [[group.id, 'member']] })
    const c = personViewer({ id: coordinator.id, role: 'member', emailVerifiedAt: new Date().toISOString() }, { groups: [[group.id, 'coordinator']] })
    const shown = await newThread(group, m, 'Visible')
    const hidden = await newThread(group, m, 'Masqué')
    await hidePost({ actor: c, threadId: hidden, reason: 'Hors sujet' })
    expect(shown).not.toBe(hidden)
    expect(await countThreads(group.id, m)).toBe(1)
    expect(await countThreads(group.id, c)).toBe(2)
    expect(await countThreads(group.id, outsider)).toBe(0)
    expect(await countThreads(group.id, ANONYMOUS)).toBe(0)
  })

  test('pages of twenty', async () => {
    const group = await createTestGroup()
    await addTestMember(group.id, member.id)
    const m = personViewer({ id: member.id, role: 'member', emailVerifiedAt: new Date().toISOString() }, { groups: [[group.id, 'member']] })
    for (let i = 0; i < 21; i++) await newThread(group, m, `Fil ${i}`)
    expect(await listThreads(group.id, ANONYMOUS, 2)).toBeNull()
    const second = await listThreads(group.id, m, 2)
    expect(second).toMatchObject({ total: 21, page: 2, pageCount: 2 })
    expect(second?.threads).toHaveLength(1)
  })
})

test('replies come by pages of fifty, oldest first', async () => {
  const threadId = await newThread(publicGroup)
  for (let i = 0; i < 51; i++) await reply({ actor: other, threadId, body: doc(`Réponse ${i}`) })
  const first = await getThread(threadId, member)
  expect(first).toMatchObject({ totalReplies: 51, page: 1, pageCount: 2, replyCount: 51 })
  expect(first?.replies).toHaveLength(50)
  expect(first?.can).toMatchObject({ reply: true, moderate: false })
  const second = await getThread(threadId, member, { page: 2 })
  // Oldest first (replies written within the same millisecond may come in either order).
  const all = [...(first?.replies ?? []), ...(second?.replies ?? [])].map((r) => r.html)
  expect(new Set(all)).toEqual(new Set(Array.from({ length: 51 }, (_, i) => `<p>Réponse ${i}</p>`)))
  expect(all.indexOf('<p>Réponse 0</p>')).toBeLessThan(all.indexOf('<p>Réponse 50</p>'))
})

describe('mentions', () => {
  test('@Prénom Nom and @slug of the group’s members are stored; others, and the author, are not; an edit replaces them', async () => {
    const threadId = await newThread()
    const mentions = async () =>
      (await db.selectFrom('discussionMentions').select(['userId', 'postId']).where('threadId', '=', threadId).execute())
        .map((m) => `${m.userId === other.id ? 'jean' : m.userId === coordinator.id ? 'camille' : m.userId}:${m.postId ? 'reply' : 'thread'}`)
        .sort()
    const r = await reply({
      actor: member,
      threadId,
      body: doc('Merci @jean-martin-62 et @Camille Roux ! @Paul Dehors n’est pas du groupe, @Marie Dupont c’est moi, courriel@Camille Roux non.'),
    })
    expect(r).toMatchObject({ ok: true })
    if (!r.ok) return
    expect([...r.mentioned].sort()).toEqual([other.id, coordinator.id].sort())
    expect(await mentions()).toEqual(['camille:reply', 'jean:reply'])
    const edited = await editPost({ actor: member, threadId, postId: r.postId, body: doc('Finalement, @camille roux seulement.') })
    expect(edited).toEqual({ ok: true, mentioned: [] })
    expect(await mentions()).toEqual(['camille:reply'])
    await editPost({ actor: member, threadId, title: 'Un fil', body: doc('Bonjour @Jean Martin') })
    expect(await mentions()).toEqual(['camille:reply', 'jean:thread'])
  })
})

test('a group whose audience changes gets its threads indexed again', async () => {
  const threadId = await newThread(publicGroup)
  await db.deleteFrom('searchOutbox').execute()
  await db.transaction().execute((trx) => enqueueGroupDiscussionsReindex(trx, publicGroup.id))
  expect(await outbox()).toContainEqual({ entityType: 'discussion', entityId: threadId, operation: 'upsert' })
})

test('the system (demo data) writes in any group in the name of a person it names; a person cannot', async () => {
  const result = await createThread({ actor: systemActor('demo'), authorId: other.id, groupId: privateGroup.id, title: 'Démo', body: doc('Fil de démonstration') })
  if (!result.ok) throw new Error(result.reason)
  expect((await getThread(result.threadId, member))?.author?.name).toBe('Jean Martin')
  const own = await createThread({ actor: member, authorId: other.id, groupId: privateGroup.id, title: 'Usurpation', body: doc('x') })
  if (!own.ok) throw new Error(own.reason)
  expect((await getThread(own.threadId, member))?.author?.name).toBe('Marie Dupont')
})
