import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { ensureProfile } from '#app/modules/people/people.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { addTestGroupMember, createTestGroup, restrictToGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { getGroupPage, groupFigures, listGroupMembers, listGroupResources, listGroups } from './pages.server.ts'

async function viewerOf(user: { id: string }) {
  const viewer = await viewerById(user.id)
  if (!viewer) throw new Error('no viewer')
  return viewer
}

async function withProfile(user: { id: string; name: string }, visibility: 'public' | 'members' | 'hidden') {
  await ensureProfile(user)
  await db.updateTable('profiles').set({ visibility }).where('userId', '=', user.id).execute()
}

describe('listGroups', () => {
  test('territory groups first (the nine, in the territories’ order), then thematic ones', async () => {
    const group = await createTestGroup({ name: 'Zz thématique publique' })
    const groups = await listGroups(ANONYMOUS)
    const kinds = groups.map((g) => g.kind)
    expect(kinds.slice(0, 9)).toEqual(Array(9).fill('territory'))
    expect(kinds.slice(9).every((k) => k === 'thematic')).toBe(true)
    expect(groups[0].path).toMatch(/^\/territoires\//)
    const listed = groups.find((g) => g.id === group.id)
    expect(listed).toMatchObject({ viewable: true, path: `/groupes/${group.slug}`, role: null })
  })

  test('a hidden group: listed to its members and admins only', async () => {
    const group = await createTestGroup({ hidden: true })
    const member = await createTestUser()
    await addTestGroupMember(group.id, member.id)
    const outsider = await createTestUser()
    const admin = await createTestUser({ role: 'admin' })
    const ids = async (viewer: Parameters<typeof listGroups>[0]) => (await listGroups(viewer)).map((g) => g.id)
    expect(await ids(ANONYMOUS)).not.toContain(group.id)
    expect(await ids(await viewerOf(outsider))).not.toContain(group.id)
    expect(await ids(await viewerOf(member))).toContain(group.id)
    expect(await ids(await viewerOf(admin))).toContain(group.id)
    expect((await listGroups(await viewerOf(member))).find((g) => g.id === group.id)?.role).toBe('member')
  })

  test('a members-only page: its group is listed to verified people, without access to the page', async () => {
    const group = await createTestGroup({ pageVisibility: 'members' })
    const unverified = await createTestUser({ emailVerifiedAt: null })
    const person = await createTestUser()
    expect((await listGroups(ANONYMOUS)).map((g) => g.id)).not.toContain(group.id)
    expect((await listGroups(await viewerOf(unverified))).map((g) => g.id)).not.toContain(group.id)
    expect((await listGroups(await viewerOf(person))).find((g) => g.id === group.id)).toMatchObject({ viewable: false })
  })
})

describe('getGroupPage', () => {
  test('null when the viewer may not view the group, the group otherwise', async () => {
    const membersOnly = await createTestGroup({ pageVisibility: 'members' })
    const hidden = await createTestGroup({ hidden: true })
    const member = await createTestUser()
    await addTestGroupMember(hidden.id, member.id)
    await addTestGroupMember(membersOnly.id, member.id)
    const outsider = await viewerOf(await createTestUser())
    expect(await getGroupPage(membersOnly.slug, ANONYMOUS)).toBeNull()
    expect(await getGroupPage(membersOnly.slug, outsider)).toBeNull()
    expect(await getGroupPage(hidden.slug, outsider)).toBeNull()
    expect(await getGroupPage('groupe-qui-n-existe-pas', outsider)).toBeNull()
    expect(await getGroupPage(hidden.slug, await viewerOf(member))).toMatchObject({ id: hidden.id, hidden: true })
    expect(await getGroupPage(membersOnly.slug, await viewerOf(member))).toMatchObject({ id: membersOnly.id })
  })
})

describe('groupFigures', () => {
  test('a group-only resource counts for members, never for others; open calls follow the one rule', async () => {
    const group = await createTestGroup()
    const author = await createTestUser()
    const member = await createTestUser()
    await addTestGroupMember(group.id, member.id)
    await addTestGroupMember(group.id, author.id, 'coordinator')
    const call = await createTestResource({ author, type: 'financement-europeen' })
    await restrictToGroup(call.id, group.id)
    const practice = await createTestResource({ author, type: 'bonne-pratique' })
    await restrictToGroup(practice.id, group.id)
    // A closed call and a draft, for the members too: not open, not counted.
    const closed = await createTestResource({ author, overrides: { openingDate: '2020-01-01T09:00', deadline: '2020-06-30T12:00' } })
    await restrictToGroup(closed.id, group.id)
    const draft = await createTestResource({ author, type: 'initiative', status: 'draft' })
    await restrictToGroup(draft.id, group.id)

    const forMember = await groupFigures(group, await viewerOf(member))
    expect(forMember).toMatchObject({ members: 2, structures: null, resources: 3, openCalls: 1 })
    expect(forMember.resourcesByKind).toEqual({ 'financement-europeen': 2, 'bonne-pratique': 1, initiative: 0, formation: 0 })

    for (const viewer of [ANONYMOUS, await viewerOf(await createTestUser())]) {
      const figures = await groupFigures(group, viewer)
      expect(figures).toMatchObject({ members: 2, resources: 0, openCalls: 0 })
      expect(figures.resourcesByKind['financement-europeen']).toBe(0)
    }
  })

  test('a territory group: its structures and the territory’s resources, plus its group-only ones for members', async () => {
    const group = await territoryGroup('arrageois')
    const author = await createTestUser()
    const member = await createTestUser()
    await addTestGroupMember(group.id, member.id)
    const before = await groupFigures(group, ANONYMOUS)
    await createTestStructure() // in Arras
    await createTestResource({ author, type: 'formation', overrides: { territory: 'arrageois' } })
    await createTestResource({ author, type: 'formation', overrides: { territory: 'calaisis' } })
    const groupOnly = await createTestResource({ author, type: 'formation', overrides: { territory: 'departement' } })
    await restrictToGroup(groupOnly.id, group.id)
    const anonymous = await groupFigures(group, ANONYMOUS)
    expect(anonymous.structures).toBe((before.structures ?? 0) + 1)
    expect(anonymous.resourcesByKind.formation).toBe(before.resourcesByKind.formation + 1)
    const forMember = await groupFigures(group, await viewerOf(member))
    expect(forMember.resourcesByKind.formation).toBe(anonymous.resourcesByKind.formation + 1)
    expect(forMember.members).toBe(anonymous.members)
  })
})

describe('listGroupResources', () => {
  test('the group-only resources for members, marked; nothing of them for others', async () => {
    const group = await createTestGroup()
    const author = await createTestUser()
    const member = await createTestUser()
    await addTestGroupMember(group.id, member.id)
    const resource = await createTestResource({ author, type: 'bonne-pratique' })
    await restrictToGroup(resource.id, group.id)
    const forMember = await listGroupResources(group, await viewerOf(member))
    expect(forMember.total).toBe(1)
    expect(forMember.items[0]).toMatchObject({ id: resource.id, groupOnly: true, fundingState: null })
    expect(await listGroupResources(group, ANONYMOUS)).toMatchObject({ total: 0, items: [] })
  })
})

describe('listGroupMembers', () => {
  test('coordinators first, profile visibility respected, the others counted', async () => {
    const group = await createTestGroup()
    const coordinator = await createTestUser({ name: 'Zoé Coordinatrice' })
    const publicMember = await createTestUser({ name: 'Alice Publique' })
    const membersOnly = await createTestUser({ name: 'Bruno Réservé' })
    const hiddenMember = await createTestUser({ name: 'Camille Masquée' })
    await withProfile(coordinator, 'public')
    await withProfile(publicMember, 'public')
    await withProfile(membersOnly, 'members')
    await withProfile(hiddenMember, 'hidden')
    await addTestGroupMember(group.id, coordinator.id, 'coordinator')
    for (const user of [publicMember, membersOnly, hiddenMember]) await addTestGroupMember(group.id, user.id)

    const anonymous = await listGroupMembers(group, ANONYMOUS)
    expect(anonymous.members.map((m) => m.name)).toEqual(['Zoé Coordinatrice', 'Alice Publique'])
    expect(anonymous.members[0].role).toBe('coordinator')
    expect(anonymous.notShown).toBe(2)

    const loggedIn = await listGroupMembers(group, await viewerOf(await createTestUser()))
    expect(loggedIn.members.map((m) => m.name)).toEqual(['Zoé Coordinatrice', 'Alice Publique', 'Bruno Réservé'])
    expect(loggedIn.notShown).toBe(1)
    expect(loggedIn.members.every((m) => m.profileSlug)).toBe(true)

    const self = await listGroupMembers(group, await viewerOf(hiddenMember))
    expect(self.members.map((m) => m.name)).toContain('Camille Masquée')
    expect(self.notShown).toBe(0)

    // A page at a time, coordinators first across pages; the count stays the viewer's.
    const first = await listGroupMembers(group, await viewerOf(await createTestUser()), { pageSize: 2 })
    expect(first).toMatchObject({ page: 1, pageCount: 2, notShown: 1 })
    expect(first.members.map((m) => m.name)).toEqual(['Zoé Coordinatrice', 'Alice Publique'])
    const second = await listGroupMembers(group, await viewerOf(await createTestUser()), { pageSize: 2, page: 9 })
    expect(second.page).toBe(2)
    expect(second.members.map((m) => m.name)).toEqual(['Bruno Réservé'])
  })
})
