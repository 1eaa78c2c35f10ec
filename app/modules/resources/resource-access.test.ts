import { describe, expect, test } from 'vitest'
import type { ResourceStatus, ResourceVisibility } from '#db/schema/resources.ts'
import { canCreateResource, canEditResource, canViewResource } from './resource-access.ts'

const verified = '2026-01-01T00:00:00.000Z'
const users = {
  anonymous: null,
  member: { id: 'm', role: 'member' as const, emailVerifiedAt: verified },
  unverified: { id: 'u', role: 'member' as const, emailVerifiedAt: null },
  author: { id: 'a', role: 'member' as const, emailVerifiedAt: verified },
  admin: { id: 'x', role: 'admin' as const, emailVerifiedAt: verified },
}
type Who = keyof typeof users

const statuses: ResourceStatus[] = ['draft', 'pending', 'published', 'archived']
const visibilities: ResourceVisibility[] = ['public', 'members', 'group']

/** Expected view right: one row per status × visibility, columns in the order of `users`. */
function expectedView(who: Who, status: ResourceStatus, visibility: ResourceVisibility): boolean {
  if (who === 'admin' || who === 'author') return true
  if (status === 'draft' || status === 'pending') return false
  if (visibility === 'public') return true
  if (visibility === 'members') return who !== 'anonymous'
  return false
}

describe('canViewResource: role × status × visibility', () => {
  const rows = statuses.flatMap((status) =>
    visibilities.flatMap((visibility) =>
      (Object.keys(users) as Who[]).map((who) => ({ who, status, visibility, allowed: expectedView(who, status, visibility) })),
    ),
  )
  test.each(rows)('$who, $status, $visibility → $allowed', ({ who, status, visibility, allowed }) => {
    expect(canViewResource(users[who], { authorId: 'a', status, visibility })).toBe(allowed)
  })

  test('a deleted resource is seen by admins only, even by its author', () => {
    const deleted = { authorId: 'a', status: 'published' as const, visibility: 'public' as const, deletedAt: verified }
    expect(canViewResource(users.admin, deleted)).toBe(true)
    expect(canViewResource(users.author, deleted)).toBe(false)
    expect(canViewResource(users.anonymous, deleted)).toBe(false)
  })

  test('a resource whose author was deleted is not everybody’s draft', () => {
    expect(canViewResource(users.member, { authorId: null, status: 'draft', visibility: 'public' })).toBe(false)
    expect(canEditResource(users.member, { authorId: null, status: 'draft', visibility: 'public' })).toBe(false)
  })
})

describe('canEditResource', () => {
  const rows = statuses.flatMap((status) =>
    visibilities.flatMap((visibility) =>
      (Object.keys(users) as Who[]).map((who) => ({ who, status, visibility, allowed: who === 'admin' || who === 'author' })),
    ),
  )
  test.each(rows)('$who, $status, $visibility → $allowed', ({ who, status, visibility, allowed }) => {
    expect(canEditResource(users[who], { authorId: 'a', status, visibility })).toBe(allowed)
  })

  test('an author whose address is not verified cannot edit, nobody edits a deleted resource', () => {
    expect(canEditResource({ ...users.author, emailVerifiedAt: null }, { authorId: 'a', status: 'draft', visibility: 'public' })).toBe(false)
    expect(
      canEditResource(users.admin, { authorId: 'a', status: 'draft', visibility: 'public', deletedAt: verified }),
    ).toBe(false)
  })

  test('creating needs a verified account', () => {
    expect(canCreateResource(users.anonymous)).toBe(false)
    expect(canCreateResource(users.unverified)).toBe(false)
    expect(canCreateResource(users.member)).toBe(true)
  })
})
