import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { addTestGroupMember, createTestGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { countQueue, listQueue } from './queue.server.ts'

async function pending(territory: string) {
  const author = await createTestUser()
  return createTestResource({ author, type: 'initiative', status: 'pending', overrides: { territory } })
}

async function joinRequest(groupId: string, createdAt = new Date().toISOString()) {
  const user = await createTestUser()
  const id = newId()
  await db.insertInto('groupJoinRequests').values({ id, groupId, userId: user.id, createdAt, decidedAt: null, decidedBy: null, decisionMessage: null }).execute()
  return { id, user }
}

describe('the moderation queue', () => {
  test('a coordinator sees the reviews of their territory and the join requests of their groups, oldest first', async () => {
    const coordinator = await createTestUser()
    const artois = await territoryGroup('artois')
    await addTestGroupMember(artois.id, coordinator.id, 'coordinator')
    const theirGroup = await createTestGroup({ joinPolicy: 'request' })
    await addTestGroupMember(theirGroup.id, coordinator.id, 'coordinator')
    const otherGroup = await createTestGroup()

    const request = await joinRequest(theirGroup.id, '2020-01-01T00:00:00.000Z')
    const foreignRequest = await joinRequest(otherGroup.id)
    const mine = await pending('artois')
    const foreign = await pending('calaisis')

    const viewer = await actorOf(coordinator)
    const items = await listQueue(viewer)
    const ids = items.map((i) => i.id)
    expect(ids).toContain(mine.id)
    expect(ids).toContain(request.id)
    expect(ids).not.toContain(foreign.id)
    expect(ids).not.toContain(foreignRequest.id)
    expect(ids.indexOf(request.id)).toBeLessThan(ids.indexOf(mine.id))
    expect(items.find((i) => i.id === mine.id)?.href).toBe(`/moderation/relecture/${mine.id}`)
    expect(items.find((i) => i.id === request.id)?.href).toBe(`/groupes/${theirGroup.slug}/coordination`)
    expect(await countQueue(viewer)).toBe(items.length)

    expect((await listQueue(viewer, { kind: 'relecture' })).every((i) => i.kind === 'relecture')).toBe(true)
    expect((await listQueue(viewer, { kind: 'adhesion' })).map((i) => i.id)).toEqual([request.id])
    expect((await listQueue(viewer, { territory: 'artois' })).map((i) => i.id)).toContain(mine.id)
    expect((await listQueue(viewer, { territory: 'artois' })).map((i) => i.id)).not.toContain(request.id)
  })

  test('admins see everything; a member sees nothing', async () => {
    const foreign = await pending('calaisis')
    const request = await joinRequest((await createTestGroup()).id)
    const admin = await actorOf(await createTestUser({ role: 'admin' }))
    const ids = (await listQueue(admin)).map((i) => i.id)
    expect(ids).toContain(foreign.id)
    expect(ids).toContain(request.id)
    const member = await actorOf(await createTestUser())
    expect(await listQueue(member)).toEqual([])
    expect(await countQueue(member)).toBe(0)
  })
})
