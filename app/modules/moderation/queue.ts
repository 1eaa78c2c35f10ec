import type { PersonViewer } from '#app/modules/auth/viewer.ts'

// The one moderation queue (/moderation, issue 14) gathers items from several modules. Each module that brings items
// (first contributions to review, reports, join requests, validations to check again) exports one `QueueSource`;
// app/modules/moderation/queue.server.ts lists them. A source scopes its items itself, through the policies of
// DESIGN.md §9: a coordinator sees what belongs to the territories and groups they coordinate, an admin sees all,
// anyone else sees nothing. Decisions are taken on each item's own page (`href`), never in the list.

export type QueueKind = 'relecture' | 'signalement' | 'adhesion' | 'revalidation'

export type QueueItem = {
  kind: QueueKind
  /** Unique within its kind. */
  id: string
  /** What the item is about, as shown in the list (a resource title, « Demande d’adhésion de … »). */
  title: string
  /** The page where a coordinator reads the item and decides. */
  href: string
  /** One line of context in French (« Signalé 3 fois : contenu publicitaire », « Validation échue le 2 mars 2027 »). */
  summary: string
  /** Territory slug the item belongs to, when it has one (for the territory filter). */
  territory: string | null
  /** ISO date the item entered the queue (oldest first in the list). */
  since: string
}

export type QueueSource = {
  kind: QueueKind
  /** French label of the kind, for the filter and the counts (« Relectures », « Signalements »…). */
  label: string
  /** Open items this person may decide on, oldest first. `territory` narrows to one territory slug. */
  list(viewer: PersonViewer, options: { territory?: string | null }): Promise<QueueItem[]>
  /** How many open items this person may decide on (for the header count). */
  count(viewer: PersonViewer): Promise<number>
}
