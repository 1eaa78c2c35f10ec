import { beforeAll, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import type { ResourceVisibility } from '#db/schema/resources.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { ANONYMOUS, type PersonViewer, personViewer, type Viewer } from '#app/modules/auth/viewer.ts'
import { can, type ResourceAccessItem, visibleTo } from './resources.policy.ts'

// The one rule, said twice: `can(viewer, 'read', r)` (pages, actions) and `visibleTo(viewer)` (every SQL list).
// For every viewer × visibility × status, on a real database, both must give the same answer.

const VISIBILITIES: ResourceVisibility[] = ['public', 'members', 'group']
const STATUSES = ['draft', 'pending', 'published', 'archived', 'deleted'] as const
type CellStatus = (typeof STATUSES)[number]
const GROUP = 'groupe-accord'
const OTHER_GROUP = 'groupe-autre'

const VIEWERS = ['anonymous', 'unverified', 'verified', 'author', 'structureMember', 'groupMember', 'otherGroupMember', 'admin'] as const
type ViewerName = (typeof VIEWERS)[number]

const viewers = {} as Record<ViewerName, Viewer>
const cells = new Map<string, { id: string; item: ResourceAccessItem }>()
const cellName = (visibility: ResourceVisibility, status: CellStatus) => `${visibility} × ${status}`

beforeAll(async () => {
  const author = await createTestUser()
  const owner = await createTestUser()
  const { structure } = await createTestStructure({ owner })
  const person = async (overrides: Parameters<typeof createTestUser>[0], extra?: Parameters<typeof personViewer>[1]) =>
    personViewer(await createTestUser(overrides), extra) as PersonViewer
  viewers.anonymous = ANONYMOUS
  viewers.unverified = await person({ emailVerifiedAt: null }, { groups: [[GROUP, 'member']] })
  viewers.verified = await person({})
  viewers.author = personViewer(author)
  viewers.structureMember = personViewer(owner, { structures: [[structure.id, 'owner']] })
  viewers.groupMember = await person({}, { groups: [[GROUP, 'member']] })
  viewers.otherGroupMember = await person({}, { groups: [[OTHER_GROUP, 'member']] })
  viewers.admin = await person({ role: 'admin' })

  for (const visibility of VISIBILITIES) {
    for (const status of STATUSES) {
      const row = await createTestResource({ author, visibility, status: status === 'deleted' ? 'published' : status })
      await db.insertInto('resourceStructures').values({ resourceId: row.id, structureId: structure.id }).execute()
      if (visibility === 'group') await db.insertInto('resourceGroups').values({ resourceId: row.id, groupId: GROUP }).execute()
      const deletedAt = status === 'deleted' ? new Date().toISOString() : null
      if (deletedAt) await db.updateTable('resources').set({ deletedAt }).where('id', '=', row.id).execute()
      cells.set(cellName(visibility, status), {
        id: row.id,
        item: {
          authorId: author.id,
          structureIds: [structure.id],
          visibility,
          groupIds: visibility === 'group' ? [GROUP] : [],
          status: row.status,
          deletedAt,
        },
      })
    }
  }
})

async function listedFor(viewer: Viewer): Promise<Set<string>> {
  const ids = [...cells.values()].map((c) => c.id)
  const rows = await db.selectFrom('resources').select('id').where('id', 'in', ids).where(visibleTo(viewer)).execute()
  return new Set(rows.map((r) => r.id))
}

describe('can(read) agrees with visibleTo, cell by cell', () => {
  for (const who of VIEWERS) {
    describe(who, () => {
      for (const visibility of VISIBILITIES) {
        for (const status of STATUSES) {
          test(cellName(visibility, status), async () => {
            const viewer = viewers[who]
            const cell = cells.get(cellName(visibility, status))
            if (!cell) throw new Error('cell not created')
            const allowed = can(viewer, 'read', cell.item)
            expect((await listedFor(viewer)).has(cell.id), `can = ${allowed}`).toBe(allowed)
          })
        }
      }
    })
  }
})

// The table is not vacuous: some cells are readable, some are not, for someone other than the admin.
test('the cells disagree between viewers (the table tests something)', async () => {
  const anonymous = await listedFor(viewers.anonymous)
  const group = await listedFor(viewers.groupMember)
  const admin = await listedFor(viewers.admin)
  expect(anonymous.size).toBe(2) // public × published, public × archived
  expect(group.size).toBe(6) // public, members, group × published, archived
  expect(admin.size).toBe(15)
})
