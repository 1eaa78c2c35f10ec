import { type Executor, db } from '#db/client.server.ts'
import type { Theme } from '#db/schema/resources.ts'

/** The ESS themes, in their display order. */
export async function listThemes(options: { trx?: Executor } = {}): Promise<Theme[]> {
  return (options.trx ?? db).selectFrom('themes').selectAll().orderBy('position').execute()
}

