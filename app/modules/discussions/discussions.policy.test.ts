import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import { can, canStartThread, type DiscussionGroup, postDisplay, searchAudience, searchFilter, type ThreadAccessItem } from './discussions.policy.ts'

const G: DiscussionGroup = { id: 'g', pageVisibility: 'public', hidden: false }
const person = (id: string, extra: Parameters<typeof personViewer>[1] = {}, verified = true) =>
  personViewer({ id, role: 'member', emailVerifiedAt: verified ? '2026-01-01T00:00:00Z' : null }, extra)
const member = person('m', { groups: [['g', 'member']] })
const coordinator = person('c', { groups: [['g', 'coordinator']] })
const thread: ThreadAccessItem = { group: G, authorId: 'm', lockedAt: null, hiddenAt: null, deletedAt: null }
const now = '2026-12-03T10:00:00Z'

describe('starting a thread', () => {
  test.each([
    ['anonymous', ANONYMOUS, false],
    ['a verified non-member', person('x'), false],
    ['an unverified member', person('u', { groups: [['g', 'member']] }, false), false],
    ['a member', member, true],
    ['a coordinator', coordinator, true],
    ['an admin who is no member', personViewer({ id: 'a', role: 'admin', emailVerifiedAt: now }), false],
    ['the system (demo data)', systemActor('demo'), true],
  ])('%s: %s', (_name, viewer, allowed) => {
    expect(canStartThread(viewer, G)).toBe(allowed)
  })
})

describe('replies: what each reader sees, and who edits them', () => {
  const reply = { authorId: 'm', hiddenAt: null, deletedAt: null }
  test('a hidden reply is masked to readers, whole to moderators; a deleted one is deleted for all', () => {
    const hidden = { ...reply, hiddenAt: now }
    expect(postDisplay(ANONYMOUS, thread, hidden)).toBe('masked')
    expect(postDisplay(member, thread, hidden)).toBe('masked')
    expect(postDisplay(coordinator, thread, hidden)).toBe('whole')
    expect(postDisplay(personViewer({ id: 'a', role: 'admin', emailVerifiedAt: now }), thread, hidden)).toBe('whole')
    expect(postDisplay(coordinator, thread, { ...reply, deletedAt: now })).toBe('deleted')
    expect(postDisplay(member, thread, reply)).toBe('whole')
  })
  test('only its author edits or deletes a reply; a hidden one is deleted, not edited', () => {
    expect(can(member, 'edit', thread, reply)).toBe(true)
    expect(can(coordinator, 'edit', thread, reply)).toBe(false)
    expect(can(coordinator, 'delete', thread, reply)).toBe(false)
    expect(can(member, 'edit', thread, { ...reply, hiddenAt: now })).toBe(false)
    expect(can(member, 'delete', thread, { ...reply, hiddenAt: now })).toBe(true)
    expect(can(member, 'delete', thread, { ...reply, deletedAt: now })).toBe(false)
    expect(can(coordinator, 'edit', { ...thread, authorId: 'c' }, reply)).toBe(false)
  })
})

test('search audience: always the group, whatever its page shows', () => {
  expect(searchAudience(G)).toEqual({ visibility: 'group', groupIds: ['g'] })
  expect(searchAudience({ ...G, pageVisibility: 'members' })).toEqual({ visibility: 'group', groupIds: ['g'] })
  expect(searchAudience({ ...G, hidden: true })).toEqual({ visibility: 'group', groupIds: ['g'] })
  expect(searchFilter(ANONYMOUS)).toEqual({ visibilities: [], groupIds: [] })
  expect(searchFilter(member)).toEqual({ visibilities: ['group'], groupIds: ['g'] })
  const admin = personViewer({ id: 'a', role: 'admin', emailVerifiedAt: now })
  // Every group is for admins only.
  expect(searchFilter(admin)).toEqual({ visibilities: ['group'], groupIds: [], allGroups: true })
  expect(searchFilter(member).allGroups).toBeUndefined()
})
