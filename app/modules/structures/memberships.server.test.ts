import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import {
  INVITATION_TTL_MS,
  acceptInvitation,
  decideJoinRequest,
  getInvitation,
  inviteMember,
  listSoleOwnerships,
  removeMember,
  requestToJoin,
  setMemberRole,
} from './memberships.server.ts'

async function outboxTo(email: string) {
  return db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', email).orderBy('createdAt').execute()
}

describe('invitations', () => {
  test('hashed single-use token, emailed with the link, valid 7 days', async () => {
    const { structure, owner } = await createTestStructure()
    const email = `invitee-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
    const now = new Date('2026-11-01T10:00:00Z')
    const result = await inviteMember({ structureId: structure.id, inviter: owner, email: email.toUpperCase(), role: 'member', now })
    if (!result.ok) throw new Error('expected ok')
    const row = await db.selectFrom('structureInvitations').selectAll().where('structureId', '=', structure.id).executeTakeFirstOrThrow()
    expect(row.email).toBe(email)
    expect(row.tokenHash).toBe(hashToken(result.token))
    expect(JSON.stringify(row)).not.toContain(result.token)
    expect(new Date(row.expiresAt).getTime() - now.getTime()).toBe(INVITATION_TTL_MS)
    const [mail] = await outboxTo(email)
    expect(mail.subject).toContain(structure.name)
    expect(mail.textBody).toContain(`/invitations/${result.token}`)

    expect(await inviteMember({ structureId: structure.id, inviter: owner, email, role: 'member', now })).toEqual({
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
    expect(await inviteMember({ structureId: structure.id, inviter: owner, email, role: 'member', now })).toEqual({
      ok: false,
      reason: 'already-member',
    })
  })

  test('an expired or unknown token joins nothing', async () => {
    const { structure, owner } = await createTestStructure()
    const now = new Date('2026-11-01T10:00:00Z')
    const result = await inviteMember({ structureId: structure.id, inviter: owner, email: 'tard@exemple.fr', role: 'member', now })
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
    expect(await decideJoinRequest({ structureId: other.structure.id, requestId: request.id, decider: other.owner, accept: true })).toBe(false)
    expect(await decideJoinRequest({ structureId: structure.id, requestId: request.id, decider: owner, accept: true })).toBe(true)
    expect(await decideJoinRequest({ structureId: structure.id, requestId: request.id, decider: owner, accept: false })).toBe(false)
    expect(await db.selectFrom('structureMembers').select('role').where('userId', '=', applicant.id).executeTakeFirst()).toEqual({ role: 'member' })
    expect((await outboxTo(applicant.email)).map((m) => m.template)).toEqual(['structure-join-accepted'])
    expect(await requestToJoin(structure.id, applicant, '')).toEqual({ ok: false, reason: 'already-member' })
  })

  test('refusal: no membership, requester told', async () => {
    const { structure, owner } = await createTestStructure()
    const applicant = await createTestUser()
    await requestToJoin(structure.id, applicant, '')
    const request = await db.selectFrom('structureJoinRequests').selectAll().where('userId', '=', applicant.id).executeTakeFirstOrThrow()
    await decideJoinRequest({ structureId: structure.id, requestId: request.id, decider: owner, accept: false })
    expect(await db.selectFrom('structureMembers').select('role').where('userId', '=', applicant.id).execute()).toEqual([])
    expect((await outboxTo(applicant.email)).map((m) => m.template)).toEqual(['structure-join-refused'])
  })
})

describe('at least one owner', () => {
  test('the last owner can neither leave nor be demoted; with two owners, one may', async () => {
    const { structure, owner } = await createTestStructure()
    expect(await removeMember({ structureId: structure.id, userId: owner.id })).toEqual({ ok: false, reason: 'last-owner' })
    expect(await setMemberRole({ structureId: structure.id, userId: owner.id, role: 'member' })).toEqual({ ok: false, reason: 'last-owner' })
    expect(await listSoleOwnerships(owner.id)).toEqual([expect.objectContaining({ id: structure.id })])
    const second = await createTestUser()
    await addTestMember(structure.id, second.id, 'member')
    expect(await setMemberRole({ structureId: structure.id, userId: second.id, role: 'owner' })).toEqual({ ok: true })
    expect(await listSoleOwnerships(owner.id)).toEqual([])
    expect(await removeMember({ structureId: structure.id, userId: owner.id })).toEqual({ ok: true })
    expect(await removeMember({ structureId: structure.id, userId: second.id })).toEqual({ ok: false, reason: 'last-owner' })
    expect(await removeMember({ structureId: structure.id, userId: owner.id })).toEqual({ ok: false, reason: 'not-member' })
  })
})
