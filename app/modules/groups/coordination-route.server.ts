import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { z } from 'zod'
import type { PersonViewer, Viewer } from '#app/modules/auth/viewer.ts'
import { formatDateFr } from '#app/utils/dates-fr.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import { plainText } from '#app/utils/text.ts'
import { COORDINATION_MESSAGES, GroupInviteSchema } from './coordination-schema.ts'
import { can } from './groups.policy.ts'
import {
  MEMBERSHIP_MESSAGES,
  MESSAGE_MAX,
  approveRequest,
  blockMember,
  inviteByEmail,
  listBlocked,
  listMembers,
  listPendingInvitations,
  listPendingRequests,
  refuseRequest,
  removeMember,
  revokeInvitation,
  setGroupRole,
  unblockMember,
} from './memberships.server.ts'
import { type GroupPage, groupPath } from './pages.server.ts'
import { featuredAction, isFeaturedIntent, loadFeaturedManager, mayManageFeatured } from '#app/modules/curation/featured-route.server.ts'

// The Coordination tab of a group (both layouts): pending requests, invitations, members, blocks. For the group's
// coordinators and admins only; anyone else gets the 404 of a page that does not exist. The memberships module checks
// every write again; each of its refusals becomes a French message here, never a 500.


/** The group's Coordination page, or a 404 for anyone who may not manage it (the same 404 as an unknown group). */
export function requireCoordination(viewer: Viewer, group: GroupPage): PersonViewer {
  if (viewer.kind !== 'person' || !can(viewer, 'manage', group)) notFound()
  return viewer
}

/** `url`: the page's address (the « À la une du groupe » section reads its title search from it). */
export async function loadCoordination(viewer: Viewer, group: GroupPage, url?: URL) {
  const person = requireCoordination(viewer, group)
  const place = { groupId: group.id }
  const [requests, invitations, members, blocked, featured] = await Promise.all([
    listPendingRequests(group.id, person),
    listPendingInvitations(group.id, person),
    listMembers(group.id, person),
    listBlocked(group.id, person),
    // Coordinators (verified) and admins: curation.policy.ts mayFeatureOnGroup.
    mayManageFeatured(person, place) ? loadFeaturedManager(person, place, url ?? new URL('http://localhost/')) : null,
  ])
  // The module says null for anyone who may not manage the group (a role removed since the viewer was built).
  if (!requests || !invitations || !members || !blocked) notFound()
  return {
    group: { name: group.name },
    isAdmin: can(person, 'appointCoordinator', group),
    viewerId: person.id,
    requests: requests.map((r) => ({ id: r.id, name: r.name, message: r.message, created: formatDateFr(r.createdAt), createdAt: r.createdAt })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expires: formatDateFr(i.expiresAt) })),
    members: members.members.map((m) => ({ id: m.userId, name: m.name, role: m.role, joined: formatDateFr(m.joinedAt) })),
    blocked: blocked.map((b) => ({ id: b.userId, name: b.name, reason: b.reason, since: formatDateFr(b.blockedAt) })),
    featured,
  }
}

const optionalMessage = plainText(z.string().trim().max(MESSAGE_MAX, MEMBERSHIP_MESSAGES.messageTooLong).optional().default(''), { multiline: true })

const DecisionSchema = z.object({ id: z.string().min(1).max(100), message: optionalMessage })
const InvitationIdSchema = z.object({ id: z.string().min(1).max(100) })
const MemberSchema = z.object({ userId: z.string().min(1).max(100) })
const BlockSchema = z.object({ userId: z.string().min(1).max(100), reason: optionalMessage })
const RoleSchema = z.object({ userId: z.string().min(1).max(100), role: z.enum(['member', 'coordinator']) })

export type CoordinationActionData =
  | { invite: SubmissionResult<string[]> }
  | { section: 'requests' | 'invitations' | 'members' | 'blocked'; error: string; id?: string }

function sectionError(section: 'requests' | 'invitations' | 'members' | 'blocked', error: string, id?: string, status = 400) {
  return data<CoordinationActionData>({ section, error, id }, { status })
}

