import { beforeAll, describe, expect, test } from 'vitest'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { ANONYMOUS, type PersonViewer, type Viewer } from '#app/modules/auth/viewer.ts'
import { leaveGroup } from '#app/modules/groups/memberships.server.ts'
import { db } from '#db/client.server.ts'
import type { EventStatus, EventVisibility } from '#db/schema/events.ts'
import type { SearchAccess } from '#search/engine.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { eventAccessItem, type EventRecord } from './events.server.ts'
import { can, searchFilter, visibleTo } from './events.policy.ts'

// The one rule, said three ways: `can(viewer, 'read', e)` (pages, actions), `visibleTo(viewer)` (every SQL list, the
// feeds) and `searchFilter(viewer)` (the audience part: what organisers read beyond it is theirs by id). For every
// viewer × audience × status × organiser, on a real database, they give the same answer.

const VISIBILITIES: EventVisibility[] = ['public', 'members', 'group']
const STATUSES: EventStatus[] = ['scheduled', 'cancelled']
const ORGANISERS = ['group', 'structure'] as const
const VIEWERS = [
  'anonymous',
  'unverified',
  'verified',
  'groupMember',
  'groupCoordinator',
  'unverifiedCoordinator',
  'formerMember',
  'otherGroupMember',
  'otherGroupCoordinator',
  'structureMember',
  'admin',
] as const
type ViewerName = (typeof VIEWERS)[number]

const viewers = {} as Record<ViewerName, Viewer>
type Cell = { id: string; event: EventRecord }
const cells = new Map<string, Cell>()
const cellName = (organiser: string, visibility: string, status: string) => `${organiser} × ${visibility} × ${status}`

beforeAll(async () => {
  // The organising group is also the audience group; the structure organises the other half of the cells.
  const group = await createTestGroup()
  const otherGroup = await createTestGroup()
  const read = async (user: { id: string }) => (await viewerById(user.id)) as PersonViewer
  const { structure, owner } = await createTestStructure()
  const unverified = await createTestUser({ emailVerifiedAt: null })
  await addTestGroupMember(group.id, unverified.id)
  const member = await createTestUser()
  await addTestGroupMember(group.id, member.id)
  const coordinator = await createTestUser()
  await addTestGroupMember(group.id, coordinator.id, 'coordinator')
  const unverifiedCoordinator = await createTestUser({ emailVerifiedAt: null })
  await addTestGroupMember(group.id, unverifiedCoordinator.id, 'coordinator')
  const former = await createTestUser()
  await addTestGroupMember(group.id, former.id)
  expect(await leaveGroup({ groupId: group.id, actor: await read(former) })).toMatchObject({ ok: true })
  const otherMember = await createTestUser()
  await addTestGroupMember(otherGroup.id, otherMember.id)
  const otherCoordinator = await createTestUser()
  await addTestGroupMember(otherGroup.id, otherCoordinator.id, 'coordinator')

  viewers.anonymous = ANONYMOUS
  viewers.unverified = await read(unverified)
  viewers.verified = await read(await createTestUser())
  viewers.groupMember = await read(member)
  viewers.groupCoordinator = await read(coordinator)
  viewers.unverifiedCoordinator = await read(unverifiedCoordinator)
  viewers.formerMember = await read(former)
  viewers.otherGroupMember = await read(otherMember)
  viewers.otherGroupCoordinator = await read(otherCoordinator)
  viewers.structureMember = await read(owner)
  viewers.admin = await read(await createTestUser({ role: 'admin' }))

  for (const organiser of ORGANISERS) {
    for (const visibility of VISIBILITIES) {
      for (const status of STATUSES) {
        let event = await createTestEvent({
          title: `Cellule ${cellName(organiser, visibility, status)}`,
          ...(organiser === 'group' ? { groupId: group.id } : { structureId: structure.id }),
          visibility,
          groupIds: visibility === 'group' ? [group.id] : [],
        })
        if (status === 'cancelled') {
          await db.updateTable('events').set({ status: 'cancelled', cancelledAt: new Date().toISOString() }).where('id', '=', event.id).execute()
          event = { ...event, status: 'cancelled' }
        }
        cells.set(cellName(organiser, visibility, status), { id: event.id, event })
      }
    }
  }
})

