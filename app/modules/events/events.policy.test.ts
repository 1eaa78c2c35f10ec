import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import { can, canCreateFor, type EventAccessItem } from './events.policy.ts'

// `register` as a table: who × event state × time → allowed?

const NOW = new Date('2027-03-01T10:00:00Z')
const base: EventAccessItem = {
  visibility: 'public',
  groupIds: [],
  status: 'scheduled',
  groupId: 'g1',
  structureId: null,
  startsAt: '2027-03-10T08:00:00Z',
  registrationDeadline: null,
}
const verified = personViewer({ id: 'u1', role: 'member', emailVerifiedAt: '2027-01-01T00:00:00Z' })
const unverified = personViewer({ id: 'u2', role: 'member', emailVerifiedAt: null })
const groupMember = personViewer({ id: 'u3', role: 'member', emailVerifiedAt: 'x' }, { groups: [['g1', 'member']] })
const admin = personViewer({ id: 'u4', role: 'admin', emailVerifiedAt: 'x' })

describe('register', () => {
  const cases: [string, Parameters<typeof can>[0], Partial<EventAccessItem>, boolean][] = [
    ['verified person, open public event', verified, {}, true],
    ['anonymous', ANONYMOUS, {}, false],
    ['the system (not a person)', systemActor('import'), {}, false],
    ['unverified person', unverified, {}, false],
    ['cancelled event', verified, { status: 'cancelled' }, false],
    ['event begun', verified, { startsAt: '2027-03-01T09:00:00Z' }, false],
    ['event beginning right now', verified, { startsAt: NOW.toISOString() }, false],
    ['before the deadline', verified, { registrationDeadline: '2027-03-05T00:00:00Z' }, true],
    ['deadline passed', verified, { registrationDeadline: '2027-03-01T09:59:59Z' }, false],
    ['members event, verified', verified, { visibility: 'members' }, true],
    ['group event, not in the group', verified, { visibility: 'group', groupIds: ['g2'] }, false],
    ['group event, member of the group', groupMember, { visibility: 'group', groupIds: ['g1'] }, true],
    ['admin, group event of another group', admin, { visibility: 'group', groupIds: ['g2'] }, true],
  ]
  for (const [name, who, change, allowed] of cases) {
    test(`${name} → ${allowed ? 'may' : 'may not'}`, () => {
      expect(can(who, 'register', { ...base, ...change }, NOW)).toBe(allowed)
    })
  }
})

test('creating an event: admins and the system for anyone; coordinators for their group; members for their structure', () => {
  const coordinator = personViewer({ id: 'c', role: 'member', emailVerifiedAt: 'x' }, { groups: [['g1', 'coordinator']] })
  const structureMember = personViewer({ id: 's', role: 'member', emailVerifiedAt: 'x' }, { structures: [['s1', 'member']] })
  const unverifiedCoordinator = personViewer({ id: 'c2', role: 'member', emailVerifiedAt: null }, { groups: [['g1', 'coordinator']] })
  const forGroup = { groupId: 'g1', structureId: null }
  const forStructure = { groupId: null, structureId: 's1' }
  expect(canCreateFor(coordinator, forGroup)).toBe(true)
  expect(canCreateFor(coordinator, forStructure)).toBe(false)
  expect(canCreateFor(groupMember, forGroup)).toBe(false)
  expect(canCreateFor(unverifiedCoordinator, forGroup)).toBe(false)
  expect(canCreateFor(structureMember, forStructure)).toBe(true)
  expect(canCreateFor(structureMember, forGroup)).toBe(false)
  expect(canCreateFor(admin, forStructure)).toBe(true)
  expect(canCreateFor(systemActor('demo'), forGroup)).toBe(true)
  expect(canCreateFor(ANONYMOUS, forGroup)).toBe(false)
})
