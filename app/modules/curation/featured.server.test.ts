import { expect, test } from 'vitest'
import { ANONYMOUS, personViewer } from '#app/modules/auth/viewer.ts'
import { viewerForUser } from '#app/modules/auth/viewer.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { addTestGroupMember, createTestGroup, restrictToGroup } from '#tests/factories/group-pages.ts'
import { listAuditEntries } from '#app/modules/audit/audit.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { featureResource, listFeatured, listFeaturedForManager, moveFeatured, searchFeaturable, setFeaturedEnd, unfeature } from './featured.server.ts'

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
  const home = { groupId: null }
  expect(await featureResource({ place: home, resourceSlug: open.slug, actor: await viewerForUser(member) })).toEqual({ ok: false, reason: 'forbidden' })
  expect((await featureResource({ place: home, resourceSlug: open.slug, actor: admin })).ok).toBe(true)
  expect((await featureResource({ place: home, resourceSlug: expiring.slug, actor: admin, endsAt: '2027-01-01T00:00:00.000Z' })).ok).toBe(true)
  expect((await featureResource({ place: home, resourceSlug: groupOnly.slug, actor: admin })).ok).toBe(true)
  // Restricted after it was featured: the home page shows it only to those who may read it.
  await restrictToGroup(groupOnly.id, group.id)
  // The home page is public: a resource that is not public may not be featured there.
  const secret = await createTestResource({ author, type: 'initiative' })
  await restrictToGroup(secret.id, group.id)
  expect(await featureResource({ place: home, resourceSlug: secret.slug, actor: admin })).toEqual({ ok: false, reason: 'not-found' })
  expect(await featureResource({ place: home, resourceSlug: open.slug, actor: admin, endsAt: '2020-01-01T00:00:00.000Z' })).toEqual({ ok: false, reason: 'past' })
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

test('a group features what its members may read: public, members-only, or for that group — not another group’s', async () => {
  const group = await createTestGroup()
  const other = await createTestGroup()
  const author = await createTestUser()
  const members = await createTestResource({ author, type: 'initiative', visibility: 'members' })
  const ours = await createTestResource({ author, type: 'initiative' })
  await restrictToGroup(ours.id, group.id)
  const theirs = await createTestResource({ author, type: 'initiative' })
  await restrictToGroup(theirs.id, other.id)
  const draft = await createTestResource({ author, type: 'initiative', status: 'draft' })
  const actor = systemActor('test')
  const place = { groupId: group.id }
  expect((await featureResource({ place, resourceSlug: members.slug, actor })).ok).toBe(true)
  expect((await featureResource({ place, resourceSlug: ours.slug, actor })).ok).toBe(true)
  expect(await featureResource({ place, resourceSlug: theirs.slug, actor })).toEqual({ ok: false, reason: 'not-found' })
  expect(await featureResource({ place, resourceSlug: draft.slug, actor })).toEqual({ ok: false, reason: 'not-found' })
  // The manager's title search offers the same, and says what is already featured.
  const found = await searchFeaturable(place, actor, members.title.slice(0, 12))
  expect(found?.find((c) => c.slug === members.slug)?.featured).toBe(true)
  expect(await searchFeaturable(place, ANONYMOUS, 'a')).toBeNull()
  // A `%` typed is a character, not a wildcard.
  expect(await searchFeaturable(place, actor, '%')).toEqual([])
})

test('end dates: set, cleared, a past one refused; every change is in the audit log', async () => {
  const admin = personViewer(await createTestUser({ role: 'admin' }))
  const author = await createTestUser()
  const resource = await createTestResource({ author, type: 'initiative' })
  const home = { groupId: null }
  const featured = await featureResource({ place: home, resourceSlug: resource.slug, actor: admin })
  if (!featured.ok) throw new Error('not featured')
  const now = new Date('2026-12-03T12:00:00Z')
  expect(await setFeaturedEnd({ place: home, id: featured.id, endsAt: '2026-12-01T22:59:00.000Z', actor: admin, now })).toEqual({ ok: false, reason: 'past' })
  expect(await setFeaturedEnd({ place: home, id: featured.id, endsAt: '2027-01-31T22:59:00.000Z', actor: admin, now })).toEqual({ ok: true })
  expect(await setFeaturedEnd({ place: home, id: featured.id, endsAt: null, actor: personViewer(author), now })).toEqual({ ok: false, reason: 'forbidden' })
  expect(await setFeaturedEnd({ place: home, id: featured.id, endsAt: null, actor: admin, now })).toEqual({ ok: true })
  const actions = (await listAuditEntries({ type: 'resource', id: resource.id })).map((e) => e.action)
  expect(actions).toEqual(expect.arrayContaining(['resource.featured', 'resource.featured_end_changed']))
  expect(actions.filter((a) => a === 'resource.featured_end_changed')).toHaveLength(2)
})
