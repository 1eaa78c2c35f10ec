import type { PersonViewer } from '#app/modules/auth/viewer.ts'
import type { QueueItem, QueueSource } from '#app/modules/moderation/queue.ts'
import { countFr } from '#app/utils/plural.ts'
import { reasonLabel } from './reports.policy.ts'
import { listOpenCases, type OpenCase } from './reports.server.ts'

// The reports' part of the one moderation queue (app/modules/moderation/queue.ts): one item per reported content with
// open reports, scoped like the decisions (admins all; coordinators the resources of their territories and the
// posts of the groups they coordinate). Decided on /moderation/signalements/:id.

function summaryOf(open: OpenCase): string {
  const reasons = [...new Set(open.reasons)].map((r) => reasonLabel(r).toLocaleLowerCase('fr-FR'))
  const times = countFr(open.reasons.length, 'fois', 'fois')
  const hidden = open.target.hidden ? ' — masqué en attente de modération' : ''
  return `Signalé ${times} : ${reasons.join(', ')}${hidden}`
}

function itemOf(open: OpenCase): QueueItem {
  return {
    kind: 'signalement',
    id: open.id,
    title: open.target.kind === 'resource' ? `Ressource : ${open.target.title}` : open.target.title,
    href: `/moderation/signalements/${open.id}`,
    summary: summaryOf(open),
    territory: open.target.territory,
    since: open.since,
  }
}

export const reportsQueueSource: QueueSource = {
  kind: 'signalement',
  label: 'Signalements',
  async list(viewer: PersonViewer, options: { territory?: string | null }) {
    const cases = await listOpenCases(viewer)
    const items = cases.map(itemOf)
    return options.territory ? items.filter((item) => item.territory === options.territory) : items
  },
  async count(viewer: PersonViewer) {
    return (await listOpenCases(viewer)).length
  },
}
