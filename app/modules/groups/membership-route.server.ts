import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { z } from 'zod'
import type { Viewer } from '#app/modules/auth/viewer.ts'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { plainText } from '#app/utils/text.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import { can } from './groups.policy.ts'
import { MEMBERSHIP_MESSAGES, MESSAGE_MAX, getMembershipState, joinGroup, leaveGroup, requestToJoin, withdrawRequest } from './memberships.server.ts'
import { type GroupPage, groupPath } from './pages.server.ts'

// The viewer's own membership on a group page (both layouts, /groupes/:slug and /territoires/:slug): what the panel
// shows, and the action behind its buttons (join, request, withdraw, leave with a confirmation step). Each refusal of
// the memberships module becomes a French message; nothing here decides who may do what.

export const GROUP_MEMBERSHIP_MESSAGES = {
  blocked: 'Vous ne pouvez pas rejoindre ce groupe.',
  alreadyMember: 'Vous êtes déjà membre de ce groupe.',
  alreadyPending: 'Votre demande pour rejoindre ce groupe attend déjà la réponse de la coordination.',
  unverified: 'Confirmez votre adresse électronique avec le lien reçu par courriel pour rejoindre ce groupe.',
  notOpen: 'Ce groupe n’accueille pas de nouveaux membres de cette façon : rechargez la page pour voir comment le rejoindre.',
  noRequest: 'Vous n’avez pas de demande en attente pour ce groupe.',
  notMember: 'Vous n’êtes pas membre de ce groupe.',
} as const

export type MembershipPanelData =
  | { kind: 'anonymous'; loginHref: string; joinPolicy: GroupPage['joinPolicy'] }
  | { kind: 'unverified'; joinPolicy: GroupPage['joinPolicy'] }
  | { kind: 'member'; role: 'member' | 'coordinator' }
  | { kind: 'blocked' }
  | { kind: 'pending'; since: string }
  | { kind: 'open' | 'request' | 'invitation' }

/** What the membership panel of a group page shows to this viewer. */
export async function membershipPanelData(viewer: Viewer, group: GroupPage, request: Request): Promise<MembershipPanelData> {
  if (viewer.kind === 'anonymous') {
    const url = new URL(request.url)
    return { kind: 'anonymous', joinPolicy: group.joinPolicy, loginHref: `/connexion?redirectTo=${encodeURIComponent(url.pathname)}` }
  }
  const state = await getMembershipState(group.id, viewer.id)
  if (state.role) return { kind: 'member', role: state.role }
  if (!viewer.verified) return { kind: 'unverified', joinPolicy: group.joinPolicy }
  if (state.blocked) return { kind: 'blocked' }
  if (state.pendingRequest) return { kind: 'pending', since: state.pendingRequest.createdAt }
  return { kind: group.hidden ? 'invitation' : group.joinPolicy }
}

export const JoinRequestSchema = z.object({
  message: plainText(z.string().trim().max(MESSAGE_MAX, MEMBERSHIP_MESSAGES.messageTooLong).optional().default('')),
})

export type MembershipActionData =
  | { panel: 'error'; message: string }
  | { panel: 'request'; errors: string[]; message: string }
  | { panel: 'confirm-leave' }

function failure(message: string, status = 400) {
  return data<MembershipActionData>({ panel: 'error', message }, { status })
}

/**
 * The action of a group layout: `intent` is join, request, withdraw or leave (leave asks first: without `confirm`,
 * it answers with the confirmation step). The group was loaded for this viewer (a group they may not see is a 404).
 */
export async function membershipAction(request: Request, group: GroupPage, options: { back?: string } = {}) {
  const viewer = await requirePerson(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  // A member sees the group's page; a requester comes back where they asked (a members-only page is a 404 to them).
  const page = groupPath(group)
  const here = options.back ?? page

  if (intent === 'join') {
    const result = await joinGroup({ groupId: group.id, actor: viewer })
    if (result.ok) return redirectWithFlash(page, 'group-joined')
    if (result.reason === 'not-found') notFound()
    if (result.reason === 'blocked') return failure(GROUP_MEMBERSHIP_MESSAGES.blocked, 403)
    return failure(viewer.verified ? GROUP_MEMBERSHIP_MESSAGES.notOpen : GROUP_MEMBERSHIP_MESSAGES.unverified, 403)
  }

  if (intent === 'request') {
    const submission = parseWithZod(formData, { schema: JoinRequestSchema })
    if (submission.status !== 'success') {
      const typed = String(formData.get('message') ?? '').slice(0, 5000)
      return data<MembershipActionData>({ panel: 'request', errors: submission.error?.message ?? [], message: typed }, { status: 400 })
    }
    const result = await requestToJoin({ groupId: group.id, actor: viewer, message: submission.value.message })
    if (result.ok) return redirectWithFlash(here, 'group-join-requested')
    switch (result.reason) {
      case 'not-found':
        return notFound()
      case 'invalid':
        return data<MembershipActionData>({ panel: 'request', errors: [result.message], message: submission.value.message }, { status: 400 })
      case 'blocked':
        return failure(GROUP_MEMBERSHIP_MESSAGES.blocked, 403)
      case 'already-member':
        return failure(GROUP_MEMBERSHIP_MESSAGES.alreadyMember)
      case 'already-pending':
        return failure(GROUP_MEMBERSHIP_MESSAGES.alreadyPending)
      case 'forbidden':
        return failure(viewer.verified ? GROUP_MEMBERSHIP_MESSAGES.notOpen : GROUP_MEMBERSHIP_MESSAGES.unverified, 403)
    }
  }

  if (intent === 'withdraw') {
    const result = await withdrawRequest({ groupId: group.id, actor: viewer })
    return result.ok ? redirectWithFlash(here, 'group-request-withdrawn') : failure(GROUP_MEMBERSHIP_MESSAGES.noRequest)
  }

  if (intent === 'leave') {
    if (formData.get('confirm') !== 'oui') return data<MembershipActionData>({ panel: 'confirm-leave' })
    const result = await leaveGroup({ groupId: group.id, actor: viewer })
    if (!result.ok) return failure(GROUP_MEMBERSHIP_MESSAGES.notMember)
    // The page may be for members only: after leaving, back to the list of groups rather than to a 404.
    const after = can({ ...viewer, groups: new Map() }, 'view', group) ? page : '/groupes'
    return redirectWithFlash(after, result.wasLastCoordinator ? 'group-left-last-coordinator' : 'group-left')
  }

  return badRequest()
}
