import { db } from '#db/client.server.ts'
import type { MemberRole, Structure } from '#db/schema/structures.ts'
import { createStructure, type StructureWriteInput } from '#app/modules/structures/structures.server.ts'
import { personViewer } from '#app/modules/auth/viewer.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { createTestUser } from './users.ts'

let counter = 0

/** Arras (62041), territory of the Arrageois. */
export const ARRAS_INSEE = '62041'

export function structureInput(overrides: Partial<StructureWriteInput> = {}): StructureWriteInput {
  counter++
  return {
    name: `Structure test ${counter} ${Math.random().toString(36).slice(2, 6)}`,
    legalForm: 'association',
    siret: null,
    rna: null,
    communeInsee: ARRAS_INSEE,
    address: null,
    websiteUrl: null,
    contactEmail: null,
    contactPhone: null,
    showContact: false,
    presentation: 'Une structure de l’ESS créée pour les tests.',
    description: '',
    themes: [],
    employeesBracket: null,
    volunteersBracket: null,
    ...overrides,
  }
}

/** A structure with an owner (created if not given), through the module so every invariant holds. */
export async function createTestStructure(
  options: { owner?: { id: string; name: string; email: string }; input?: Partial<StructureWriteInput> } = {},
): Promise<{ structure: Structure; owner: { id: string; name: string; email: string } }> {
  const owner = options.owner ?? (await createTestUser())
  const result = await createStructure({ actor: personViewer({ ...owner, role: 'member', emailVerifiedAt: 'verified' }), input: structureInput(options.input) })
  if (!result.ok) throw new Error(`createTestStructure: ${JSON.stringify(result)}`)
  return { structure: result.structure, owner }
}

export async function addTestMember(structureId: string, userId: string, role: MemberRole = 'member') {
  await db.insertInto('structureMembers').values({ structureId, userId, role, joinedAt: new Date().toISOString() }).execute()
}

/** The viewer of a user as a request would build it (memberships read now): the actor of module writes in tests. */
export async function actorOf(user: { id: string }) {
  const viewer = await viewerById(user.id)
  if (!viewer) throw new Error(`actorOf: no user ${user.id}`)
  return viewer
}
