// Tables of the structures domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.
// biome-ignore lint/suspicious/noEmptyInterface: filled by the structures issue
export interface StructureTables {}
