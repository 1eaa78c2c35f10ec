import { describe, expect, test } from 'vitest'
import { audienceAllows, audienceOf, isOwner } from './audience.ts'
import { ANONYMOUS, personViewer, systemActor } from './viewer.ts'

const verified = '2026-01-01T00:00:00.000Z'
const viewers = {
  anonymous: ANONYMOUS,
  unverified: personViewer({ id: 'u', role: 'member', emailVerifiedAt: null }),
  member: personViewer({ id: 'm', role: 'member', emailVerifiedAt: verified }),
  groupMember: personViewer({ id: 'g', role: 'member', emailVerifiedAt: verified }, { groups: [['g1', 'member']] }),
  unverifiedGroupMember: personViewer({ id: 'h', role: 'member', emailVerifiedAt: null }, { groups: [['g1', 'member']] }),
  admin: personViewer({ id: 'x', role: 'admin', emailVerifiedAt: verified }),
  system: systemActor('import'),
}
type Who = keyof typeof viewers

describe('audienceAllows: viewer × audience', () => {
  const expected: Record<Who, [publicAudience: boolean, members: boolean, group: boolean]> = {
    anonymous: [true, false, false],
    unverified: [true, false, false],
    member: [true, true, false],
    // Group membership opens a group audience — with a confirmed address, as every audience of the site.
    groupMember: [true, true, true],
    unverifiedGroupMember: [true, false, false],
    // Admins read group content through the policy's admin rule, not through the audience.
    admin: [true, true, false],
    system: [true, false, false],
  }
  const rows = (Object.keys(viewers) as Who[]).flatMap((who) =>
    (['public', 'members', 'group'] as const).map((visibility, i) => ({ who, visibility, allowed: expected[who][i] })),
  )
  test.each(rows)('$who, $visibility → $allowed', ({ who, visibility, allowed }) => {
    expect(audienceAllows(viewers[who], { visibility, groupIds: ['g1'] })).toBe(allowed)
  })
})

test('audienceOf is the neutral form of audienceAllows', () => {
  expect(audienceOf(viewers.anonymous)).toEqual({ visibilities: ['public'], groupIds: [] })
  expect(audienceOf(viewers.member)).toEqual({ visibilities: ['public', 'members'], groupIds: [] })
  expect(audienceOf(viewers.groupMember)).toEqual({ visibilities: ['public', 'members', 'group'], groupIds: ['g1'] })
  expect(audienceOf(viewers.unverifiedGroupMember)).toEqual({ visibilities: ['public'], groupIds: [] })
})

test('isOwner: the author or a member of one of the structures', () => {
  const structureMember = personViewer({ id: 's', role: 'member' }, { structures: [['s1', 'member']] })
  expect(isOwner(viewers.member, { authorId: 'm', structureIds: [] })).toBe(true)
  expect(isOwner(structureMember, { authorId: null, structureIds: ['s0', 's1'] })).toBe(true)
  expect(isOwner(structureMember, { authorId: 'm', structureIds: ['s2'] })).toBe(false)
  expect(isOwner(viewers.anonymous, { authorId: null, structureIds: [] })).toBe(false)
})
