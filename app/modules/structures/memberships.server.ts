import { type Executor, db } from '#db/client.server.ts'
import type { MemberRole } from '#db/schema/structures.ts'
import { generateSecretToken, hashToken } from '#app/modules/auth/tokens.server.ts'
import { type Actor, viewerId } from '#app/modules/auth/viewer.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { ensureProfile } from '#app/modules/people/people.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import {
  invitationMessage,
  joinDecisionMessage,
  joinRequestMessage,
  memberJoinedMessage,
  memberLeftMessage,
} from './emails.server.ts'
import { can } from './structures.policy.ts'

// Memberships: invitations by email (single-use hashed token, 7 days), join requests decided by owners, leaving,
// roles. A structure always keeps at least one owner: every change that could remove the last one is refused.
// Each function runs in one transaction (BEGIN IMMEDIATE), with the emails it causes written to the outbox in it.
// Writes take the actor and check the structures policy themselves (`manage-members`, or `leave` for oneself):
// a route that forgot its check still cannot let a stranger change a structure's members.

type Forbidden = { ok: false; reason: 'forbidden' }
const FORBIDDEN: Forbidden = Object.freeze({ ok: false, reason: 'forbidden' })

/** What the invitation email says about who invites: the person's name, or the platform for the system actor. */
const SYSTEM_INVITER = 'L’équipe Essaim'

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

async function ownerEmails(structureId: string, trx: Executor, exceptUserId?: string) {
  let query = trx
    .selectFrom('structureMembers')
    .innerJoin('users', 'users.id', 'structureMembers.userId')
    .select('users.email')
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.role', '=', 'owner')
  if (exceptUserId) query = query.where('users.id', '!=', exceptUserId)
  return (await query.execute()).map((r) => r.email)
}

