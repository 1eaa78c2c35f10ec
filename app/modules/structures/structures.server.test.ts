import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { actorOf, addTestMember, createTestStructure, structureInput } from '#tests/factories/structures.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { STRUCTURE_MESSAGES } from './structures.schema.ts'
import {
  createStructure,
  deleteStructure,
  getStructureBySlug,
  listPublicStructures,
  listStructureMembers,
  listStructures,
  setLabel,
  signCharter,
  updateStructure,
} from './structures.server.ts'

const SYSTEM = systemActor('test')

describe('createStructure', () => {
  test('creator becomes owner; territory derived from the commune; themes kept; search outbox row in the same write', async () => {
    const owner = await createTestUser({ name: 'Jeanne Créatrice' })
    const result = await createStructure({
      actor: await actorOf(owner),
      input: structureInput({ name: 'Énergie Citoyenne Arras', themes: ['numerique', 'inconnu', 'culture'], siret: '73282932000074' }),
    })
    if (!result.ok) throw new Error('expected ok')
    expect(result.structure.slug).toBe('energie-citoyenne-arras')
    expect(result.structure.territoryId).toBe((await db.selectFrom('communes').select('territoryId').where('insee', '=', '62041').executeTakeFirstOrThrow()).territoryId)
    const details = await getStructureBySlug('energie-citoyenne-arras')
    expect(details?.communeName).toBe('Arras')
    expect(details?.themes.map((t) => t.slug).sort()).toEqual(['culture', 'numerique'])
    const members = await db.selectFrom('structureMembers').selectAll().where('structureId', '=', result.structure.id).execute()
    expect(members).toEqual([expect.objectContaining({ userId: owner.id, role: 'owner' })])
    const outbox = await db.selectFrom('searchOutbox').selectAll().where('entityId', '=', result.structure.id).execute()
    expect(outbox).toEqual([expect.objectContaining({ entityType: 'structure', operation: 'upsert' })])
    expect(await db.selectFrom('profiles').select('slug').where('userId', '=', owner.id).executeTakeFirst()).toBeTruthy()
  })

  test('same name twice gets a distinct slug; same SIRET or RNA twice is a French field error', async () => {
    const { structure } = await createTestStructure({ input: { name: 'Doublon', rna: 'W623000001' } })
    const second = await createStructure({ actor: await actorOf(await createTestUser()), input: structureInput({ name: 'Doublon' }) })
    expect(second.ok && second.structure.slug).toBe(`${structure.slug}-2`)
    const third = await createStructure({ actor: await actorOf(await createTestUser()), input: structureInput({ rna: 'W623000001' }) })
    expect(third).toEqual({ ok: false, reason: 'invalid', fieldErrors: { rna: [STRUCTURE_MESSAGES.rnaTaken] } })
  })

  test('update keeps its own SIRET and replaces themes', async () => {
    const { structure } = await createTestStructure({ input: { siret: '44306184100047', themes: ['sport'] } })
    const result = await updateStructure({
      id: structure.id,
      expectedVersion: 1,
      actor: SYSTEM,
      input: structureInput({ name: 'Nouveau nom', siret: '44306184100047', themes: ['habitat'] }),
    })
    expect(result.ok).toBe(true)
    const details = await getStructureBySlug(structure.slug)
    expect(details?.name).toBe('Nouveau nom')
    expect(details?.themes.map((t) => t.slug)).toEqual(['habitat'])
  })
})

describe('charter and label', () => {
  test('charter signature dated once; label granted by an admin with an audit log entry, withdrawn likewise', async () => {
    const { structure, owner } = await createTestStructure()
    await signCharter({ structureId: structure.id, actor: await actorOf(owner), now: new Date('2026-03-01T10:00:00Z') })
    await signCharter({ structureId: structure.id, actor: await actorOf(owner), now: new Date('2026-04-01T10:00:00Z') })
    const admin = await createTestUser({ role: 'admin' })
    await setLabel({ structureId: structure.id, actor: await actorOf(admin), granted: true, now: new Date('2026-05-01T10:00:00Z') })
    let row = await db.selectFrom('structures').selectAll().where('id', '=', structure.id).executeTakeFirstOrThrow()
    expect(row.charterSignedAt).toBe('2026-03-01T10:00:00.000Z')
    expect(row.labelGrantedAt).toBe('2026-05-01T10:00:00.000Z')
    expect(row.labelGrantedBy).toBe(admin.id)
    await setLabel({ structureId: structure.id, actor: await actorOf(admin), granted: false })
    row = await db.selectFrom('structures').selectAll().where('id', '=', structure.id).executeTakeFirstOrThrow()
    expect(row.labelGrantedAt).toBeNull()
    const audit = await db.selectFrom('auditLog').selectAll().where('targetId', '=', structure.id).orderBy('createdAt').execute()
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['structure.charter-signed', owner.id],
      ['structure.label-granted', admin.id],
      ['structure.label-withdrawn', admin.id],
    ])
    expect(JSON.parse(audit[1].dataJson)).toMatchObject({ label: 'Labellisée ESS Pas-de-Calais' })
  })
})

