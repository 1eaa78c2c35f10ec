import type { Selectable } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import type { GroupJoinPolicy, GroupPageVisibility, GroupsTable } from '#db/schema/groups.ts'
import { recordActorAudit } from '#app/modules/audit/audit.server.ts'
import { type Actor, isAdmin } from '#app/modules/auth/viewer.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { slugify } from '#app/utils/slug.ts'
import { joinDecisionMessage } from './emails.server.ts'
import type { PolicyGroup } from './groups.policy.ts'

// Groups themselves (issue 12): admins create thematic groups and edit any group's settings. Changing the join
// policy settles the pending requests in the same transaction (to open: approved; to invitation: refused, with a
// French message), so no request is left waiting on a door that no longer exists (reference-systems §E1).

export type Group = Selectable<GroupsTable>

export type GroupInput = {
  name: string
  description: string
  joinPolicy: GroupJoinPolicy
  pageVisibility: GroupPageVisibility
  /** Listed only to its members and admins; must be invitation only. */
  hidden: boolean
}

export type GroupField = keyof GroupInput
type Invalid = { ok: false; reason: 'invalid'; fieldErrors: Partial<Record<GroupField, string[]>> }
export type Forbidden = { ok: false; reason: 'forbidden' }
const FORBIDDEN: Forbidden = Object.freeze({ ok: false, reason: 'forbidden' })

export const GROUP_NAME_MAX = 100
export const GROUP_DESCRIPTION_MAX = 2000

export const GROUP_MESSAGES = {
  nameRequired: 'Indiquez le nom du groupe.',
  nameTooLong: `Le nom ne doit pas dépasser ${GROUP_NAME_MAX} caractères.`,
  descriptionTooLong: `La description ne doit pas dépasser ${GROUP_DESCRIPTION_MAX} caractères.`,
  hiddenInvitationOnly: 'Un groupe masqué ne s’ouvre que sur invitation : choisissez « Sur invitation ».',
  conflict: 'Ce groupe a été modifié entre-temps par quelqu’un d’autre : rechargez la page pour voir sa version actuelle.',
  /** Sent with the requests a change to « invitation only » closes. */
  closedByPolicyChange:
    'Ce groupe n’accueille désormais de nouveaux membres que sur invitation : votre demande a donc été close. Vous pouvez demander une invitation à ses coordinateurs.',
} as const

/** Path segments under /groupes that a group's slug must not take (the invitation links and the creation form live there). */
const GROUP_RESERVED_SLUGS: ReadonlySet<string> = new Set(['invitations', 'territoires', 'nouveau'])

/** The shape the groups policy reads (`hidden` as a boolean). */
export function toPolicyGroup(group: Pick<Group, 'id' | 'joinPolicy' | 'pageVisibility' | 'hidden'>): PolicyGroup {
  return { id: group.id, joinPolicy: group.joinPolicy, pageVisibility: group.pageVisibility, hidden: group.hidden === 1 }
}

