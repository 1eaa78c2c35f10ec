import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import type { Database } from '#db/schema.ts'
import type { GroupJoinPolicy, GroupKind, GroupMemberRole, GroupPageVisibility } from '#db/schema/groups.ts'
import type { ResourceType } from '#db/schema/resources.ts'
import { type Viewer, isAdmin } from '#app/modules/auth/viewer.ts'
import { visibleProfileVisibilities } from '#app/modules/people/people.policy.ts'
import { DEFAULT_VISIBILITY } from '#app/modules/people/people.server.ts'
import { type FundingState, fundingState } from '#app/modules/resources/dates.ts'
import { RESOURCE_TYPES } from '#app/modules/resources/labels.ts'
import { visibleTo } from '#app/modules/resources/resources.policy.ts'
import { can } from './groups.policy.ts'

// The read side of group pages (issue 12, item 3): which groups a viewer is shown, a group's page, its figures, its
// resources and its members. Who may see a group is groups.policy.ts; which resources count is resources.policy.ts
// (`visibleTo`): nothing here decides visibility by hand, so a group-only resource is never counted for a non-member.

export type GroupPage = {
  id: string
  slug: string
  name: string
  description: string
  kind: GroupKind
  territorySlug: string | null
  joinPolicy: GroupJoinPolicy
  pageVisibility: GroupPageVisibility
  hidden: boolean
  coverKey: string | null
}

/** A group as the policy reads it. */
function policyGroup(group: GroupPage) {
  return { id: group.id, joinPolicy: group.joinPolicy, pageVisibility: group.pageVisibility, hidden: group.hidden }
}

function groupsQuery(trx: Executor) {
  return trx
    .selectFrom('groups')
    .select([
      'groups.id',
      'groups.slug',
      'groups.name',
      'groups.description',
      'groups.kind',
      'groups.territorySlug',
      'groups.joinPolicy',
      'groups.pageVisibility',
      'groups.hidden',
      'groups.coverKey',
    ])
}

type GroupRow = Awaited<ReturnType<ReturnType<typeof groupsQuery>['execute']>>[number]

function toPage(row: GroupRow): GroupPage {
  return { ...row, hidden: row.hidden === 1 }
}

/** The public path of a group's page: a territory group lives at its territory's page. */
export function groupPath(group: { slug: string; kind: GroupKind; territorySlug: string | null }): string {
  return group.kind === 'territory' && group.territorySlug
    ? `/territoires/${encodeURIComponent(group.territorySlug)}`
    : `/groupes/${encodeURIComponent(group.slug)}`
}

/**
 * Whether the group appears in lists for this viewer. A hidden group: only to its members and admins. A group whose
 * page is for members: to logged-in people with a confirmed address too (they see it exists and may ask to join),
 * without a link to its page. A public group: to everyone.
 */
export function isListedTo(viewer: Viewer, group: GroupPage): boolean {
  if (isAdmin(viewer) || (viewer.kind === 'person' && viewer.groups.has(group.id))) return true
  if (group.hidden) return false
  if (group.pageVisibility === 'public') return true
  return viewer.kind === 'person' && viewer.verified
}

export type ListedGroup = GroupPage & {
  /** The viewer may open its page (groups.policy.ts `view`). */
  viewable: boolean
  path: string
  /** The viewer's role in the group, or null. */
  role: GroupMemberRole | null
}

/** The groups the viewer is shown: the territory groups in the territories' order, then the thematic ones by name. */
export async function listGroups(viewer: Viewer, options: { trx?: Executor } = {}): Promise<ListedGroup[]> {
  const trx = options.trx ?? db
  const rows = await groupsQuery(trx)
    .leftJoin('territories', 'territories.slug', 'groups.territorySlug')
    .orderBy((eb) => eb.case().when('groups.kind', '=', 'territory').then(0).else(1).end())
    .orderBy('territories.position')
    .orderBy('groups.name')
    .execute()
  return rows
    .map(toPage)
    .filter((group) => isListedTo(viewer, group))
    .map((group) => ({
      ...group,
      viewable: can(viewer, 'view', policyGroup(group)),
      path: groupPath(group),
      role: viewer.kind === 'person' ? (viewer.groups.get(group.id) ?? null) : null,
    }))
}

