import { db } from '#db/client.server.ts'
import type { ResourcesTable } from '#db/schema/resources.ts'
import { enqueueSearchUpdate } from '#search/outbox.server.ts'

// Test helper: writes a resource row the way the resources module does (row + outbox in one transaction), without
// going through its forms, so search tests only depend on the table.

let n = 0

export async function insertTestResource(
  overrides: Partial<Omit<ResourcesTable, 'status' | 'visibility' | 'version' | 'detailsJson'>> & {
    status?: 'draft' | 'pending' | 'published' | 'archived'
    visibility?: 'public' | 'members' | 'group'
    themes?: string[]
    /** The groups a `group` resource is for (`resource_groups`). */
    groups?: string[]
    detailsJson?: string
  } = {},
) {
  n++
  const now = new Date().toISOString()
  const id = overrides.id ?? `0193b000-0000-7000-8000-${String(process.pid % 10000).padStart(4, '0')}${String(n).padStart(8, '0')}`
  const { themes = [], groups = [], ...values } = overrides
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('resources')
      .values({
        id,
        slug: `ressource-test-${id.slice(-12)}`,
        type: 'initiative',
        title: `Ressource ${n}`,
        summary: '',
        bodyJson: '{"type":"doc","content":[]}',
        bodyHtml: '',
        bodyText: '',
        territory: 'departement',
        status: 'published',
        visibility: 'public',
        createdAt: now,
        updatedAt: now,
        publishedAt: now,
        ...values,
      })
      .execute()
    for (const theme of themes) await trx.insertInto('resourceThemes').values({ resourceId: id, themeId: theme }).execute()
    for (const groupId of groups) await trx.insertInto('resourceGroups').values({ resourceId: id, groupId }).execute()
    await enqueueSearchUpdate(trx, { type: 'resource', id, op: 'upsert' })
  })
  return id
}

export async function updateTestResource(id: string, values: Record<string, unknown>, op: 'upsert' | 'delete' = 'upsert') {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('resources').set(values as never).where('id', '=', id).execute()
    await enqueueSearchUpdate(trx, { type: 'resource', id, op })
  })
}
