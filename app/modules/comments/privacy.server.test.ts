import { describe, expect, test } from 'vitest'
import { deleteAccount } from '#app/modules/privacy/account-deletion.server.ts'
import { buildPersonalDataExport } from '#app/modules/privacy/sections.server.ts'
import { db } from '#db/client.server.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { actorOf, addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createComment, listComments } from './comments.server.ts'
import { toggleReaction } from './reactions.server.ts'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'

// Issue 17, item 7: the account export includes the person's comments and reactions (the item they are on only while
// they may still read it); account deletion anonymises the comments (« Compte supprimé ») and deletes the reactions.

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

async function setUp() {
  const author = await createTestUser()
  const resource = await createTestResource({ author, overrides: { title: 'Guide du réemploi' } })
  const me = await createTestUser()
  const { structure } = await createTestStructure({ owner: me, input: { name: 'Atelier vélo' } })
  const actor = await actorOf(me)
  const posted = await createComment({ actor, target: { kind: 'resource', id: resource.id }, body: doc('Testé à Lens, ça marche.') })
  if (!posted.ok) throw new Error(posted.reason)
  expect(await toggleReaction({ actor, resourceId: resource.id, kind: 'useful' })).toEqual({ ok: true, active: true })
  expect(await toggleReaction({ actor, resourceId: resource.id, kind: 'tested', structureId: structure.id })).toEqual({ ok: true, active: true })
  return { me, author, resource, structure, commentId: posted.comment.id }
}

describe('the account export', () => {
  test('includes the person’s comments and reactions, with the resource they are on', async () => {
    const { me, resource } = await setUp()
    const data = (await buildPersonalDataExport(me.id)) as Record<string, any>
    expect(data.commentaires.commentaires).toEqual([
      expect.objectContaining({ sur: { type: 'ressource', titre: 'Guide du réemploi', lien: `/ressources/${resource.slug}` }, texte: 'Testé à Lens, ça marche.', reponse: false }),
    ])
    expect(data.commentaires.reactions).toEqual([
      expect.objectContaining({ reaction: 'Utile', auNomDe: null }),
      expect.objectContaining({ reaction: 'Je l’ai testé', auNomDe: 'Atelier vélo' }),
    ])
  })

  test('names no item the person may no longer read (their own words stay)', async () => {
    const author = await createTestUser()
    const group = await createTestGroup()
    const resource = await createTestResource({ author, overrides: { title: 'Note interne du groupe' } })
    await db.updateTable('resources').set({ visibility: 'group' }).where('id', '=', resource.id).execute()
    await db.insertInto('resourceGroups').values({ resourceId: resource.id, groupId: group.id }).execute()
    const me = await createTestUser()
    await addTestGroupMember(group.id, me.id)
    const posted = await createComment({ actor: await actorOf(me), target: { kind: 'resource', id: resource.id }, body: doc('Mon avis') })
    expect(posted.ok).toBe(true)
    await db.deleteFrom('groupMemberships').where('userId', '=', me.id).execute()
    const data = (await buildPersonalDataExport(me.id)) as Record<string, any>
    expect(JSON.stringify(data)).not.toContain('Note interne du groupe')
    expect(data.commentaires.commentaires[0]).toEqual(expect.objectContaining({ sur: 'un contenu auquel vous n’avez plus accès', texte: 'Mon avis' }))
  })
})

describe('account deletion', () => {
  test('comments stay, shown « Compte supprimé »; reactions are deleted', async () => {
    const { me, resource, commentId, structure } = await setUp()
    // Not the structure's sole owner (deletion would wait for a handover).
    await addTestMember(structure.id, (await createTestUser()).id, 'owner')
    expect(await deleteAccount(me, me.password)).toEqual({ ok: true })
    const row = await db.selectFrom('comments').select(['authorId', 'bodyText']).where('id', '=', commentId).executeTakeFirstOrThrow()
    expect(row).toEqual({ authorId: null, bodyText: 'Testé à Lens, ça marche.' })
    expect(await db.selectFrom('resourceReactions').selectAll().where('userId', '=', me.id).execute()).toEqual([])
    const list = await listComments({ kind: 'resource', id: resource.id }, ANONYMOUS)
    expect(list?.threads[0]?.author).toBeNull()
    expect(list?.threads[0]?.display).toBe('whole')
  })
})
