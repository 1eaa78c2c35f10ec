import { db } from '#db/client.server.ts'
import type { GroupPageVisibility } from '#db/schema/groups.ts'
import { newId } from '#app/utils/ids.server.ts'

let counter = 0

/** Inserts a thematic group straight into the database (a hidden group is invitation only, as the schema wants). */
export async function createTestGroup(options: { pageVisibility?: GroupPageVisibility; hidden?: boolean; name?: string } = {}) {
  counter++
  const now = new Date().toISOString()
  const suffix = `${counter}-${Math.random().toString(36).slice(2, 8)}`
  const row = {
    id: newId(),
    slug: `groupe-${suffix}`,
    name: options.name ?? `Groupe ${suffix}`,
    kind: 'thematic' as const,
    territorySlug: null,
    joinPolicy: options.hidden ? ('invitation' as const) : ('open' as const),
    pageVisibility: options.pageVisibility ?? 'public',
    hidden: options.hidden ? 1 : 0,
    coverKey: null,
    createdAt: now,
    updatedAt: now,
  }
  await db.insertInto('groups').values(row).execute()
  return { ...row, hidden: Boolean(options.hidden) }
}

export async function addTestMember(groupId: string, userId: string, role: 'member' | 'coordinator' = 'member') {
  await db.insertInto('groupMemberships').values({ groupId, userId, role, joinedAt: new Date().toISOString() }).execute()
}
