// Tables of the indicators domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

/**
 * Statistics, not content: the reads of a funding call's page per Paris day (`2026-11-05`). No person, no IP. Written
 * by a GET (the page), so the issue-18 crawl's « no GET changes the database » checksum leaves out `*_stats` tables.
 */
export interface ResourceViewStatsTable {
  resourceId: string
  day: string
  views: number
}

export interface IndicatorTables {
  resourceViewStats: ResourceViewStatsTable
}
