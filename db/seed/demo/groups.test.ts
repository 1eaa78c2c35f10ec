import { expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { DEMO_USERS, seedDemoData } from '../seed.server.ts'
import { DEMO_CALAISIS_REQUEST, DEMO_COORDINATORS, DEMO_THEMATIC_GROUPS } from './groups.ts'

test('demo groups: three thematic groups, coordinators of four territories, territory members, a pending request in the Calaisis; idempotent', async () => {
  await seedDemoData(db)
  const snapshot = async () => ({
    groups: Number((await db.selectFrom('groups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    memberships: Number((await db.selectFrom('groupMemberships').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    requests: Number((await db.selectFrom('groupJoinRequests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).where('targetType', '=', 'group').executeTakeFirstOrThrow()).n),
  })
  const first = await snapshot()

  const thematic = await db.selectFrom('groups').select(['name', 'slug', 'joinPolicy']).where('kind', '=', 'thematic').execute()
  for (const group of DEMO_THEMATIC_GROUPS) expect(thematic).toContainEqual(expect.objectContaining({ name: group.name, joinPolicy: group.joinPolicy }))
  expect(thematic.map((g) => g.slug)).toEqual(expect.arrayContaining(['fonds-europeens', 'tiers-lieux', 'alimentation-durable']))

  const coordinators = await db
    .selectFrom('groupMemberships')
    .innerJoin('groups', 'groups.id', 'groupMemberships.groupId')
    .innerJoin('users', 'users.id', 'groupMemberships.userId')
    .select(['groups.slug', 'groups.kind', 'groups.name', 'users.email'])
    .where('groupMemberships.role', '=', 'coordinator')
    .execute()
  const territoryCoordinated = new Set(coordinators.filter((c) => c.kind === 'territory').map((c) => c.slug))
  expect(territoryCoordinated.size).toBeGreaterThanOrEqual(3)
  expect(coordinators).toContainEqual(expect.objectContaining({ slug: 'calaisis', email: DEMO_COORDINATORS.calaisis }))
  for (const group of DEMO_THEMATIC_GROUPS) {
    expect(coordinators).toContainEqual(expect.objectContaining({ name: group.name, email: DEMO_COORDINATORS[group.name] }))
  }

  // Every demo account belongs to its territory's group.
  for (const user of DEMO_USERS) {
    const row = await db
      .selectFrom('groupMemberships')
      .innerJoin('groups', 'groups.id', 'groupMemberships.groupId')
      .innerJoin('users', 'users.id', 'groupMemberships.userId')
      .select('groupMemberships.role')
      .where('users.email', '=', user.email)
      .where('groups.territorySlug', '=', user.territoryId)
      .executeTakeFirst()
    expect(row, user.email).toBeDefined()
  }

  const pending = await db
    .selectFrom('groupJoinRequests')
    .innerJoin('groups', 'groups.id', 'groupJoinRequests.groupId')
    .innerJoin('users', 'users.id', 'groupJoinRequests.userId')
    .select(['groups.slug', 'groups.joinPolicy', 'users.email', 'groupJoinRequests.message'])
    .where('groupJoinRequests.status', '=', 'pending')
    .execute()
  expect(pending).toContainEqual({ slug: 'calaisis', joinPolicy: 'request', email: DEMO_CALAISIS_REQUEST.email, message: DEMO_CALAISIS_REQUEST.message })
  // The Calaisis coordinator was told of it.
  const mail = await db.selectFrom('emailOutbox').select('template').where('toAddress', '=', DEMO_COORDINATORS.calaisis).where('template', '=', 'group-join-request').execute()
  expect(mail.length).toBeGreaterThanOrEqual(1)

  await seedDemoData(db)
  expect(await snapshot()).toEqual(first)
})
