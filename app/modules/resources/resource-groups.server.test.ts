import { describe, expect, test } from 'vitest'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { db } from '#db/client.server.ts'
import { resourceInput } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_MESSAGES, createResource, getResourceForViewer, listResourceGroups, listTargetableGroups, updateResource } from './resources.server.ts'

async function groupId(slug: string) {
  return (await db.selectFrom('groups').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
}

async function joinGroup(userId: string, slug: string) {
  await db.insertInto('groupMemberships').values({ groupId: await groupId(slug), userId, role: 'member', joinedAt: new Date().toISOString() }).execute()
}

describe('group-only resources: the « Membres des groupes choisis » audience', () => {
  test('a member makes a resource for their group; members read it, others do not; a group they are not in is refused', async () => {
    const author = await createTestUser()
    await joinGroup(author.id, 'calaisis')
    const actor = await actorOf(author)
    expect(await listTargetableGroups(actor)).toEqual([{ slug: 'calaisis', name: expect.any(String) }])

    const refused = await createResource({ input: resourceInput('bonne-pratique', { visibility: 'group', groups: ['calaisis', 'arrageois'] }), actor })
    expect(refused.status).toBe('invalid')
    if (refused.status === 'invalid') expect(refused.fieldErrors.groups?.[0]).toMatch(/^Vous ne faites pas partie du groupe/)
    const unknown = await createResource({ input: resourceInput('bonne-pratique', { visibility: 'group', groups: ['groupe-inexistant'] }), actor })
    expect(unknown).toMatchObject({ status: 'invalid', fieldErrors: { groups: [GROUP_MESSAGES.unknown('groupe-inexistant')] } })

    const saved = await createResource({
      input: resourceInput('bonne-pratique', { visibility: 'group', groups: ['calaisis'], title: 'Pratique du groupe Calaisis' }),
      actor,
      status: 'published',
    })
    if (saved.status !== 'saved') throw new Error(JSON.stringify(saved))
    expect((await listResourceGroups(saved.resource.id)).map((g) => g.slug)).toEqual(['calaisis'])

    const member = await createTestUser()
    await joinGroup(member.id, 'calaisis')
    const outsider = await createTestUser()
    expect(await getResourceForViewer(saved.resource.slug, await actorOf(member))).toMatchObject({ groups: [{ slug: 'calaisis' }] })
    expect(await getResourceForViewer(saved.resource.slug, await actorOf(outsider))).toBeNull()
    expect(await getResourceForViewer(saved.resource.slug, ANONYMOUS)).toBeNull()

    // Leaving ends access at the next request (the viewer is read again).
    await db.deleteFrom('groupMemberships').where('userId', '=', member.id).execute()
    expect(await getResourceForViewer(saved.resource.slug, await actorOf(member))).toBeNull()

    // Another audience forgets the groups.
    const publicAgain = await updateResource({
      id: saved.resource.id,
      input: resourceInput('bonne-pratique', { visibility: 'public', groups: ['calaisis'], title: 'Pratique du groupe Calaisis' }),
      actor,
      expectedVersion: 1,
    })
    expect(publicAgain.status).toBe('saved')
    expect(await listResourceGroups(saved.resource.id)).toEqual([])
  })

  test('the audience « group » needs a group', () => {
    expect(() => resourceInput('initiative', { visibility: 'group', groups: [] })).toThrow(/Choisissez le ou les groupes/)
  })
})
