// Site-wide capabilities only (DESIGN.md §9): what a site role allows whatever the item. What one may do with a
// given structure, resource… is its domain's policy (structures.policy.ts, resources' policy), not this matrix.

export type SiteRole = 'anonymous' | 'member' | 'admin'

export const PERMISSIONS = {
  'account:manage-own': ['member', 'admin'],
  'admin:access': ['admin'],
  'admin:manage-users': ['admin'],
  'dev:read-outbox': ['member', 'admin', 'anonymous'],
  'structure:create': ['member', 'admin'],
} as const satisfies Record<string, readonly SiteRole[]>

export type Permission = keyof typeof PERMISSIONS

type HasRole = { kind?: 'person'; role: 'member' | 'admin' } | { kind: 'anonymous' | 'system' }

/** The site role of a user row or a viewer (the system actor has no site role: anonymous). */
export function roleOf(user: HasRole | null | undefined): SiteRole {
  return user && 'role' in user ? user.role : 'anonymous'
}

export function can(user: HasRole | null | undefined, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly SiteRole[]).includes(roleOf(user))
}
