import { type Actor, type Viewer, isAdmin } from '#app/modules/auth/viewer.ts'

// Who may do what with a group (issue 12). Pure: no database. Every groups write checks it itself; pages use it too.

export type GroupAction = 'view' | 'join' | 'request' | 'leave' | 'manage' | 'appointCoordinator'

export type PolicyGroup = {
  readonly id: string
  readonly joinPolicy: 'open' | 'request' | 'invitation'
  readonly pageVisibility: 'public' | 'members'
  readonly hidden: boolean
}

/** `blocked`: the person is blocked from this group (read by the caller; the viewer does not carry blocks). */
export function can(viewer: Viewer | Actor, action: GroupAction, group: PolicyGroup, blocked = false): boolean {
  if (viewer.kind === 'system') return true
  const admin = isAdmin(viewer)
  const role = viewer.kind === 'person' ? viewer.groups.get(group.id) : undefined
  const verified = viewer.kind === 'person' && viewer.verified
  switch (action) {
    case 'view':
      if (admin || role) return true
      return !group.hidden && group.pageVisibility === 'public'
    case 'join':
      return verified && !role && !blocked && !group.hidden && group.joinPolicy === 'open'
    case 'request':
      return verified && !role && !blocked && !group.hidden && group.joinPolicy === 'request'
    case 'leave':
      return Boolean(role)
    case 'manage':
      return admin || role === 'coordinator'
    case 'appointCoordinator':
      return admin
  }
}
