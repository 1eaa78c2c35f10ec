import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { actorOf, addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import {
  INVITATION_TTL_MS,
  acceptInvitation,
  decideJoinRequest,
  getInvitation,
  inviteMember,
  listSoleOwnerships,
  listPendingInvitations,
  removeMember,
  requestToJoin,
  revokeInvitation,
  setMemberRole,
} from './memberships.server.ts'

const SYSTEM = systemActor('test')

async function outboxTo(email: string) {
  return db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', email).orderBy('createdAt').execute()
}

describe('invitations', () => {
  test('hashed single-use token, emailed with the link, valid 7 days', async () => {
    const { structure, owner } = await createTestStructure()
    const email = `invitee-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
    const now = new Date('2026-11-01T10:00:00Z')
    const result = await inviteMember({ structureId: structure.id, actor: await actorOf(owner), email: email.toUpperCase(), role: 'member', now })
    if (!result.ok) throw new Error('expected ok')
    const row = await db.selectFrom('structureInvitations').selectAll().where('structureId', '=', structure.id).executeTakeFirstOrThrow()
    expect(row.email).toBe(email)
    expect(row.tokenHash).toBe(hashToken(result.token))
    expect(JSON.stringify(row)).not.toContain(result.token)
    expect(new Date(row.expiresAt).getTime() - now.getTime()).toBe(INVITATION_TTL_MS)
    const [mail] = await outboxTo(email)
    expect(mail.subject).toContain(structure.name)
    expect(mail.textBody).toContain(`/invitations/${result.token}`)

    expect(await inviteMember({ structureId: structure.id, actor: await actorOf(owner), email, role: 'member', now })).toEqual({
      ok: false,
      reason: 'already-invited',
    })
    expect((await getInvitation(result.token, new Date(now.getTime() + INVITATION_TTL_MS + 1))).state).toBe('expired')

    const invitee = await createTestUser({ email })
    expect(await acceptInvitation(result.token, invitee, now)).toEqual({ ok: true, structureSlug: structure.slug })
    expect(await acceptInvitation(result.token, invitee, now)).toEqual({ ok: false, state: 'used' })
    const member = await db.selectFrom('structureMembers').selectAll().where('userId', '=', invitee.id).executeTakeFirstOrThrow()
    expect(member.role).toBe('member')
    // The owners are told.
    expect((await outboxTo(owner.email)).some((m) => m.template === 'structure-member-joined')).toBe(true)
    expect(await inviteMember({ structureId: structure.id, actor: await actorOf(owner), email, role: 'member', now })).toEqual({
      ok: false,
      reason: 'already-member',
    })
  })

  test('an expired or unknown token joins nothing', async () => {
    const { structure, owner } = await createTestStructure()
    const now = new Date('2026-11-01T10:00:00Z')
    const result = await inviteMember({ structureId: structure.id, actor: await actorOf(owner), email: 'tard@exemple.fr', role: 'member', now })
    if (!result.ok) throw new Error('expected ok')
    const user = await createTestUser()
    expect(await acceptInvitation(result.token, user, new Date(now.getTime() + INVITATION_TTL_MS + 1000))).toEqual({ ok: false, state: 'expired' })
    expect(await acceptInvitation('a'.repeat(52), user, now)).toEqual({ ok: false, state: 'unknown' })
    expect(await db.selectFrom('structureMembers').select('userId').where('userId', '=', user.id).execute()).toEqual([])
  })
})

describe('join requests', () => {
  test('request → owners emailed → accept → member, requester emailed', async () => {
    const { structure, owner } = await createTestStructure()
    const applicant = await createTestUser()
    expect(await requestToJoin(structure.id, applicant, 'Je suis bénévole.')).toEqual({ ok: true })
    expect(await requestToJoin(structure.id, applicant, '')).toEqual({ ok: false, reason: 'already-pending' })
    expect((await outboxTo(owner.email)).at(-1)?.textBody).toContain('Je suis bénévole.')
    const request = await db.selectFrom('structureJoinRequests').selectAll().where('userId', '=', applicant.id).executeTakeFirstOrThrow()
    const other = await createTestStructure()
    // A request is decided only within its own structure.
    expect(await decideJoinRequest({ structureId: other.structure.id, requestId: request.id, actor: await actorOf(other.owner), accept: true })).toEqual({ ok: false, reason: 'not-found' })
    expect(await decideJoinRequest({ structureId: structure.id, requestId: request.id, actor: await actorOf(owner), accept: true })).toEqual({ ok: true })
    expect(await decideJoinRequest({ structureId: structure.id, requestId: request.id, actor: await actorOf(owner), accept: false })).toEqual({ ok: false, reason: 'not-found' })
    expect(await db.selectFrom('structureMembers').select('role').where('userId', '=', applicant.id).executeTakeFirst()).toEqual({ role: 'member' })
    expect((await outboxTo(applicant.email)).map((m) => m.template)).toEqual(['structure-join-accepted'])
    expect(await requestToJoin(structure.id, applicant, '')).toEqual({ ok: false, reason: 'already-member' })
  })

  test('refusal: no membership, requester told', async () => {
    const { structure, owner } = await createTestStructure()
    const applicant = await createTestUser()
    await requestToJoin(structure.id, applicant, '')
    const request = await db.selectFrom('structureJoinRequests').selectAll().where('userId', '=', applicant.id).executeTakeFirstOrThrow()
    await decideJoinRequest({ structureId: structure.id, requestId: request.id, actor: await actorOf(owner), accept: false })
    expect(await db.selectFrom('structureMembers').select('role').where('userId', '=', applicant.id).execute()).toEqual([])
    expect((await outboxTo(applicant.email)).map((m) => m.template)).toEqual(['structure-join-refused'])
  })
})

describe('at least one owner', () => {
  test('the last owner can neither leave nor be demoted; with two owners, one may', async () => {
    const { structure, owner } = await createTestStructure()
    expect(await removeMember({ structureId: structure.id, userId: owner.id, actor: SYSTEM })).toEqual({ ok: false, reason: 'last-owner' })
    expect(await setMemberRole({ structureId: structure.id, userId: owner.id, role: 'member', actor: SYSTEM })).toEqual({ ok: false, reason: 'last-owner' })
    expect(await listSoleOwnerships(owner.id)).toEqual([expect.objectContaining({ id: structure.id })])
    const second = await createTestUser()
    await addTestMember(structure.id, second.id, 'member')
    expect(await setMemberRole({ structureId: structure.id, userId: second.id, role: 'owner', actor: SYSTEM })).toEqual({ ok: true })
    expect(await listSoleOwnerships(owner.id)).toEqual([])
    expect(await removeMember({ structureId: structure.id, userId: owner.id, actor: SYSTEM })).toEqual({ ok: true })
    expect(await removeMember({ structureId: structure.id, userId: second.id, actor: SYSTEM })).toEqual({ ok: false, reason: 'last-owner' })
    expect(await removeMember({ structureId: structure.id, userId: owner.id, actor: SYSTEM })).toEqual({ ok: false, reason: 'not-member' })
  })
})

describe('every membership write checks the actor itself (a route that forgot cannot let a stranger in)', () => {
  async function setting() {
    const { structure, owner } = await createTestStructure()
    const member = await createTestUser()
    await addTestMember(structure.id, member.id, 'member')
    const stranger = await createTestUser()
    const refused = [await actorOf(member), await actorOf(stranger)]
    return { structure, owner, member, stranger, refused }
  }
  const FORBIDDEN = { ok: false, reason: 'forbidden' }

  test('inviteMember: neither a plain member nor a stranger may invite; the owner and the system may', async () => {
    const { structure, owner, refused } = await setting()
    for (const actor of refused) {
      expect(await inviteMember({ structureId: structure.id, actor, email: 'intrus@exemple.fr', role: 'owner' })).toEqual(FORBIDDEN)
    }
    expect(await listPendingInvitations(structure.id)).toEqual([])
    expect((await inviteMember({ structureId: structure.id, actor: await actorOf(owner), email: 'a@exemple.fr', role: 'member' })).ok).toBe(true)
    expect((await inviteMember({ structureId: structure.id, actor: SYSTEM, email: 'b@exemple.fr', role: 'member' })).ok).toBe(true)
    // The system's invitation names the platform, not a person.
    expect((await outboxTo('b@exemple.fr'))[0].textBody).toContain('L’équipe Essaim')
  })

  test('revokeInvitation', async () => {
    const { structure, owner, refused } = await setting()
    await inviteMember({ structureId: structure.id, actor: await actorOf(owner), email: 'c@exemple.fr', role: 'member' })
    const [invitation] = await listPendingInvitations(structure.id)
    for (const actor of refused) expect(await revokeInvitation({ structureId: structure.id, invitationId: invitation.id, actor })).toEqual(FORBIDDEN)
    expect(await listPendingInvitations(structure.id)).toHaveLength(1)
    expect(await revokeInvitation({ structureId: structure.id, invitationId: invitation.id, actor: await actorOf(owner) })).toEqual({ ok: true })
  })

  test('decideJoinRequest', async () => {
    const { structure, refused } = await setting()
    const applicant = await createTestUser()
    await requestToJoin(structure.id, applicant, '')
    const request = await db.selectFrom('structureJoinRequests').select('id').where('userId', '=', applicant.id).executeTakeFirstOrThrow()
    for (const actor of refused) {
      expect(await decideJoinRequest({ structureId: structure.id, requestId: request.id, actor, accept: true })).toEqual(FORBIDDEN)
    }
    expect(await db.selectFrom('structureMembers').select('role').where('userId', '=', applicant.id).execute()).toEqual([])
  })

  test('setMemberRole: a member cannot promote themselves', async () => {
    const { structure, member, refused } = await setting()
    for (const actor of refused) expect(await setMemberRole({ structureId: structure.id, userId: member.id, role: 'owner', actor })).toEqual(FORBIDDEN)
    expect(await db.selectFrom('structureMembers').select('role').where('userId', '=', member.id).executeTakeFirst()).toEqual({ role: 'member' })
  })

  test('removeMember: a member may leave (themselves), not remove someone else', async () => {
    const { structure, owner, member, stranger } = await setting()
    const memberActor = await actorOf(member)
    expect(await removeMember({ structureId: structure.id, userId: owner.id, actor: memberActor })).toEqual(FORBIDDEN)
    expect(await removeMember({ structureId: structure.id, userId: member.id, actor: await actorOf(stranger) })).toEqual(FORBIDDEN)
    expect(await db.selectFrom('structureMembers').select('userId').where('structureId', '=', structure.id).execute()).toHaveLength(2)
    expect(await removeMember({ structureId: structure.id, userId: member.id, actor: memberActor })).toEqual({ ok: true })
  })
})
