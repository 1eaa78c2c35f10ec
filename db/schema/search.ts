// Tables of the search domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.
// biome-ignore lint/suspicious/noEmptyInterface: filled by the search issue
export interface SearchTables {}
