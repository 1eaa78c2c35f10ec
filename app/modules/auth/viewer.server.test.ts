import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { newId } from '#app/utils/ids.server.ts'
import { viewerById, viewerForUser } from './viewer.server.ts'

async function insertGroup(territorySlug: string | null) {
  const id = newId()
  const now = new Date().toISOString()
  await db
    .insertInto('groups')
    .values({
      id,
      slug: `groupe-${id}`,
      name: 'Groupe',
      kind: territorySlug ? 'territory' : 'thematic',
      territorySlug,
      createdAt: now,
      updatedAt: now,
    })
    .execute()
  return id
}

/** The territory group created at first start (seedReferenceData) for a territory. */
async function territoryGroupOf(slug: string): Promise<string> {
  return (await db.selectFrom('groups').select('id').where('territorySlug', '=', slug).executeTakeFirstOrThrow()).id
}

describe('viewer groups', () => {
  test('the nine territory groups exist from the first start: slug = territory slug, open, public', async () => {
    const groups = await db.selectFrom('groups').select(['slug', 'territorySlug', 'joinPolicy', 'pageVisibility']).where('kind', '=', 'territory').execute()
    const territories = await db.selectFrom('territories').select('slug').execute()
    expect(groups).toHaveLength(9)
    expect(groups.map((g) => g.slug).sort()).toEqual(territories.map((t) => t.slug).sort())
    for (const g of groups) expect(g).toMatchObject({ territorySlug: g.slug, joinPolicy: 'open', pageVisibility: 'public' })
  })

  test('a person’s viewer holds their groups with their roles, and the territories they coordinate', async () => {
    const user = await createTestUser()
    const territory = 'calaisis'
    const territoryGroup = await territoryGroupOf(territory)
    const thematic = await insertGroup(null)
    const elsewhere = await insertGroup(null)
    const now = new Date().toISOString()
    await db
      .insertInto('groupMemberships')
      .values([
        { groupId: territoryGroup, userId: user.id, role: 'coordinator', joinedAt: now },
        { groupId: thematic, userId: user.id, role: 'member', joinedAt: now },
      ])
      .execute()
    const other = await createTestUser()
    await db.insertInto('groupMemberships').values({ groupId: elsewhere, userId: other.id, role: 'coordinator', joinedAt: now }).execute()

    const viewer = await viewerForUser(user)
    expect([...viewer.groups].sort()).toEqual(
      [
        [territoryGroup, 'coordinator'],
        [thematic, 'member'],
      ].sort(),
    )
    expect([...viewer.coordinates]).toEqual([territory])
    // Coordinating a thematic group coordinates no territory.
    expect([...(await viewerForUser(other)).coordinates]).toEqual([])
  })

  test('leaving a group ends it on the next request (nothing cached across requests)', async () => {
    const user = await createTestUser()
    const group = await insertGroup(null)
    await db.insertInto('groupMemberships').values({ groupId: group, userId: user.id, role: 'member', joinedAt: new Date().toISOString() }).execute()
    expect((await viewerById(user.id))?.groups.get(group)).toBe('member')
    await db.deleteFrom('groupMemberships').where('groupId', '=', group).where('userId', '=', user.id).execute()
    expect((await viewerById(user.id))?.groups.has(group)).toBe(false)
  })
})