export async function getGroupById(id: string, trx: Executor = db): Promise<Group | null> {
  return (await trx.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

export async function getGroupBySlug(slug: string, trx: Executor = db): Promise<Group | null> {
  return (await trx.selectFrom('groups').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null
}

/** The slug of a new group: the site's `slugify`, never a word of the routes, unique among groups (`-2`, `-3`…). */
export async function uniqueGroupSlug(name: string, trx: Executor = db): Promise<string> {
  let base = slugify(name, 'groupe')
  if (GROUP_RESERVED_SLUGS.has(base)) base = `${base}-groupe`
  const rows = await trx
    .selectFrom('groups')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute()
  const taken = new Set(rows.map((r) => r.slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

function validate(input: GroupInput): { value: GroupInput } | Invalid {
  const name = input.name.trim().replace(/\s+/g, ' ')
  const description = input.description.trim()
  const fieldErrors: Partial<Record<GroupField, string[]>> = {}
  if (!name) fieldErrors.name = [GROUP_MESSAGES.nameRequired]
  else if (name.length > GROUP_NAME_MAX) fieldErrors.name = [GROUP_MESSAGES.nameTooLong]
  if (description.length > GROUP_DESCRIPTION_MAX) fieldErrors.description = [GROUP_MESSAGES.descriptionTooLong]
  if (input.hidden && input.joinPolicy !== 'invitation') fieldErrors.joinPolicy = [GROUP_MESSAGES.hiddenInvitationOnly]
  if (Object.keys(fieldErrors).length) return { ok: false, reason: 'invalid', fieldErrors }
  return { value: { ...input, name, description } }
}

/** Creating groups and changing their settings: admins (and the system, for seeds and commands). */
function mayAdminister(actor: Actor): boolean {
  return actor.kind === 'system' || isAdmin(actor)
}

export type CreateGroupResult = { ok: true; group: Group } | Invalid | Forbidden

/** Creates a thematic group (territory groups come with the reference data, one per territory). */
export async function createGroup(options: { actor: Actor; input: GroupInput; now?: Date; trx?: Executor }): Promise<CreateGroupResult> {
  if (!mayAdminister(options.actor)) return FORBIDDEN
  const checked = validate(options.input)
  if (!('value' in checked)) return checked
  const input = checked.value
  const run = async (trx: Executor): Promise<CreateGroupResult> => {
    const now = (options.now ?? new Date()).toISOString()
    const group: Group = {
      id: newId(),
      slug: await uniqueGroupSlug(input.name, trx),
      name: input.name,
      description: input.description,
      kind: 'thematic',
      territorySlug: null,
      joinPolicy: input.joinPolicy,
      pageVisibility: input.pageVisibility,
      hidden: input.hidden ? 1 : 0,
      coverKey: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }
    await trx.insertInto('groups').values(group).execute()
    await recordActorAudit(
      options.actor,
      { action: 'group.created', targetType: 'group', targetId: group.id, data: { slug: group.slug, name: group.name, joinPolicy: group.joinPolicy } },
      trx,
    )
    return { ok: true, group }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export type SettledRequests = { approved: number; refused: number }

export type UpdateGroupResult =
  | { ok: true; group: Group; settled: SettledRequests }
  | Invalid
  /** Someone saved in between (the version moved on): nothing was written. */
  | { ok: false; reason: 'conflict'; message: string; current: { version: number; updatedAt: string } }
  | { ok: false; reason: 'not-found' }
  | Forbidden

/**
 * Saves a group's settings if nobody saved them since `expectedVersion` (optimistic locking, as structures do). The
 * slug stays (links keep working after a rename). A change of join policy settles the pending requests: to `open`
 * they are approved (the requesters become members), to `invitation` they are refused with
 * `GROUP_MESSAGES.closedByPolicyChange`; each requester is emailed, each decision audited; `settled` tells the page.
 */
export async function updateGroup(options: {
  id: string
  input: GroupInput
  expectedVersion: number
  actor: Actor
  now?: Date
  trx?: Executor
}): Promise<UpdateGroupResult> {
  if (!mayAdminister(options.actor)) return FORBIDDEN
  const checked = validate(options.input)
  if (!('value' in checked)) return checked
  const input = checked.value
  const run = async (trx: Executor): Promise<UpdateGroupResult> => {
    const before = await getGroupById(options.id, trx)
    if (!before) return { ok: false, reason: 'not-found' }
    const conflict = {
      ok: false,
      reason: 'conflict',
      message: GROUP_MESSAGES.conflict,
      current: { version: before.version, updatedAt: before.updatedAt },
    } as const
    if (before.version !== options.expectedVersion) return conflict
    const now = (options.now ?? new Date()).toISOString()
    const updated = await trx
      .updateTable('groups')
      .set({
        // A territory group's name comes with its territory: it is never renamed here.
        name: before.kind === 'territory' ? before.name : input.name,
        description: input.description,
        joinPolicy: input.joinPolicy,
        pageVisibility: input.pageVisibility,
        hidden: input.hidden ? 1 : 0,
        version: before.version + 1,
        updatedAt: now,
      })
      .where('id', '=', before.id)
      .where('version', '=', options.expectedVersion)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return conflict
    const group = (await getGroupById(before.id, trx))!
    const settled = before.joinPolicy === group.joinPolicy ? { approved: 0, refused: 0 } : await settlePendingRequests(group, options.actor, now, trx)
    const changes = Object.fromEntries(
      (['name', 'description', 'joinPolicy', 'pageVisibility', 'hidden'] as const)
        .filter((key) => before[key] !== group[key])
        .map((key) => [key, { from: before[key], to: group[key] }]),
    )
    await recordActorAudit(options.actor, { action: 'group.updated', targetType: 'group', targetId: group.id, data: { changes, settled } }, trx)
    return { ok: true, group, settled }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/** Pending requests after a policy change: approved when the group became open, refused when it left « on request ». */
async function settlePendingRequests(group: Group, actor: Actor, now: string, trx: Executor): Promise<SettledRequests> {
  if (group.joinPolicy === 'request') return { approved: 0, refused: 0 }
  const approve = group.joinPolicy === 'open'
  const pending = await trx
    .selectFrom('groupJoinRequests')
    .innerJoin('users', 'users.id', 'groupJoinRequests.userId')
    .select(['groupJoinRequests.id', 'groupJoinRequests.userId', 'users.email'])
    .where('groupJoinRequests.groupId', '=', group.id)
    .where('groupJoinRequests.status', '=', 'pending')
    .orderBy('groupJoinRequests.createdAt')
    .execute()
  const decisionMessage = approve ? null : GROUP_MESSAGES.closedByPolicyChange
  const decidedBy = actor.kind === 'person' ? actor.id : null
  for (const request of pending) {
    await trx
      .updateTable('groupJoinRequests')
      .set({ status: approve ? 'approved' : 'refused', decidedAt: now, decidedBy, decisionMessage })
      .where('id', '=', request.id)
      .execute()
    if (approve) {
      await trx
        .insertInto('groupMemberships')
        .values({ groupId: group.id, userId: request.userId, role: 'member', joinedAt: now })
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
    await recordActorAudit(
      actor,
      {
        action: approve ? 'group.request-approved' : 'group.request-refused',
        targetType: 'group',
        targetId: group.id,
        data: { userId: request.userId, requestId: request.id, byPolicyChange: group.joinPolicy },
      },
      trx,
    )
    await enqueueEmail(
      joinDecisionMessage({ to: request.email, group, approved: approve, message: decisionMessage ?? '' }),
      trx,
    )
  }
  return approve ? { approved: pending.length, refused: 0 } : { approved: 0, refused: pending.length }
}