async function countOwners(structureId: string, trx: Executor): Promise<number> {
  const row = await trx
    .selectFrom('structureMembers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('structureId', '=', structureId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function structureSummary(structureId: string, trx: Executor) {
  return trx.selectFrom('structures').select(['id', 'name', 'slug']).where('id', '=', structureId).executeTakeFirstOrThrow()
}

export type InviteResult = { ok: true; token: string } | { ok: false; reason: 'already-member' | 'already-invited' } | Forbidden

export async function inviteMember(input: {
  structureId: string
  actor: Actor
  email: string
  role: MemberRole
  now?: Date
}): Promise<InviteResult> {
  if (!can(input.actor, 'manage-members', { id: input.structureId })) return FORBIDDEN
  const now = input.now ?? new Date()
  const email = input.email.trim().toLowerCase()
  const inviterId = viewerId(input.actor)
  return db.transaction().execute(async (trx): Promise<InviteResult> => {
    const member = await trx
      .selectFrom('structureMembers')
      .innerJoin('users', 'users.id', 'structureMembers.userId')
      .select('users.id')
      .where('structureMembers.structureId', '=', input.structureId)
      .where('users.email', '=', email)
      .executeTakeFirst()
    if (member) return { ok: false, reason: 'already-member' } as const
    const pending = await trx
      .selectFrom('structureInvitations')
      .select('id')
      .where('structureId', '=', input.structureId)
      .where('email', '=', email)
      .where('usedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', now.toISOString())
      .executeTakeFirst()
    if (pending) return { ok: false, reason: 'already-invited' } as const
    const structure = await structureSummary(input.structureId, trx)
    const inviter = inviterId ? await trx.selectFrom('users').select('name').where('id', '=', inviterId).executeTakeFirst() : null
    const token = generateSecretToken()
    await trx
      .insertInto('structureInvitations')
      .values({
        id: newId(now.getTime()),
        structureId: input.structureId,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: inviterId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
        usedAt: null,
        usedBy: null,
        revokedAt: null,
      })
      .execute()
    await enqueueEmail(
      invitationMessage({ to: email, inviterName: inviter?.name ?? SYSTEM_INVITER, structureName: structure.name, token, role: input.role }),
      trx,
    )
    return { ok: true, token } as const
  })
}

export type InvitationState = 'valid' | 'unknown' | 'used' | 'expired'

/** What an invitation link leads to. Only the token's hash is looked up. */
export async function getInvitation(token: string, now = new Date(), trx: Executor = db) {
  if (!/^[a-z2-7]{52}$/.test(token)) return { state: 'unknown' as const, invitation: null }
  const invitation = await trx
    .selectFrom('structureInvitations')
    .innerJoin('structures', 'structures.id', 'structureInvitations.structureId')
    .select([
      'structureInvitations.id',
      'structureInvitations.structureId',
      'structureInvitations.email',
      'structureInvitations.role',
      'structureInvitations.expiresAt',
      'structureInvitations.usedAt',
      'structureInvitations.revokedAt',
      'structures.name as structureName',
      'structures.slug as structureSlug',
    ])
    .where('structureInvitations.tokenHash', '=', hashToken(token))
    .executeTakeFirst()
  if (!invitation || invitation.revokedAt) return { state: 'unknown' as const, invitation: null }
  if (invitation.usedAt) return { state: 'used' as const, invitation }
  if (invitation.expiresAt <= now.toISOString()) return { state: 'expired' as const, invitation }
  return { state: 'valid' as const, invitation }
}

export type AcceptResult =
  | { ok: true; structureSlug: string }
  | { ok: false; state: Exclude<InvitationState, 'valid'> | 'wrong-account' | 'unverified' }

/** « m•••@exemple.fr »: enough for the invitee to recognise the address, not enough for whoever holds the link. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at < 1) return '•••'
  return `${email[0]}•••${email.slice(at)}`
}

/**
 * An invitation is bound to the invited address: only the account whose email is that address (compared without
 * case) and is confirmed may accept it. The account is read again here, inside the transaction, so no caller can
 * pass a stale or forged email.
 */
export async function acceptInvitation(token: string, user: { id: string; name: string }, now = new Date()): Promise<AcceptResult> {
  return db.transaction().execute(async (trx) => {
    const { state, invitation } = await getInvitation(token, now, trx)
    if (state !== 'valid') return { ok: false, state }
    if (!invitation) return { ok: false, state: 'unknown' }
    const account = await trx.selectFrom('users').select(['email', 'emailVerifiedAt']).where('id', '=', user.id).executeTakeFirst()
    if (!account || account.email.toLowerCase() !== invitation.email.toLowerCase()) return { ok: false, state: 'wrong-account' }
    if (!account.emailVerifiedAt) return { ok: false, state: 'unverified' }
    await trx
      .updateTable('structureInvitations')
      .set({ usedAt: now.toISOString(), usedBy: user.id })
      .where('id', '=', invitation.id)
      .where('usedAt', 'is', null)
      .execute()
    const existing = await trx
      .selectFrom('structureMembers')
      .select('role')
      .where('structureId', '=', invitation.structureId)
      .where('userId', '=', user.id)
      .executeTakeFirst()
    if (!existing) {
      await trx
        .insertInto('structureMembers')
        .values({ structureId: invitation.structureId, userId: user.id, role: invitation.role, joinedAt: now.toISOString() })
        .execute()
      await ensureProfile(user, trx)
      for (const to of await ownerEmails(invitation.structureId, trx, user.id)) {
        await enqueueEmail(
          memberJoinedMessage({ to, memberName: user.name, structureName: invitation.structureName, slug: invitation.structureSlug }),
          trx,
        )
      }
    } else if (existing.role === 'member' && invitation.role === 'owner') {
      await trx
        .updateTable('structureMembers')
        .set({ role: 'owner' })
        .where('structureId', '=', invitation.structureId)
        .where('userId', '=', user.id)
        .execute()
    }
    return { ok: true, structureSlug: invitation.structureSlug }
  })
}

export type MembershipWriteResult = { ok: true } | { ok: false; reason: 'not-found' } | Forbidden

/** Revokes a pending invitation of this structure (`not-found` when none: used, revoked, or another structure's). */
export async function revokeInvitation(input: { structureId: string; invitationId: string; actor: Actor }): Promise<MembershipWriteResult> {
  if (!can(input.actor, 'manage-members', { id: input.structureId })) return FORBIDDEN
  const result = await db
    .updateTable('structureInvitations')
    .set({ revokedAt: new Date().toISOString() })
    .where('id', '=', input.invitationId)
    .where('structureId', '=', input.structureId)
    .where('usedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0 ? { ok: true } : { ok: false, reason: 'not-found' }
}

export async function listPendingInvitations(structureId: string, now = new Date()) {
  return db
    .selectFrom('structureInvitations')
    .select(['id', 'email', 'role', 'createdAt', 'expiresAt'])
    .where('structureId', '=', structureId)
    .where('usedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now.toISOString())
    .orderBy('createdAt', 'desc')
    .execute()
}

export type JoinRequestResult = { ok: true } | { ok: false; reason: 'already-member' | 'already-pending' }

export async function requestToJoin(structureId: string, user: { id: string; name: string }, message: string): Promise<JoinRequestResult> {
  return db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('structureMembers')
      .select('role')
      .where('structureId', '=', structureId)
      .where('userId', '=', user.id)
      .executeTakeFirst()
    if (member) return { ok: false, reason: 'already-member' } as const
    const pending = await trx
      .selectFrom('structureJoinRequests')
      .select('id')
      .where('structureId', '=', structureId)
      .where('userId', '=', user.id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (pending) return { ok: false, reason: 'already-pending' } as const
    const structure = await structureSummary(structureId, trx)
    await trx
      .insertInto('structureJoinRequests')
      .values({ id: newId(), structureId, userId: user.id, message, createdAt: new Date().toISOString(), decidedAt: null, decidedBy: null })
      .execute()
    for (const to of await ownerEmails(structureId, trx)) {
      await enqueueEmail(
        joinRequestMessage({ to, requesterName: user.name, structureName: structure.name, slug: structure.slug, message }),
        trx,
      )
    }
    return { ok: true } as const
  })
}

export async function getPendingJoinRequest(structureId: string, userId: string) {
  return (
    (await db
      .selectFrom('structureJoinRequests')
      .select(['id', 'createdAt'])
      .where('structureId', '=', structureId)
      .where('userId', '=', userId)
      .where('status', '=', 'pending')
      .executeTakeFirst()) ?? null
  )
}

export async function listPendingJoinRequests(structureId: string) {
  return db
    .selectFrom('structureJoinRequests')
    .innerJoin('users', 'users.id', 'structureJoinRequests.userId')
    .select(['structureJoinRequests.id', 'structureJoinRequests.message', 'structureJoinRequests.createdAt', 'users.name'])
    .where('structureJoinRequests.structureId', '=', structureId)
    .where('structureJoinRequests.status', '=', 'pending')
    .orderBy('structureJoinRequests.createdAt')
    .execute()
}

/** Accepts or refuses a pending request of this structure; `not-found` when there is none (already decided, say). */
export async function decideJoinRequest(input: {
  structureId: string
  requestId: string
  actor: Actor
  accept: boolean
}): Promise<MembershipWriteResult> {
  if (!can(input.actor, 'manage-members', { id: input.structureId })) return FORBIDDEN
  return db.transaction().execute(async (trx): Promise<MembershipWriteResult> => {
    const request = await trx
      .selectFrom('structureJoinRequests')
      .innerJoin('users', 'users.id', 'structureJoinRequests.userId')
      .select(['structureJoinRequests.id', 'structureJoinRequests.userId', 'users.email', 'users.name'])
      .where('structureJoinRequests.id', '=', input.requestId)
      .where('structureJoinRequests.structureId', '=', input.structureId)
      .where('structureJoinRequests.status', '=', 'pending')
      .executeTakeFirst()
    if (!request) return { ok: false, reason: 'not-found' }
    const now = new Date().toISOString()
    await trx
      .updateTable('structureJoinRequests')
      .set({ status: input.accept ? 'accepted' : 'refused', decidedAt: now, decidedBy: viewerId(input.actor) })
      .where('id', '=', request.id)
      .execute()
    if (input.accept) {
      await trx
        .insertInto('structureMembers')
        .values({ structureId: input.structureId, userId: request.userId, role: 'member', joinedAt: now })
        .onConflict((oc) => oc.doNothing())
        .execute()
      await ensureProfile({ id: request.userId, name: request.name }, trx)
    }
    const structure = await structureSummary(input.structureId, trx)
    await enqueueEmail(
      joinDecisionMessage({ to: request.email, structureName: structure.name, slug: structure.slug, accepted: input.accept }),
      trx,
    )
    return { ok: true }
  })
}

export type MembershipChangeResult = { ok: true } | { ok: false; reason: 'last-owner' | 'not-member' } | Forbidden

/** Removes a member (themselves leaving, or removed by an owner or an admin); the last owner cannot go. */
export async function removeMember(input: {
  structureId: string
  userId: string
  actor: Actor
  notify?: boolean
}): Promise<MembershipChangeResult> {
  const structure = { id: input.structureId }
  const leaving = input.actor.kind === 'person' && input.actor.id === input.userId && can(input.actor, 'leave', structure)
  if (!leaving && !can(input.actor, 'manage-members', structure)) return FORBIDDEN
  return db.transaction().execute(async (trx): Promise<MembershipChangeResult> => {
    const member = await trx
      .selectFrom('structureMembers')
      .innerJoin('users', 'users.id', 'structureMembers.userId')
      .select(['structureMembers.role', 'users.name'])
      .where('structureMembers.structureId', '=', input.structureId)
      .where('structureMembers.userId', '=', input.userId)
      .executeTakeFirst()
    if (!member) return { ok: false, reason: 'not-member' } as const
    if (member.role === 'owner' && (await countOwners(input.structureId, trx)) <= 1) {
      return { ok: false, reason: 'last-owner' } as const
    }
    await trx
      .deleteFrom('structureMembers')
      .where('structureId', '=', input.structureId)
      .where('userId', '=', input.userId)
      .execute()
    if (input.notify ?? true) {
      const structure = await structureSummary(input.structureId, trx)
      for (const to of await ownerEmails(input.structureId, trx)) {
        await enqueueEmail(memberLeftMessage({ to, memberName: member.name, structureName: structure.name, slug: structure.slug }), trx)
      }
    }
    return { ok: true } as const
  })
}

export async function setMemberRole(input: {
  structureId: string
  userId: string
  role: MemberRole
  actor: Actor
}): Promise<MembershipChangeResult> {
  if (!can(input.actor, 'manage-members', { id: input.structureId })) return FORBIDDEN
  return db.transaction().execute(async (trx): Promise<MembershipChangeResult> => {
    const member = await trx
      .selectFrom('structureMembers')
      .select('role')
      .where('structureId', '=', input.structureId)
      .where('userId', '=', input.userId)
      .executeTakeFirst()
    if (!member) return { ok: false, reason: 'not-member' } as const
    if (member.role === input.role) return { ok: true } as const
    if (member.role === 'owner' && (await countOwners(input.structureId, trx)) <= 1) {
      return { ok: false, reason: 'last-owner' } as const
    }
    await trx
      .updateTable('structureMembers')
      .set({ role: input.role })
      .where('structureId', '=', input.structureId)
      .where('userId', '=', input.userId)
      .execute()
    return { ok: true } as const
  })
}

/** Structures where this person is the only owner: they must hand over or delete them before leaving Essaim. */
export async function listSoleOwnerships(userId: string, trx: Executor = db) {
  const owned = await trx
    .selectFrom('structureMembers')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['structures.id', 'structures.slug', 'structures.name'])
    .where('structureMembers.userId', '=', userId)
    .where('structureMembers.role', '=', 'owner')
    .execute()
  const sole = []
  for (const structure of owned) if ((await countOwners(structure.id, trx)) <= 1) sole.push(structure)
  return sole
}
