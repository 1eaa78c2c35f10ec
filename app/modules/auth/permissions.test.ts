import { describe, expect, test } from 'vitest'
import { PERMISSIONS, type Permission, can, roleOf } from './permissions.ts'
import { ANONYMOUS, personViewer, systemActor } from './viewer.ts'

const anonymous = null
const member = { role: 'member' as const }
const admin = { role: 'admin' as const }

// The whole matrix, written out: a change to permissions.ts must change this table too.
const EXPECTED: Record<Permission, { anonymous: boolean; member: boolean; admin: boolean }> = {
  'account:manage-own': { anonymous: false, member: true, admin: true },
  'admin:access': { anonymous: false, member: false, admin: true },
  'admin:manage-users': { anonymous: false, member: false, admin: true },
  'dev:read-outbox': { anonymous: true, member: true, admin: true },
  'structure:create': { anonymous: false, member: true, admin: true },
}

describe('permission matrix', () => {
  test('every permission is in the table', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  test.each(Object.entries(EXPECTED))('%s', (permission, expected) => {
    expect(can(anonymous, permission as Permission)).toBe(expected.anonymous)
    expect(can(undefined, permission as Permission)).toBe(expected.anonymous)
    expect(can(member, permission as Permission)).toBe(expected.member)
    expect(can(admin, permission as Permission)).toBe(expected.admin)
  })

  test('roles', () => {
    expect([roleOf(null), roleOf(member), roleOf(admin)]).toEqual(['anonymous', 'member', 'admin'])
  })

  test('viewers read the same: a person by their role, anonymous and the system actor as anonymous', () => {
    const person = personViewer({ id: 'a', role: 'admin', emailVerifiedAt: null })
    expect([roleOf(person), roleOf(ANONYMOUS), roleOf(systemActor('import'))]).toEqual(['admin', 'anonymous', 'anonymous'])
    expect(can(person, 'admin:access')).toBe(true)
    expect(can(systemActor('import'), 'admin:access')).toBe(false)
  })
})
