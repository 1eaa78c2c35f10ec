// The static permission matrix, shared by the server (authorisation) and the UI (what to show).
// Later issues add their actions here; coordinators arrive with the groups issue.

export type SiteRole = 'anonymous' | 'member' | 'admin'

export const PERMISSIONS = {
  'account:manage-own': ['member', 'admin'],
  'admin:access': ['admin'],
  'admin:manage-users': ['admin'],
  'dev:read-outbox': ['member', 'admin', 'anonymous'],
  'structure:create': ['member', 'admin'],
  'structure:grant-label': ['admin'],
} as const satisfies Record<string, readonly SiteRole[]>

export type Permission = keyof typeof PERMISSIONS

export function roleOf(user: { role: 'member' | 'admin' } | null | undefined): SiteRole {
  return user ? user.role : 'anonymous'
}

export function can(user: { role: 'member' | 'admin' } | null | undefined, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly SiteRole[]).includes(roleOf(user))
}