describe('directory', () => {
  test('filters by name, legal form, theme, badge, territory; sorts; paginates', async () => {
    const tag = `zq${Math.random().toString(36).slice(2, 7)}`
    const { structure: a } = await createTestStructure({ input: { name: `${tag} Alpha`, legalForm: 'scop', themes: ['culture'] } })
    const { structure: b } = await createTestStructure({ input: { name: `${tag} Bêta`, legalForm: 'association', communeInsee: '62193' } })
    const { structure: c, owner } = await createTestStructure({ input: { name: `${tag} Gamma`, legalForm: 'scop' } })
    await signCharter({ structureId: c.id, actor: await actorOf(owner) })
    const base = { q: tag, tri: 'nom' as const, page: 1 }
    const names = async (query: Record<string, unknown>) =>
      (await listStructures({ ...base, ...query })).items.map((i) => i.name.replace(`${tag} `, ''))
    expect(await names({})).toEqual(['Alpha', 'Bêta', 'Gamma'])
    expect(await names({ q: `${tag} BETA` })).toEqual(['Bêta'])
    expect(await names({ forme: 'scop' })).toEqual(['Alpha', 'Gamma'])
    expect(await names({ theme: 'culture' })).toEqual(['Alpha'])
    expect(await names({ badge: 'charte' })).toEqual(['Gamma'])
    expect(await names({ badge: 'label' })).toEqual([])
    expect(b.territoryId).not.toBe(a.territoryId)
    expect(await names({ territoire: await territorySlug(b.territoryId) })).toEqual(['Bêta'])
    expect(await names({ tri: 'recent' })).toEqual(['Gamma', 'Bêta', 'Alpha'])
    const page2 = await listStructures({ ...base, page: 2 }, { pageSize: 2 })
    expect(page2).toMatchObject({ total: 3, page: 2, pageCount: 2 })
    expect(page2.items.map((i) => i.id)).toEqual([c.id])
    // A page beyond the end shows the last one.
    expect((await listStructures({ ...base, page: 99 }, { pageSize: 2 })).page).toBe(2)
  })

  test('open data view: contact details only when the structure shows them', async () => {
    const hidden = await createTestStructure({ input: { contactEmail: 'cache@exemple.fr', contactPhone: '0321000000' } })
    const shown = await createTestStructure({ input: { contactEmail: 'public@exemple.fr', showContact: true } })
    const all = await listPublicStructures({ limit: 10_000, offset: 0 })
    const byslug = new Map(all.map((s) => [s.slug, s]))
    expect(byslug.get(hidden.structure.slug)).toMatchObject({ contactEmail: null, contactPhone: null })
    expect(byslug.get(shown.structure.slug)).toMatchObject({ contactEmail: 'public@exemple.fr' })
    expect(JSON.stringify(all)).not.toContain(hidden.owner.id)
  })
})

describe('members listed on a structure page', () => {
  test('public profiles to everyone, members-only to logged-in viewers, hidden to managers only', async () => {
    const { structure, owner } = await createTestStructure()
    await db.updateTable('profiles').set({ visibility: 'public' }).where('userId', '=', owner.id).execute()
    const { addTestMember } = await import('#tests/factories/structures.ts')
    const { ensureProfile } = await import('#app/modules/people/people.server.ts')
    const membersOnly = await createTestUser()
    const hidden = await createTestUser()
    for (const [user, visibility] of [
      [membersOnly, 'members'],
      [hidden, 'hidden'],
    ] as const) {
      await addTestMember(structure.id, user.id)
      await ensureProfile(user)
      await db.updateTable('profiles').set({ visibility }).where('userId', '=', user.id).execute()
    }
    const member = await actorOf(await createTestUser())
    const unverified = await actorOf(await createTestUser({ emailVerifiedAt: null }))
    const ids = async (options: Parameters<typeof listStructureMembers>[1]) =>
      (await listStructureMembers(structure.id, options)).map((m) => m.userId).sort()
    expect(await ids({ viewer: ANONYMOUS })).toEqual([owner.id])
    // « Membres » profiles: verified members only, as every audience of the site (people.policy.ts).
    expect(await ids({ viewer: unverified })).toEqual([owner.id])
    expect(await ids({ viewer: member })).toEqual([owner.id, membersOnly.id].sort())
    expect(await ids({ viewer: member, everyone: true })).toEqual([owner.id, membersOnly.id, hidden.id].sort())
    const all = await listStructureMembers(structure.id, { viewer: member, everyone: true })
    expect(all.find((m) => m.userId === hidden.id)?.profileSlug).toBeNull()
  })
})

