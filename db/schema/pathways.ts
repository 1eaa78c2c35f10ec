import type { Generated } from 'kysely'

// Tables of the pathways domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type PathwayStatus = 'draft' | 'published'
export type PathwayStepKind = 'resource' | 'event' | 'link'

export interface PathwaysTable {
  id: string
  slug: string
  title: string
  introJson: string
  introHtml: Generated<string>
  introText: Generated<string>
  nextSteps: Generated<string>
  contactId: string | null
  territorySlug: string | null
  groupId: string | null
  status: Generated<PathwayStatus>
  publishedAt: string | null
  createdBy: string | null
  createdAt: string
  updatedAt: string
}

export interface PathwayStepsTable {
  id: string
  pathwayId: string
  position: number
  kind: PathwayStepKind
  resourceId: string | null
  eventId: string | null
  url: string | null
  linkTitle: string | null
  note: Generated<string>
  createdAt: string
}

export interface PathwayProgressTable {
  userId: string
  stepId: string
  doneAt: string
}

export interface PathwayTables {
  pathways: PathwaysTable
  pathwaySteps: PathwayStepsTable
  pathwayProgress: PathwayProgressTable
}
