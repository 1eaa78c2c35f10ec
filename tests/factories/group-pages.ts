import { db } from '#db/client.server.ts'
import type { GroupJoinPolicy, GroupMemberRole, GroupPageVisibility } from '#db/schema/groups.ts'
import { newId } from '#app/utils/ids.server.ts'

// Groups for the read-side tests (pages, figures, lists), inserted straight into the database: the writes module
// (groups.server.ts) has its own tests. Every group has a unique slug, so a worker's database can hold many.

let counter = 0

export type TestGroup = { id: string; slug: string; name: string; territorySlug: string | null }

/** A thematic group (open and public unless told otherwise; a hidden group is invitation only). */
export async function createTestGroup(
  options: { name?: string; joinPolicy?: GroupJoinPolicy; pageVisibility?: GroupPageVisibility; hidden?: boolean; description?: string } = {},
): Promise<TestGroup> {
  counter++
  const suffix = `${counter}-${Math.random().toString(36).slice(2, 6)}`
  const now = new Date().toISOString()
  const group = {
    id: newId(),
    slug: `groupe-test-${suffix}`,
    name: options.name ?? `Groupe test ${suffix}`,
    description: options.description ?? 'Un groupe thématique créé pour les tests.',
    kind: 'thematic' as const,
    territorySlug: null,
    joinPolicy: options.hidden ? ('invitation' as const) : (options.joinPolicy ?? 'open'),
    pageVisibility: options.pageVisibility ?? 'public',
    hidden: options.hidden ? 1 : 0,
    coverKey: null,
    createdAt: now,
    updatedAt: now,
  }
  await db.insertInto('groups').values(group).execute()
  return { id: group.id, slug: group.slug, name: group.name, territorySlug: null }
}

/** The territory group of a territory (created by the seed). */
export async function territoryGroup(territorySlug: string): Promise<TestGroup> {
  return db
    .selectFrom('groups')
    .select(['id', 'slug', 'name', 'territorySlug'])
    .where('territorySlug', '=', territorySlug)
    .executeTakeFirstOrThrow()
}

export async function addTestGroupMember(groupId: string, userId: string, role: GroupMemberRole = 'member') {
  await db.insertInto('groupMemberships').values({ groupId, userId, role, joinedAt: new Date().toISOString() }).execute()
}

/** Makes a resource group-only for the given group (visibility `group`, linked in resource_groups). */
export async function restrictToGroup(resourceId: string, groupId: string) {
  await db.updateTable('resources').set({ visibility: 'group' }).where('id', '=', resourceId).execute()
  await db.insertInto('resourceGroups').values({ resourceId, groupId }).execute()
}
