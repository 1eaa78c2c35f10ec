import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import type { ResourceStatus, ResourceVisibility } from '#db/schema/resources.ts'
import { type ResourceAccessItem, can, canCreate, mayLinkStructure, searchFilter, transition } from './resources.policy.ts'

const verified = '2026-01-01T00:00:00.000Z'
// The resource of the tables is written by `a`, belongs to structure `s1` and, when `group`, to group `g1`.
const viewers = {
  anonymous: ANONYMOUS,
  member: personViewer({ id: 'm', role: 'member', emailVerifiedAt: verified }),
  unverified: personViewer({ id: 'u', role: 'member', emailVerifiedAt: null }),
  author: personViewer({ id: 'a', role: 'member', emailVerifiedAt: verified }),
  structureMember: personViewer({ id: 's', role: 'member', emailVerifiedAt: verified }, { structures: [['s0', 'member'], ['s1', 'member']] }),
  unverifiedStructureMember: personViewer({ id: 'v', role: 'member', emailVerifiedAt: null }, { structures: [['s1', 'member']] }),
  groupMember: personViewer({ id: 'g', role: 'member', emailVerifiedAt: verified }, { groups: [['g1', 'member']] }),
  admin: personViewer({ id: 'x', role: 'admin', emailVerifiedAt: verified }),
}
type Who = keyof typeof viewers

const statuses: ResourceStatus[] = ['draft', 'pending', 'published', 'archived']
const visibilities: ResourceVisibility[] = ['public', 'members', 'group']
const resource = (status: ResourceStatus, visibility: ResourceVisibility): ResourceAccessItem => ({
  authorId: 'a',
  structureIds: ['s1'],
  status,
  visibility,
  groupIds: visibility === 'group' ? ['g1'] : [],
  deletedAt: null,
})

function expectedRead(who: Who, status: ResourceStatus, visibility: ResourceVisibility): boolean {
  if (who === 'admin' || who === 'author' || who === 'structureMember' || who === 'unverifiedStructureMember') return true
  if (status === 'draft' || status === 'pending') return false
  if (visibility === 'public') return true
  if (visibility === 'members') return who !== 'anonymous' && who !== 'unverified'
  return who === 'groupMember'
}

describe('read: viewer × status × visibility', () => {
  const rows = statuses.flatMap((status) =>
    visibilities.flatMap((visibility) =>
      (Object.keys(viewers) as Who[]).map((who) => ({ who, status, visibility, allowed: expectedRead(who, status, visibility) })),
    ),
  )
  test.each(rows)('$who, $status, $visibility → $allowed', ({ who, status, visibility, allowed }) => {
    expect(can(viewers[who], 'read', resource(status, visibility))).toBe(allowed)
  })

  test('a deleted resource is read by admins only', () => {
    const deleted = { ...resource('published', 'public'), deletedAt: verified }
    expect(can(viewers.admin, 'read', deleted)).toBe(true)
    expect(can(viewers.author, 'read', deleted)).toBe(false)
    expect(can(viewers.structureMember, 'read', deleted)).toBe(false)
  })

  test('a resource whose author was deleted is not everybody’s draft, but its structure keeps it', () => {
    const orphan = { ...resource('draft', 'public'), authorId: null }
    expect(can(viewers.member, 'read', { ...orphan, structureIds: [] })).toBe(false)
    expect(can(viewers.structureMember, 'read', orphan)).toBe(true)
    expect(can(viewers.structureMember, 'edit', orphan)).toBe(true)
  })
})

