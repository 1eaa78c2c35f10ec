import { randomBytes } from 'node:crypto'
import type { JSONContent } from '@tiptap/core'
import type { ExpressionBuilder } from 'kysely'
import type { Database } from '#db/schema.ts'
import { type Executor, db } from '#db/client.server.ts'
import { type Actor, type PersonViewer, type Viewer, isAdmin } from '#app/modules/auth/viewer.ts'
import type {
  ResourceRow,
  ResourceStatus,
  ResourceType,
  ResourceVisibility,
  Revision,
} from '#db/schema/resources.ts'
import { autoFollow } from '#app/modules/follows/store.server.ts'
import { enqueueNotification } from '#app/modules/notifications/outbox.server.ts'
import { enqueueSearchUpdate } from '#search/outbox.server.ts'
import { noteResourceEdit } from '#app/modules/curation/validations.server.ts'
import { parseRichText } from '#app/modules/rich-text/rich-text.server.ts'
import { getCommuneOption, resolveCommuneQuery } from '#app/modules/territories/territories.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { slugify } from '#app/utils/slug.ts'
import { foldText } from '#app/utils/text.ts'
import { type FundingState, formatDateTimeFr, fundingState } from './dates.ts'
import { type DiffLine, diffLines, diffWords, type DiffPart } from './diff.ts'
import { can, canCreate, mayLinkStructure, mayTargetGroup, type ResourceAccessItem, type StatusChange, transition, visibleTo } from './resources.policy.ts'
import { type ResourceInput, TERRITORY_DEPARTEMENT, resourceSchema } from './resources.schema.ts'
import { needsReview } from './review.ts'

// The resources domain: reading with permissions, writing with optimistic locking and revisions, lists with filters.
// Every write runs in one transaction that also enqueues the search update. Every read takes the viewer and every write
// the actor (app/modules/auth/viewer.ts), and checks the policy (resources.policy.ts) itself: routes check too, for
// their French message, but a write the policy refuses never happens.

export type { StatusChange }

export type FieldErrors = Record<string, string[]>

export type SaveResult =
  | { status: 'saved'; resource: ResourceRow; revisionCreated: boolean }
  | { status: 'invalid'; fieldErrors: FieldErrors }
  /** Someone saved in between: nothing was written. */
  | { status: 'conflict'; message: string; current: { version: number; updatedAt: string; editorName: string | null } }
  /** The policy refuses this actor this write (or this status change from the current status): nothing was written. */
  | { status: 'forbidden'; message: string }

export const FORBIDDEN_MESSAGES = {
  create: 'Confirmez votre adresse électronique avant de publier une ressource.',
  edit: 'Vous ne pouvez pas modifier cette ressource.',
  status: 'Ce changement de statut n’est pas possible pour cette ressource.',
}

export const CONFLICT_MESSAGE =
  'Quelqu’un d’autre a enregistré cette ressource pendant que vous la modifiiez. Vos modifications n’ont pas été enregistrées : ouvrez la dernière version dans un autre onglet, reportez-y vos changements, puis enregistrez.'

/** Revisions by the same person, without a note, less than this apart, are merged (autosave writes often). */
const REVISION_MERGE_WINDOW_MS = 10 * 60 * 1000

// ---------------------------------------------------------------------------------------------------------------
// Reading

export type ResourceDetails = {
  eligibleLegalForms?: string[]
  partners?: string
  audience?: string
  results?: string
  contact?: string
  context?: string
  problem?: string
  steps?: string
  conditions?: string
  pitfalls?: string
  duration?: string
  fundingOptions?: string[]
}

export type ResourceSessionView = {
  id: string
  startsOn: string
  endsOn: string
  communeInsee: string | null
  communeName: string | null
}

export type ResourceAttachmentView = { id: string; originalName: string; mime: string; size: number; url: string }

export type ResourceStructureView = { id: string; slug: string; name: string }

export type ResourceGroupView = { id: string; slug: string; name: string }

export type FullResource = ResourceRow & {
  details: ResourceDetails
  themes: { slug: string; name: string }[]
  sessions: ResourceSessionView[]
  attachments: ResourceAttachmentView[]
  /** The structures the resource belongs to, in the order chosen. */
  structures: ResourceStructureView[]
  /** The groups whose members read it (`group` visibility), by name. */
  groups: ResourceGroupView[]
  authorName: string | null
  territoryName: string
  fundingState: FundingState | null
}

export function parseDetails(json: string): ResourceDetails {
  try {
    const value = JSON.parse(json)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as ResourceDetails) : {}
  } catch {
    return {}
  }
}

/** The name shown in URLs of a stored file: ASCII letters, digits, dots and hyphens. */
export function urlSafeFileName(name: string): string {
  const dot = name.lastIndexOf('.')
  const base = foldText(dot > 0 ? name.slice(0, dot) : name).replace(/ /g, '-').slice(0, 80) || 'fichier'
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8) : ''
  return extension ? `${base}.${extension}` : base
}

export function attachmentUrl(attachment: { id: string; originalName: string }): string {
  return `/fichiers/${attachment.id}/${urlSafeFileName(attachment.originalName)}`
}

export async function territoryName(slug: string, trx: Executor = db): Promise<string> {
  if (slug === TERRITORY_DEPARTEMENT) return 'Tout le Pas-de-Calais'
  const row = await trx.selectFrom('territories').select('name').where('slug', '=', slug).executeTakeFirst()
  return row?.name ?? slug
}

/** The structures of a resource, in the order chosen. */
export async function listResourceStructures(resourceId: string, trx: Executor = db): Promise<ResourceStructureView[]> {
  return trx
    .selectFrom('resourceStructures')
    .innerJoin('structures', 'structures.id', 'resourceStructures.structureId')
    .select(['structures.id', 'structures.slug', 'structures.name'])
    .where('resourceStructures.resourceId', '=', resourceId)
    .orderBy('resourceStructures.position')
    .orderBy('structures.name')
    .execute()
}

