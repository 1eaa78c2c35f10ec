import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Database } from '#db/schema.ts'
import type { Actor, Viewer } from '#app/modules/auth/viewer.ts'
import { isAdmin } from '#app/modules/auth/viewer.ts'
import { visibleTo as eventVisibleTo } from '#app/modules/events/events.policy.ts'
import { visibleTo as resourceVisibleTo } from '#app/modules/resources/resources.policy.ts'
import type { NotificationKind } from './kinds.ts'

// Who is notified of what, and who still sees a notification (issue 17 §4, DESIGN.md §9). Pure.
//
// Each kind draws its recipients from sources (FANOUT_RULES): the people an event names (the replied-to author, the
// mentioned, the requester, the author), the followers of what the event is about, the people registered to an event.
// The sources are merged into one set: one notification per event per person, however many follows match. The actor
// is never notified of their own action. Every recipient is then checked against the target's own policy at the
// moment of the fan-out (`mayNotify`), and again whenever the notification is shown (`readableBy`, the same rules as
// SQL): a member who left a group between the event and the display no longer sees it, and the unread count agrees.

export type RecipientSource = 'named' | 'followers' | 'registered'

export const FANOUT_RULES: Record<NotificationKind, readonly RecipientSource[]> = {
  reply: ['named'],
  mention: ['named'],
  join_decision: ['named'],
  review_decision: ['named'],
  new_resource: ['followers'],
  call_closing: ['followers'],
  event_changed: ['registered', 'followers'],
  event_cancelled: ['registered', 'followers'],
  reaction: ['named'],
}

/** The recipients of an event: every source its kind uses, merged (each person once), without the actor. */
export function planRecipients(
  kind: NotificationKind,
  sources: Partial<Record<RecipientSource, Iterable<string>>>,
  actorId: string | null,
): string[] {
  const out = new Set<string>()
  for (const source of FANOUT_RULES[kind]) for (const id of sources[source] ?? []) out.add(id)
  if (actorId) out.delete(actorId)
  return [...out].sort()
}

/** What a group notice needs of a group. */
export type GroupNoticeItem = { id: string; hidden: boolean }

/**
 * A notice about a group (a join decision) is shown to its members, admins, and anyone while the group is not hidden
 * (its name and its page's door are public even when its content is for members).
 */
export function canSeeGroupNotice(viewer: Viewer | Actor, group: GroupNoticeItem): boolean {
  if (viewer.kind === 'system' || isAdmin(viewer)) return true
  if (viewer.kind === 'person' && viewer.groups.has(group.id)) return true
  return !group.hidden
}

/**
 * The notifications a viewer may see, as a Kysely condition on `notifications`: its target must be readable by the
 * viewer now, through the target's own policy (resources, events: their `visibleTo`; groups: `canSeeGroupNotice`).
 * The page and the unread count both use it.
 */
export function readableBy(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'notifications'>): Expression<SqlBool> => {
    const resources = eb
      .selectFrom('resources')
      .select('resources.id')
      .whereRef('resources.id', '=', 'notifications.targetId')
      .where((inner) => resourceVisibleTo(viewer)(inner as unknown as ExpressionBuilder<Database, 'resources'>))
    const events = eb
      .selectFrom('events')
      .select('events.id')
      .whereRef('events.id', '=', 'notifications.targetId')
      .where((inner) => eventVisibleTo(viewer)(inner as unknown as ExpressionBuilder<Database, 'events'>))
    const memberGroups = viewer.kind === 'person' ? [...viewer.groups.keys()] : []
    const groups = eb
      .selectFrom('groups')
      .select('groups.id')
      .whereRef('groups.id', '=', 'notifications.targetId')
      .where((inner) =>
        isAdmin(viewer)
          ? sql<SqlBool>`1 = 1`
          : inner.or([inner('groups.hidden', '=', 0), ...(memberGroups.length > 0 ? [inner('groups.id', 'in', memberGroups)] : [])]),
      )
    return eb.or([
      eb.and([eb('notifications.targetType', '=', 'resource'), eb.exists(resources)]),
      eb.and([eb('notifications.targetType', '=', 'event'), eb.exists(events)]),
      eb.and([eb('notifications.targetType', '=', 'group'), eb.exists(groups)]),
    ])
  }
}
