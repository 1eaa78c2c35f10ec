import type { Generated, Selectable } from 'kysely'

// Tables of the resources domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type ResourceType = 'initiative' | 'bonne-pratique' | 'formation' | 'financement-europeen'
export type ResourceStatus = 'draft' | 'pending' | 'published' | 'archived'
export type ResourceVisibility = 'public' | 'members' | 'group'

export interface ThemesTable {
  id: string
  slug: string
  name: string
  position: number
}

export interface ResourcesTable {
  id: string
  slug: string
  type: ResourceType
  title: string
  summary: string
  bodyJson: string
  bodyHtml: string
  bodyText: string
  /** A territory slug, or 'departement' for the whole of Pas-de-Calais. */
  territory: string
  status: Generated<ResourceStatus>
  visibility: Generated<ResourceVisibility>
  /** Null once the author's account is deleted. */
  authorId: string | null
  /** Optimistic locking: incremented by every save. */
  version: Generated<number>
  createdAt: string
  updatedAt: string
  publishedAt: string | null
  deletedAt: string | null
  /** Set while the resource is hidden after reports, until a coordinator decides (app/modules/reports). */
  hiddenAt: string | null
  programme: string | null
  /** ISO-8601 UTC instants. */
  openingDate: string | null
  deadline: string | null
  amountMin: number | null
  amountMax: number | null
  cofinancingRate: number | null
  managingBody: string | null
  officialUrl: string | null
  provider: string | null
  format: string | null
  cost: string | null
  registrationUrl: string | null
  /** yyyy-mm-dd */
  startDate: string | null
  externalId: string | null
  /** JSON object with the kind's other fields. */
  detailsJson: Generated<string>
  /** When the scheduled job saw the deadline pass (migration 20261203T155000); null while open. */
  closedAt: string | null
}

export interface ResourceThemesTable {
  resourceId: string
  themeId: string
}

export interface TrainingSessionsTable {
  id: string
  resourceId: string
  /** yyyy-mm-dd */
  startsOn: string
  endsOn: string
  communeInsee: string | null
}

export interface RevisionsTable {
  id: string
  resourceId: string
  authorId: string | null
  createdAt: string
  note: string | null
  title: string
  summary: string
  bodyJson: string
  bodyText: string
  /** JSON of the other fields at that revision (kind fields, themes, territory, sessions). */
  snapshotJson: string
}

export interface AttachmentsTable {
  id: string
  /** Null between the upload and the save of the resource it belongs to. */
  resourceId: string | null
  uploaderId: string | null
  originalName: string
  storedName: string
  mime: string
  size: number
  createdAt: string
}

/** The structures a resource belongs to (an initiative's carrying structures), in the order the author chose. */
export interface ResourceStructuresTable {
  resourceId: string
  structureId: string
  position: Generated<number>
}

/**
 * The groups a `group` resource is for (its members read it). No foreign key to `groups` yet: that table arrives
 * with the groups issue.
 */
export interface ResourceGroupsTable {
  resourceId: string
  groupId: string
}

export type ResourceReviewEvent = 'submitted' | 'approved' | 'changes_requested' | 'refused'

/** The review of first contributions: one row per step (entered the queue, then the decision, with its note). */
export interface ResourceReviewsTable {
  id: string
  resourceId: string
  /** Null for the system, or once the account is deleted. */
  actorId: string | null
  event: ResourceReviewEvent
  note: Generated<string>
  createdAt: string
}

/** The creation page's key (one per page load) → the draft its first autosave made, across retries and processes. */
export interface ResourceDraftKeysTable {
  personId: string
  draftKey: string
  /** Null while the first request is creating the draft. */
  resourceId: string | null
  createdAt: string
}

export interface ResourceTables {
  themes: ThemesTable
  resources: ResourcesTable
  resourceThemes: ResourceThemesTable
  trainingSessions: TrainingSessionsTable
  revisions: RevisionsTable
  attachments: AttachmentsTable
  resourceStructures: ResourceStructuresTable
  resourceGroups: ResourceGroupsTable
  resourceReviews: ResourceReviewsTable
  resourceDraftKeys: ResourceDraftKeysTable
}

export type ResourceRow = Selectable<ResourcesTable>
export type Theme = Selectable<ThemesTable>
export type Revision = Selectable<RevisionsTable>
export type Attachment = Selectable<AttachmentsTable>
export type TrainingSession = Selectable<TrainingSessionsTable>
