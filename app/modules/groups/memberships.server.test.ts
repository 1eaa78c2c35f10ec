import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import type { GroupJoinPolicy, GroupMemberRole } from '#db/schema/groups.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { ANONYMOUS, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { ensureProfile } from '#app/modules/people/people.server.ts'
import { type Group, createGroup, getGroupBySlug } from './groups.server.ts'
import {
  INVITATION_TTL_MS,
  acceptInvitation,
  addMember,
  approveRequest,
  blockMember,
  getGroupInvitation,
  getMembershipState,
  inviteByEmail,
  joinGroup,
  leaveGroup,
  listMembers,
  listPendingRequests,
  refuseRequest,
  removeMember,
  requestToJoin,
  setGroupRole,
  suggestedGroupFor,
  unblockMember,
} from './memberships.server.ts'

const SYSTEM = systemActor('test')

async function testGroup(joinPolicy: GroupJoinPolicy = 'open', extra: { hidden?: boolean; pageVisibility?: 'public' | 'members' } = {}): Promise<Group> {
  const result = await createGroup({
    actor: SYSTEM,
    input: {
      name: `Groupe ${Math.random().toString(36).slice(2, 8)}`,
      description: '',
      joinPolicy,
      pageVisibility: extra.pageVisibility ?? 'public',
      hidden: extra.hidden ?? false,
    },
  })
  if (!result.ok) throw new Error(`testGroup: ${JSON.stringify(result)}`)
  return result.group
}

async function actor(user: { id: string }) {
  const viewer = await viewerById(user.id)
  if (!viewer) throw new Error('no such user')
  return viewer
}

async function withRole(group: Group, role: GroupMemberRole) {
  const user = await createTestUser()
  const added = await addMember({ groupId: group.id, userId: user.id, role, actor: SYSTEM })
  expect(added).toEqual({ ok: true, outcome: 'added' })
  return user
}

async function memberships(groupId: string) {
  return db.selectFrom('groupMemberships').select(['userId', 'role']).where('groupId', '=', groupId).execute()
}

async function auditActions(groupId: string) {
  const rows = await db.selectFrom('auditLog').select(['action', 'actorId', 'dataJson']).where('targetType', '=', 'group').where('targetId', '=', groupId).orderBy('createdAt').execute()
  return rows.map((r) => ({ action: r.action, actorId: r.actorId, data: JSON.parse(r.dataJson) as Record<string, unknown> }))
}

async function outboxTo(email: string) {
  return db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', email).orderBy('createdAt').execute()
}

describe('open groups', () => {
  test('a verified person joins; joining again is a no-op; audited once', async () => {
    const group = await testGroup('open')
    const user = await createTestUser()
    expect(await joinGroup({ groupId: group.id, actor: await actor(user) })).toEqual({ ok: true, alreadyMember: false })
    expect(await joinGroup({ groupId: group.id, actor: await actor(user) })).toEqual({ ok: true, alreadyMember: true })
    expect(await memberships(group.id)).toEqual([{ userId: user.id, role: 'member' }])
    expect((await auditActions(group.id)).filter((a) => a.action === 'group.member-joined')).toEqual([
      { action: 'group.member-joined', actorId: user.id, data: { userId: user.id } },
    ])
  })

  test('double click: five concurrent joins make one membership and one audit entry, and all succeed', async () => {
    const group = await testGroup('open')
    const user = await createTestUser()
    const viewer = await actor(user)
    const results = await Promise.all(Array.from({ length: 5 }, () => joinGroup({ groupId: group.id, actor: viewer })))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(results.filter((r) => r.ok && !r.alreadyMember)).toHaveLength(1)
    expect(await memberships(group.id)).toHaveLength(1)
    expect((await auditActions(group.id)).filter((a) => a.action === 'group.member-joined')).toHaveLength(1)
  })

  test('an unverified account, a request-only group, an invitation-only group: no joining', async () => {
    const unverified = await createTestUser({ emailVerifiedAt: null })
    const open = await testGroup('open')
    expect(await joinGroup({ groupId: open.id, actor: await actor(unverified) })).toEqual({ ok: false, reason: 'forbidden' })
    const user = await createTestUser()
    for (const policy of ['request', 'invitation'] as const) {
      const group = await testGroup(policy)
      expect(await joinGroup({ groupId: group.id, actor: await actor(user) })).toEqual({ ok: false, reason: 'forbidden' })
      expect(await memberships(group.id)).toEqual([])
    }
    expect(await joinGroup({ groupId: open.id, actor: SYSTEM })).toEqual({ ok: false, reason: 'forbidden' })
  })

  test('a hidden group is not found by a non-member (joining or requesting)', async () => {
    const hidden = await testGroup('invitation', { hidden: true, pageVisibility: 'members' })
    const user = await createTestUser()
    expect(await joinGroup({ groupId: hidden.id, actor: await actor(user) })).toEqual({ ok: false, reason: 'not-found' })
    expect(await requestToJoin({ groupId: hidden.id, actor: await actor(user), message: '' })).toEqual({ ok: false, reason: 'not-found' })
    expect(await joinGroup({ groupId: 'pas-un-groupe', actor: await actor(user) })).toEqual({ ok: false, reason: 'not-found' })
  })
})

