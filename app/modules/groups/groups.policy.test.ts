import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import { type GroupAction, type PolicyGroup, can } from './groups.policy.ts'

const open: PolicyGroup = { id: 'g', joinPolicy: 'open', pageVisibility: 'public', hidden: false }
const onRequest: PolicyGroup = { ...open, joinPolicy: 'request' }
const membersOnly: PolicyGroup = { ...open, pageVisibility: 'members' }
const hidden: PolicyGroup = { ...open, joinPolicy: 'invitation', hidden: true }

const verified = { id: 'u', role: 'member' as const, emailVerifiedAt: 'now' }
const viewers = {
  anonymous: ANONYMOUS,
  unverified: personViewer({ id: 'u', role: 'member', emailVerifiedAt: null }),
  person: personViewer(verified),
  member: personViewer(verified, { groups: [['g', 'member']] }),
  coordinator: personViewer(verified, { groups: [['g', 'coordinator']] }),
  coordinatorElsewhere: personViewer(verified, { groups: [['other', 'coordinator']] }),
  admin: personViewer({ ...verified, role: 'admin' }),
}
type Who = keyof typeof viewers

// Written out: a change to the policy must change this table too.
const TABLE: [GroupAction, PolicyGroup, string, Who[]][] = [
  ['view', open, 'public', ['anonymous', 'unverified', 'person', 'member', 'coordinator', 'coordinatorElsewhere', 'admin']],
  ['view', membersOnly, 'members page', ['member', 'coordinator', 'admin']],
  ['view', hidden, 'hidden', ['member', 'coordinator', 'admin']],
  ['join', open, 'open', ['person', 'coordinatorElsewhere', 'admin']],
  ['join', onRequest, 'on request', []],
  ['join', hidden, 'hidden', []],
  ['request', onRequest, 'on request', ['person', 'coordinatorElsewhere', 'admin']],
  ['request', open, 'open', []],
  ['leave', open, 'any', ['member', 'coordinator']],
  ['manage', open, 'any', ['coordinator', 'admin']],
  ['appointCoordinator', open, 'any', ['admin']],
]

describe('groups policy', () => {
  test.each(TABLE)('%s (%#, %s group)', (action, group, _label, allowed) => {
    for (const [who, viewer] of Object.entries(viewers)) {
      expect({ who, allowed: can(viewer, action, group) }).toEqual({ who, allowed: allowed.includes(who as Who) })
    }
  })

  test('a blocked person can neither join nor request', () => {
    expect(can(viewers.person, 'join', open, true)).toBe(false)
    expect(can(viewers.person, 'request', onRequest, true)).toBe(false)
  })

  test('the system may do everything', () => {
    expect(can(systemActor('admin-cli'), 'appointCoordinator', open)).toBe(true)
  })
})