describe('edit and delete', () => {
  const editors: Who[] = ['admin', 'author', 'structureMember']
  const rows = statuses.flatMap((status) =>
    (Object.keys(viewers) as Who[]).map((who) => ({ who, status, allowed: editors.includes(who) })),
  )
  test.each(rows)('$who, $status → $allowed', ({ who, status, allowed }) => {
    expect(can(viewers[who], 'edit', resource(status, 'public'))).toBe(allowed)
    expect(can(viewers[who], 'delete', resource(status, 'public'))).toBe(allowed)
  })
  test('nobody edits a deleted resource; creating needs a verified account', () => {
    expect(can(viewers.admin, 'edit', { ...resource('draft', 'public'), deletedAt: verified })).toBe(false)
    expect(canCreate(ANONYMOUS)).toBe(false)
    expect(canCreate(viewers.unverified)).toBe(false)
    expect(canCreate(viewers.member)).toBe(true)
    expect(canCreate(systemActor('import'))).toBe(true)
  })
})

describe('status transitions', () => {
  test.each([
    ['draft', 'publish', 'published'],
    ['draft', 'submit', 'pending'],
    ['pending', 'publish', null],
    ['published', 'archive', 'archived'],
    ['archived', 'unarchive', 'published'],
    ['archived', 'publish', null],
    ['published', 'unpublish', 'draft'],
    ['draft', 'archive', null],
  ] as const)('%s --%s--> %s', (from, change, to) => {
    expect(transition(from, change)).toBe(to)
  })
  test('pending → published is a review decision (review.ts), never « Publier »; an owner publishes their draft', () => {
    expect(can(viewers.author, 'publish', resource('pending', 'public'))).toBe(false)
    expect(can(viewers.admin, 'publish', resource('pending', 'public'))).toBe(false)
    expect(can(viewers.author, 'publish', resource('draft', 'public'))).toBe(true)
    expect(can(viewers.unverifiedStructureMember, 'publish', resource('draft', 'public'))).toBe(false)
    expect(can(viewers.member, 'archive', resource('published', 'public'))).toBe(false)
    expect(can(viewers.author, 'publish', resource('archived', 'public'))).toBe(false)
  })
})

describe('mayLinkStructure: who may link a resource to which structure', () => {
  const otherStructureMember = personViewer({ id: 'o', role: 'member', emailVerifiedAt: verified }, { structures: [['s2', 'member']] })
  const rows = [
    { who: 'anonymous', viewer: viewers.anonymous, structure: 's1', current: [], allowed: false },
    { who: 'member', viewer: viewers.member, structure: 's1', current: [], allowed: false },
    { who: 'structureMember', viewer: viewers.structureMember, structure: 's1', current: [], allowed: true },
    { who: 'structureMember', viewer: viewers.structureMember, structure: 's2', current: [], allowed: false },
    // A structure the resource already belongs to is kept when a member of another of its structures edits it.
    { who: 'structureMember', viewer: viewers.structureMember, structure: 's2', current: ['s1', 's2'], allowed: true },
    { who: 'otherStructureMember', viewer: otherStructureMember, structure: 's1', current: [], allowed: false },
    { who: 'admin', viewer: viewers.admin, structure: 's9', current: [], allowed: true },
    { who: 'system', viewer: systemActor('import'), structure: 's9', current: [], allowed: true },
  ]
  test.each(rows)('$who → $structure (already: $current) → $allowed', ({ viewer, structure, current, allowed }) => {
    expect(mayLinkStructure(viewer, structure, current)).toBe(allowed)
  })
})

describe('searchFilter', () => {
  test('admins find every group’s documents; owners find theirs by id; others their groups only', () => {
    expect(searchFilter(viewers.admin)).toMatchObject({ allGroups: true, visibilities: ['public', 'members', 'group'] })
    expect(searchFilter(viewers.groupMember)).toEqual({ visibilities: ['public', 'members', 'group'], groupIds: ['g1'] })
    expect(searchFilter(viewers.author, ['r1'])).toEqual({
      visibilities: ['public', 'members'],
      groupIds: [],
      documents: [{ kind: 'resource', id: 'r1' }],
    })
    expect(searchFilter(viewers.unverified)).toEqual({ visibilities: ['public'], groupIds: [] })
  })
})