describe('groups on request', () => {
  test('request with a message → coordinators emailed → a coordinator approves with a message → member, emailed, audited', async () => {
    const group = await testGroup('request')
    const coordinator = await withRole(group, 'coordinator')
    const requester = await createTestUser()
    const result = await requestToJoin({ groupId: group.id, actor: await actor(requester), message: '  Je coordonne un tiers-lieu à Calais.  ' })
    if (!result.ok) throw new Error(JSON.stringify(result))
    expect(await requestToJoin({ groupId: group.id, actor: await actor(requester), message: 'Encore' })).toEqual({ ok: false, reason: 'already-pending' })
    expect((await getMembershipState(group.id, requester.id)).pendingRequest?.id).toBe(result.requestId)
    const [received] = await outboxTo(coordinator.email)
    expect(received.template).toBe('group-join-request')
    expect(received.textBody).toContain('« Je coordonne un tiers-lieu à Calais. »')
    expect(received.textBody).toContain(`/groupes/${group.slug}/coordination`)

    const pending = await listPendingRequests(group.id, await actor(coordinator))
    expect(pending?.map((r) => [r.userId, r.message])).toEqual([[requester.id, 'Je coordonne un tiers-lieu à Calais.']])
    expect(await approveRequest({ requestId: result.requestId, actor: await actor(coordinator), message: 'Bienvenue !' })).toEqual({ ok: true })
    expect(await approveRequest({ requestId: result.requestId, actor: await actor(coordinator) })).toEqual({ ok: false, reason: 'not-found' })
    expect((await memberships(group.id)).find((m) => m.userId === requester.id)).toEqual({ userId: requester.id, role: 'member' })
    const [approved] = await outboxTo(requester.email)
    expect(approved.template).toBe('group-join-approved')
    expect(approved.textBody).toContain('« Bienvenue ! »')
    expect(await auditActions(group.id)).toContainEqual({
      action: 'group.request-approved',
      actorId: coordinator.id,
      data: { userId: requester.id, requestId: result.requestId },
    })
  })

  test('refusal with an optional message; the message is at most 1 000 characters', async () => {
    const group = await testGroup('request')
    const coordinator = await withRole(group, 'coordinator')
    const requester = await createTestUser()
    expect(await requestToJoin({ groupId: group.id, actor: await actor(requester), message: 'x'.repeat(1001) })).toMatchObject({ ok: false, reason: 'invalid' })
    const result = await requestToJoin({ groupId: group.id, actor: await actor(requester), message: 'x'.repeat(1000) })
    if (!result.ok) throw new Error(JSON.stringify(result))
    expect(await refuseRequest({ requestId: result.requestId, actor: await actor(coordinator), message: 'Groupe réservé aux structures du Calaisis.' })).toEqual({ ok: true })
    expect(await memberships(group.id)).toEqual([{ userId: coordinator.id, role: 'coordinator' }])
    const request = await db.selectFrom('groupJoinRequests').selectAll().where('id', '=', result.requestId).executeTakeFirstOrThrow()
    expect(request).toMatchObject({ status: 'refused', decidedBy: coordinator.id, decisionMessage: 'Groupe réservé aux structures du Calaisis.' })
    const [refused] = await outboxTo(requester.email)
    expect(refused.template).toBe('group-join-refused')
    expect(refused.textBody).toContain('Groupe réservé aux structures du Calaisis.')
    expect((await auditActions(group.id)).map((a) => a.action)).toContain('group.request-refused')
    // A new request may follow a refusal.
    expect((await requestToJoin({ groupId: group.id, actor: await actor(requester), message: '' })).ok).toBe(true)
  })

  test('a non-member, a plain member, a coordinator of another group cannot decide; an admin can', async () => {
    const group = await testGroup('request')
    const other = await testGroup('request')
    const member = await withRole(group, 'member')
    const otherCoordinator = await withRole(other, 'coordinator')
    const stranger = await createTestUser()
    const requester = await createTestUser()
    const result = await requestToJoin({ groupId: group.id, actor: await actor(requester), message: '' })
    if (!result.ok) throw new Error(JSON.stringify(result))
    for (const who of [stranger, member, otherCoordinator]) {
      expect(await approveRequest({ requestId: result.requestId, actor: await actor(who) })).toEqual({ ok: false, reason: 'forbidden' })
      expect(await refuseRequest({ requestId: result.requestId, actor: await actor(who) })).toEqual({ ok: false, reason: 'forbidden' })
      expect(await listPendingRequests(group.id, await actor(who))).toBeNull()
    }
    expect(await memberships(group.id)).toHaveLength(1)
    const admin = await createTestUser({ role: 'admin' })
    expect(await approveRequest({ requestId: result.requestId, actor: await actor(admin) })).toEqual({ ok: true })
  })

  test('a coordinator removed since their viewer was built cannot decide any more (the role is read again)', async () => {
    const group = await testGroup('request')
    const coordinator = await withRole(group, 'coordinator')
    const stale = await actor(coordinator)
    const requester = await createTestUser()
    const result = await requestToJoin({ groupId: group.id, actor: await actor(requester), message: '' })
    if (!result.ok) throw new Error(JSON.stringify(result))
    expect(await removeMember({ groupId: group.id, userId: coordinator.id, actor: SYSTEM })).toEqual({ ok: true })
    expect(await approveRequest({ requestId: result.requestId, actor: stale })).toEqual({ ok: false, reason: 'forbidden' })
  })

  test('a group whose page is for members only still takes requests (it is listed, only its content is closed)', async () => {
    const group = await testGroup('request', { pageVisibility: 'members' })
    const user = await createTestUser()
    expect((await requestToJoin({ groupId: group.id, actor: await actor(user), message: '' })).ok).toBe(true)
    expect(await listMembers(group.id, await actor(user))).toBeNull()
  })

  test('concurrent requests by one person leave one pending request', async () => {
    const group = await testGroup('request')
    const viewer = await actor(await createTestUser())
    const results = await Promise.all(Array.from({ length: 3 }, () => requestToJoin({ groupId: group.id, actor: viewer, message: 'Bonjour' })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.reason === 'already-pending')).toHaveLength(2)
    const rows = await db.selectFrom('groupJoinRequests').select('id').where('groupId', '=', group.id).execute()
    expect(rows).toHaveLength(1)
  })

  test('an open group takes no requests; a member cannot request', async () => {
    const open = await testGroup('open')
    const user = await createTestUser()
    expect(await requestToJoin({ groupId: open.id, actor: await actor(user), message: '' })).toEqual({ ok: false, reason: 'forbidden' })
    const group = await testGroup('request')
    const member = await withRole(group, 'member')
    expect(await requestToJoin({ groupId: group.id, actor: await actor(member), message: '' })).toEqual({ ok: false, reason: 'already-member' })
  })
})

