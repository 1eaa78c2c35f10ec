import type { Viewer } from '#app/modules/auth/viewer.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { notFound } from '#app/utils/http.server.ts'
import { type GroupPage, getGroupPage, getTerritoryGroupPage } from './pages.server.ts'

// The group of a URL and who is looking, for the group pages' loaders: a group the viewer may not see is a 404, the
// same as one that does not exist (DESIGN.md §9). Remix runs a layout's loader and its child's in parallel, so each
// page of a group calls this itself.

/** The thematic group at /groupes/:slug (a territory group lives at /territoires/:slug). */
export async function loadGroupForViewer(request: Request, slug: string | undefined): Promise<{ viewer: Viewer; group: GroupPage }> {
  const viewer = await getViewer(request)
  const group = slug ? await getGroupPage(slug, viewer) : null
  if (!group) notFound()
  return { viewer, group }
}

/** The group of the territory at /territoires/:slug. */
export async function loadTerritoryGroupForViewer(
  request: Request,
  territorySlug: string | undefined,
): Promise<{ viewer: Viewer; group: GroupPage }> {
  const viewer = await getViewer(request)
  const group = territorySlug ? await getTerritoryGroupPage(territorySlug, viewer) : null
  if (!group) notFound()
  return { viewer, group }
}

/** The viewer's role in the group, or null. */
export function roleIn(viewer: Viewer, group: { id: string }) {
  return viewer.kind === 'person' ? (viewer.groups.get(group.id) ?? null) : null
}

/** The `?page=` of a list (1 when absent or not a positive whole number; lists clamp it to their last page). */
export function pageParam(request: Request): number {
  const value = Number(new URL(request.url).searchParams.get('page'))
  return Number.isInteger(value) && value > 0 ? value : 1
}
