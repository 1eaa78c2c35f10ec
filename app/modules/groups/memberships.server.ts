import { type Executor, db } from '#db/client.server.ts'
import { enqueueNotification } from '#app/modules/notifications/outbox.server.ts'
import type { GroupMemberRole } from '#db/schema/groups.ts'
import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import { generateSecretToken, hashToken } from '#app/modules/auth/tokens.server.ts'
import { type Actor, type PersonViewer, type Viewer, personViewer } from '#app/modules/auth/viewer.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { canSeeProfile } from '#app/modules/people/people.policy.ts'
import { DEFAULT_VISIBILITY } from '#app/modules/people/people.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { groupInvitationMessage, joinDecisionMessage, joinRequestReceivedMessage } from './emails.server.ts'
import { type GroupAction, can } from './groups.policy.ts'
import { type Group, getGroupById, toPolicyGroup } from './groups.server.ts'

// Memberships of groups (issue 12): join (open), request (on request, coordinators decide), invitations by email
// (single-use hashed token bound to the invited address, 14 days), leave, remove, block, roles.
//
// Every write runs in ONE transaction (BEGIN IMMEDIATE: writers queue), loads the group and the actor's CURRENT role
// there inside it, and checks the groups policy itself — a route that forgot its check, or a viewer built before a
// coordinator was removed, still cannot act. Expected refusals are results, never throws. Every role change and
// decision is written to the audit log (target `group`), and the emails it causes to the outbox, in that transaction.

export type Forbidden = { ok: false; reason: 'forbidden' }
/** No such group, or one the actor may not even see (a hidden group is never confirmed to exist). */
export type NotFound = { ok: false; reason: 'not-found' }
const FORBIDDEN: Forbidden = Object.freeze({ ok: false, reason: 'forbidden' })
const NOT_FOUND: NotFound = Object.freeze({ ok: false, reason: 'not-found' })

export const INVITATION_TTL_DAYS = 14
export const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000
export const MESSAGE_MAX = 1000

/** What the invitation email says about who invites when the system does (the admin command). */
const SYSTEM_INVITER = 'L’équipe Essaim'

type Options = { now?: Date; trx?: Executor }

function inTransaction<T>(options: Options, run: (trx: Executor, now: string) => Promise<T>): Promise<T> {
  const now = (options.now ?? new Date()).toISOString()
  return options.trx ? run(options.trx, now) : db.transaction().execute((trx) => run(trx, now))
}

/**
 * The actor as of now in this group: a person's role here is read again inside the transaction (their viewer may
 * have been built before a change); the system actor stays as it is.
 */
async function currentActor(actor: Actor, groupId: string, trx: Executor): Promise<Actor> {
  if (actor.kind !== 'person') return actor
  const row = await trx
    .selectFrom('groupMemberships')
    .select('role')
    .where('groupId', '=', groupId)
    .where('userId', '=', actor.id)
    .executeTakeFirst()
  const groups = new Map(actor.groups)
  if (row) groups.set(groupId, row.role)
  else groups.delete(groupId)
  return personViewer(
    { id: actor.id, role: actor.role, emailVerifiedAt: actor.verified ? 'verified' : null },
    { structures: actor.structures, groups, coordinates: actor.coordinates },
  )
}

async function isBlocked(groupId: string, userId: string, trx: Executor): Promise<boolean> {
  return Boolean(await trx.selectFrom('groupBlocks').select('userId').where('groupId', '=', groupId).where('userId', '=', userId).executeTakeFirst())
}

async function membershipOf(groupId: string, userId: string, trx: Executor) {
  return trx
    .selectFrom('groupMemberships')
    .select('role')
    .where('groupId', '=', groupId)
    .where('userId', '=', userId)
    .executeTakeFirst()
}

/** The group and the actor as of now, or not-found when the group does not exist or the actor may not see it. */
async function load(groupId: string, actor: Actor, trx: Executor): Promise<{ group: Group; actor: Actor } | null> {
  const group = await getGroupById(groupId, trx)
  if (!group) return null
  const current = await currentActor(actor, groupId, trx)
  return { group, actor: current }
}

/**
 * Whether the actor may learn that the group exists: any group that is not hidden (its page may still be for members
 * only: one can ask to join a group whose content one cannot read yet), or a hidden one they may view.
 */
function discoverable(actor: Actor, group: Group): boolean {
  return group.hidden === 0 || allowed(actor, 'view', group)
}

function allowed(actor: Viewer | Actor, action: GroupAction, group: Group, blocked = false): boolean {
  return can(actor, action, toPolicyGroup(group), blocked)
}

