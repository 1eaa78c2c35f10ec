import type { Viewer } from '#app/modules/auth/viewer.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { eventListItems } from './event-list.server.ts'
import { canCreateFor } from './events.policy.ts'
import { listEvents } from './events.server.ts'

/** Upcoming events on a group's events tab at most (a group's own agenda stays far below; /agenda has them all). */
const TAB_LIMIT = 50

/**
 * A group's events tab: its upcoming events (organised by it or for its members) that this viewer may read
 * (`listEvents` → the events policy), soonest first, and how many past ones there are.
 */
export async function groupEventsTab(group: { id: string; slug: string }, viewer: Viewer) {
  const [upcoming, past, territories] = await Promise.all([
    listEvents({ viewer, when: 'upcoming', groupId: group.id, limit: TAB_LIMIT }),
    listEvents({ viewer, when: 'past', groupId: group.id, limit: 1 }),
    listTerritories(),
  ])
  return {
    items: await eventListItems(upcoming, territories),
    hasPast: past.length > 0,
    agendaHref: `/agenda?groupe=${encodeURIComponent(group.slug)}`,
    /** « Proposer un événement » for those who may organise one for this group (its coordinators, admins). */
    proposeHref: canCreateFor(viewer, { groupId: group.id, structureId: null }) ? `/agenda/nouveau?organisateur=${encodeURIComponent(`group:${group.id}`)}` : null,
  }
}