/** A group's page, or null when it does not exist or the viewer may not see it (both are a 404: no trace of it). */
export async function getGroupPage(slug: string, viewer: Viewer, options: { trx?: Executor } = {}): Promise<GroupPage | null> {
  const row = await groupsQuery(options.trx ?? db).where('groups.slug', '=', slug).executeTakeFirst()
  if (!row) return null
  const group = toPage(row)
  return can(viewer, 'view', policyGroup(group)) ? group : null
}

/**
 * A group as the list of groups shows it to this viewer (`isListedTo`), whether or not they may open its page: the
 * page to ask to join a group whose page is for its members (/groupes/:slug/adhesion). Null otherwise (a 404).
 */
export async function getListedGroup(slug: string, viewer: Viewer, options: { trx?: Executor } = {}): Promise<GroupPage | null> {
  const row = await groupsQuery(options.trx ?? db).where('groups.slug', '=', slug).executeTakeFirst()
  if (!row) return null
  const group = toPage(row)
  return isListedTo(viewer, group) ? group : null
}

/** The page of a territory's group (by territory slug), or null as `getGroupPage`. */
export async function getTerritoryGroupPage(territorySlug: string, viewer: Viewer, options: { trx?: Executor } = {}) {
  const row = await groupsQuery(options.trx ?? db).where('groups.territorySlug', '=', territorySlug).executeTakeFirst()
  if (!row) return null
  const group = toPage(row)
  return can(viewer, 'view', policyGroup(group)) ? group : null
}

/**
 * The resources of a group, before the viewer's filter: the territory's resources for a territory group, plus the
 * resources published for the group's members (visibility `group`, linked in resource_groups).
 */
function ofGroup(group: Pick<GroupPage, 'id' | 'territorySlug'>) {
  return (eb: ExpressionBuilder<Database, 'resources'>): Expression<SqlBool> => {
    const forGroup = eb.and([
      eb('resources.visibility', '=', 'group'),
      eb.exists(
        eb
          .selectFrom('resourceGroups')
          .select('resourceGroups.groupId')
          .whereRef('resourceGroups.resourceId', '=', 'resources.id')
          .where('resourceGroups.groupId', '=', group.id),
      ),
    ])
    return group.territorySlug ? eb.or([eb('resources.territory', '=', group.territorySlug), forGroup]) : forGroup
  }
}

/** Published resources of the group this viewer may read (the lists' rule: published only, never drafts). */
function groupResources(group: Pick<GroupPage, 'id' | 'territorySlug'>, viewer: Viewer, trx: Executor) {
  return trx
    .selectFrom('resources')
    .where('resources.status', '=', 'published')
    .where('resources.deletedAt', 'is', null)
    .where(visibleTo(viewer))
    .where(ofGroup(group))
}

export type GroupFigures = {
  members: number
  /** Structures of the territory (a territory group); null for a thematic group. */
  structures: number | null
  resourcesByKind: Record<ResourceType, number>
  resources: number
  openCalls: number
}

/**
 * The figures panel of a group, counted for this viewer: members, structures whose commune is in the territory,
 * resources by kind and open funding calls among the resources the viewer may read (`visibleTo`), so a group-only
 * resource counts only for those who may read it.
 */
