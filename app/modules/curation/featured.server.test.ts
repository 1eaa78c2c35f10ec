import { expect, test } from 'vitest'
import { ANONYMOUS, personViewer } from '#app/modules/auth/viewer.ts'
import { viewerForUser } from '#app/modules/auth/viewer.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { addTestGroupMember, createTestGroup, restrictToGroup } from '#tests/factories/group-pages.ts'
import { featureResource, listFeatured, listFeaturedForManager, moveFeatured, unfeature } from './featured.server.ts'

test('a group coordinator features resources on their group, in order; another group’s coordinator may not', async () => {
  const group = await createTestGroup()
  const other = await createTestGroup()
  const coordinatorUser = await createTestUser()
  await addTestGroupMember(group.id, coordinatorUser.id, 'coordinator')
  const otherUser = await createTestUser()
  await addTestGroupMember(other.id, otherUser.id, 'coordinator')
  const coordinator = await viewerForUser(coordinatorUser)
  const author = await createTestUser()
  const a = await createTestResource({ author, type: 'bonne-pratique' })
  const b = await createTestResource({ author, type: 'initiative' })
  const place = { groupId: group.id }
  expect(await featureResource({ place, resourceSlug: a.slug, actor: await viewerForUser(otherUser) })).toEqual({ ok: false, reason: 'forbidden' })
  expect((await featureResource({ place, resourceSlug: a.slug, actor: coordinator })).ok).toBe(true)
  expect(await featureResource({ place, resourceSlug: a.slug, actor: coordinator })).toEqual({ ok: false, reason: 'already' })
  const second = await featureResource({ place, resourceSlug: b.slug, actor: coordinator })
  if (!second.ok) throw new Error('not featured')
  expect((await listFeatured(place, ANONYMOUS)).map((f) => f.slug)).toEqual([a.slug, b.slug])
  expect(await moveFeatured({ place, id: second.id, direction: 'up', actor: coordinator })).toBe(true)
  expect((await listFeatured(place, ANONYMOUS)).map((f) => f.slug)).toEqual([b.slug, a.slug])
  expect(await listFeatured({ groupId: other.id }, ANONYMOUS)).toEqual([])
  expect(await listFeatured({ groupId: null }, ANONYMOUS).then((l) => l.map((f) => f.slug))).not.toContain(a.slug)
  expect(await unfeature({ place, id: second.id, actor: await viewerForUser(otherUser) })).toBe(false)
  expect(await unfeature({ place, id: second.id, actor: coordinator })).toBe(true)
  expect((await listFeatured(place, ANONYMOUS)).map((f) => f.slug)).toEqual([a.slug])
})

test('the home page: admins only; expired items disappear; only what the viewer may read is shown', async () => {
  const admin = personViewer(await createTestUser({ role: 'admin' }))
  const member = await createTestUser()
  const author = await createTestUser()
  const open = await createTestResource({ author, type: 'initiative' })
  const expiring = await createTestResource({ author, type: 'initiative' })
  const groupOnly = await createTestResource({ author, type: 'initiative' })
  const group = await createTestGroup()
  await restrictToGroup(groupOnly.id, group.id)
  const home = { groupId: null }
  expect(await featureResource({ place: home, resourceSlug: open.slug, actor: await viewerForUser(member) })).toEqual({ ok: false, reason: 'forbidden' })
  expect((await featureResource({ place: home, resourceSlug: open.slug, actor: admin })).ok).toBe(true)
  expect((await featureResource({ place: home, resourceSlug: expiring.slug, actor: admin, endsAt: '2027-01-01T00:00:00.000Z' })).ok).toBe(true)
  expect((await featureResource({ place: home, resourceSlug: groupOnly.slug, actor: admin })).ok).toBe(true)
  const slugs = async (viewer: Parameters<typeof listFeatured>[1], now: Date) => (await listFeatured(home, viewer, { now, limit: 1000 })).map((f) => f.slug)
  const before = new Date('2026-12-31T23:00:00Z')
  expect(await slugs(ANONYMOUS, before)).toEqual(expect.arrayContaining([open.slug, expiring.slug]))
  expect(await slugs(ANONYMOUS, before)).not.toContain(groupOnly.slug)
  expect(await slugs(admin, before)).toContain(groupOnly.slug)
  const groupMember = await createTestUser()
  await addTestGroupMember(group.id, groupMember.id)
  expect(await slugs(await viewerForUser(groupMember), before)).toContain(groupOnly.slug)
  expect(await slugs(ANONYMOUS, new Date('2027-01-01T00:00:00Z'))).not.toContain(expiring.slug)
  // The manager still sees the expired one (to remove it or give it a new date).
  expect((await listFeaturedForManager(home, admin))?.map((f) => f.slug)).toContain(expiring.slug)
  expect(await listFeaturedForManager(home, await viewerForUser(member))).toBeNull()
})
