import { db } from '#db/client.server.ts'
import type { MemberRole, Structure } from '#db/schema/structures.ts'
import { createStructure, type StructureWriteInput } from '#app/modules/structures/structures.server.ts'
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
  const result = await createStructure(owner, structureInput(options.input))
  if (!result.ok) throw new Error(`createTestStructure: ${JSON.stringify(result.fieldErrors)}`)
  return { structure: result.structure, owner }
}

export async function addTestMember(structureId: string, userId: string, role: MemberRole = 'member') {
  await db.insertInto('structureMembers').values({ structureId, userId, role, joinedAt: new Date().toISOString() }).execute()
}
