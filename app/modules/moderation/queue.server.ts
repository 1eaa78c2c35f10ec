import { type PersonViewer, isAdmin } from '#app/modules/auth/viewer.ts'
import { revalidationQueueSource } from '#app/modules/curation/validations.server.ts'
import { reportsQueueSource } from '#app/modules/reports/queue-source.server.ts'
import { RESOURCE_TYPE_LABELS } from '#app/modules/resources/resources.schema.ts'
import { countPendingResources, listPendingResources } from '#app/modules/resources/review.server.ts'
import { db } from '#db/client.server.ts'
import type { QueueItem, QueueKind, QueueSource } from './queue.ts'

// The sources of the one moderation queue (queue.ts): first contributions to review, reports, and the join requests
// of the groups a person coordinates. Each source scopes its items itself; this module only gathers and sorts them.

const reviewsQueueSource: QueueSource = {
  kind: 'relecture',
  label: 'Relectures',
  async list(viewer, options) {
    const pending = await listPendingResources(viewer, { territory: options.territory })
    return pending.map(
      (r): QueueItem => ({
        kind: 'relecture',
        id: r.id,
        title: r.title,
        href: `/moderation/relecture/${r.id}`,
        summary: `${RESOURCE_TYPE_LABELS[r.type]} proposée par ${r.authorName ?? 'un compte supprimé'}`,
        territory: r.territory,
        since: r.since,
      }),
    )
  },
  count: (viewer) => countPendingResources(viewer),
}

/** The groups whose join requests this person decides on: those they coordinate; admins, all (null). */
function coordinatedGroups(viewer: PersonViewer): string[] | null {
  if (isAdmin(viewer)) return null
  return [...viewer.groups].flatMap(([id, role]) => (role === 'coordinator' ? [id] : []))
}

function joinRequestsQuery(viewer: PersonViewer, territory: string | null | undefined) {
  const groups = coordinatedGroups(viewer)
  let query = db
    .selectFrom('groupJoinRequests')
    .innerJoin('groups', 'groups.id', 'groupJoinRequests.groupId')
    .innerJoin('users', 'users.id', 'groupJoinRequests.userId')
    .where('groupJoinRequests.status', '=', 'pending')
  if (groups) query = query.where('groupJoinRequests.groupId', 'in', groups.length ? groups : ['\u0000'])
  if (territory) query = query.where('groups.territorySlug', '=', territory)
  return query
}

const joinRequestsQueueSource: QueueSource = {
  kind: 'adhesion',
  label: 'Demandes d’adhésion',
  async list(viewer, options) {
    if (!viewer.verified) return []
    const rows = await joinRequestsQuery(viewer, options.territory)
      .select(['groupJoinRequests.id', 'groupJoinRequests.createdAt', 'groups.slug', 'groups.name', 'groups.territorySlug', 'users.name as userName'])
      .orderBy('groupJoinRequests.createdAt')
      .orderBy('groupJoinRequests.id')
      .execute()
    return rows.map(
      (r): QueueItem => ({
        kind: 'adhesion',
        id: r.id,
        title: `Demande d’adhésion de ${r.userName}`,
        href: `/groupes/${r.slug}/coordination`,
        summary: `Groupe ${r.name}`,
        territory: r.territorySlug,
        since: r.createdAt,
      }),
    )
  },
  async count(viewer) {
    if (!viewer.verified) return 0
    const row = await joinRequestsQuery(viewer, null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  },
}

export const QUEUE_SOURCES: readonly QueueSource[] = [reviewsQueueSource, reportsQueueSource, joinRequestsQueueSource, revalidationQueueSource]

/** The open items this person may decide on, oldest first; `kind` and `territory` narrow the list. */
export async function listQueue(viewer: PersonViewer, options: { kind?: QueueKind | null; territory?: string | null } = {}): Promise<QueueItem[]> {
  const sources = QUEUE_SOURCES.filter((s) => !options.kind || s.kind === options.kind)
  const lists = await Promise.all(sources.map((s) => s.list(viewer, { territory: options.territory ?? null })))
  return lists.flat().sort((a, b) => a.since.localeCompare(b.since) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id))
}

/** How many open items this person may decide on (the header's « Modération (n) »). */
export async function countQueue(viewer: PersonViewer): Promise<number> {
  const counts = await Promise.all(QUEUE_SOURCES.map((s) => s.count(viewer)))
  return counts.reduce((sum, n) => sum + n, 0)
}
