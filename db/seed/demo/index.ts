import type { Kysely } from 'kysely'
import type { Database } from '../../schema.ts'
import { discussionsSeeder } from './discussions.ts'
import { eventsSeeder } from './events.ts'
import { groupsSeeder } from './groups.ts'
import { pathwaysSeeder } from './pathways.ts'
import { reportsSeeder } from './reports.ts'
import { resourcesDemoSeeder } from './resources.ts'
import { structuresSeeder } from './structures.ts'

export type DemoSeeder = {
  name: string
  seed: (db: Kysely<Database>, log: (line: string) => void) => Promise<void>
}

/**
 * Demo seeders run in this order after the demo accounts (db/seed/seed.server.ts). Each domain adds its own file in
 * this folder and one line here.
 */
// Structures before resources: demo resources belong to their authors' structures. Groups before resources too, so
// group-only demo content can name its groups.
export const DEMO_SEEDERS: DemoSeeder[] = [
  structuresSeeder,
  groupsSeeder,
  resourcesDemoSeeder,
  discussionsSeeder,
  eventsSeeder,
  reportsSeeder,
  pathwaysSeeder,
]