async function listedFor(viewer: Viewer): Promise<Set<string>> {
  const ids = [...cells.values()].map((c) => c.id)
  const rows = await db.selectFrom('events').select('id').where('id', 'in', ids).where(visibleTo(viewer)).execute()
  return new Set(rows.map((r) => r.id))
}

/** What an engine does with the neutral filter (the grammar both engines implement for resources). */
function accessMatches(access: SearchAccess, event: EventRecord): boolean {
  if (!access.visibilities.includes(event.visibility)) return false
  if (event.visibility !== 'group') return true
  return Boolean(access.allGroups) || event.groupIds.some((id) => access.groupIds.includes(id))
}

describe('can(read) agrees with visibleTo (and searchFilter on the audience), cell by cell', () => {
  for (const who of VIEWERS) {
    describe(who, () => {
      for (const organiser of ORGANISERS) {
        for (const visibility of VISIBILITIES) {
          for (const status of STATUSES) {
            test(cellName(organiser, visibility, status), async () => {
              const viewer = viewers[who]
              const cell = cells.get(cellName(organiser, visibility, status))
              if (!cell) throw new Error('cell not created')
              const item = eventAccessItem(cell.event)
              const allowed = can(viewer, 'read', item)
              expect((await listedFor(viewer)).has(cell.id), `visibleTo, can = ${allowed}`).toBe(allowed)
              const found = accessMatches(searchFilter(viewer), cell.event)
              // The search filter never shows more than `read`; it misses only what organisers read beyond the audience.
              if (found) expect(allowed).toBe(true)
              if (allowed && !can(viewer, 'edit', { ...item, status: 'scheduled' })) expect(found, 'searchFilter').toBe(true)
            })
          }
        }
      }
    })
  }
})

test('the cells disagree between viewers (the table tests something)', async () => {
  expect((await listedFor(viewers.anonymous)).size).toBe(4) // public × 2 organisers × 2 statuses
  expect((await listedFor(viewers.verified)).size).toBe(8) // public, members
  expect((await listedFor(viewers.groupMember)).size).toBe(12)
  expect((await listedFor(viewers.admin)).size).toBe(12)
  // The structure member organises the structure's group-only events, not the group's.
  expect((await listedFor(viewers.structureMember)).size).toBe(10)
})

test('a group-only event of the group: read by its members and coordinators and admins — not by a former member, an unverified member or another group', () => {
  const cell = cells.get(cellName('group', 'group', 'scheduled'))!
  const readers = VIEWERS.filter((who) => can(viewers[who], 'read', eventAccessItem(cell.event)))
  expect(readers).toEqual(['groupMember', 'groupCoordinator', 'admin'])
})

test('edit and cancel: the organising group’s verified coordinators, the structure’s members, admins; never once cancelled', () => {
  const byGroup = eventAccessItem(cells.get(cellName('group', 'public', 'scheduled'))!.event)
  const byStructure = eventAccessItem(cells.get(cellName('structure', 'public', 'scheduled'))!.event)
  const cancelled = eventAccessItem(cells.get(cellName('group', 'public', 'cancelled'))!.event)
  for (const action of ['edit', 'cancel', 'listParticipants'] as const) {
    expect(VIEWERS.filter((who) => can(viewers[who], action, byGroup))).toEqual(['groupCoordinator', 'admin'])
    expect(VIEWERS.filter((who) => can(viewers[who], action, byStructure))).toEqual(['structureMember', 'admin'])
  }
  expect(VIEWERS.filter((who) => can(viewers[who], 'edit', cancelled))).toEqual([])
  expect(VIEWERS.filter((who) => can(viewers[who], 'cancel', cancelled))).toEqual([])
  // Organisers still see who had registered to a cancelled event.
  expect(VIEWERS.filter((who) => can(viewers[who], 'listParticipants', cancelled))).toEqual(['groupCoordinator', 'admin'])
})
