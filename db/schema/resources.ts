// Tables of the resources domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.
// biome-ignore lint/suspicious/noEmptyInterface: filled by the resources issue
export interface ResourceTables {}
