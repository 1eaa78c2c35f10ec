// Tables of the curation domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export interface ResourceValidationsTable {
  resourceId: string
  /** Null once the validator's account is deleted. */
  validatedBy: string | null
  validatedAt: string
  reviewBy: string
  substanceEditedAt: string | null
  staleIndexedAt: string | null
}

export interface FeaturedResourcesTable {
  id: string
  resourceId: string
  /** Null: the home page. */
  groupId: string | null
  position: number
  endsAt: string | null
  createdBy: string | null
  createdAt: string
}

export interface CurationTables {
  resourceValidations: ResourceValidationsTable
  featuredResources: FeaturedResourcesTable
}
