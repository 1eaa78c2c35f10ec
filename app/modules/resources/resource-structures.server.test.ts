import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { loadResourceDocuments } from './resources.search.server.ts'
import { actorOf, addTestMember, createTestStructure } from '#tests/factories/structures.ts'
import { createTestResource, resourceInput } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { type StructureWriteInput, deleteStructure, updateStructure } from '#app/modules/structures/structures.server.ts'
import {
  STRUCTURE_MESSAGES,
  createResource,
  getResourceForEditor,
  getResourceForViewer,
  getRevision,
  listLinkableStructures,
  listResourceStructures,
  listResources,
  listRevisions,
  restoreRevision,
  updateResource,
} from './resources.server.ts'

// Resources and structures (issues 3 and 4): optional structure(s) chosen among the writer's own, structure members
// edit, the link in revisions, lists and search.

/** A structure and its owner (a full user row, as the session gives it). */
async function ownedStructure(input: Partial<StructureWriteInput> = {}) {
  const owner = await createTestUser()
  const { structure } = await createTestStructure({ owner, input })
  return { structure, owner }
}

async function outboxOps(id: string) {
  return (await db.selectFrom('searchOutbox').select('operation').where('entityId', '=', id).orderBy('id').execute()).map((r) => r.operation)
}

describe('linking a resource to structures', () => {
  test('a member links their structures, in the order chosen; a structure they do not belong to is a French field error', async () => {
    const { structure: mine, owner: author } = await ownedStructure({ name: 'Ma structure porteuse' })
    const { structure: second } = await ownedStructure()
    await addTestMember(second.id, author.id)
    const { structure: foreign } = await ownedStructure({ name: 'La structure des autres' })

    const refused = await createResource({
      input: resourceInput('initiative', { structures: [mine.slug, foreign.slug, 'inconnue-au-bataillon'] }),
      actor: await actorOf(author),
    })
    expect(refused).toEqual({
      status: 'invalid',
      fieldErrors: {
        structures: [STRUCTURE_MESSAGES.notMember('La structure des autres'), STRUCTURE_MESSAGES.unknown('inconnue-au-bataillon')],
      },
    })
    expect(STRUCTURE_MESSAGES.notMember('X')).toBe(
      'Vous ne faites pas partie de la structure « X » : rattachez la ressource à une structure dont vous êtes membre.',
    )

    const saved = await createResource({ input: resourceInput('initiative', { structures: [second.slug, mine.slug] }), actor: await actorOf(author), status: 'published' })
    if (saved.status !== 'saved') throw new Error(JSON.stringify(saved))
    expect((await listResourceStructures(saved.resource.id)).map((s) => s.slug)).toEqual([second.slug, mine.slug])
    const full = await getResourceForViewer(saved.resource.slug, ANONYMOUS)
    expect(full?.structures.map((s) => s.name)).toEqual([second.name, 'Ma structure porteuse'])
  })

  test('admins may link any structure', async () => {
    const admin = await createTestUser({ role: 'admin' })
    const { structure } = await ownedStructure()
    const saved = await createResource({ input: resourceInput('bonne-pratique', { structures: [structure.slug] }), actor: await actorOf(admin) })
    expect(saved.status).toBe('saved')
    expect((await listLinkableStructures(await actorOf(admin))).some((s) => s.slug === structure.slug)).toBe(true)
  })

  test('the options offered: one’s structures plus the resource’s current ones', async () => {
    const { structure: mine, owner } = await ownedStructure()
    const { structure: other } = await ownedStructure()
    expect(await listLinkableStructures(await actorOf(owner))).toEqual([{ slug: mine.slug, name: mine.name }])
    const current = [{ id: other.id, slug: other.slug, name: other.name }]
    expect((await listLinkableStructures(await actorOf(owner), current)).map((s) => s.slug).sort()).toEqual([mine.slug, other.slug].sort())
    expect(await listLinkableStructures(await actorOf(await createTestUser()))).toEqual([])
  })
})

describe('members of the resource’s structures edit it', () => {
  test('a member of one of its structures edits (draft included) and keeps the structures they do not belong to', async () => {
    const { structure: a, owner: author } = await ownedStructure()
    const { structure: b, owner: ownerOfB } = await ownedStructure()
    await addTestMember(b.id, author.id)
    const colleague = await createTestUser({ name: 'Collègue de A' })
    await addTestMember(a.id, colleague.id)
    const stranger = await createTestUser()
    const resource = await createTestResource({ author, status: 'draft', type: 'initiative', overrides: { structures: [a.slug, b.slug] } })

    expect(await getResourceForEditor(resource.slug, await actorOf(colleague))).not.toBeNull()
    expect(await getResourceForViewer(resource.slug, await actorOf(colleague))).toMatchObject({ canEdit: true })
    expect(await getResourceForEditor(resource.slug, await actorOf(stranger))).toBeNull()
    expect(await getResourceForViewer(resource.slug, await actorOf(stranger))).toBeNull()
    expect(await getResourceForEditor(resource.slug, await actorOf(ownerOfB))).not.toBeNull()
    // A member who has not confirmed their address reads, but does not edit.
    const unverified = await createTestUser({ emailVerifiedAt: null })
    await addTestMember(a.id, unverified.id)
    expect(await getResourceForEditor(resource.slug, await actorOf(unverified))).toBeNull()
    expect(await getResourceForViewer(resource.slug, await actorOf(unverified))).toMatchObject({ canEdit: false })

    // The colleague (member of A only) saves with both structures still checked: B is kept.
    const kept = await updateResource({
      id: resource.id,
      input: resourceInput('initiative', { title: 'Modifiée par une collègue', structures: [a.slug, b.slug] }),
      actor: await actorOf(colleague),
      expectedVersion: 1,
    })
    expect(kept.status).toBe('saved')
    // …but cannot add a structure of their own choosing that they do not belong to.
    const { structure: c } = await ownedStructure({ name: 'Structure C' })
    const refused = await updateResource({
      id: resource.id,
      input: resourceInput('initiative', { structures: [a.slug, c.slug] }),
      actor: await actorOf(colleague),
      expectedVersion: 2,
    })
    expect(refused).toEqual({ status: 'invalid', fieldErrors: { structures: [STRUCTURE_MESSAGES.notMember('Structure C')] } })
    // Unlinking B is allowed; then the owner of B no longer edits.
    expect(
      (await updateResource({ id: resource.id, input: resourceInput('initiative', { structures: [a.slug] }), actor: await actorOf(colleague), expectedVersion: 2 })).status,
    ).toBe('saved')
    expect(await getResourceForEditor(resource.slug, await actorOf(ownerOfB))).toBeNull()
  })
})