async function loadFull(row: ResourceRow, trx: Executor, now = new Date()): Promise<FullResource> {
  const [themes, sessions, attachments, author, structures, groups] = await Promise.all([
    trx
      .selectFrom('resourceThemes')
      .innerJoin('themes', 'themes.id', 'resourceThemes.themeId')
      .select(['themes.slug', 'themes.name'])
      .where('resourceThemes.resourceId', '=', row.id)
      .orderBy('themes.position')
      .execute(),
    trx
      .selectFrom('trainingSessions')
      .leftJoin('communes', 'communes.insee', 'trainingSessions.communeInsee')
      .select([
        'trainingSessions.id',
        'trainingSessions.startsOn',
        'trainingSessions.endsOn',
        'trainingSessions.communeInsee',
        'communes.name as communeName',
      ])
      .where('trainingSessions.resourceId', '=', row.id)
      .orderBy('trainingSessions.startsOn')
      .execute(),
    trx
      .selectFrom('attachments')
      .select(['id', 'originalName', 'mime', 'size'])
      .where('resourceId', '=', row.id)
      .orderBy('createdAt')
      .execute(),
    row.authorId ? trx.selectFrom('users').select('name').where('id', '=', row.authorId).executeTakeFirst() : undefined,
    listResourceStructures(row.id, trx),
    listResourceGroups(row.id, trx),
  ])
  return {
    ...row,
    details: parseDetails(row.detailsJson),
    themes,
    sessions,
    attachments: attachments.map((a) => ({ ...a, url: attachmentUrl(a) })),
    structures,
    groups,
    authorName: author?.name ?? null,
    territoryName: await territoryName(row.territory, trx),
    fundingState: row.type === 'financement-europeen' ? fundingState(row, now) : null,
  }
}