/** The Coordination tab's action: one intent per form. */
export async function coordinationAction(request: Request, viewer: Viewer, group: GroupPage) {
  const actor = requireCoordination(viewer, group)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const here = `${groupPath(group)}/coordination`
  const fields = Object.fromEntries(formData)

  // « À la une du groupe »: the shared featured action (the same as /admin/une's), which checks the policy itself.
  if (isFeaturedIntent(intent)) return featuredAction(formData, { viewer: actor, place: { groupId: group.id }, here })

  if (intent === 'invite') {
    const submission = parseWithZod(formData, { schema: GroupInviteSchema })
    if (submission.status !== 'success') return data<CoordinationActionData>({ invite: submission.reply() }, { status: 400 })
    const { email, role } = submission.value
    if (role === 'coordinator' && !can(actor, 'appointCoordinator', group)) {
      return data<CoordinationActionData>({ invite: submission.reply({ fieldErrors: { role: [COORDINATION_MESSAGES.coordinatorOnlyByAdmin] } }) }, { status: 403 })
    }
    const result = await inviteByEmail({ groupId: group.id, actor, email, role })
    if (result.ok) return redirectWithFlash(here, 'group-invitation-sent')
    if (result.reason === 'not-found' || result.reason === 'forbidden') notFound()
    const message =
      result.reason === 'invalid'
        ? COORDINATION_MESSAGES.emailInvalid
        : result.reason === 'already-member'
          ? COORDINATION_MESSAGES.alreadyMember
          : result.reason === 'already-invited'
            ? COORDINATION_MESSAGES.alreadyInvited
            : COORDINATION_MESSAGES.blocked
    return data<CoordinationActionData>({ invite: submission.reply({ fieldErrors: { email: [message] } }) }, { status: 400 })
  }

  if (intent === 'approve' || intent === 'refuse') {
    const parsed = DecisionSchema.safeParse(fields)
    if (!parsed.success) {
      const id = typeof fields.id === 'string' ? fields.id : undefined
      return sectionError('requests', parsed.error.issues[0]?.message ?? MEMBERSHIP_MESSAGES.messageTooLong, id)
    }
    const decide = intent === 'approve' ? approveRequest : refuseRequest
    const result = await decide({ requestId: parsed.data.id, actor, message: parsed.data.message })
    if (result.ok) return redirectWithFlash(here, intent === 'approve' ? 'group-request-approved' : 'group-request-refused')
    if (result.reason === 'invalid') return sectionError('requests', result.message, parsed.data.id)
    if (result.reason === 'forbidden') notFound()
    return sectionError('requests', COORDINATION_MESSAGES.requestGone)
  }

  if (intent === 'revoke-invitation') {
    const parsed = InvitationIdSchema.safeParse(fields)
    if (!parsed.success) badRequest()
    const result = await revokeInvitation({ groupId: group.id, invitationId: parsed.data.id, actor })
    if (result.ok) return redirectWithFlash(here, 'group-invitation-revoked')
    if (result.reason === 'forbidden') notFound()
    return sectionError('invitations', COORDINATION_MESSAGES.invitationGone)
  }

  if (intent === 'remove' || intent === 'block') {
    const parsed = BlockSchema.safeParse(fields)
    if (!parsed.success) {
      const id = typeof fields.userId === 'string' ? fields.userId : undefined
      return sectionError('members', parsed.error.issues[0]?.message ?? MEMBERSHIP_MESSAGES.messageTooLong, id)
    }
    const { userId, reason } = parsed.data
    const result =
      intent === 'remove' ? await removeMember({ groupId: group.id, userId, actor }) : await blockMember({ groupId: group.id, userId, actor, reason })
    if (result.ok) return redirectWithFlash(here, intent === 'remove' ? 'group-member-removed' : 'group-member-blocked')
    switch (result.reason) {
      case 'self':
        return sectionError('members', COORDINATION_MESSAGES.self, userId)
      case 'not-member':
        return sectionError('members', COORDINATION_MESSAGES.notMember, userId)
      case 'forbidden':
        // A coordinator trying to touch another coordinator (the page offers no button for it).
        return sectionError('members', COORDINATION_MESSAGES.coordinatorOnlyByAdmin, userId, 403)
      case 'not-found':
        return sectionError('members', COORDINATION_MESSAGES.notMember, userId)
    }
  }

  if (intent === 'unblock') {
    const parsed = MemberSchema.safeParse(fields)
    if (!parsed.success) badRequest()
    const result = await unblockMember({ groupId: group.id, userId: parsed.data.userId, actor })
    if (result.ok) return redirectWithFlash(here, 'group-member-unblocked')
    if (result.reason === 'forbidden') notFound()
    return sectionError('blocked', COORDINATION_MESSAGES.notBlocked)
  }

  if (intent === 'set-role') {
    const parsed = RoleSchema.safeParse(fields)
    if (!parsed.success) badRequest()
    const result = await setGroupRole({ groupId: group.id, userId: parsed.data.userId, role: parsed.data.role, actor })
    if (result.ok) return redirectWithFlash(here, 'group-role-changed')
    if (result.reason === 'forbidden') return sectionError('members', COORDINATION_MESSAGES.coordinatorOnlyByAdmin, parsed.data.userId, 403)
    return sectionError('members', COORDINATION_MESSAGES.notMember, parsed.data.userId)
  }

  return badRequest()
}
