import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, systemActor, type Viewer } from '#app/modules/auth/viewer.ts'
import { can, canCreate, mayAssignGroup, type PathwayAccessItem, type PathwayAction } from './pathways.policy.ts'

// Who may read and maintain a pathway, as a table: viewer × state → allowed (issue 15).

const verified = { emailVerifiedAt: '2026-01-01T00:00:00Z' }
const VIEWERS: Record<string, Viewer | ReturnType<typeof systemActor>> = {
  anonymous: ANONYMOUS,
  member: personViewer({ id: 'm', role: 'member', ...verified }),
  groupCoordinator: personViewer({ id: 'g', role: 'member', ...verified }, { groups: [['G1', 'coordinator']] }),
  otherCoordinator: personViewer({ id: 'o', role: 'member', ...verified }, { groups: [['G2', 'coordinator']] }),
  territoryCoordinator: personViewer({ id: 't', role: 'member', ...verified }, { groups: [['T1', 'coordinator']], coordinates: ['calaisis'] }),
  unverifiedCoordinator: personViewer({ id: 'g', role: 'member', emailVerifiedAt: null }, { groups: [['G1', 'coordinator']] }),
  authorNoLongerCoordinator: personViewer({ id: 'a', role: 'member', ...verified }, { groups: [['G2', 'member']] }),
  admin: personViewer({ id: 'x', role: 'admin', ...verified }),
  system: systemActor('tests'),
}

const draft: PathwayAccessItem = { status: 'draft', groupId: 'G1', territorySlug: 'calaisis', createdBy: 'a' }
const published: PathwayAccessItem = { ...draft, status: 'published' }

// [read draft, edit draft, publish draft, read published, unpublish published, create]
const TABLE: Record<string, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  anonymous: [false, false, false, true, false, false],
  member: [false, false, false, true, false, false],
  groupCoordinator: [true, true, true, true, true, true],
  otherCoordinator: [false, false, false, true, false, true],
  territoryCoordinator: [true, true, true, true, true, true],
  unverifiedCoordinator: [false, false, false, true, false, false],
  authorNoLongerCoordinator: [false, false, false, true, false, false],
  admin: [true, true, true, true, true, true],
  system: [true, true, true, true, true, true],
}

describe('pathways policy', () => {
  test.each(Object.entries(TABLE))('%s', (name, expected) => {
    const viewer = VIEWERS[name]
    const cells: [PathwayAction, PathwayAccessItem][] = [
      ['read', draft],
      ['edit', draft],
      ['publish', draft],
      ['read', published],
      ['unpublish', published],
    ]
    expect([...cells.map(([action, item]) => can(viewer, action, item)), canCreate(viewer)]).toEqual(expected)
  })

  test('a draft cannot be unpublished nor a published pathway published again', () => {
    expect(can(VIEWERS.admin, 'unpublish', draft)).toBe(false)
    expect(can(VIEWERS.admin, 'publish', published)).toBe(false)
  })

  test('an author who still coordinates something maintains their pathway', () => {
    const author = personViewer({ id: 'a', role: 'member', ...verified }, { groups: [['G9', 'coordinator']] })
    expect(can(author, 'edit', { ...draft, groupId: null, territorySlug: null })).toBe(true)
  })

  test('the maintaining group: a group one coordinates, or the current one', () => {
    expect(mayAssignGroup(VIEWERS.groupCoordinator, 'G1')).toBe(true)
    expect(mayAssignGroup(VIEWERS.groupCoordinator, 'G2')).toBe(false)
    expect(mayAssignGroup(VIEWERS.groupCoordinator, 'G2', 'G2')).toBe(true)
    expect(mayAssignGroup(VIEWERS.admin, 'G2')).toBe(true)
  })
})