export async function getResourceRowBySlug(slug: string, trx: Executor = db): Promise<ResourceRow | null> {
  return (await trx.selectFrom('resources').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null
}

export async function getResourceRowById(id: string, trx: Executor = db): Promise<ResourceRow | null> {
  return (await trx.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

/** The groups a resource is for, by name. */
export async function listResourceGroups(resourceId: string, trx: Executor = db): Promise<ResourceGroupView[]> {
  return trx
    .selectFrom('resourceGroups')
    .innerJoin('groups', 'groups.id', 'resourceGroups.groupId')
    .select(['groups.id', 'groups.slug', 'groups.name'])
    .where('resourceGroups.resourceId', '=', resourceId)
    .orderBy('groups.name')
    .execute()
}

/**
 * The groups a person may offer as the audience in the resource form: the ones they belong to and the ones the
 * resource is already for; every group for admins.
 */
export async function listTargetableGroups(
  viewer: PersonViewer,
  current: readonly ResourceGroupView[] = [],
  trx: Executor = db,
): Promise<{ slug: string; name: string }[]> {
  let query = trx.selectFrom('groups').select(['id', 'slug', 'name'])
  if (!isAdmin(viewer)) {
    const ids = [...new Set([...viewer.groups.keys(), ...current.map((g) => g.id)])]
    if (ids.length === 0) return []
    query = query.where('id', 'in', ids)
  }
  const rows = await query.orderBy('kind', 'desc').orderBy('name').execute()
  return rows.map((r) => ({ slug: r.slug, name: r.name }))
}

/** What the policy needs of stored resources (row, structures, groups), by id, in bounded batches. */
export async function loadAccessItems(ids: readonly string[], trx: Executor = db): Promise<Map<string, ResourceAccessItem & { id: string }>> {
  const items = new Map<string, ResourceAccessItem & { id: string }>()
  // Bounded `in` lists (SQLite's limit on bound parameters).
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const [rows, structures, groups] = await Promise.all([
      trx
        .selectFrom('resources')
        .select(['id', 'authorId', 'status', 'visibility', 'deletedAt', 'hiddenAt', 'territory'])
        .where('id', 'in', chunk)
        .execute(),
      trx.selectFrom('resourceStructures').select(['resourceId', 'structureId']).where('resourceId', 'in', chunk).execute(),
      trx.selectFrom('resourceGroups').select(['resourceId', 'groupId']).where('resourceId', 'in', chunk).execute(),
    ])
    for (const row of rows) items.set(row.id, { ...row, structureIds: [], groupIds: [] })
    for (const s of structures) (items.get(s.resourceId)?.structureIds as string[] | undefined)?.push(s.structureId)
    for (const g of groups) (items.get(g.resourceId)?.groupIds as string[] | undefined)?.push(g.groupId)
  }
  return items
}

/** What the policy needs of a stored resource: its row, its structures and its groups. */
export async function getResourceAccess(id: string, trx: Executor = db): Promise<(ResourceAccessItem & { id: string }) | null> {
  return (await loadAccessItems([id], trx)).get(id) ?? null
}

async function policyItem(row: ResourceRow, trx: Executor): Promise<ResourceAccessItem> {
  const item = await getResourceAccess(row.id, trx)
  if (!item) throw new Error(`Resource ${row.id} vanished`)
  return item
}

/** The whole resource by id, without any check: for modules that checked their own rule (the review, review.server.ts). */
export async function getFullResourceById(id: string, trx: Executor = db): Promise<FullResource | null> {
  const row = await getResourceRowById(id, trx)
  return row ? loadFull(row, trx) : null
}

/** The resource if the viewer may read it, else null (the route answers 404 either way); `canEdit` for its links. */
export async function getResourceForViewer(slug: string, viewer: Viewer | Actor, options: { trx?: Executor } = {}) {
  const trx = options.trx ?? db
  const row = await getResourceRowBySlug(slug, trx)
  if (!row) return null
  const item = await policyItem(row, trx)
  if (!can(viewer, 'read', item)) return null
  return { ...(await loadFull(row, trx)), canEdit: can(viewer, 'edit', item) }
}

/** The resource if the viewer may edit it (author, member of one of its structures, admin), else null. */
export async function getResourceForEditor(slug: string, viewer: Viewer | Actor, options: { trx?: Executor } = {}) {
  const trx = options.trx ?? db
  const row = await getResourceRowBySlug(slug, trx)
  if (!row) return null
  const item = await policyItem(row, trx)
  if (!can(viewer, 'edit', item)) return null
  const full = await loadFull(row, trx)
  // What the edit page offers: the status changes the policy allows this viewer from the current status.
  const changes = (['publish', 'submit', 'unpublish', 'archive', 'unarchive'] as const).filter((c) => can(viewer, c, item))
  return { ...full, changes, canDelete: can(viewer, 'delete', item) }
}

/**
 * The structures a person may offer in the resource form: the ones they belong to and the ones the resource already
 * belongs to; every structure for admins.
 */
export async function listLinkableStructures(
  viewer: PersonViewer,
  current: readonly ResourceStructureView[] = [],
  trx: Executor = db,
): Promise<{ slug: string; name: string }[]> {
  let query = trx.selectFrom('structures').select(['id', 'slug', 'name'])
  if (!isAdmin(viewer)) {
    const ids = [...new Set([...viewer.structures.keys(), ...current.map((s) => s.id)])]
    if (ids.length === 0) return []
    query = query.where('id', 'in', ids)
  }
  const rows = await query.orderBy('searchName').execute()
  return rows.map((r) => ({ slug: r.slug, name: r.name }))
}

/** The form's values for a stored resource (also what a revision snapshot holds, minus title/summary/body). */
export function toInput(resource: FullResource): ResourceInput & Record<string, unknown> {
  const d = resource.details
  const common = {
    title: resource.title,
    summary: resource.summary,
    body: resource.bodyJson,
    territory: resource.territory,
    themes: resource.themes.map((t) => t.slug),
    visibility: resource.visibility,
    structures: resource.structures.map((s) => s.slug),
    groups: resource.groups.map((g) => g.slug),
  }
  const opt = <T>(value: T | null | undefined) => value ?? undefined
  switch (resource.type) {
    case 'financement-europeen':
      return {
        type: resource.type,
        ...common,
        programme: resource.programme as never,
        managingBody: resource.managingBody ?? '',
        openingDate: opt(resource.openingDate),
        deadline: resource.deadline ?? '',
        amountMin: opt(resource.amountMin),
        amountMax: opt(resource.amountMax),
        cofinancingRate: opt(resource.cofinancingRate),
        eligibleLegalForms: (d.eligibleLegalForms ?? []) as never,
        officialUrl: resource.officialUrl ?? '',
      }
    case 'initiative':
      return {
        type: resource.type,
        ...common,
        startDate: opt(resource.startDate),
        partners: d.partners,
        audience: d.audience,
        results: d.results,
        contact: d.contact,
      }
    case 'bonne-pratique':
      return {
        type: resource.type,
        ...common,
        context: d.context ?? '',
        problem: d.problem ?? '',
        steps: d.steps ?? '',
        results: d.results,
        conditions: d.conditions,
        pitfalls: d.pitfalls,
      }
    case 'formation':
      return {
        type: resource.type,
        ...common,
        provider: resource.provider ?? '',
        format: resource.format as never,
        sessions: resource.sessions.map((s) => ({
          startsOn: s.startsOn,
          endsOn: s.endsOn,
          commune: s.communeInsee ?? undefined,
        })),
        duration: d.duration,
        cost: opt(resource.cost),
        fundingOptions: (d.fundingOptions ?? []) as never,
        audience: d.audience,
        registrationUrl: opt(resource.registrationUrl),
      }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

type Columns = Omit<
  ResourceRow,
  'id' | 'slug' | 'status' | 'version' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'deletedAt' | 'authorId' | 'externalId'
>

type Prepared = {
  columns: Columns
  themeIds: string[]
  /** In the order chosen. */
  structureIds: string[]
  /** The groups whose members read it (empty unless `visibility` is `group`). */
  groupIds: string[]
  sessions: { startsOn: string; endsOn: string; communeInsee: string | null }[]
  doc: JSONContent
  snapshot: Record<string, unknown>
}

/**
 * Who writes, for the structure links (`mayLinkStructure`): the system (imports, demo data) and admins link any
 * existing structure; others the structures they belong to, and keep those the resource already belongs to.
 */
type StructureRights = { actor: Actor; currentStructureIds?: readonly string[]; currentGroupIds?: readonly string[] }

export const STRUCTURE_MESSAGES = {
  unknown: (slug: string) => `La structure « ${slug} » n’existe pas (ou plus).`,
  notMember: (name: string) =>
    `Vous ne faites pas partie de la structure « ${name} » : rattachez la ressource à une structure dont vous êtes membre.`,
}

export const GROUP_MESSAGES = {
  unknown: (slug: string) => `Le groupe « ${slug} » n’existe pas (ou plus).`,
  notMember: (name: string) => `Vous ne faites pas partie du groupe « ${name} » : choisissez un groupe dont vous êtes membre.`,
}

/** The groups of a `group` resource: they exist, and the writer may make a resource for them (`mayTargetGroup`). */
async function checkGroups(slugs: readonly string[], rights: StructureRights, trx: Executor): Promise<{ ids: string[]; errors: string[] }> {
  if (slugs.length === 0) return { ids: [], errors: [] }
  const rows = await trx.selectFrom('groups').select(['id', 'slug', 'name']).where('slug', 'in', [...slugs]).execute()
  const bySlug = new Map(rows.map((r) => [r.slug, r]))
  const errors: string[] = []
  const ids: string[] = []
  for (const slug of slugs) {
    const row = bySlug.get(slug)
    if (!row) errors.push(GROUP_MESSAGES.unknown(slug))
    else if (!mayTargetGroup(rights.actor, row.id, rights.currentGroupIds)) errors.push(GROUP_MESSAGES.notMember(row.name))
    else ids.push(row.id)
  }
  return { ids, errors }
}

async function checkStructures(
  slugs: readonly string[],
  rights: StructureRights,
  trx: Executor,
): Promise<{ ids: string[]; errors: string[] }> {
  if (slugs.length === 0) return { ids: [], errors: [] }
  const rows = await trx.selectFrom('structures').select(['id', 'slug', 'name']).where('slug', 'in', [...slugs]).execute()
  const bySlug = new Map(rows.map((r) => [r.slug, r]))
  const errors: string[] = []
  const ids: string[] = []
  for (const slug of slugs) {
    const row = bySlug.get(slug)
    if (!row) errors.push(STRUCTURE_MESSAGES.unknown(slug))
    else if (!mayLinkStructure(rights.actor, row.id, rights.currentStructureIds)) errors.push(STRUCTURE_MESSAGES.notMember(row.name))
    else ids.push(row.id)
  }
  return { ids, errors }
}

/**
 * Checks what zod cannot (the rich text, the territory, the themes, the communes and the structures exist, and the
 * writer may link those structures) and turns the input into columns. Errors are keyed by form field name, ready
 * for `submission.reply({ fieldErrors })`.
 */
async function prepare(
  input: ResourceInput,
  rights: StructureRights,
  trx: Executor,
): Promise<{ ok: true; value: Prepared } | { ok: false; fieldErrors: FieldErrors }> {
  const fieldErrors: FieldErrors = {}
  const richText = parseRichText(input.body)
  if (!richText.ok) fieldErrors.body = [richText.error]
  else if (richText.text.trim() === '') fieldErrors.body = ['Le contenu est vide : décrivez la ressource en quelques lignes.']

  if (input.territory !== TERRITORY_DEPARTEMENT) {
    const territory = await trx.selectFrom('territories').select('id').where('slug', '=', input.territory).executeTakeFirst()
    if (!territory) fieldErrors.territory = ['Ce territoire n’existe pas.']
  }
  const themes = input.themes.length
    ? await trx.selectFrom('themes').select(['id', 'slug']).where('slug', 'in', input.themes).execute()
    : []
  const unknownThemes = input.themes.filter((slug) => !themes.some((t) => t.slug === slug))
  if (unknownThemes.length) fieldErrors.themes = [`Thématique inconnue : ${unknownThemes.join(', ')}.`]
  const structures = await checkStructures(input.structures, rights, trx)
  if (structures.errors.length) fieldErrors.structures = structures.errors
  // Groups matter only for a group-only resource: another audience forgets them.
  const groupSlugs = input.visibility === 'group' ? input.groups : []
  const groups = await checkGroups(groupSlugs, rights, trx)
  if (groups.errors.length) fieldErrors.groups = groups.errors

  const sessions: Prepared['sessions'] = []
  if (input.type === 'formation') {
    for (const [index, session] of input.sessions.entries()) {
      let communeInsee: string | null = null
      if (session.commune) {
        const byCode = /^\d[0-9AB]\d{3}$/i.test(session.commune) ? await getCommuneOption(session.commune.toUpperCase(), trx) : null
        if (byCode) communeInsee = byCode.insee
        else {
          const resolution = await resolveCommuneQuery(session.commune, trx)
          if (resolution.status === 'found') communeInsee = resolution.commune.insee
          else
            fieldErrors[`sessions[${index}].commune`] = [
              resolution.status === 'ambiguous'
                ? 'Plusieurs communes portent ce nom : ajoutez le code postal, par exemple « Arras (62000) ».'
                : 'Cette commune du Pas-de-Calais est introuvable.',
            ]
        }
      }
      sessions.push({ startsOn: session.startsOn, endsOn: session.endsOn ?? session.startsOn, communeInsee })
    }
  }
  if (Object.keys(fieldErrors).length > 0 || !richText.ok) return { ok: false, fieldErrors }

  const columns: Columns = {
    type: input.type,
    title: input.title,
    summary: input.summary,
    bodyJson: JSON.stringify(richText.doc),
    bodyHtml: richText.html,
    bodyText: richText.text,
    territory: input.territory,
    visibility: input.visibility,
    programme: null,
    openingDate: null,
    deadline: null,
    amountMin: null,
    amountMax: null,
    cofinancingRate: null,
    managingBody: null,
    officialUrl: null,
    provider: null,
    format: null,
    cost: null,
    registrationUrl: null,
    startDate: null,
    detailsJson: '{}',
  } as Columns
  let details: ResourceDetails = {}
  switch (input.type) {
    case 'financement-europeen':
      Object.assign(columns, {
        programme: input.programme,
        managingBody: input.managingBody,
        openingDate: input.openingDate ?? null,
        deadline: input.deadline,
        amountMin: input.amountMin ?? null,
        amountMax: input.amountMax ?? null,
        cofinancingRate: input.cofinancingRate ?? null,
        officialUrl: input.officialUrl,
      })
      details = { eligibleLegalForms: input.eligibleLegalForms }
      break
    case 'initiative':
      columns.startDate = input.startDate ?? null
      details = { partners: input.partners, audience: input.audience, results: input.results, contact: input.contact }
      break
    case 'bonne-pratique':
      details = {
        context: input.context,
        problem: input.problem,
        steps: input.steps,
        results: input.results,
        conditions: input.conditions,
        pitfalls: input.pitfalls,
      }
      break
    case 'formation':
      Object.assign(columns, {
        provider: input.provider,
        format: input.format,
        cost: input.cost ?? null,
        registrationUrl: input.registrationUrl ?? null,
        // The earliest session: what "soonest first" sorts on.
        startDate: sessions.map((s) => s.startsOn).sort()[0] ?? null,
      })
      details = { duration: input.duration, fundingOptions: input.fundingOptions, audience: input.audience }
      break
  }
  columns.detailsJson = JSON.stringify(details)
  const { title: _t, summary: _s, body: _b, structures: structureSlugs, groups: _g, ...rest } = input
  const snapshot = {
    ...rest,
    // Only when there are some, so that revisions recorded before groups existed compare equal.
    groups: groupSlugs.length ? groupSlugs : undefined,
    sessions: input.type === 'formation' ? sessions.map((s) => ({ startsOn: s.startsOn, endsOn: s.endsOn, commune: s.communeInsee ?? undefined })) : undefined,
    // Only when there are some, so that revisions recorded before structures existed compare equal.
    structures: structureSlugs.length ? structureSlugs : undefined,
  }
  return {
    ok: true,
    value: { columns, themeIds: themes.map((t) => t.id), structureIds: structures.ids, groupIds: groups.ids, sessions, doc: richText.doc, snapshot },
  }
}

function slugBase(title: string): string {
  return slugify(title, 'ressource', 80)
}

const SLUG_SUFFIX_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

/** Five random characters (no 0/o, 1/l): about 33 million values. */
function randomSlugSuffix(): string {
  return Array.from(randomBytes(5), (byte) => SLUG_SUFFIX_ALPHABET[byte % SLUG_SUFFIX_ALPHABET.length]).join('')
}

/**
 * The slug of a new resource: its folded title, or — when that is taken by any resource, visible to the creator or
 * not (a hidden draft, a deleted one…) — the title plus a random suffix. A counter (`-2`) would tell whoever picks the
 * title of someone's hidden draft that the draft exists; a random suffix looks the same whether the taken slug is
 * public or hidden. Slugs never change afterwards (see `updateResource`).
 */
async function uniqueSlug(title: string, trx: Executor): Promise<string> {
  const base = slugBase(title)
  const isTaken = async (slug: string) =>
    Boolean(await trx.selectFrom('resources').select('id').where('slug', '=', slug).executeTakeFirst())
  // Words the routes use (`nouvelle`, `modifier`…) never come out of `slugify`.
  if (!(await isTaken(base))) return base
  for (;;) {
    const candidate = `${base.slice(0, 74).replace(/-+$/, '')}-${randomSlugSuffix()}`
    if (!(await isTaken(candidate))) return candidate
  }
}

async function replaceLinks(trx: Executor, resourceId: string, prepared: Prepared) {
  await trx.deleteFrom('resourceThemes').where('resourceId', '=', resourceId).execute()
  if (prepared.themeIds.length) {
    await trx
      .insertInto('resourceThemes')
      .values(prepared.themeIds.map((themeId) => ({ resourceId, themeId })))
      .execute()
  }
  await trx.deleteFrom('resourceStructures').where('resourceId', '=', resourceId).execute()
  if (prepared.structureIds.length) {
    await trx
      .insertInto('resourceStructures')
      .values(prepared.structureIds.map((structureId, position) => ({ resourceId, structureId, position })))
      .execute()
  }
  await trx.deleteFrom('resourceGroups').where('resourceId', '=', resourceId).execute()
  if (prepared.groupIds.length) {
    await trx
      .insertInto('resourceGroups')
      .values(prepared.groupIds.map((groupId) => ({ resourceId, groupId })))
      .execute()
  }
  await trx.deleteFrom('trainingSessions').where('resourceId', '=', resourceId).execute()
  if (prepared.sessions.length) {
    await trx
      .insertInto('trainingSessions')
      .values(prepared.sessions.map((s) => ({ id: newId(), resourceId, ...s })))
      .execute()
  }
}

/** Ids of uploads referenced by images in the document (`/fichiers/:id/…`). */
function imageUploadIds(doc: JSONContent): string[] {
  const ids: string[] = []
  const walk = (node: JSONContent) => {
    const src = node.type === 'image' ? node.attrs?.src : undefined
    if (typeof src === 'string') {
      const match = /^\/fichiers\/([^/]+)\//.exec(src)
      if (match) ids.push(match[1])
    }
    for (const child of node.content ?? []) walk(child)
  }
  walk(doc)
  return ids
}

/** Uploads of this person not attached yet and used as images in the body now belong to the resource. */
async function claimImages(trx: Executor, resourceId: string, doc: JSONContent, userId: string) {
  const ids = imageUploadIds(doc)
  if (!ids.length) return
  await trx
    .updateTable('attachments')
    .set({ resourceId })
    .where('id', 'in', ids)
    .where('resourceId', 'is', null)
    .where('uploaderId', '=', userId)
    .execute()
}

async function recordRevision(
  trx: Executor,
  resourceId: string,
  authorId: string | null,
  prepared: Prepared,
  note: string | null,
  now: string,
  options: { merge: boolean; createdAt?: string },
): Promise<boolean> {
  const last = await trx
    .selectFrom('revisions')
    .selectAll()
    .where('resourceId', '=', resourceId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const values = {
    title: prepared.columns.title,
    summary: prepared.columns.summary,
    bodyJson: prepared.columns.bodyJson,
    bodyText: prepared.columns.bodyText,
    snapshotJson: JSON.stringify(prepared.snapshot),
  }
  if (
    last &&
    last.title === values.title &&
    last.summary === values.summary &&
    last.bodyJson === values.bodyJson &&
    last.snapshotJson === values.snapshotJson
  ) {
    // Content unchanged: a note is kept on the last revision, nothing else is recorded.
    if (note && !last.note) await trx.updateTable('revisions').set({ note }).where('id', '=', last.id).execute()
    return false
  }
  if (
    options.merge &&
    last &&
    // The creation revision stays as it is.
    last.createdAt !== options.createdAt &&
    !last.note &&
    !note &&
    last.authorId === authorId &&
    Date.parse(now) - Date.parse(last.createdAt) < REVISION_MERGE_WINDOW_MS
  ) {
    await trx.updateTable('revisions').set({ ...values, createdAt: now }).where('id', '=', last.id).execute()
    return true
  }
  await trx
    .insertInto('revisions')
    .values({ id: newId(), resourceId, authorId, createdAt: now, note, ...values })
    .execute()
  return true
}

// ---------------------------------------------------------------------------------------------------------------
// Review of first contributions (review.ts): publishing waits for a coordinator until N resources were approved

/**
 * How many of a person's resources were approved: those ever published and not deleted. Under the review a newcomer's
 * resource is published only by a coordinator's approval, so these are their approved resources (and, for people who
 * published before the review existed, what they published then).
 */
export async function approvedResourceCount(authorId: string, trx: Executor = db): Promise<number> {
  const row = await trx
    .selectFrom('resources')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('authorId', '=', authorId)
    .where('deletedAt', 'is', null)
    .where('publishedAt', 'is not', null)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** What « Publier » leads to for this actor: `published`, or `pending` while their first resources await review. */
export async function publishingStatus(actor: Actor, trx: Executor = db): Promise<'published' | 'pending'> {
  if (actor.kind !== 'person') return 'published'
  const threshold = getEnv().reviewThreshold
  // Admins, coordinators and a threshold of 0 never wait: no count needed.
  if (!needsReview(actor, 0, threshold)) return 'published'
  return needsReview(actor, await approvedResourceCount(actor.id, trx), threshold) ? 'pending' : 'published'
}

/** A resource enters the review queue (its « since »). */
async function recordSubmitted(trx: Executor, resourceId: string, actor: Actor, now: string): Promise<void> {
  await trx
    .insertInto('resourceReviews')
    .values({ id: newId(), resourceId, actorId: actor.kind === 'person' ? actor.id : null, event: 'submitted', note: '', createdAt: now })
    .execute()
}

export type CreateResourceOptions = {
  input: ResourceInput
  /** Who writes: a person (the author), or the system (imports, demo data), which names the author. */
  actor: Actor
  /** The author when the system writes; a person always writes as themself. */
  author?: { id: string }
  /** `draft` (default) or, for a person, `published` / `pending` (the policy's `publish` / `submit` from a draft). The
   * system sets any status (an import says which). */
  status?: ResourceStatus
  externalId?: string | null
  publishedAt?: string | null
  now?: Date
  trx?: Executor
}

/** The person a write is recorded under: the actor, or the author the system writes for. */
function writerId(actor: Actor, author: { id: string } | undefined): string | null {
  return actor.kind === 'person' ? actor.id : (author?.id ?? null)
}

const CREATE_CHANGES: Partial<Record<ResourceStatus, StatusChange>> = { published: 'publish', pending: 'submit' }

export async function createResource(options: CreateResourceOptions): Promise<SaveResult> {
  const { actor } = options
  const requested = options.status ?? 'draft'
  const status = requested
  if (!canCreate(actor)) return { status: 'forbidden', message: FORBIDDEN_MESSAGES.create }
  if (actor.kind === 'person' && status !== 'draft') {
    const change = CREATE_CHANGES[status]
    const asDraft = { authorId: actor.id, structureIds: [], status: 'draft' as const, deletedAt: null, visibility: options.input.visibility, groupIds: [] }
    if (!change || !can(actor, change, asDraft)) return { status: 'forbidden', message: FORBIDDEN_MESSAGES.status }
  }
  const authorId = writerId(actor, options.author)
  if (!authorId) throw new Error('createResource: the system must name the author')
  const run = async (trx: Executor): Promise<SaveResult> => {
    const prepared = await prepare(options.input, { actor }, trx)
    if (!prepared.ok) return { status: 'invalid', fieldErrors: prepared.fieldErrors }
    const now = (options.now ?? new Date()).toISOString()
    // A newcomer's « Publier » waits for a coordinator (review.ts).
    const status = requested === 'published' && actor.kind === 'person' ? await publishingStatus(actor, trx) : requested
    const id = newId()
    const resource: ResourceRow = {
      id,
      slug: await uniqueSlug(options.input.title, trx),
      ...prepared.value.columns,
      status,
      authorId,
      version: 1,
      createdAt: now,
      updatedAt: now,
      publishedAt: status === 'published' ? (options.publishedAt ?? now) : null,
      deletedAt: null,
      externalId: options.externalId ?? null,
    }
    await trx.insertInto('resources').values(resource).execute()
    await replaceLinks(trx, id, prepared.value)
    await claimImages(trx, id, prepared.value.doc, authorId)
    await recordRevision(trx, id, authorId, prepared.value, null, now, { merge: false })
    if (status === 'pending') await recordSubmitted(trx, id, actor, now)
    await enqueueSearchUpdate(trx, { type: 'resource', id, op: 'upsert' })
    // Its author follows what they write (issue 17 §3); its followers hear of it once published (§4).
    await autoFollow(authorId, { kind: 'resource', key: id }, trx)
    if (resource.publishedAt) await enqueueNotification({ kind: 'new_resource', resourceId: id, actorId: authorId }, { trx })
    return { status: 'saved', resource, revisionCreated: true }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export type UpdateResourceOptions = {
  id: string
  input: ResourceInput
  /** Who saves: a person who may edit it (the policy's `edit`), or the system (imports). */
  actor: Actor
  /** The person the revision is recorded under when the system saves (an import's author). */
  editor?: { id: string }
  /** The version the editor started from. */
  expectedVersion: number
  note?: string | null
  /** A status change in the same save (« Publier » from the form: `publish`), through the transition table. */
  change?: StatusChange
  /** The system only (an import states the status): set it as is. */
  status?: ResourceStatus
  /** Autosave: merge with the editor's recent revision instead of piling one up per keystroke pause. */
  autosave?: boolean
  now?: Date
  trx?: Executor
}

async function conflictOf(trx: Executor, row: ResourceRow): Promise<SaveResult> {
  const last = await trx
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.authorId')
    .select('users.name')
    .where('revisions.resourceId', '=', row.id)
    .orderBy('revisions.createdAt', 'desc')
    .executeTakeFirst()
  return {
    status: 'conflict',
    message: CONFLICT_MESSAGE,
    current: { version: row.version, updatedAt: row.updatedAt, editorName: last?.name ?? null },
  }
}

export async function updateResource(options: UpdateResourceOptions): Promise<SaveResult> {
  if (options.trx) return updateInTransaction(options.trx, options)
  return db.transaction().execute((trx) => updateInTransaction(trx, options))
}

async function updateInTransaction(trx: Executor, options: UpdateResourceOptions): Promise<SaveResult> {
  const { actor } = options
  const row = await getResourceRowById(options.id, trx)
  if (!row || row.deletedAt) throw new Error(`Resource ${options.id} not found`)
  const item = await policyItem(row, trx)
  if (!can(actor, 'edit', item)) return { status: 'forbidden', message: FORBIDDEN_MESSAGES.edit }
  let status = row.status
  if (options.change) {
    const to = transition(row.status, options.change)
    if (!to || !can(actor, options.change, item)) return { status: 'forbidden', message: FORBIDDEN_MESSAGES.status }
    // A newcomer's « Publier » waits for a coordinator (review.ts).
    status = options.change === 'publish' && to === 'published' && row.status === 'draft' ? await publishingStatus(actor, trx) : to
  } else if (options.status !== undefined && options.status !== row.status) {
    if (actor.kind !== 'system') return { status: 'forbidden', message: FORBIDDEN_MESSAGES.status }
    status = options.status
  }
  if (row.version !== options.expectedVersion) return conflictOf(trx, row)
  if (options.input.type !== row.type) {
    return { status: 'invalid', fieldErrors: { type: ['Le type d’une ressource ne peut pas changer.'] } }
  }
  const editorId = writerId(actor, options.editor)
  const prepared = await prepare(options.input, { actor, currentStructureIds: item.structureIds, currentGroupIds: item.groupIds }, trx)
  if (!prepared.ok) return { status: 'invalid', fieldErrors: prepared.fieldErrors }
  const now = (options.now ?? new Date()).toISOString()
  // The slug never changes: links, bookmarks and a concurrent editor's page keep working.
  const slug = row.slug
  const updated = await trx
    .updateTable('resources')
    .set({
      ...prepared.value.columns,
      slug,
      status,
      publishedAt: status === 'published' ? (row.publishedAt ?? now) : row.publishedAt,
      version: row.version + 1,
      updatedAt: now,
    })
    .where('id', '=', row.id)
    .where('version', '=', options.expectedVersion)
    .returningAll()
    .executeTakeFirst()
  if (!updated) return conflictOf(trx, row)
  await noteResourceEdit(trx, row, updated, actor, now)
  if (status === 'pending' && row.status !== 'pending') await recordSubmitted(trx, row.id, actor, now)
  await replaceLinks(trx, row.id, prepared.value)
  if (editorId) await claimImages(trx, row.id, prepared.value.doc, editorId)
  const revisionCreated = await recordRevision(trx, row.id, editorId, prepared.value, options.note?.trim() || null, now, {
    merge: Boolean(options.autosave),
    createdAt: row.createdAt,
  })
  await enqueueSearchUpdate(trx, { type: 'resource', id: row.id, op: 'upsert' })
  await notifyFirstPublication(trx, row, updated, editorId)
  return { status: 'saved', resource: updated, revisionCreated }
}

/**
 * Moves a resource along the policy's transition table (draft → (pending →) published → archived), if the actor may.
 * Null when the change does not apply to the current status or the policy refuses it: nothing is written.
 */
export async function changeResourceStatus(options: {
  id: string
  change: StatusChange
  actor: Actor
  now?: Date
  trx?: Executor
}): Promise<ResourceRow | null> {
  const run = async (trx: Executor) => {
    const row = await getResourceRowById(options.id, trx)
    if (!row || row.deletedAt) return null
    const allowed = transition(row.status, options.change)
    if (!allowed || !can(options.actor, options.change, await policyItem(row, trx))) return null
    // A newcomer's « Publier » waits for a coordinator (review.ts).
    const to = options.change === 'publish' && row.status === 'draft' ? await publishingStatus(options.actor, trx) : allowed
    const now = (options.now ?? new Date()).toISOString()
    const updated = await trx
      .updateTable('resources')
      .set({
        status: to,
        publishedAt: to === 'published' ? (row.publishedAt ?? now) : row.publishedAt,
        version: row.version + 1,
        updatedAt: now,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    if (to === 'pending') await recordSubmitted(trx, row.id, options.actor, now)
    await enqueueSearchUpdate(trx, { type: 'resource', id: row.id, op: 'upsert' })
    await notifyFirstPublication(trx, row, updated, options.actor.kind === 'person' ? options.actor.id : null)
    return updated
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/**
 * A resource published for the first time (its `publishedAt` set now) is news for its followers: one outbox row, fanned
 * out later (issue 17 §4). Unarchiving or republishing keeps the first date, so nobody is told twice.
 */
export async function notifyFirstPublication(
  trx: Executor,
  before: Pick<ResourceRow, 'id' | 'publishedAt'>,
  after: Pick<ResourceRow, 'publishedAt' | 'status'>,
  actorId: string | null,
): Promise<void> {
  if (before.publishedAt || !after.publishedAt || after.status !== 'published') return
  await enqueueNotification({ kind: 'new_resource', resourceId: before.id, actorId }, { trx })
}

/**
 * Soft delete, if the actor may (the policy's `delete`): the resource disappears everywhere (404, search, lists); its
 * row stays for the record. False when refused or already deleted.
 */
export async function deleteResource(options: { id: string; actor: Actor; now?: Date }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await getResourceRowById(options.id, trx)
    if (!row || row.deletedAt || !can(options.actor, 'delete', await policyItem(row, trx))) return false
    const now = (options.now ?? new Date()).toISOString()
    await trx.updateTable('resources').set({ deletedAt: now, updatedAt: now }).where('id', '=', options.id).execute()
    await enqueueSearchUpdate(trx, { type: 'resource', id: options.id, op: 'delete' })
    return true
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Revisions

export type RevisionListItem = Pick<Revision, 'id' | 'createdAt' | 'note' | 'title'> & { authorName: string | null }

export async function listRevisions(resourceId: string, trx: Executor = db): Promise<RevisionListItem[]> {
  return trx
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.authorId')
    .select(['revisions.id', 'revisions.createdAt', 'revisions.note', 'revisions.title', 'users.name as authorName'])
    .where('revisions.resourceId', '=', resourceId)
    .orderBy('revisions.createdAt', 'desc')
    .orderBy('revisions.id', 'desc')
    .execute()
}

export async function getRevision(resourceId: string, revisionId: string, trx: Executor = db) {
  return (
    (await trx
      .selectFrom('revisions')
      .selectAll()
      .where('resourceId', '=', resourceId)
      .where('id', '=', revisionId)
      .executeTakeFirst()) ?? null
  )
}

export type RevisionComparison = {
  title: DiffPart[]
  summary: DiffPart[]
  body: DiffLine[]
  /** Other fields (dates, amounts, themes…) that differ, by name. */
  fields: { name: string; before: string; after: string }[]
}

function snapshotValue(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')
  return String(value)
}

export function compareRevisions(before: Revision, after: Revision): RevisionComparison {
  const a = JSON.parse(before.snapshotJson) as Record<string, unknown>
  const b = JSON.parse(after.snapshotJson) as Record<string, unknown>
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return {
    title: diffWords(before.title, after.title),
    summary: diffWords(before.summary, after.summary),
    body: diffLines(before.bodyText, after.bodyText),
    fields: names
      .map((name) => ({ name, before: snapshotValue(a[name]), after: snapshotValue(b[name]) }))
      .filter((f) => f.before !== f.after),
  }
}

/** Restores an old revision as a new save (a new revision, noted), with the usual version check. */
export async function restoreRevision(options: {
  resourceId: string
  revisionId: string
  actor: Actor
  expectedVersion: number
  now?: Date
}): Promise<SaveResult | null> {
  const revision = await getRevision(options.resourceId, options.revisionId)
  if (!revision) return null
  const snapshot = JSON.parse(revision.snapshotJson) as Record<string, unknown>
  const parsed = resourceSchema.safeParse({
    ...snapshot,
    title: revision.title,
    summary: revision.summary,
    body: revision.bodyJson,
    // Restoring brings back the content, not the attribution: the structures stay those of today.
    structures: (await listResourceStructures(options.resourceId)).map((s) => s.slug),
  })
  if (!parsed.success) {
    return { status: 'invalid', fieldErrors: { '': ['Cette version ne peut plus être restaurée telle quelle (ses données ne sont plus valides).'] } }
  }
  return updateResource({
    id: options.resourceId,
    input: parsed.data,
    actor: options.actor,
    expectedVersion: options.expectedVersion,
    note: `Restauration de la version du ${formatDateTimeFr(revision.createdAt)}`,
    now: options.now,
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Lists

export const PAGE_SIZE = 20

export type ResourceFilters = {
  type?: ResourceType
  territory?: string
  theme?: string
  /** Funding calls open now only. */
  openOnly?: boolean
  sort?: 'recent' | 'deadline'
  page?: number
  authorId?: string
  /** Slug of a structure: its resources only. */
  structure?: string
  /** A funding programme (PROGRAMMES in labels.ts): its calls only. */
  programme?: string
  /** Funding calls not closed yet (open or upcoming, or without any date): the feeds of calls. */
  notClosed?: boolean
  /** « Validé par le réseau » only (a validation not past its review-by date). */
  validatedOnly?: boolean
}

export type ResourceListItem = Pick<
  ResourceRow,
  'id' | 'slug' | 'type' | 'title' | 'summary' | 'territory' | 'status' | 'visibility' | 'publishedAt' | 'deadline' | 'openingDate' | 'programme' | 'startDate' | 'format' | 'provider'
  | 'updatedAt' | 'version'
> & { fundingState: FundingState | null; territoryName: string; themes: string[]; validated: boolean }

/**
 * Resources the viewer may read in a list: published ones whose visibility the viewer has. Drafts, pending,
 * archived and deleted resources never appear, whoever asks (the author finds theirs in their own space).
 */
export async function listResources(
  viewer: Viewer | Actor,
  filters: ResourceFilters = {},
  options: { now?: Date; pageSize?: number; trx?: Executor } = {},
) {
  const trx = options.trx ?? db
  const now = (options.now ?? new Date()).toISOString()
  const pageSize = options.pageSize ?? PAGE_SIZE
  let query = trx
    .selectFrom('resources')
    .where('resources.status', '=', 'published')
    .where('resources.deletedAt', 'is', null)
    .where(visibleTo(viewer))
  if (filters.type) query = query.where('resources.type', '=', filters.type)
  if (filters.territory) query = query.where('resources.territory', '=', filters.territory)
  if (filters.authorId) query = query.where('resources.authorId', '=', filters.authorId)
  if (filters.structure) {
    const structure = filters.structure
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('resourceStructures')
          .innerJoin('structures', 'structures.id', 'resourceStructures.structureId')
          .select('resourceStructures.structureId')
          .whereRef('resourceStructures.resourceId', '=', 'resources.id')
          .where('structures.slug', '=', structure),
      ),
    )
  }
  if (filters.theme) {
    const theme = filters.theme
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('resourceThemes')
          .innerJoin('themes', 'themes.id', 'resourceThemes.themeId')
          .select('resourceThemes.themeId')
          .whereRef('resourceThemes.resourceId', '=', 'resources.id')
          .where('themes.slug', '=', theme),
      ),
    )
  }
  if (filters.programme) query = query.where('resources.programme', '=', filters.programme)
  if (filters.notClosed) {
    // `fundingState(row, now) !== 'closed'`: no deadline, or a deadline still ahead.
    query = query
      .where('resources.type', '=', 'financement-europeen')
      .where((eb) => eb.or([eb('resources.deadline', 'is', null), eb('resources.deadline', '>', now)]))
  }
  if (filters.openOnly) {
    // `fundingState(row, now) === 'open'` (search/funding-state.ts) as SQL: dated, opened, deadline not reached.
    query = query
      .where('resources.type', '=', 'financement-europeen')
      .where((eb) => eb.or([eb('resources.openingDate', 'is not', null), eb('resources.deadline', 'is not', null)]))
      .where((eb) => eb.or([eb('resources.openingDate', 'is', null), eb('resources.openingDate', '<=', now)]))
      .where((eb) => eb.or([eb('resources.deadline', 'is', null), eb('resources.deadline', '>', now)]))
  }
  // « Validé par le réseau »: counted under every other filter (the checkbox's count), then applied if asked.
  const validatedNow = (eb: ExpressionBuilder<Database, 'resources'>) =>
    eb.exists(
      eb
        .selectFrom('resourceValidations')
        .select('resourceValidations.resourceId')
        .whereRef('resourceValidations.resourceId', '=', 'resources.id')
        .where('resourceValidations.reviewBy', '>', now),
    )
  const validatedRow = await query
    .where(validatedNow)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  const validatedCount = Number(validatedRow?.n ?? 0)
  if (filters.validatedOnly) query = query.where(validatedNow)
  const countRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  const total = Number(countRow?.n ?? 0)
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount)
  let ordered = query.select([
    'resources.id',
    'resources.slug',
    'resources.type',
    'resources.title',
    'resources.summary',
    'resources.territory',
    'resources.status',
    'resources.visibility',
    'resources.publishedAt',
    'resources.deadline',
    'resources.openingDate',
    'resources.programme',
    'resources.startDate',
    'resources.format',
    'resources.provider',
    'resources.updatedAt',
    'resources.version',
    (eb) => validatedNow(eb).as('validated'),
  ])
  if (filters.sort === 'deadline') {
    // Soonest upcoming deadline (or next training session) first; past and undated ones last.
    ordered = ordered
      .orderBy((eb) =>
        eb
          .case()
          .when('resources.deadline', '>', now)
          .then(0)
          .when(eb.and([eb('resources.deadline', 'is', null), eb('resources.startDate', '>=', now.slice(0, 10))]))
          .then(0)
          .else(1)
          .end(),
      )
      .orderBy((eb) => eb.fn.coalesce('resources.deadline', 'resources.startDate'))
  } else {
    ordered = ordered.orderBy('resources.publishedAt', 'desc')
  }
  const rows = await ordered.orderBy('resources.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute()
  const ids = rows.map((r) => r.id)
  const themeRows = ids.length
    ? await trx
        .selectFrom('resourceThemes')
        .innerJoin('themes', 'themes.id', 'resourceThemes.themeId')
        .select(['resourceThemes.resourceId', 'themes.name'])
        .where('resourceThemes.resourceId', 'in', ids)
        .orderBy('themes.position')
        .execute()
    : []
  const territories = new Map(
    (await trx.selectFrom('territories').select(['slug', 'name']).execute()).map((t) => [t.slug, t.name]),
  )
  const nowDate = new Date(now)
  const items: ResourceListItem[] = rows.map(({ validated, ...row }) => ({
    ...row,
    validated: Boolean(validated),
    fundingState: row.type === 'financement-europeen' ? fundingState(row, nowDate) : null,
    territoryName: row.territory === TERRITORY_DEPARTEMENT ? 'Tout le Pas-de-Calais' : (territories.get(row.territory) ?? row.territory),
    themes: themeRows.filter((t) => t.resourceId === row.id).map((t) => t.name),
  }))
  return { items, total, page, pageCount, pageSize, validatedCount }
}

/** The author's own resources, whatever their status (for "my resources" and profile pages). */
export async function listResourcesByAuthor(authorId: string, viewer: Viewer | Actor, trx: Executor = db) {
  const rows = await trx
    .selectFrom('resources')
    .selectAll()
    .where('authorId', '=', authorId)
    .where('deletedAt', 'is', null)
    .where(visibleTo(viewer))
    .orderBy('updatedAt', 'desc')
    .execute()
  return rows.map((row) => ({ id: row.id, slug: row.slug, title: row.title, type: row.type, status: row.status, updatedAt: row.updatedAt }))
}

export type { ResourceVisibility }

/** Who saved the resource last (for the conflict warning). */
export async function getLastEditorName(resourceId: string, trx: Executor = db): Promise<string | null> {
  const last = await trx
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.authorId')
    .select('users.name')
    .where('revisions.resourceId', '=', resourceId)
    .orderBy('revisions.createdAt', 'desc')
    .executeTakeFirst()
  return last?.name ?? null
}

// ---------------------------------------------------------------------------------------------------------------
// Personal data (the `ressources` section of app/modules/privacy/sections.server.ts)

/** What a person wrote: their resources (whatever their status) and the versions they saved. */
export async function exportPersonResources(userId: string, trx: Executor = db) {
  return {
    ressources: await trx
      .selectFrom('resources')
      .select(['title', 'slug', 'type', 'status', 'visibility', 'createdAt', 'updatedAt', 'publishedAt', 'deletedAt'])
      .where('authorId', '=', userId)
      .orderBy('createdAt')
      .execute(),
    versions: await trx
      .selectFrom('revisions')
      .innerJoin('resources', 'resources.id', 'revisions.resourceId')
      .select(['resources.slug as resource', 'revisions.createdAt', 'revisions.title', 'revisions.note'])
      .where('revisions.authorId', '=', userId)
      .orderBy('revisions.createdAt')
      .execute(),
  }
}

/**
 * Account deletion: the person's resources that belong to no structure are deleted (soft delete, and removed from
 * search); those of a structure stay with the structure, their author becoming « Ancien membre » when the `users`
 * row goes (foreign key set to null, as for the versions they saved).
 */
export async function eraseAuthoredResources(userId: string, trx: Executor, now = new Date()): Promise<string[]> {
  const orphans = await trx
    .selectFrom('resources')
    .select('id')
    .where('authorId', '=', userId)
    .where('deletedAt', 'is', null)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('resourceStructures').select('resourceStructures.resourceId').whereRef('resourceStructures.resourceId', '=', 'resources.id'))),
    )
    .execute()
  const ids = orphans.map((r) => r.id)
  if (ids.length === 0) return []
  const at = now.toISOString()
  await trx.updateTable('resources').set({ deletedAt: at, updatedAt: at }).where('id', 'in', ids).execute()
  for (const id of ids) await enqueueSearchUpdate(trx, { type: 'resource', id, op: 'delete' })
  return ids
}