describe('blocks', () => {
  test('blocking removes the membership and the pending request; the blocked cannot join, request or accept; unblocking lifts it', async () => {
    const group = await testGroup('open')
    const coordinator = await withRole(group, 'coordinator')
    const member = await withRole(group, 'member')
    expect(await blockMember({ groupId: group.id, userId: member.id, actor: await actor(coordinator), reason: 'Messages publicitaires' })).toEqual({ ok: true })
    expect((await memberships(group.id)).map((m) => m.userId)).toEqual([coordinator.id])
    expect(await getMembershipState(group.id, member.id)).toEqual({ role: null, pendingRequest: null, blocked: true })
    expect(await joinGroup({ groupId: group.id, actor: await actor(member) })).toEqual({ ok: false, reason: 'blocked' })
    expect(await inviteByEmail({ groupId: group.id, actor: await actor(coordinator), email: member.email })).toEqual({ ok: false, reason: 'blocked' })
    expect((await auditActions(group.id)).map((a) => a.action)).toContain('group.member-blocked')

    const requestGroup = await testGroup('request')
    const requestCoordinator = await withRole(requestGroup, 'coordinator')
    const requester = await createTestUser()
    const request = await requestToJoin({ groupId: requestGroup.id, actor: await actor(requester), message: '' })
    if (!request.ok) throw new Error(JSON.stringify(request))
    // An invitation sent before the block is revoked with it.
    const invitation = await inviteByEmail({ groupId: requestGroup.id, actor: await actor(requestCoordinator), email: requester.email })
    if (!invitation.ok) throw new Error(JSON.stringify(invitation))
    expect(await blockMember({ groupId: requestGroup.id, userId: requester.id, actor: await actor(requestCoordinator) })).toEqual({ ok: true })
    expect((await db.selectFrom('groupJoinRequests').select('status').where('id', '=', request.requestId).executeTakeFirstOrThrow()).status).toBe('refused')
    expect(await requestToJoin({ groupId: requestGroup.id, actor: await actor(requester), message: '' })).toEqual({ ok: false, reason: 'blocked' })
    expect(await acceptInvitation({ token: invitation.token, actor: await actor(requester) })).toEqual({ ok: false, reason: 'unknown' })

    expect(await unblockMember({ groupId: group.id, userId: member.id, actor: await actor(coordinator) })).toEqual({ ok: true })
    expect(await joinGroup({ groupId: group.id, actor: await actor(member) })).toEqual({ ok: true, alreadyMember: false })
  })

  test('a coordinator cannot block another coordinator, nor themselves; a plain member cannot block', async () => {
    const group = await testGroup('open')
    const [a, b] = [await withRole(group, 'coordinator'), await withRole(group, 'coordinator')]
    const member = await withRole(group, 'member')
    expect(await blockMember({ groupId: group.id, userId: b.id, actor: await actor(a) })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await blockMember({ groupId: group.id, userId: a.id, actor: await actor(a) })).toEqual({ ok: false, reason: 'self' })
    expect(await blockMember({ groupId: group.id, userId: a.id, actor: await actor(member) })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await memberships(group.id)).toHaveLength(3)
  })
})

