import { type Executor, db } from '#db/client.server.ts'
import type { Viewer } from '#app/modules/auth/viewer.ts'
import { can } from './groups.policy.ts'
import { getGroupById, toPolicyGroup } from './groups.server.ts'
import { suggestedGroupFor } from './memberships.server.ts'
import { groupPath } from './pages.server.ts'
import type { GroupSuggestion } from './suggestion.ts'

// At sign-up (once the address is confirmed) and on the profile, people are offered the group of their territory
// (issue 12; the territory is `users.territory_id`, chosen on the profile). Offered only when the person could act on
// it: not a member yet, not blocked, no request pending, and a group one may join (open) or ask to join (on request).
// The groups policy decides, as for the buttons of the group page.

export async function getGroupSuggestion(viewer: Viewer, trx: Executor = db): Promise<GroupSuggestion | null> {
  if (viewer.kind !== 'person') return null
  const suggested = await suggestedGroupFor(viewer.id, trx)
  if (!suggested || suggested.isMember) return null
  const group = await getGroupById(suggested.id, trx)
  if (!group) return null
  const blocked = Boolean(
    await trx.selectFrom('groupBlocks').select('userId').where('groupId', '=', group.id).where('userId', '=', viewer.id).executeTakeFirst(),
  )
  const policyGroup = toPolicyGroup(group)
  const base = { groupId: group.id, name: group.name, path: groupPath(group) }
  if (can(viewer, 'join', policyGroup, blocked)) return { ...base, action: 'join' }
  if (!can(viewer, 'request', policyGroup, blocked)) return null
  const pending = await trx
    .selectFrom('groupJoinRequests')
    .select('id')
    .where('groupId', '=', group.id)
    .where('userId', '=', viewer.id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return pending ? null : { ...base, action: 'request' }
}
