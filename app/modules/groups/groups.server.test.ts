import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import { GROUP_MESSAGES, type GroupInput, createGroup, getGroupById, getGroupBySlug, updateGroup } from './groups.server.ts'

const SYSTEM = systemActor('test')

function input(overrides: Partial<GroupInput> = {}): GroupInput {
  return {
    name: `Groupe test ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Un groupe thématique créé pour les tests.',
    joinPolicy: 'open',
    pageVisibility: 'public',
    hidden: false,
    ...overrides,
  }
}

async function admin() {
  const user = await createTestUser({ role: 'admin' })
  return personViewer(user)
}

async function pendingRequest(groupId: string) {
  const user = await createTestUser()
  await db
    .insertInto('groupJoinRequests')
    .values({ id: crypto.randomUUID(), groupId, userId: user.id, message: 'Bonjour', createdAt: new Date().toISOString(), decidedAt: null, decidedBy: null, decisionMessage: null })
    .execute()
  return user
}

describe('createGroup', () => {
  test('an admin creates a thematic group; its slug is unique and never a route word; audited', async () => {
    const actor = await admin()
    const name = `Tiers-lieux ${Math.random().toString(36).slice(2, 6)}`
    const first = await createGroup({ actor, input: input({ name }) })
    const second = await createGroup({ actor, input: input({ name }) })
    if (!first.ok || !second.ok) throw new Error('expected ok')
    expect(first.group).toMatchObject({ kind: 'thematic', territorySlug: null, joinPolicy: 'open', hidden: 0, version: 1 })
    expect(second.group.slug).toBe(`${first.group.slug}-2`)
    expect(await getGroupBySlug(first.group.slug)).toEqual(first.group)
    expect(await getGroupById(first.group.id)).toEqual(first.group)

    const reserved = await createGroup({ actor, input: input({ name: 'Nouveau' }) })
    const invitations = await createGroup({ actor, input: input({ name: 'Invitations' }) })
    if (!reserved.ok || !invitations.ok) throw new Error('expected ok')
    expect(reserved.group.slug).toMatch(/^nouveau-groupe/)
    expect(invitations.group.slug).toMatch(/^invitations-groupe/)
    // A thematic group named after a territory does not take the territory group's slug.
    const calaisis = await createGroup({ actor, input: input({ name: 'Calaisis' }) })
    if (!calaisis.ok) throw new Error('expected ok')
    expect(calaisis.group.slug).toMatch(/^calaisis-\d+$/)

    const audit = await db.selectFrom('auditLog').selectAll().where('targetId', '=', first.group.id).execute()
    expect(audit).toMatchObject([{ action: 'group.created', actorId: actor.id }])
  })

  test('a member cannot create a group; a hidden group must be invitation only; names are checked', async () => {
    const member = personViewer(await createTestUser())
    expect(await createGroup({ actor: member, input: input() })).toEqual({ ok: false, reason: 'forbidden' })
    const hidden = await createGroup({ actor: SYSTEM, input: input({ hidden: true, joinPolicy: 'request' }) })
    expect(hidden).toEqual({ ok: false, reason: 'invalid', fieldErrors: { joinPolicy: [GROUP_MESSAGES.hiddenInvitationOnly] } })
    const blank = await createGroup({ actor: SYSTEM, input: input({ name: '   ', description: 'x'.repeat(2001) }) })
    expect(blank.ok === false && blank.reason === 'invalid' && Object.keys(blank.fieldErrors).sort()).toEqual(['description', 'name'])
    const ok = await createGroup({ actor: SYSTEM, input: input({ hidden: true, joinPolicy: 'invitation', pageVisibility: 'members' }) })
    expect(ok.ok && ok.group.hidden).toBe(1)
  })
})

describe('updateGroup', () => {
  test('optimistic version: a stale edit is a conflict and writes nothing; the slug stays on rename', async () => {
    const actor = await admin()
    const created = await createGroup({ actor, input: input() })
    if (!created.ok) throw new Error('expected ok')
    const saved = await updateGroup({ id: created.group.id, actor, expectedVersion: 1, input: input({ name: 'Nouveau nom' }) })
    if (!saved.ok) throw new Error('expected ok')
    expect(saved.group).toMatchObject({ name: 'Nouveau nom', slug: created.group.slug, version: 2 })
    const stale = await updateGroup({ id: created.group.id, actor, expectedVersion: 1, input: input({ name: 'Autre nom' }) })
    expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { version: 2 } })
    expect((await getGroupById(created.group.id))?.name).toBe('Nouveau nom')
    expect(await updateGroup({ id: 'inconnu', actor, expectedVersion: 1, input: input() })).toEqual({ ok: false, reason: 'not-found' })
  })

  test('a coordinator or a member cannot change the settings', async () => {
    const created = await createGroup({ actor: SYSTEM, input: input() })
    if (!created.ok) throw new Error('expected ok')
    const user = await createTestUser()
    const coordinator = personViewer(user, { groups: [[created.group.id, 'coordinator']] })
    expect(await updateGroup({ id: created.group.id, actor: coordinator, expectedVersion: 1, input: input() })).toEqual({
      ok: false,
      reason: 'forbidden',
    })
  })

  test('request → open approves the pending requests: members, emails, audit, in one go', async () => {
    const actor = await admin()
    const created = await createGroup({ actor, input: input({ joinPolicy: 'request' }) })
    if (!created.ok) throw new Error('expected ok')
    const [a, b] = [await pendingRequest(created.group.id), await pendingRequest(created.group.id)]
    const saved = await updateGroup({ id: created.group.id, actor, expectedVersion: 1, input: input({ joinPolicy: 'open' }) })
    if (!saved.ok) throw new Error('expected ok')
    expect(saved.settled).toEqual({ approved: 2, refused: 0 })
    const members = await db.selectFrom('groupMemberships').select(['userId', 'role']).where('groupId', '=', created.group.id).execute()
    expect(members.map((m) => m.userId).sort()).toEqual([a.id, b.id].sort())
    const requests = await db.selectFrom('groupJoinRequests').selectAll().where('groupId', '=', created.group.id).execute()
    expect(requests.every((r) => r.status === 'approved' && r.decidedBy === actor.id)).toBe(true)
    const mail = await db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', a.email).execute()
    expect(mail.map((m) => m.template)).toEqual(['group-join-approved'])
    const audit = await db.selectFrom('auditLog').select('action').where('targetId', '=', created.group.id).execute()
    expect(audit.filter((r) => r.action === 'group.request-approved')).toHaveLength(2)
  })

  test('request → invitation (hidden) refuses the pending requests with a French message', async () => {
    const created = await createGroup({ actor: SYSTEM, input: input({ joinPolicy: 'request' }) })
    if (!created.ok) throw new Error('expected ok')
    const requester = await pendingRequest(created.group.id)
    const saved = await updateGroup({
      id: created.group.id,
      actor: SYSTEM,
      expectedVersion: 1,
      input: input({ joinPolicy: 'invitation', hidden: true }),
    })
    if (!saved.ok) throw new Error('expected ok')
    expect(saved.settled).toEqual({ approved: 0, refused: 1 })
    const request = await db.selectFrom('groupJoinRequests').selectAll().where('userId', '=', requester.id).executeTakeFirstOrThrow()
    expect(request).toMatchObject({ status: 'refused', decisionMessage: GROUP_MESSAGES.closedByPolicyChange })
    expect(await db.selectFrom('groupMemberships').select('userId').where('groupId', '=', created.group.id).execute()).toEqual([])
    const [mail] = await db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', requester.email).execute()
    expect(mail.template).toBe('group-join-refused')
    expect(mail.textBody).toContain('que sur invitation')
    const audit = await db.selectFrom('auditLog').select(['action', 'dataJson']).where('targetId', '=', created.group.id).execute()
    const refused = audit.find((r) => r.action === 'group.request-refused')
    expect(JSON.parse(refused?.dataJson ?? '{}')).toMatchObject({ userId: requester.id, system: 'test' })
  })

  test('editing without changing the policy leaves the pending requests alone', async () => {
    const created = await createGroup({ actor: SYSTEM, input: input({ joinPolicy: 'request' }) })
    if (!created.ok) throw new Error('expected ok')
    const requester = await pendingRequest(created.group.id)
    const saved = await updateGroup({ id: created.group.id, actor: SYSTEM, expectedVersion: 1, input: input({ joinPolicy: 'request', description: 'Autre' }) })
    expect(saved.ok && saved.settled).toEqual({ approved: 0, refused: 0 })
    const request = await db.selectFrom('groupJoinRequests').select('status').where('userId', '=', requester.id).executeTakeFirstOrThrow()
    expect(request.status).toBe('pending')
  })
})
