import { describe, expect, test } from 'vitest'
import type { ResourceStatus, ResourceVisibility } from '#db/schema/resources.ts'
import { canCreateResource, canEditResource, canLinkStructure, canViewResource } from './resource-access.ts'

const verified = '2026-01-01T00:00:00.000Z'
// The resource of the tables is written by `a` and belongs to structure `s1`.
const users = {
  anonymous: null,
  member: { id: 'm', role: 'member' as const, emailVerifiedAt: verified },
  unverified: { id: 'u', role: 'member' as const, emailVerifiedAt: null },
  author: { id: 'a', role: 'member' as const, emailVerifiedAt: verified },
  structureMember: { id: 's', role: 'member' as const, emailVerifiedAt: verified, structureIds: ['s0', 's1'] },
  unverifiedStructureMember: { id: 'v', role: 'member' as const, emailVerifiedAt: null, structureIds: ['s1'] },
  otherStructureMember: { id: 'o', role: 'member' as const, emailVerifiedAt: verified, structureIds: ['s2'] },
  admin: { id: 'x', role: 'admin' as const, emailVerifiedAt: verified },
}
type Who = keyof typeof users

const statuses: ResourceStatus[] = ['draft', 'pending', 'published', 'archived']
const visibilities: ResourceVisibility[] = ['public', 'members', 'group']
const resource = (status: ResourceStatus, visibility: ResourceVisibility) => ({ authorId: 'a', status, visibility, structureIds: ['s1'] })

/** Expected view right: one row per status × visibility, columns in the order of `users`. */
function expectedView(who: Who, status: ResourceStatus, visibility: ResourceVisibility): boolean {
  if (who === 'admin' || who === 'author' || who === 'structureMember' || who === 'unverifiedStructureMember') return true
  if (status === 'draft' || status === 'pending') return false
  if (visibility === 'public') return true
  if (visibility === 'members') return who !== 'anonymous' && who !== 'unverified'
  return false
}

describe('canViewResource: role × status × visibility', () => {
  const rows = statuses.flatMap((status) =>
    visibilities.flatMap((visibility) =>
      (Object.keys(users) as Who[]).map((who) => ({ who, status, visibility, allowed: expectedView(who, status, visibility) })),
    ),
  )
  test.each(rows)('$who, $status, $visibility → $allowed', ({ who, status, visibility, allowed }) => {
    expect(canViewResource(users[who], resource(status, visibility))).toBe(allowed)
  })

  test('a deleted resource is seen by admins only, even by its author or its structure', () => {
    const deleted = { ...resource('published', 'public'), deletedAt: verified }
    expect(canViewResource(users.admin, deleted)).toBe(true)
    expect(canViewResource(users.author, deleted)).toBe(false)
    expect(canViewResource(users.structureMember, deleted)).toBe(false)
    expect(canViewResource(users.anonymous, deleted)).toBe(false)
  })

  test('a resource whose author was deleted is not everybody’s draft', () => {
    expect(canViewResource(users.member, { authorId: null, status: 'draft', visibility: 'public' })).toBe(false)
    expect(canEditResource(users.member, { authorId: null, status: 'draft', visibility: 'public' })).toBe(false)
    // …but its structure's members keep it.
    const orphan = { authorId: null, status: 'draft' as const, visibility: 'public' as const, structureIds: ['s1'] }
    expect(canViewResource(users.structureMember, orphan)).toBe(true)
    expect(canEditResource(users.structureMember, orphan)).toBe(true)
  })
})

describe('canEditResource', () => {
  const editors: Who[] = ['admin', 'author', 'structureMember']
  const rows = statuses.flatMap((status) =>
    visibilities.flatMap((visibility) =>
      (Object.keys(users) as Who[]).map((who) => ({ who, status, visibility, allowed: editors.includes(who) })),
    ),
  )
  test.each(rows)('$who, $status, $visibility → $allowed', ({ who, status, visibility, allowed }) => {
    expect(canEditResource(users[who], resource(status, visibility))).toBe(allowed)
  })

  test('an author whose address is not verified cannot edit, nobody edits a deleted resource', () => {
    expect(canEditResource({ ...users.author, emailVerifiedAt: null }, { authorId: 'a', status: 'draft', visibility: 'public' })).toBe(false)
    expect(
      canEditResource(users.admin, { authorId: 'a', status: 'draft', visibility: 'public', deletedAt: verified }),
    ).toBe(false)
  })

  test('a resource without structure is edited by its author and admins only', () => {
    const own = { authorId: 'a', status: 'published' as const, visibility: 'public' as const }
    expect(canEditResource(users.structureMember, own)).toBe(false)
    expect(canEditResource(users.author, own)).toBe(true)
  })

  test('creating needs a verified account', () => {
    expect(canCreateResource(users.anonymous)).toBe(false)
    expect(canCreateResource(users.unverified)).toBe(false)
    expect(canCreateResource(users.member)).toBe(true)
  })
})

describe('canLinkStructure: who may link a resource to which structure', () => {
  const rows: { who: Who; structure: string; current: string[]; allowed: boolean }[] = [
    { who: 'anonymous', structure: 's1', current: [], allowed: false },
    { who: 'member', structure: 's1', current: [], allowed: false },
    { who: 'structureMember', structure: 's1', current: [], allowed: true },
    { who: 'structureMember', structure: 's2', current: [], allowed: false },
    // A structure the resource already belongs to is kept when a member of another of its structures edits it.
    { who: 'structureMember', structure: 's2', current: ['s1', 's2'], allowed: true },
    { who: 'otherStructureMember', structure: 's1', current: [], allowed: false },
    { who: 'admin', structure: 's9', current: [], allowed: true },
  ]
  test.each(rows)('$who → $structure (already: $current) → $allowed', ({ who, structure, current, allowed }) => {
    expect(canLinkStructure(users[who], structure, current)).toBe(allowed)
  })
})
