import { describe, expect, test } from 'vitest'
import { type StructureAction, type StructureRelation, type Viewer, canOnStructure } from './structure-access.ts'

const verified = '2026-01-01T00:00:00.000Z'
const VIEWERS: Record<StructureRelation, { viewer: Viewer; role: 'owner' | 'member' | null }> = {
  owner: { viewer: { id: 'o', role: 'member', emailVerifiedAt: verified }, role: 'owner' },
  member: { viewer: { id: 'm', role: 'member', emailVerifiedAt: verified }, role: 'member' },
  'other-member': { viewer: { id: 'x', role: 'member', emailVerifiedAt: verified }, role: null },
  admin: { viewer: { id: 'a', role: 'admin', emailVerifiedAt: verified }, role: null },
  anonymous: { viewer: null, role: null },
}

// owner, member, other member, admin, anonymous
const TABLE: [StructureAction, boolean, boolean, boolean, boolean, boolean][] = [
  ['view', true, true, true, true, true],
  ['edit', true, false, false, true, false],
  ['delete', true, false, false, true, false],
  ['manage-members', true, false, false, true, false],
  ['sign-charter', true, false, false, false, false],
  ['grant-label', false, false, false, true, false],
  ['request-join', false, false, true, true, false],
  ['leave', true, true, false, false, false],
]

describe('structure access table', () => {
  const relations: StructureRelation[] = ['owner', 'member', 'other-member', 'admin', 'anonymous']
  for (const [action, ...expected] of TABLE) {
    relations.forEach((relation, index) => {
      test(`${relation} × ${action} → ${expected[index]}`, () => {
        const { viewer, role } = VIEWERS[relation]
        expect(canOnStructure(viewer, role, action)).toBe(expected[index])
      })
    })
  }

  test('an admin who owns a structure may also sign its charter', () => {
    expect(canOnStructure({ id: 'a', role: 'admin', emailVerifiedAt: verified }, 'owner', 'sign-charter')).toBe(true)
  })

  test('an unverified address may look and leave, not act', () => {
    const unverified = { id: 'u', role: 'member' as const, emailVerifiedAt: null }
    expect(canOnStructure(unverified, 'owner', 'view')).toBe(true)
    expect(canOnStructure(unverified, 'owner', 'leave')).toBe(true)
    expect(canOnStructure(unverified, 'owner', 'edit')).toBe(false)
    expect(canOnStructure(unverified, null, 'request-join')).toBe(false)
  })
})