describe('invitations', () => {
  test('hashed token, emailed link /groupes/invitations/<token>, 14 days; bound to the address; single use', async () => {
    const group = await testGroup('invitation', { hidden: true, pageVisibility: 'members' })
    const coordinator = await withRole(group, 'coordinator')
    const email = `invitee-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
    const now = new Date('2026-12-01T10:00:00Z')
    const result = await inviteByEmail({ groupId: group.id, actor: await actor(coordinator), email: email.toUpperCase(), now })
    if (!result.ok) throw new Error(JSON.stringify(result))
    const row = await db.selectFrom('groupInvitations').selectAll().where('id', '=', result.invitationId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ email, role: 'member', tokenHash: hashToken(result.token), invitedBy: coordinator.id })
    expect(JSON.stringify(row)).not.toContain(result.token)
    expect(new Date(row.expiresAt).getTime() - now.getTime()).toBe(INVITATION_TTL_MS)
    expect(INVITATION_TTL_MS).toBe(14 * 24 * 3600 * 1000)
    const [mail] = await outboxTo(email)
    expect(mail.template).toBe('group-invitation')
    expect(mail.textBody).toContain(`http://localhost:3000/groupes/invitations/${result.token}`)
    expect(mail.textBody).toContain('14 jours')
    expect(await inviteByEmail({ groupId: group.id, actor: await actor(coordinator), email, now })).toEqual({ ok: false, reason: 'already-invited' })

    // Another account holding the link is refused; the invitation stays usable by the invited address.
    const intruder = await createTestUser()
    const later = new Date(now.getTime() + 1000)
    expect(await acceptInvitation({ token: result.token, actor: await actor(intruder), now: later })).toEqual({ ok: false, reason: 'wrong-account' })
    const unverified = await createTestUser({ email, emailVerifiedAt: null })
    expect(await acceptInvitation({ token: result.token, actor: await actor(unverified), now: later })).toEqual({ ok: false, reason: 'unverified' })
    await db.updateTable('users').set({ emailVerifiedAt: later.toISOString() }).where('id', '=', unverified.id).execute()
    expect(await acceptInvitation({ token: result.token, actor: await actor(unverified), now: later })).toMatchObject({ ok: true, groupSlug: group.slug, role: 'member' })
    expect(await acceptInvitation({ token: result.token, actor: await actor(unverified), now: later })).toEqual({ ok: false, reason: 'used' })
    expect((await getGroupInvitation(result.token, later)).state).toBe('used')
    expect((await memberships(group.id)).map((m) => m.userId).sort()).toEqual([coordinator.id, unverified.id].sort())
    expect(await inviteByEmail({ groupId: group.id, actor: await actor(coordinator), email, now })).toEqual({ ok: false, reason: 'already-member' })
    expect((await auditActions(group.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['group.invitation-sent', 'group.invitation-accepted']))
  })

  test('an expired invitation cannot be accepted; an unknown token reads as unknown', async () => {
    const group = await testGroup('invitation')
    const invitee = await createTestUser()
    const now = new Date('2026-12-01T10:00:00Z')
    const result = await inviteByEmail({ groupId: group.id, actor: SYSTEM, email: invitee.email, now })
    if (!result.ok) throw new Error(JSON.stringify(result))
    const after = new Date(now.getTime() + INVITATION_TTL_MS + 1)
    expect((await getGroupInvitation(result.token, after)).state).toBe('expired')
    expect(await acceptInvitation({ token: result.token, actor: await actor(invitee), now: after })).toEqual({ ok: false, reason: 'expired' })
    expect(await memberships(group.id)).toEqual([])
    expect((await getGroupInvitation('a'.repeat(52))).state).toBe('unknown')
    expect((await getGroupInvitation('pas un jeton')).state).toBe('unknown')
  })

  test('only admins invite as coordinator; a plain member cannot invite', async () => {
    const group = await testGroup('invitation')
    const coordinator = await withRole(group, 'coordinator')
    const member = await withRole(group, 'member')
    const email = `coord-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
    expect(await inviteByEmail({ groupId: group.id, actor: await actor(coordinator), email, role: 'coordinator' })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await inviteByEmail({ groupId: group.id, actor: await actor(member), email })).toEqual({ ok: false, reason: 'forbidden' })
    const admin = await createTestUser({ role: 'admin' })
    const result = await inviteByEmail({ groupId: group.id, actor: await actor(admin), email, role: 'coordinator' })
    if (!result.ok) throw new Error(JSON.stringify(result))
    const invitee = await createTestUser({ email })
    expect(await acceptInvitation({ token: result.token, actor: await actor(invitee) })).toMatchObject({ ok: true, role: 'coordinator' })
  })
})

describe('roles, leaving, removing', () => {
  test('a coordinator cannot appoint (nor demote) a coordinator; an admin can; audited', async () => {
    const group = await testGroup('open')
    const coordinator = await withRole(group, 'coordinator')
    const member = await withRole(group, 'member')
    expect(await setGroupRole({ groupId: group.id, userId: member.id, role: 'coordinator', actor: await actor(coordinator) })).toEqual({
      ok: false,
      reason: 'forbidden',
    })
    expect(await addMember({ groupId: group.id, userId: member.id, role: 'coordinator', actor: await actor(coordinator) })).toEqual({
      ok: false,
      reason: 'forbidden',
    })
    const admin = await createTestUser({ role: 'admin' })
    expect(await setGroupRole({ groupId: group.id, userId: member.id, role: 'coordinator', actor: await actor(admin) })).toEqual({ ok: true, changed: true })
    expect(await setGroupRole({ groupId: group.id, userId: member.id, role: 'coordinator', actor: await actor(admin) })).toEqual({ ok: true, changed: false })
    expect(await setGroupRole({ groupId: group.id, userId: member.id, role: 'member', actor: await actor(coordinator) })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await auditActions(group.id)).toContainEqual({
      action: 'group.role-changed',
      actorId: admin.id,
      data: { userId: member.id, from: 'member', to: 'coordinator' },
    })
    const stranger = await createTestUser()
    expect(await setGroupRole({ groupId: group.id, userId: stranger.id, role: 'member', actor: await actor(admin) })).toEqual({ ok: false, reason: 'not-member' })
  })

  test('a coordinator removes a member but not another coordinator; removal is audited', async () => {
    const group = await testGroup('open')
    const [a, b] = [await withRole(group, 'coordinator'), await withRole(group, 'coordinator')]
    const member = await withRole(group, 'member')
    expect(await removeMember({ groupId: group.id, userId: b.id, actor: await actor(a) })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await removeMember({ groupId: group.id, userId: member.id, actor: await actor(member) })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await removeMember({ groupId: group.id, userId: member.id, actor: await actor(a) })).toEqual({ ok: true })
    expect(await removeMember({ groupId: group.id, userId: member.id, actor: await actor(a) })).toEqual({ ok: false, reason: 'not-member' })
    expect((await auditActions(group.id)).map((a) => a.action)).toContain('group.member-removed')
  })

  test('leaving: the last coordinator may leave and is told so', async () => {
    const group = await testGroup('open')
    const [a, b] = [await withRole(group, 'coordinator'), await withRole(group, 'coordinator')]
    const member = await withRole(group, 'member')
    expect(await leaveGroup({ groupId: group.id, actor: await actor(member) })).toEqual({ ok: true, wasLastCoordinator: false })
    expect(await leaveGroup({ groupId: group.id, actor: await actor(a) })).toEqual({ ok: true, wasLastCoordinator: false })
    expect(await leaveGroup({ groupId: group.id, actor: await actor(b) })).toEqual({ ok: true, wasLastCoordinator: true })
    expect(await leaveGroup({ groupId: group.id, actor: await actor(b) })).toEqual({ ok: false, reason: 'not-member' })
    expect(await memberships(group.id)).toEqual([])
    expect((await auditActions(group.id)).filter((a) => a.action === 'group.member-left')).toHaveLength(3)
  })
})

describe('reads', () => {
  test('listMembers: coordinators first; profile visibility respected; managers see everyone', async () => {
    const group = await testGroup('open')
    const coordinator = await withRole(group, 'coordinator')
    const open = await withRole(group, 'member')
    const shy = await withRole(group, 'member')
    const hidden = await withRole(group, 'member')
    for (const [user, visibility] of [[coordinator, 'public'], [open, 'public'], [shy, 'members'], [hidden, 'hidden']] as const) {
      await ensureProfile(user)
      await db.updateTable('profiles').set({ visibility }).where('userId', '=', user.id).execute()
    }
    const anonymous = await listMembers(group.id, ANONYMOUS)
    expect(anonymous?.members.map((m) => m.userId)).toEqual([coordinator.id, open.id])
    expect(anonymous?.hiddenCount).toBe(2)
    const stranger = await listMembers(group.id, await actor(await createTestUser()))
    expect(stranger?.members.map((m) => m.userId).sort()).toEqual([coordinator.id, open.id, shy.id].sort())
    expect(stranger?.hiddenCount).toBe(1)
    const managed = await listMembers(group.id, await actor(coordinator))
    expect(managed?.members).toHaveLength(4)
    expect(managed?.members[0]).toMatchObject({ userId: coordinator.id, role: 'coordinator' })
    expect(managed?.members.find((m) => m.userId === hidden.id)?.profileSlug).toBeNull()

    const secret = await testGroup('invitation', { hidden: true, pageVisibility: 'members' })
    expect(await listMembers(secret.id, ANONYMOUS)).toBeNull()
    expect(await listMembers(secret.id, await actor(await createTestUser()))).toBeNull()
  })

  test('suggestedGroupFor: the territory group of the person’s territory, or null', async () => {
    const calaisien = await createTestUser({ territoryId: 'calaisis' })
    const calaisis = await getGroupBySlug('calaisis')
    expect(await suggestedGroupFor(calaisien.id)).toMatchObject({ id: calaisis?.id, slug: 'calaisis', kind: 'territory', isMember: false })
    await joinGroup({ groupId: calaisis!.id, actor: personViewer(calaisien) })
    expect((await suggestedGroupFor(calaisien.id))?.isMember).toBe(true)
    expect(await suggestedGroupFor((await createTestUser()).id)).toBeNull()
  })
})