async function territorySlug(id: string) {
  return (await db.selectFrom('territories').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug
}

describe('every structure write checks the actor itself (a route that forgot cannot let a non-owner through)', () => {
  const FORBIDDEN = { ok: false, reason: 'forbidden' }
  async function setting() {
    const { structure, owner } = await createTestStructure()
    const member = await createTestUser()
    await addTestMember(structure.id, member.id, 'member')
    const stranger = await createTestUser()
    return { structure, owner, refused: [await actorOf(member), await actorOf(stranger)] }
  }
  const row = (id: string) => db.selectFrom('structures').selectAll().where('id', '=', id).executeTakeFirst()

  test('updateStructure: a member or a stranger is refused, nothing written; the owner and the system may', async () => {
    const { structure, owner, refused } = await setting()
    for (const actor of refused) {
      expect(await updateStructure({ id: structure.id, expectedVersion: 1, actor, input: structureInput({ name: 'Piratée' }) })).toEqual(FORBIDDEN)
    }
    expect(await row(structure.id)).toMatchObject({ name: structure.name, version: 1 })
    expect((await updateStructure({ id: structure.id, expectedVersion: 1, actor: await actorOf(owner), input: structureInput() })).ok).toBe(true)
    expect((await updateStructure({ id: structure.id, expectedVersion: 2, actor: SYSTEM, input: structureInput() })).ok).toBe(true)
  })

  test('a stale version is a conflict: nothing written, the current version told', async () => {
    const { structure, owner } = await setting()
    const actor = await actorOf(owner)
    expect((await updateStructure({ id: structure.id, expectedVersion: 1, actor, input: structureInput({ name: 'Première' }) })).ok).toBe(true)
    const stale = await updateStructure({ id: structure.id, expectedVersion: 1, actor, input: structureInput({ name: 'Seconde' }) })
    expect(stale).toMatchObject({ ok: false, reason: 'conflict', message: STRUCTURE_MESSAGES.conflict, current: { version: 2 } })
    expect(await row(structure.id)).toMatchObject({ name: 'Première', version: 2 })
  })

  test('deleteStructure', async () => {
    const { structure, owner, refused } = await setting()
    for (const actor of refused) expect(await deleteStructure({ id: structure.id, actor })).toEqual(FORBIDDEN)
    expect(await row(structure.id)).toBeTruthy()
    expect(await deleteStructure({ id: structure.id, actor: await actorOf(owner) })).toEqual({ ok: true })
    expect(await row(structure.id)).toBeUndefined()
  })

  test('setLabel: only admins (and the system); an owner cannot label their own structure', async () => {
    const { structure, owner, refused } = await setting()
    for (const actor of [...refused, await actorOf(owner)]) {
      expect(await setLabel({ structureId: structure.id, actor, granted: true })).toEqual(FORBIDDEN)
    }
    expect((await row(structure.id))?.labelGrantedAt).toBeNull()
    expect(await setLabel({ structureId: structure.id, actor: SYSTEM, granted: true })).toEqual({ ok: true })
    const audit = await db.selectFrom('auditLog').selectAll().where('targetId', '=', structure.id).executeTakeFirstOrThrow()
    expect([audit.actorId, JSON.parse(audit.dataJson).system]).toEqual([null, 'test'])
  })

  test('signCharter: only an owner, in person', async () => {
    const { structure, refused } = await setting()
    for (const actor of [...refused, SYSTEM]) expect(await signCharter({ structureId: structure.id, actor })).toEqual(FORBIDDEN)
    expect((await row(structure.id))?.charterSignedAt).toBeNull()
  })

  test('createStructure: an unconfirmed address may not create; the system creates without owner', async () => {
    const unverified = await createTestUser({ emailVerifiedAt: null })
    expect(await createStructure({ actor: await actorOf(unverified), input: structureInput() })).toEqual(FORBIDDEN)
    const result = await createStructure({ actor: SYSTEM, input: structureInput() })
    if (!result.ok) throw new Error('expected ok')
    expect(await db.selectFrom('structureMembers').select('userId').where('structureId', '=', result.structure.id).execute()).toEqual([])
  })
})
