import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { seedDemoData } from '../seed.server.ts'
import { pickDemoStructure } from './resources.ts'

describe('demo resources and structures', () => {
  test('pickDemoStructure: a structure of the territory the author belongs to, sharing themes (any for an initiative)', () => {
    const structures = [
      { slug: 'a', territoryId: 'ternois', themes: ['culture'], memberIds: ['u1'] },
      { slug: 'b', territoryId: 'ternois', themes: ['culture', 'sport'], memberIds: ['u1'] },
      { slug: 'c', territoryId: 'ternois', themes: ['sport'], memberIds: ['u2'] },
      { slug: 'd', territoryId: 'calaisis', themes: ['sport'], memberIds: ['u1'] },
    ]
    expect(pickDemoStructure({ type: 'formation', territory: 'ternois', themes: ['culture', 'sport'] }, 'u1', structures)).toBe('b')
    expect(pickDemoStructure({ type: 'formation', territory: 'ternois', themes: ['habitat'] }, 'u1', structures)).toBeNull()
    expect(pickDemoStructure({ type: 'initiative', territory: 'ternois', themes: ['habitat'] }, 'u1', structures)).toBe('a')
    expect(pickDemoStructure({ type: 'formation', territory: 'departement', themes: ['sport'] }, 'u1', structures)).toBe('b')
    expect(pickDemoStructure({ type: 'initiative', territory: 'artois', themes: ['sport'] }, 'u1', structures)).toBeNull()
  })

  test('seeded: resources linked to structures of their territory whose members their authors are', async () => {
    await seedDemoData(db)
    const links = await db
      .selectFrom('resourceStructures')
      .innerJoin('resources', 'resources.id', 'resourceStructures.resourceId')
      .innerJoin('structures', 'structures.id', 'resourceStructures.structureId')
      .leftJoin('structureMembers', (join) =>
        join.onRef('structureMembers.structureId', '=', 'structures.id').onRef('structureMembers.userId', '=', 'resources.authorId'),
      )
      .select(['resources.type', 'resources.territory', 'structures.territoryId', 'structureMembers.userId as member'])
      .where('resources.externalId', 'like', 'demo-%')
      .execute()
    expect(links.length).toBeGreaterThanOrEqual(15)
    expect(links.filter((l) => l.type === 'initiative').length).toBeGreaterThan(0)
    for (const link of links) {
      expect(link.member).not.toBeNull()
      if (link.territory !== 'departement') expect(link.territoryId).toBe(link.territory)
    }
  })
})
