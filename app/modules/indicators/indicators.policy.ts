import { type Actor, isAdmin, type Viewer } from '#app/modules/auth/viewer.ts'
import { isCoordinator } from '#app/modules/pathways/pathways.policy.ts'
import type { IndicatorScope, IndicatorTableInfo } from './indicators.ts'

// Who reads which indicators (DESIGN.md §9): admins and verified coordinators (of a territory or of a group) get the
// full dashboard, counted over what they may read; everybody else, anonymous visitors included, the public summary,
// counted over public content only. Pure.

export function indicatorScope(viewer: Viewer | Actor): IndicatorScope {
  return isAdmin(viewer) || isCoordinator(viewer) ? 'full' : 'public'
}

/** A table (its page section, its CSV file) is readable in the viewer's scope: a full-only table is a 404 otherwise. */
export function mayReadTable(viewer: Viewer | Actor, table: Pick<IndicatorTableInfo, 'public'>): boolean {
  return table.public || indicatorScope(viewer) === 'full'
}
