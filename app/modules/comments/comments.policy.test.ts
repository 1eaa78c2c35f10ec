import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, type Viewer } from '#app/modules/auth/viewer.ts'
import type { EventAccessItem } from '#app/modules/events/events.policy.ts'
import type { ResourceAccessItem } from '#app/modules/resources/resources.policy.ts'
import {
  MAX_MENTIONS,
  mentionedSlugs,
  type CommentAccessItem,
  type CommentAction,
  type CommentParent,
  can,
  commentDisplay,
  mayNameStructure,
  reactionRefusal,
} from './comments.policy.ts'

// The comments' rule as a table: viewer × visibility of the item × action → allowed or refused. A comment is exactly as
// private as its resource or event.

const now = '2026-12-03T10:00:00Z'
const person = (id: string, extra: Parameters<typeof personViewer>[1] = {}, verified = true, role: 'member' | 'admin' = 'member') =>
  personViewer({ id, role, emailVerifiedAt: verified ? now : null }, extra)

const viewers: Record<string, Viewer> = {
  anonymous: ANONYMOUS,
  unverified: person('u', { groups: [['g', 'member']] }, false),
  member: person('m'),
  groupMember: person('gm', { groups: [['g', 'member']] }),
  author: person('a', { groups: [['g', 'member']] }),
  coordinator: person('c', { groups: [['g', 'coordinator']], coordinates: ['artois'] }),
  admin: person('ad', {}, true, 'admin'),
}

const resource = (visibility: 'public' | 'members' | 'group', extra: Partial<ResourceAccessItem> = {}): CommentParent => ({
  kind: 'resource',
  access: { visibility, groupIds: visibility === 'group' ? ['g'] : [], authorId: 'owner', structureIds: [], status: 'published', deletedAt: null, territory: 'artois', ...extra },
})
const event = (visibility: 'public' | 'members' | 'group'): CommentParent => ({
  kind: 'event',
  access: {
    visibility,
    groupIds: visibility === 'group' ? ['g'] : [],
    status: 'scheduled',
    groupId: 'g',
    structureId: null,
    startsAt: '2027-01-10T09:00:00Z',
    registrationDeadline: null,
  } satisfies EventAccessItem,
})

const comment: CommentAccessItem = { authorId: 'a', parentId: null, hiddenAt: null, deletedAt: null }

type Row = [viewer: string, parent: string, action: CommentAction, allowed: boolean]
const parents: Record<string, CommentParent> = {
  'public resource': resource('public'),
  'members resource': resource('members'),
  'group resource': resource('group'),
  'draft resource': resource('public', { status: 'draft' }),
  'public event': event('public'),
  'members event': event('members'),
  'group event': event('group'),
}

const table: Row[] = [
  // Reading follows the item.
  ['anonymous', 'public resource', 'view', true],
  ['anonymous', 'members resource', 'view', false],
  ['unverified', 'members resource', 'view', false],
  ['member', 'members resource', 'view', true],
  ['member', 'group resource', 'view', false],
  ['groupMember', 'group resource', 'view', true],
  ['unverified', 'group resource', 'view', false],
  ['member', 'draft resource', 'view', false],
  ['admin', 'draft resource', 'view', true],
  ['anonymous', 'public event', 'view', true],
  ['anonymous', 'members event', 'view', false],
  ['member', 'group event', 'view', false],
  ['groupMember', 'group event', 'view', true],
  // Writing: a confirmed person who may read it.
  ['anonymous', 'public resource', 'create', false],
  ['unverified', 'public resource', 'create', false],
  ['member', 'public resource', 'create', true],
  ['member', 'group resource', 'create', false],
  ['groupMember', 'group resource', 'create', true],
  ['member', 'public event', 'create', true],
  ['member', 'group event', 'create', false],
  // Editing and deleting: its author only.
  ['author', 'public resource', 'edit', true],
  ['author', 'public resource', 'delete', true],
  ['member', 'public resource', 'edit', false],
  ['member', 'public resource', 'delete', false],
  ['coordinator', 'public resource', 'edit', false],
  ['admin', 'public resource', 'delete', false],
  // The author who can no longer read the item may no longer touch the comment (it is a 404 to them).
  ['author', 'draft resource', 'edit', false],
  // Moderating: coordinators of the resource's territory or the event's group, and admins.
  ['coordinator', 'public resource', 'moderate', true],
  ['coordinator', 'public event', 'moderate', true],
  ['coordinator', 'group event', 'moderate', true],
  ['admin', 'group resource', 'moderate', true],
  ['member', 'public resource', 'moderate', false],
  ['author', 'public resource', 'moderate', false],
  ['anonymous', 'public resource', 'moderate', false],
  // Reporting: a confirmed person, not its author.
  ['member', 'public resource', 'report', true],
  ['author', 'public resource', 'report', false],
  ['anonymous', 'public resource', 'report', false],
  ['unverified', 'public resource', 'report', false],
  ['member', 'members event', 'report', true],
  ['member', 'group event', 'report', false],
]

