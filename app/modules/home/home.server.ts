import type { Viewer } from '#app/modules/auth/viewer.ts'
import { eventListItems } from '#app/modules/events/event-list.server.ts'
import { listEvents } from '#app/modules/events/events.server.ts'
import { searchForUser } from '#app/modules/search/search.server.ts'
import { searchParamsSchema } from '#search/search.schema.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'

// The home page's live blocks, each through the module that owns the policy: open funding calls through the search
// (what this viewer may find: public only when signed out), upcoming events through the events module (visibleTo).

export const HOME_CALLS = 4
export const HOME_EVENTS = 3

export type HomeCall = { id: string; href: string; title: string; deadline: string | null; deadlineLabel: string | null }

/** Open funding calls, closing soonest first (calls without a deadline last). */
export async function openCallsClosingSoonest(viewer: Viewer, options: { now?: Date; limit?: number } = {}): Promise<HomeCall[]> {
  const params = searchParamsSchema.parse({ state: ['open'], kind: ['resource'], sort: 'deadline', perPage: options.limit ?? HOME_CALLS })
  const result = await searchForUser(viewer, params, { facets: [], record: false, now: options.now })
  return result.hits.map((hit) => ({
    id: hit.document.id,
    href: `/ressources/${hit.document.slug}`,
    title: hit.document.title,
    deadline: hit.document.deadline,
    deadlineLabel: hit.document.deadline ? `Clôture le ${formatDateTimeFr(hit.document.deadline)}` : null,
  }))
}

export async function upcomingEvents(viewer: Viewer, territories: readonly { slug: string; name: string }[], options: { now?: Date; limit?: number } = {}) {
  const events = await listEvents({ viewer, when: 'upcoming', limit: options.limit ?? HOME_EVENTS, now: options.now })
  return eventListItems(events, territories)
}