/** The people told of a join request: the group's coordinators, or the administrators when it has none. */
async function deciderEmails(groupId: string, trx: Executor): Promise<string[]> {
  const coordinators = await trx
    .selectFrom('groupMemberships')
    .innerJoin('users', 'users.id', 'groupMemberships.userId')
    .select('users.email')
    .where('groupMemberships.groupId', '=', groupId)
    .where('groupMemberships.role', '=', 'coordinator')
    .execute()
  if (coordinators.length) return coordinators.map((r) => r.email)
  return (await trx.selectFrom('users').select('email').where('role', '=', 'admin').execute()).map((r) => r.email)
}

async function audit(actor: Actor, group: Group, action: string, data: Record<string, unknown>, trx: Executor) {
  await recordActorAudit(actor, { action: `group.${action}`, targetType: 'group', targetId: group.id, data }, trx)
}

// ——— Joining an open group ———

export type JoinResult = { ok: true; alreadyMember: boolean } | { ok: false; reason: 'blocked' } | NotFound | Forbidden

/**
 * Joins an open group. One locked transaction with `insert … on conflict do nothing` on the (group, person) key:
 * double clicks and concurrent requests make one membership, one audit entry, and all succeed.
 */
export async function joinGroup(input: { groupId: string; actor: Actor } & Options): Promise<JoinResult> {
  const person = input.actor
  if (person.kind !== 'person') return FORBIDDEN
  return inTransaction(input, async (trx, now): Promise<JoinResult> => {
    const loaded = await load(input.groupId, person, trx)
    if (!loaded || !discoverable(loaded.actor, loaded.group)) return NOT_FOUND
    if (await membershipOf(input.groupId, person.id, trx)) return { ok: true, alreadyMember: true }
    const blocked = await isBlocked(input.groupId, person.id, trx)
    if (blocked) return { ok: false, reason: 'blocked' }
    if (!allowed(loaded.actor, 'join', loaded.group, blocked)) return FORBIDDEN
    const inserted = await trx
      .insertInto('groupMemberships')
      .values({ groupId: input.groupId, userId: person.id, role: 'member', joinedAt: now })
      .onConflict((oc) => oc.columns(['groupId', 'userId']).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { ok: true, alreadyMember: true }
    await audit(person, loaded.group, 'member-joined', { userId: person.id }, trx)
    return { ok: true, alreadyMember: false }
  })
}

// ——— Join requests ———

export type RequestResult =
  | { ok: true; requestId: string }
  | { ok: false; reason: 'already-member' | 'already-pending' | 'blocked' }
  | { ok: false; reason: 'invalid'; message: string }
  | NotFound
  | Forbidden

export const MEMBERSHIP_MESSAGES = {
  messageTooLong: 'Votre message ne doit pas dépasser 1 000 caractères.',
} as const

/** Asks to join a group « on request », with a message (≤ 1 000 characters); one pending request per person. */
export async function requestToJoin(input: { groupId: string; actor: Actor; message: string } & Options): Promise<RequestResult> {
  const person = input.actor
  if (person.kind !== 'person') return FORBIDDEN
  const message = input.message.trim()
  if (message.length > MESSAGE_MAX) return { ok: false, reason: 'invalid', message: MEMBERSHIP_MESSAGES.messageTooLong }
  return inTransaction(input, async (trx, now): Promise<RequestResult> => {
    const loaded = await load(input.groupId, person, trx)
    if (!loaded || !discoverable(loaded.actor, loaded.group)) return NOT_FOUND
    const { group } = loaded
    if (await membershipOf(group.id, person.id, trx)) return { ok: false, reason: 'already-member' }
    const blocked = await isBlocked(group.id, person.id, trx)
    if (blocked) return { ok: false, reason: 'blocked' }
    if (!allowed(loaded.actor, 'request', group, blocked)) return FORBIDDEN
    const pending = await trx
      .selectFrom('groupJoinRequests')
      .select('id')
      .where('groupId', '=', group.id)
      .where('userId', '=', person.id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (pending) return { ok: false, reason: 'already-pending' }
    const requestId = newId()
    await trx
      .insertInto('groupJoinRequests')
      .values({ id: requestId, groupId: group.id, userId: person.id, message, createdAt: now, decidedAt: null, decidedBy: null, decisionMessage: null })
      .execute()
    const requester = await trx.selectFrom('users').select('name').where('id', '=', person.id).executeTakeFirstOrThrow()
    for (const to of await deciderEmails(group.id, trx)) {
      await enqueueEmail(joinRequestReceivedMessage({ to, requesterName: requester.name, group, message }), trx)
    }
    return { ok: true, requestId }
  })
}

export type DecisionResult =
  | { ok: true }
  | { ok: false; reason: 'invalid'; message: string }
  /** No pending request with this id (already decided, withdrawn, or another group's). */
  | NotFound
  | Forbidden

/** Approves a pending request (the requester becomes a member): a coordinator of this group, or an admin. */
export function approveRequest(input: { requestId: string; actor: Actor; message?: string } & Options): Promise<DecisionResult> {
  return decide(input, true)
}

/** Refuses a pending request, with an optional message for the requester: a coordinator of this group, or an admin. */
export function refuseRequest(input: { requestId: string; actor: Actor; message?: string } & Options): Promise<DecisionResult> {
  return decide(input, false)
}

async function decide(input: { requestId: string; actor: Actor; message?: string } & Options, approve: boolean): Promise<DecisionResult> {
  const message = (input.message ?? '').trim()
  if (message.length > MESSAGE_MAX) return { ok: false, reason: 'invalid', message: MEMBERSHIP_MESSAGES.messageTooLong }
  return inTransaction(input, async (trx, now): Promise<DecisionResult> => {
    const request = await trx
      .selectFrom('groupJoinRequests')
      .innerJoin('users', 'users.id', 'groupJoinRequests.userId')
      .select(['groupJoinRequests.id', 'groupJoinRequests.groupId', 'groupJoinRequests.userId', 'users.email'])
      .where('groupJoinRequests.id', '=', input.requestId)
      .where('groupJoinRequests.status', '=', 'pending')
      .executeTakeFirst()
    if (!request) return NOT_FOUND
    const loaded = await load(request.groupId, input.actor, trx)
    if (!loaded) return NOT_FOUND
    if (!allowed(loaded.actor, 'manage', loaded.group)) return FORBIDDEN
    await trx
      .updateTable('groupJoinRequests')
      .set({
        status: approve ? 'approved' : 'refused',
        decidedAt: now,
        decidedBy: input.actor.kind === 'person' ? input.actor.id : null,
        decisionMessage: message || null,
      })
      .where('id', '=', request.id)
      .execute()
    if (approve) {
      await trx
        .insertInto('groupMemberships')
        .values({ groupId: request.groupId, userId: request.userId, role: 'member', joinedAt: now })
        .onConflict((oc) => oc.columns(['groupId', 'userId']).doNothing())
        .execute()
    }
    await audit(input.actor, loaded.group, approve ? 'request-approved' : 'request-refused', { userId: request.userId, requestId: request.id }, trx)
    await enqueueEmail(joinDecisionMessage({ to: request.email, group: loaded.group, approved: approve, message }), trx)
    await enqueueNotification(
      { kind: 'join_decision', groupId: request.groupId, userId: request.userId, approved: approve, actorId: input.actor.kind === 'person' ? input.actor.id : null },
      { trx },
    )
    return { ok: true }
  })
}

/** Withdraws one's own pending request (`not-found` when there is none). */
export async function withdrawRequest(input: { groupId: string; actor: Actor } & Options): Promise<{ ok: true } | NotFound> {
  const person = input.actor
  if (person.kind !== 'person') return NOT_FOUND
  return inTransaction(input, async (trx) => {
    const deleted = await trx
      .deleteFrom('groupJoinRequests')
      .where('groupId', '=', input.groupId)
      .where('userId', '=', person.id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    return Number(deleted.numDeletedRows) > 0 ? ({ ok: true } as const) : NOT_FOUND
  })
}

// ——— Invitations ———

export type InviteResult =
  | { ok: true; token: string; invitationId: string }
  | { ok: false; reason: 'already-member' | 'already-invited' | 'blocked' }
  | { ok: false; reason: 'invalid'; message: string }
  | NotFound
  | Forbidden

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Invites an address (coordinators of the group and admins; only admins invite as coordinator). The link carries a
 * random token; only its SHA-256 is stored. Valid 14 days, once, and only for the account holding that address.
 */
export async function inviteByEmail(
  input: { groupId: string; actor: Actor; email: string; role?: GroupMemberRole } & Options,
): Promise<InviteResult> {
  const email = input.email.trim().toLowerCase()
  const role = input.role ?? 'member'
  if (!EMAIL_PATTERN.test(email) || email.length > 254) {
    return { ok: false, reason: 'invalid', message: 'Indiquez une adresse électronique valide, par exemple nom@exemple.fr.' }
  }
  return inTransaction(input, async (trx, now): Promise<InviteResult> => {
    const loaded = await load(input.groupId, input.actor, trx)
    if (!loaded || !discoverable(loaded.actor, loaded.group)) return NOT_FOUND
    const { group } = loaded
    if (!allowed(loaded.actor, 'manage', group)) return FORBIDDEN
    if (role === 'coordinator' && !allowed(loaded.actor, 'appointCoordinator', group)) return FORBIDDEN
    const account = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    if (account) {
      if (await membershipOf(group.id, account.id, trx)) return { ok: false, reason: 'already-member' }
      if (await isBlocked(group.id, account.id, trx)) return { ok: false, reason: 'blocked' }
    }
    const pending = await trx
      .selectFrom('groupInvitations')
      .select('id')
      .where('groupId', '=', group.id)
      .where('email', '=', email)
      .where('usedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', now)
      .executeTakeFirst()
    if (pending) return { ok: false, reason: 'already-invited' }
    const inviterId = input.actor.kind === 'person' ? input.actor.id : null
    const inviter = inviterId ? await trx.selectFrom('users').select('name').where('id', '=', inviterId).executeTakeFirst() : null
    const token = generateSecretToken()
    const invitationId = newId()
    await trx
      .insertInto('groupInvitations')
      .values({
        id: invitationId,
        groupId: group.id,
        email,
        role,
        tokenHash: hashToken(token),
        invitedBy: inviterId,
        createdAt: now,
        expiresAt: new Date(new Date(now).getTime() + INVITATION_TTL_MS).toISOString(),
        usedAt: null,
        usedBy: null,
        revokedAt: null,
      })
      .execute()
    await audit(input.actor, group, 'invitation-sent', { invitationId, role }, trx)
    await enqueueEmail(
      groupInvitationMessage({ to: email, inviterName: inviter?.name ?? SYSTEM_INVITER, group, token, role, days: INVITATION_TTL_DAYS }),
      trx,
    )
    return { ok: true, token, invitationId }
  })
}

export type InvitationState = 'valid' | 'unknown' | 'used' | 'expired'

export type GroupInvitation = {
  id: string
  groupId: string
  email: string
  role: GroupMemberRole
  expiresAt: string
  groupName: string
  groupSlug: string
  groupKind: 'territory' | 'thematic'
}

/**
 * What an invitation link leads to (for the page /groupes/invitations/<token>). Only the token's hash is looked up;
 * a revoked invitation reads as unknown. Show the invited address masked (structures' `maskEmail`).
 */
export async function getGroupInvitation(
  token: string,
  now = new Date(),
  trx: Executor = db,
): Promise<{ state: InvitationState; invitation: GroupInvitation | null }> {
  if (!/^[a-z2-7]{52}$/.test(token)) return { state: 'unknown', invitation: null }
  const row = await trx
    .selectFrom('groupInvitations')
    .innerJoin('groups', 'groups.id', 'groupInvitations.groupId')
    .select([
      'groupInvitations.id',
      'groupInvitations.groupId',
      'groupInvitations.email',
      'groupInvitations.role',
      'groupInvitations.expiresAt',
      'groupInvitations.usedAt',
      'groupInvitations.revokedAt',
      'groups.name as groupName',
      'groups.slug as groupSlug',
      'groups.kind as groupKind',
    ])
    .where('groupInvitations.tokenHash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row || row.revokedAt) return { state: 'unknown', invitation: null }
  const { usedAt: _u, revokedAt: _r, ...invitation } = row
  if (row.usedAt) return { state: 'used', invitation }
  if (row.expiresAt <= now.toISOString()) return { state: 'expired', invitation }
  return { state: 'valid', invitation }
}

export type AcceptInvitationResult =
  | { ok: true; groupId: string; groupSlug: string; groupKind: 'territory' | 'thematic'; role: GroupMemberRole }
  | { ok: false; reason: Exclude<InvitationState, 'valid'> | 'wrong-account' | 'unverified' | 'blocked' }
  | Forbidden

/**
 * Accepts an invitation. It is bound to the invited address: only the account whose email is that address (read
 * again here, compared without case) and is confirmed may accept; another account gets `wrong-account` and the
 * invitation stays usable by the right one. A blocked person cannot get in this way either.
 */
export async function acceptInvitation(input: { token: string; actor: Actor } & Options): Promise<AcceptInvitationResult> {
  const person = input.actor
  if (person.kind !== 'person') return FORBIDDEN
  return inTransaction(input, async (trx, now): Promise<AcceptInvitationResult> => {
    const { state, invitation } = await getGroupInvitation(input.token, new Date(now), trx)
    if (state !== 'valid' || !invitation) return { ok: false, reason: state === 'valid' ? 'unknown' : state }
    const account = await trx.selectFrom('users').select(['email', 'emailVerifiedAt']).where('id', '=', person.id).executeTakeFirst()
    if (!account || account.email.toLowerCase() !== invitation.email.toLowerCase()) return { ok: false, reason: 'wrong-account' }
    if (!account.emailVerifiedAt) return { ok: false, reason: 'unverified' }
    if (await isBlocked(invitation.groupId, person.id, trx)) return { ok: false, reason: 'blocked' }
    const used = await trx
      .updateTable('groupInvitations')
      .set({ usedAt: now, usedBy: person.id })
      .where('id', '=', invitation.id)
      .where('usedAt', 'is', null)
      .executeTakeFirst()
    if (Number(used.numUpdatedRows) === 0) return { ok: false, reason: 'used' }
    const group = (await getGroupById(invitation.groupId, trx))!
    const existing = await membershipOf(group.id, person.id, trx)
    let role: GroupMemberRole = existing?.role ?? invitation.role
    if (!existing) {
      await trx.insertInto('groupMemberships').values({ groupId: group.id, userId: person.id, role: invitation.role, joinedAt: now }).execute()
    } else if (existing.role === 'member' && invitation.role === 'coordinator') {
      await trx.updateTable('groupMemberships').set({ role: 'coordinator' }).where('groupId', '=', group.id).where('userId', '=', person.id).execute()
      role = 'coordinator'
    }
    // A pending request is answered by the invitation.
    await trx
      .updateTable('groupJoinRequests')
      .set({ status: 'approved', decidedAt: now, decidedBy: person.id, decisionMessage: null })
      .where('groupId', '=', group.id)
      .where('userId', '=', person.id)
      .where('status', '=', 'pending')
      .execute()
    await audit(person, group, 'invitation-accepted', { userId: person.id, invitationId: invitation.id, role }, trx)
    return { ok: true, groupId: group.id, groupSlug: group.slug, groupKind: group.kind, role }
  })
}

/** Revokes a pending invitation of this group (coordinators and admins); `not-found` when there is none. */
export async function revokeInvitation(input: { groupId: string; invitationId: string; actor: Actor } & Options): Promise<{ ok: true } | NotFound | Forbidden> {
  return inTransaction(input, async (trx, now) => {
    const loaded = await load(input.groupId, input.actor, trx)
    if (!loaded || !discoverable(loaded.actor, loaded.group)) return NOT_FOUND
    if (!allowed(loaded.actor, 'manage', loaded.group)) return FORBIDDEN
    const result = await trx
      .updateTable('groupInvitations')
      .set({ revokedAt: now })
      .where('id', '=', input.invitationId)
      .where('groupId', '=', input.groupId)
      .where('usedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) return NOT_FOUND
    await audit(input.actor, loaded.group, 'invitation-revoked', { invitationId: input.invitationId }, trx)
    return { ok: true } as const
  })
}

/** Pending invitations of a group, for its coordinators and admins (null for anyone else). */
export async function listPendingInvitations(groupId: string, actor: Actor, now = new Date()) {
  const loaded = await load(groupId, actor, db)
  if (!loaded || !allowed(loaded.actor, 'manage', loaded.group)) return null
  return db
    .selectFrom('groupInvitations')
    .select(['id', 'email', 'role', 'createdAt', 'expiresAt'])
    .where('groupId', '=', groupId)
    .where('usedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now.toISOString())
    .orderBy('createdAt', 'desc')
    .execute()
}

// ——— Leaving, removing, blocking ———

export type LeaveResult = { ok: true; wasLastCoordinator: boolean } | { ok: false; reason: 'not-member' }

/**
 * Leaves a group. The last coordinator may leave (a deployment always has admins to appoint another): the result
 * says so, for the page to tell them the group has no coordinator any more.
 */
export async function leaveGroup(input: { groupId: string; actor: Actor } & Options): Promise<LeaveResult> {
  const person = input.actor
  if (person.kind !== 'person') return { ok: false, reason: 'not-member' }
  return inTransaction(input, async (trx): Promise<LeaveResult> => {
    const group = await getGroupById(input.groupId, trx)
    const member = group ? await membershipOf(group.id, person.id, trx) : undefined
    if (!group || !member) return { ok: false, reason: 'not-member' }
    await trx.deleteFrom('groupMemberships').where('groupId', '=', group.id).where('userId', '=', person.id).execute()
    const wasLastCoordinator = member.role === 'coordinator' && (await countCoordinators(group.id, trx)) === 0
    await audit(person, group, 'member-left', { userId: person.id, role: member.role, wasLastCoordinator }, trx)
    return { ok: true, wasLastCoordinator }
  })
}

async function countCoordinators(groupId: string, trx: Executor): Promise<number> {
  const row = await trx
    .selectFrom('groupMemberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('groupId', '=', groupId)
    .where('role', '=', 'coordinator')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export type MemberChangeResult = { ok: true } | { ok: false; reason: 'not-member' | 'self' } | NotFound | Forbidden

/**
 * Managing someone else's membership: coordinators of the group and admins; a coordinator is only touched by an
 * admin (removing or blocking a coordinator takes their role away, and only admins appoint or unappoint).
 */
async function manageable(
  groupId: string,
  userId: string,
  actor: Actor,
  trx: Executor,
): Promise<{ error: NotFound | Forbidden | { ok: false; reason: 'self' } } | { group: Group; member: { role: GroupMemberRole } | undefined }> {
  const loaded = await load(groupId, actor, trx)
  if (!loaded || !discoverable(loaded.actor, loaded.group)) return { error: NOT_FOUND }
  if (!allowed(loaded.actor, 'manage', loaded.group)) return { error: FORBIDDEN }
  if (actor.kind === 'person' && actor.id === userId) return { error: { ok: false, reason: 'self' } }
  const member = await membershipOf(groupId, userId, trx)
  if (member?.role === 'coordinator' && !allowed(loaded.actor, 'appointCoordinator', loaded.group)) return { error: FORBIDDEN }
  return { group: loaded.group, member }
}

/** Removes a member (coordinators and admins; a coordinator only by an admin). Access ends on their next request. */
export async function removeMember(input: { groupId: string; userId: string; actor: Actor } & Options): Promise<MemberChangeResult> {
  return inTransaction(input, async (trx): Promise<MemberChangeResult> => {
    const checked = await manageable(input.groupId, input.userId, input.actor, trx)
    if ('error' in checked) return checked.error
    if (!checked.member) return { ok: false, reason: 'not-member' }
    await trx.deleteFrom('groupMemberships').where('groupId', '=', input.groupId).where('userId', '=', input.userId).execute()
    await audit(input.actor, checked.group, 'member-removed', { userId: input.userId, role: checked.member.role }, trx)
    return { ok: true }
  })
}

export type BlockResult = { ok: true } | { ok: false; reason: 'self' } | NotFound | Forbidden

/**
 * Blocks a person from the group (member or not): their membership and pending request go, their pending
 * invitations are revoked, and they cannot join, request or accept an invitation until unblocked.
 */
export async function blockMember(
  input: { groupId: string; userId: string; actor: Actor; reason?: string } & Options,
): Promise<BlockResult> {
  return inTransaction(input, async (trx, now): Promise<BlockResult> => {
    const checked = await manageable(input.groupId, input.userId, input.actor, trx)
    if ('error' in checked) return checked.error
    const user = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', input.userId).executeTakeFirst()
    if (!user) return NOT_FOUND
    const actorId = input.actor.kind === 'person' ? input.actor.id : null
    await trx.deleteFrom('groupMemberships').where('groupId', '=', input.groupId).where('userId', '=', user.id).execute()
    await trx
      .updateTable('groupJoinRequests')
      .set({ status: 'refused', decidedAt: now, decidedBy: actorId, decisionMessage: null })
      .where('groupId', '=', input.groupId)
      .where('userId', '=', user.id)
      .where('status', '=', 'pending')
      .execute()
    await trx
      .updateTable('groupInvitations')
      .set({ revokedAt: now })
      .where('groupId', '=', input.groupId)
      .where('email', '=', user.email.toLowerCase())
      .where('usedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .execute()
    await trx
      .insertInto('groupBlocks')
      .values({ groupId: input.groupId, userId: user.id, blockedBy: actorId, blockedAt: now, reason: (input.reason ?? '').trim().slice(0, MESSAGE_MAX) })
      .onConflict((oc) => oc.columns(['groupId', 'userId']).doNothing())
      .execute()
    await audit(input.actor, checked.group, 'member-blocked', { userId: user.id, wasMember: Boolean(checked.member) }, trx)
    return { ok: true }
  })
}

/** Lifts a block (coordinators and admins): the person may join or request again. */
export async function unblockMember(input: { groupId: string; userId: string; actor: Actor } & Options): Promise<{ ok: true } | NotFound | Forbidden> {
  return inTransaction(input, async (trx) => {
    const loaded = await load(input.groupId, input.actor, trx)
    if (!loaded || !discoverable(loaded.actor, loaded.group)) return NOT_FOUND
    if (!allowed(loaded.actor, 'manage', loaded.group)) return FORBIDDEN
    const deleted = await trx.deleteFrom('groupBlocks').where('groupId', '=', input.groupId).where('userId', '=', input.userId).executeTakeFirst()
    if (Number(deleted.numDeletedRows) === 0) return NOT_FOUND
    await audit(input.actor, loaded.group, 'member-unblocked', { userId: input.userId }, trx)
    return { ok: true } as const
  })
}

// ——— Roles ———

export type RoleResult = { ok: true; changed: boolean } | { ok: false; reason: 'not-member' } | NotFound | Forbidden

/**
 * Sets a member's role. Only admins (and the system) appoint or unappoint coordinators; a coordinator manages
 * members but cannot make anyone a coordinator, nor demote one.
 */
export async function setGroupRole(input: { groupId: string; userId: string; role: GroupMemberRole; actor: Actor } & Options): Promise<RoleResult> {
  return inTransaction(input, async (trx): Promise<RoleResult> => {
    const loaded = await load(input.groupId, input.actor, trx)
    if (!loaded || !discoverable(loaded.actor, loaded.group)) return NOT_FOUND
    if (!allowed(loaded.actor, 'appointCoordinator', loaded.group)) return FORBIDDEN
    const member = await membershipOf(input.groupId, input.userId, trx)
    if (!member) return { ok: false, reason: 'not-member' }
    if (member.role === input.role) return { ok: true, changed: false }
    await trx.updateTable('groupMemberships').set({ role: input.role }).where('groupId', '=', input.groupId).where('userId', '=', input.userId).execute()
    await audit(input.actor, loaded.group, 'role-changed', { userId: input.userId, from: member.role, to: input.role }, trx)
    return { ok: true, changed: true }
  })
}

export type AddMemberResult =
  | { ok: true; outcome: 'added' | 'role-changed' | 'unchanged' }
  | { ok: false; reason: 'blocked' | 'no-account' }
  | NotFound
  | Forbidden

/**
 * Makes a person a member or a coordinator of a group directly (the admin command `group-member`, demo data): admins
 * and the system only. Refused for a person blocked from the group (unblock first).
 */
export async function addMember(input: { groupId: string; userId: string; role: GroupMemberRole; actor: Actor } & Options): Promise<AddMemberResult> {
  return inTransaction(input, async (trx, now): Promise<AddMemberResult> => {
    const loaded = await load(input.groupId, input.actor, trx)
    if (!loaded) return NOT_FOUND
    if (!allowed(loaded.actor, 'appointCoordinator', loaded.group)) return FORBIDDEN
    const user = await trx.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst()
    if (!user) return { ok: false, reason: 'no-account' }
    if (await isBlocked(input.groupId, user.id, trx)) return { ok: false, reason: 'blocked' }
    const member = await membershipOf(input.groupId, user.id, trx)
    if (member?.role === input.role) return { ok: true, outcome: 'unchanged' }
    if (member) {
      await trx.updateTable('groupMemberships').set({ role: input.role }).where('groupId', '=', input.groupId).where('userId', '=', user.id).execute()
      await audit(input.actor, loaded.group, 'role-changed', { userId: user.id, from: member.role, to: input.role }, trx)
      return { ok: true, outcome: 'role-changed' }
    }
    await trx.insertInto('groupMemberships').values({ groupId: input.groupId, userId: user.id, role: input.role, joinedAt: now }).execute()
    await trx
      .updateTable('groupJoinRequests')
      .set({ status: 'approved', decidedAt: now, decidedBy: input.actor.kind === 'person' ? input.actor.id : null, decisionMessage: null })
      .where('groupId', '=', input.groupId)
      .where('userId', '=', user.id)
      .where('status', '=', 'pending')
      .execute()
    await audit(input.actor, loaded.group, 'member-added', { userId: user.id, role: input.role }, trx)
    return { ok: true, outcome: 'added' }
  })
}

// ——— Reads for the pages ———

/** Where a person stands with a group (the join button, the « demande en attente » note). */
export async function getMembershipState(groupId: string, userId: string, trx: Executor = db) {
  const [member, pending, blocked] = await Promise.all([
    membershipOf(groupId, userId, trx),
    trx
      .selectFrom('groupJoinRequests')
      .select(['id', 'createdAt'])
      .where('groupId', '=', groupId)
      .where('userId', '=', userId)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
    isBlocked(groupId, userId, trx),
  ])
  return { role: member?.role ?? null, pendingRequest: pending ?? null, blocked }
}

/** Pending requests of a group, oldest first, for its coordinators and admins; null for anyone else. */
export async function listPendingRequests(groupId: string, actor: Actor) {
  const loaded = await load(groupId, actor, db)
  if (!loaded || !allowed(loaded.actor, 'manage', loaded.group)) return null
  return db
    .selectFrom('groupJoinRequests')
    .innerJoin('users', 'users.id', 'groupJoinRequests.userId')
    .leftJoin('profiles', 'profiles.userId', 'groupJoinRequests.userId')
    .select([
      'groupJoinRequests.id',
      'groupJoinRequests.userId',
      'groupJoinRequests.message',
      'groupJoinRequests.createdAt',
      'users.name',
      'profiles.slug as profileSlug',
    ])
    .where('groupJoinRequests.groupId', '=', groupId)
    .where('groupJoinRequests.status', '=', 'pending')
    .orderBy('groupJoinRequests.createdAt')
    .execute()
}

/** People blocked from a group, for its coordinators and admins; null for anyone else. */
export async function listBlocked(groupId: string, actor: Actor) {
  const loaded = await load(groupId, actor, db)
  if (!loaded || !allowed(loaded.actor, 'manage', loaded.group)) return null
  return db
    .selectFrom('groupBlocks')
    .innerJoin('users', 'users.id', 'groupBlocks.userId')
    .select(['groupBlocks.userId', 'groupBlocks.blockedAt', 'groupBlocks.reason', 'users.name'])
    .where('groupBlocks.groupId', '=', groupId)
    .orderBy('groupBlocks.blockedAt', 'desc')
    .execute()
}

export type GroupMember = {
  userId: string
  name: string
  role: GroupMemberRole
  joinedAt: string
  /** The profile page, when this viewer may see it (`/membres/<slug>`). */
  profileSlug: string | null
}

/**
 * The members of a group, coordinators first, for a viewer who may see the group (null otherwise). Profile
 * visibility is respected as /membres/:slug decides it (`canSeeProfile`): a person whose profile this viewer may not
 * see is left out of the list and only counted in `hiddenCount`. The group's coordinators and admins see everyone
 * (they manage the members), still without a link to a profile they may not open.
 */
export async function listMembers(groupId: string, viewer: Viewer): Promise<{ members: GroupMember[]; hiddenCount: number } | null> {
  const group = await getGroupById(groupId)
  if (!group) return null
  const current = viewer.kind === 'person' ? ((await currentActor(viewer, groupId, db)) as PersonViewer) : viewer
  if (!allowed(current, 'view', group)) return null
  const managing = allowed(current, 'manage', group)
  const rows = await db
    .selectFrom('groupMemberships')
    .innerJoin('users', 'users.id', 'groupMemberships.userId')
    .leftJoin('profiles', 'profiles.userId', 'groupMemberships.userId')
    .select(['groupMemberships.userId', 'groupMemberships.role', 'groupMemberships.joinedAt', 'users.name', 'profiles.slug', 'profiles.visibility'])
    .where('groupMemberships.groupId', '=', groupId)
    // 'coordinator' sorts before 'member': coordinators first, then by name.
    .orderBy('groupMemberships.role', 'asc')
    .orderBy('users.name')
    .execute()
  const who = viewer.kind === 'person' ? { id: viewer.id } : null
  const members: GroupMember[] = []
  let hiddenCount = 0
  for (const row of rows) {
    const visible = row.slug !== null && canSeeProfile(viewer, { userId: row.userId, visibility: row.visibility ?? DEFAULT_VISIBILITY })
    if (!visible && !managing && row.userId !== who?.id) {
      hiddenCount++
      continue
    }
    members.push({ userId: row.userId, name: row.name, role: row.role, joinedAt: row.joinedAt, profileSlug: visible ? row.slug : null })
  }
  return { members, hiddenCount }
}

/**
 * The group offered to a person at sign-up and on the profile: the territory group of their territory. People carry
 * a territory (`users.territory_id`, chosen on the profile), not a commune, so this is the group of that territory;
 * null when they chose none. `isMember` tells whether they already belong to it.
 */
export async function suggestedGroupFor(userId: string, trx: Executor = db) {
  const row = await trx
    .selectFrom('users')
    .innerJoin('territories', 'territories.id', 'users.territoryId')
    .innerJoin('groups', 'groups.territorySlug', 'territories.slug')
    .leftJoin('groupMemberships', (join) =>
      join.onRef('groupMemberships.groupId', '=', 'groups.id').on('groupMemberships.userId', '=', userId),
    )
    .select(['groups.id', 'groups.slug', 'groups.name', 'groups.kind', 'groups.joinPolicy', 'groupMemberships.role'])
    .where('users.id', '=', userId)
    .executeTakeFirst()
  if (!row) return null
  const { role, ...group } = row
  return { ...group, isMember: role !== null }
}