describe('structures in revisions', () => {
  test('a change of structures is a revision (diffed); restoring an old version keeps today’s structures', async () => {
    const { structure, owner: author } = await ownedStructure()
    const resource = await createTestResource({ author, type: 'initiative' })
    const linked = await updateResource({
      id: resource.id,
      input: resourceInput('initiative', { title: resource.title, body: resource.bodyJson, structures: [structure.slug] }),
      actor: await actorOf(author),
      expectedVersion: 1,
    })
    expect(linked).toMatchObject({ status: 'saved', revisionCreated: true })
    const [newest, oldest] = await listRevisions(resource.id)
    const revision = await getRevision(resource.id, newest.id)
    expect(JSON.parse(revision?.snapshotJson ?? '{}').structures).toEqual([structure.slug])
    // A resource without structures has no `structures` key: revisions recorded before structures existed compare equal.
    const first = await getRevision(resource.id, oldest.id)
    expect(JSON.parse(first?.snapshotJson ?? '{}')).not.toHaveProperty('structures')

    const restored = await restoreRevision({ resourceId: resource.id, revisionId: oldest.id, actor: await actorOf(author), expectedVersion: 2 })
    expect(restored?.status).toBe('saved')
    expect((await listResourceStructures(resource.id)).map((s) => s.slug)).toEqual([structure.slug])
  })
})

describe('lists and search', () => {
  test('?structure: its published resources the viewer may read, newest first', async () => {
    const { structure, owner: author } = await ownedStructure()
    const make = (title: string, status: 'draft' | 'published', visibility: 'public' | 'members', structures = [structure.slug]) =>
      createTestResource({ author, status, visibility, type: 'initiative', overrides: { title, structures } })
    await make('Publique plus ancienne', 'published', 'public')
    await make('Brouillon de la structure', 'draft', 'public')
    await make('Réservée aux membres', 'published', 'members')
    await make('Sans la structure', 'published', 'public', [])
    await make('Publique plus récente', 'published', 'public')
    const titles = async (who: { id: string } | null) =>
      (await listResources(who ? await actorOf(who) : ANONYMOUS, { structure: structure.slug })).items.map((i) => i.title)
    expect(await titles(null)).toEqual(['Publique plus récente', 'Publique plus ancienne'])
    expect(await titles(await createTestUser())).toEqual(['Publique plus récente', 'Réservée aux membres', 'Publique plus ancienne'])
    // Even the author: lists never show drafts.
    expect(await titles(author)).not.toContain('Brouillon de la structure')
    expect((await listResources(ANONYMOUS, { structure: 'structure-inconnue' })).total).toBe(0)
  })

  test('the search document names the structures; renaming or deleting a structure refreshes its resources', async () => {
    const { structure, owner: author } = await ownedStructure({ name: 'Ruche Solidaire' })
    const resource = await createTestResource({ author, overrides: { structures: [structure.slug] } })
    const document = (await loadResourceDocuments([resource.id])).get(resource.id)
    expect(document?.structureName).toBe('Ruche Solidaire · Département du Pas-de-Calais')
    const plain = await createTestResource({ author, type: 'initiative' })
    expect((await loadResourceDocuments([plain.id])).get(plain.id)?.structureName).toBeNull()

    const before = (await outboxOps(resource.id)).length
    const { siret, rna, ...rest } = structure
    await updateStructure({ id: structure.id, expectedVersion: structure.version, actor: await actorOf(author), input: {
      name: 'Ruche Solidaire et Coopérative',
      legalForm: rest.legalForm,
      siret,
      rna,
      communeInsee: rest.communeInsee,
      address: null,
      websiteUrl: null,
      contactEmail: null,
      contactPhone: null,
      showContact: false,
      presentation: rest.presentation,
      description: '',
      themes: [],
      employeesBracket: null,
      volunteersBracket: null,
    } })
    expect((await outboxOps(resource.id)).length).toBe(before + 1)
    expect((await loadResourceDocuments([resource.id])).get(resource.id)?.structureName).toMatch(/^Ruche Solidaire et Coopérative/)
    await deleteStructure({ id: structure.id, actor: await actorOf(author) })
    expect((await outboxOps(resource.id)).length).toBe(before + 2)
    expect(await listResourceStructures(resource.id)).toEqual([])
  })
})