export async function groupFigures(
  group: Pick<GroupPage, 'id' | 'territorySlug'>,
  viewer: Viewer,
  options: { trx?: Executor; now?: Date } = {},
): Promise<GroupFigures> {
  const trx = options.trx ?? db
  const now = options.now ?? new Date()
  const territorySlug = group.territorySlug
  const [members, structures, byKind, calls] = await Promise.all([
    trx
      .selectFrom('groupMemberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('groupMemberships.groupId', '=', group.id)
      .executeTakeFirst(),
    territorySlug
      ? trx
          .selectFrom('structures')
          .innerJoin('communes', 'communes.insee', 'structures.communeInsee')
          .innerJoin('territories', 'territories.id', 'communes.territoryId')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('territories.slug', '=', territorySlug)
          .executeTakeFirst()
      : Promise.resolve(null),
    groupResources(group, viewer, trx)
      .select(['resources.type', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('resources.type')
      .execute(),
    // Open or not is the one rule of search/funding-state.ts, applied to each call's dates.
    groupResources(group, viewer, trx)
      .where('resources.type', '=', 'financement-europeen')
      .select(['resources.openingDate', 'resources.deadline'])
      .execute(),
  ])
  const resourcesByKind = Object.fromEntries(RESOURCE_TYPES.map((type) => [type, 0])) as Record<ResourceType, number>
  for (const row of byKind) resourcesByKind[row.type] = Number(row.n)
  return {
    members: Number(members?.n ?? 0),
    structures: structures ? Number(structures.n) : null,
    resourcesByKind,
    resources: Object.values(resourcesByKind).reduce((sum, n) => sum + n, 0),
    openCalls: calls.filter((call) => fundingState(call, now) === 'open').length,
  }
}

export const GROUP_RESOURCES_PAGE_SIZE = 20

export type GroupResourceItem = {
  id: string
  slug: string
  type: ResourceType
  title: string
  summary: string
  publishedAt: string | null
  /** Published for the group's members only. */
  groupOnly: boolean
  fundingState: FundingState | null
}

/** The group's resources this viewer may read, newest first, a page at a time. */
export async function listGroupResources(
  group: Pick<GroupPage, 'id' | 'territorySlug'>,
  viewer: Viewer,
  options: { page?: number; pageSize?: number; trx?: Executor; now?: Date } = {},
) {
  const trx = options.trx ?? db
  const pageSize = options.pageSize ?? GROUP_RESOURCES_PAGE_SIZE
  const now = options.now ?? new Date()
  const countRow = await groupResources(group, viewer, trx)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  const total = Number(countRow?.n ?? 0)
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount)
  const rows = await groupResources(group, viewer, trx)
    .select([
      'resources.id',
      'resources.slug',
      'resources.type',
      'resources.title',
      'resources.summary',
      'resources.publishedAt',
      'resources.visibility',
      'resources.openingDate',
      'resources.deadline',
    ])
    .orderBy('resources.publishedAt', 'desc')
    .orderBy('resources.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  const items: GroupResourceItem[] = rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    type: row.type,
    title: row.title,
    summary: row.summary,
    publishedAt: row.publishedAt,
    groupOnly: row.visibility === 'group',
    fundingState: row.type === 'financement-europeen' ? fundingState(row, now) : null,
  }))
  return { items, total, page, pageCount, pageSize }
}

export type GroupMemberItem = {
  userId: string
  name: string
  role: GroupMemberRole
  /** The person's page, when the viewer may open it. */
  profileSlug: string | null
}

/** Members listed per page of the members tab. */
export const MEMBERS_PAGE_SIZE = 100

/**
 * The members shown to this viewer, coordinators first, then by name, a page at a time: those whose profile the
 * viewer may see (people.policy.ts: `visibleProfileVisibilities`, and always their own). `notShown` counts the others,
 * so the list agrees with the members figure without naming them.
 */
export async function listGroupMembers(
  group: Pick<GroupPage, 'id'>,
  viewer: Viewer,
  options: { page?: number; pageSize?: number; trx?: Executor } = {},
) {
  const trx = options.trx ?? db
  const pageSize = options.pageSize ?? MEMBERS_PAGE_SIZE
  const visibilities = visibleProfileVisibilities(viewer)
  const members = trx
    .selectFrom('groupMemberships')
    .innerJoin('users', 'users.id', 'groupMemberships.userId')
    .leftJoin('profiles', 'profiles.userId', 'users.id')
    .where('groupMemberships.groupId', '=', group.id)
  const shownQuery = members.where((eb) => {
    const visible = eb(eb.fn.coalesce('profiles.visibility', eb.val(DEFAULT_VISIBILITY)), 'in', visibilities)
    return viewer.kind === 'person' ? eb.or([visible, eb('users.id', '=', viewer.id)]) : visible
  })
  const [all, shown] = await Promise.all([
    members.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    shownQuery.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const total = Number(shown.n)
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount)
  const rows = await shownQuery
    .select(['users.id as userId', 'users.name', 'groupMemberships.role', 'profiles.slug as profileSlug', 'profiles.visibility'])
    .orderBy((eb) => eb.case().when('groupMemberships.role', '=', 'coordinator').then(0).else(1).end())
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  // A person without a profile row has no page yet: listed by name only.
  const items: GroupMemberItem[] = rows.map((row) => ({ userId: row.userId, name: row.name, role: row.role, profileSlug: row.profileSlug }))
  return { members: items, notShown: Number(all.n) - total, page, pageCount }
}
