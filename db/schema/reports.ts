import type { Generated } from 'kysely'

// Tables of the reports domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type ReportTargetKind = 'resource' | 'discussion_post' | 'comment'
export type ReportReason = 'spam' | 'abuse' | 'misinformation' | 'personal_data' | 'other'
export type ReportStatus = 'open' | 'dismissed' | 'upheld'

export interface ReportsTable {
  id: string
  targetKind: ReportTargetKind
  targetId: string
  /** Null once the reporter's account is deleted. */
  reporterId: string | null
  reason: ReportReason
  details: Generated<string>
  status: Generated<ReportStatus>
  createdAt: string
  decidedAt: string | null
  decidedBy: string | null
  decisionNote: string | null
}

export interface ReportTables {
  reports: ReportsTable
}
