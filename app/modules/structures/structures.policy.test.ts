import { describe, expect, test } from 'vitest'
import { ANONYMOUS, type Actor, type Viewer, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import { STRUCTURE_ACTIONS, type StructureAction, can, membershipOf } from './structures.policy.ts'

// The whole structures policy, written out: a change to the table in structures.policy.ts must change this one.

const STRUCTURE = { id: 's1' }
const verified = '2026-01-01T00:00:00.000Z'
const person = (role: 'member' | 'admin', membership?: 'owner' | 'member', emailVerifiedAt: string | null = verified) =>
  personViewer({ id: `${role}-${membership ?? 'none'}`, role, emailVerifiedAt }, { structures: membership ? [[STRUCTURE.id, membership]] : [] })

const VIEWERS: [string, Viewer | Actor][] = [
  ['owner', person('member', 'owner')],
  ['member', person('member', 'member')],
  ['other member', person('member')],
  ['admin', person('admin')],
  ['anonymous', ANONYMOUS],
  ['system', systemActor('import')],
]

// owner, member, other member, admin, anonymous, system
const TABLE: [StructureAction, boolean, boolean, boolean, boolean, boolean, boolean][] = [
  ['view', true, true, true, true, true, true],
  ['edit', true, false, false, true, false, true],
  ['delete', true, false, false, true, false, true],
  ['manage-members', true, false, false, true, false, true],
  ['sign-charter', true, false, false, false, false, false],
  ['grant-label', false, false, false, true, false, true],
  ['request-join', false, false, true, true, false, false],
  ['leave', true, true, false, false, false, false],
]

describe('structures policy', () => {
  test('every action is in the table', () => {
    expect(TABLE.map(([action]) => action).sort()).toEqual([...STRUCTURE_ACTIONS].sort())
  })

  for (const [action, ...expected] of TABLE) {
    VIEWERS.forEach(([name, viewer], index) => {
      test(`${name} × ${action} → ${expected[index]}`, () => {
        expect(can(viewer, action, STRUCTURE)).toBe(expected[index])
      })
    })
  }

  test('membership of another structure gives nothing here', () => {
    const elsewhere = personViewer({ id: 'x', role: 'member', emailVerifiedAt: verified }, { structures: [['s2', 'owner']] })
    expect(can(elsewhere, 'edit', STRUCTURE)).toBe(false)
    expect(can(elsewhere, 'request-join', STRUCTURE)).toBe(true)
    expect(membershipOf(elsewhere, STRUCTURE)).toBeNull()
  })

  test('an admin who owns a structure may also sign its charter', () => {
    expect(can(person('admin', 'owner'), 'sign-charter', STRUCTURE)).toBe(true)
  })

  test('an unverified address may look and leave, not act', () => {
    const unverified = person('member', 'owner', null)
    expect(can(unverified, 'view', STRUCTURE)).toBe(true)
    expect(can(unverified, 'leave', STRUCTURE)).toBe(true)
    expect(can(unverified, 'edit', STRUCTURE)).toBe(false)
    expect(can(person('member', undefined, null), 'request-join', STRUCTURE)).toBe(false)
  })
})