describe('comments: viewer × item × action', () => {
  test.each(table)('%s on a %s: %s → %s', (viewer, parent, action, allowed) => {
    expect(can(viewers[viewer] as Viewer, action, parents[parent] as CommentParent, comment)).toBe(allowed)
  })

  test('a coordinator of another territory, or of another group, does not moderate', () => {
    const elsewhere = person('x', { groups: [['h', 'coordinator']], coordinates: ['calaisis'] })
    expect(can(elsewhere, 'moderate', resource('public'), comment)).toBe(false)
    expect(can(elsewhere, 'moderate', event('public'), comment)).toBe(false)
  })

  test('a deleted comment is neither edited, deleted again, moderated, reported nor answered', () => {
    const gone = { ...comment, deletedAt: now }
    const parent = resource('public')
    for (const action of ['edit', 'delete', 'moderate', 'report', 'create'] as const) {
      expect(can(viewers.author as Viewer, action, parent, gone)).toBe(false)
      expect(can(viewers.admin as Viewer, action, parent, gone)).toBe(false)
    }
  })

  test('a hidden comment: deleted by its author but not edited; not answered or reported; shown again by moderators', () => {
    const hidden = { ...comment, hiddenAt: now }
    const parent = resource('public')
    expect(can(viewers.author as Viewer, 'edit', parent, hidden)).toBe(false)
    expect(can(viewers.author as Viewer, 'delete', parent, hidden)).toBe(true)
    expect(can(viewers.member as Viewer, 'create', parent, hidden)).toBe(false)
    expect(can(viewers.member as Viewer, 'report', parent, hidden)).toBe(false)
    expect(can(viewers.coordinator as Viewer, 'moderate', parent, hidden)).toBe(true)
  })

  test('how it reads: masked to readers when hidden, whole to moderators; deleted for all', () => {
    const parent = resource('public')
    const hidden = { ...comment, hiddenAt: now }
    expect(commentDisplay(viewers.member as Viewer, parent, hidden)).toBe('masked')
    expect(commentDisplay(viewers.author as Viewer, parent, hidden)).toBe('masked')
    expect(commentDisplay(viewers.coordinator as Viewer, parent, hidden)).toBe('whole')
    expect(commentDisplay(viewers.admin as Viewer, parent, { ...comment, deletedAt: now })).toBe('deleted')
    expect(commentDisplay(ANONYMOUS, parent, comment)).toBe('whole')
  })
})

describe('reactions: viewer × resource → allowed or why not', () => {
  const access = (extra: Partial<ResourceAccessItem> = {}): ResourceAccessItem => ({
    ...(resource('public').access as ResourceAccessItem),
    ...extra,
  })
  test.each([
    ['anonymous', ANONYMOUS, access(), 'unverified'],
    ['an unverified account', viewers.unverified, access(), 'unverified'],
    ['a member', viewers.member, access(), null],
    ['a member on a group-only resource', viewers.member, access({ visibility: 'group', groupIds: ['g'] }), 'not-found'],
    ['a group member on it', viewers.groupMember, access({ visibility: 'group', groupIds: ['g'] }), null],
    ['its author', person('owner'), access(), 'own'],
    ['a member of its structure', person('s', { structures: [['st', 'member']] }), access({ structureIds: ['st'] }), 'own'],
    ['an admin on a draft', viewers.admin, access({ status: 'draft' }), 'closed'],
    ['a coordinator on a resource hidden after reports', viewers.coordinator, access({ hiddenAt: now }), 'closed'],
    ['a member on a hidden resource', viewers.member, access({ hiddenAt: now }), 'not-found'],
  ] as const)('%s → %s', (_name, viewer, item, refusal) => {
    expect(reactionRefusal(viewer as Viewer, item)).toBe(refusal)
  })

  test('« Je l’ai testé » names only one of the person’s structures', () => {
    const someone = person('p', { structures: [['mine', 'member']] })
    expect(mayNameStructure(someone, 'mine')).toBe(true)
    expect(mayNameStructure(someone, 'other')).toBe(false)
    expect(mayNameStructure(ANONYMOUS, 'mine')).toBe(false)
  })
})

describe('mentionedSlugs', () => {
  test('profile addresses after @, once each, not in words or email addresses, at most ten', () => {
    expect(mentionedSlugs('Merci @marie-dupont et @jean, puis @marie-dupont.')).toEqual(['marie-dupont', 'jean'])
    expect(mentionedSlugs('Écrire à contact@asso.fr ou x@y — @@double, @-tiret, @Majuscule')).toEqual([])
    expect(mentionedSlugs('(@lens) «@arras»')).toEqual(['lens', 'arras'])
    expect(mentionedSlugs(Array.from({ length: 15 }, (_, i) => `@p${i}`).join(' '))).toHaveLength(MAX_MENTIONS)
  })
})
