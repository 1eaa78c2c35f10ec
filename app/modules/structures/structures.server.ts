import { type Executor, db } from '#db/client.server.ts'
import type { MemberRole, Structure } from '#db/schema/structures.ts'
import { enqueueSearchUpdate } from '#search/outbox.server.ts'
import { can as hasCapability } from '#app/modules/auth/permissions.ts'
import { type Actor, type Viewer, viewerId } from '#app/modules/auth/viewer.ts'
import { canSeeProfile, visibleProfileVisibilities } from '#app/modules/people/people.policy.ts'
import { ensureProfile, uniqueSlug } from '#app/modules/people/people.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import { slugify } from '#app/utils/slug.ts'
import { foldText } from '#app/utils/text.ts'
import { recordAudit } from './audit.server.ts'
import { removeStructureLogoFiles } from './logo.server.ts'
import { can } from './structures.policy.ts'
import { LABEL_NAME, STRUCTURE_MESSAGES, type DirectoryQuery, type StructureInput } from './structures.schema.ts'

export type StructureWriteInput = Omit<StructureInput, 'commune' | 'communeLabel'> & { communeInsee: string }

type Invalid = { ok: false; reason: 'invalid'; fieldErrors: Partial<Record<'siret' | 'rna', string[]>> }

/** The actor may not do this (the route maps it to a 404 or its French message). Nothing was written. */
export type Forbidden = { ok: false; reason: 'forbidden' }
const FORBIDDEN: Forbidden = Object.freeze({ ok: false, reason: 'forbidden' })

export type CreateStructureResult = { ok: true; structure: Structure } | Invalid | Forbidden

/** The audit entry's actor: a person's id, or null and the system's name in the data. */
export function auditActor(actor: Actor): { actorId: string | null; data: Record<string, string> } {
  return { actorId: viewerId(actor), data: actor.kind === 'system' ? { system: actor.name } : {} }
}

export type StructureWriteResult =
  | { ok: true; structure: Structure }
  | Invalid
  /** Someone saved in between (the version moved on): nothing was written. */
  | { ok: false; reason: 'conflict'; message: string; current: { version: number; updatedAt: string } }
  | { ok: false; reason: 'not-found' }
  | Forbidden

/** The slug of a new structure (`slugify` keeps the words the routes use, « Nouvelle » → `nouvelle-structure`). */
export function structureSlugBase(name: string): string {
  return slugify(name, 'structure')
}

async function territoryOf(insee: string, trx: Executor): Promise<string> {
  const commune = await trx.selectFrom('communes').select('territoryId').where('insee', '=', insee).executeTakeFirst()
  if (!commune) throw new Error(`Unknown commune ${insee}`)
  return commune.territoryId
}

/** SIRET and RNA identify one structure each: a second one is a field error, not a constraint failure. */
async function identifierConflicts(input: { siret: string | null; rna: string | null }, trx: Executor, exceptId?: string) {
  const fieldErrors: Partial<Record<'siret' | 'rna', string[]>> = {}
  for (const key of ['siret', 'rna'] as const) {
    const value = input[key]
    if (!value) continue
    let query = trx.selectFrom('structures').select('id').where(key, '=', value)
    if (exceptId) query = query.where('id', '!=', exceptId)
    if (await query.executeTakeFirst()) {
      fieldErrors[key] = [key === 'siret' ? STRUCTURE_MESSAGES.siretTaken : STRUCTURE_MESSAGES.rnaTaken]
    }
  }
  return fieldErrors
}

async function knownThemes(slugs: string[], trx: Executor): Promise<string[]> {
  if (slugs.length === 0) return []
  const rows = await trx.selectFrom('themes').select('slug').where('slug', 'in', slugs).execute()
  return rows.map((r) => r.slug)
}

function columnsFrom(input: StructureWriteInput) {
  return {
    name: input.name,
    searchName: foldText(input.name),
    legalForm: input.legalForm,
    siret: input.siret,
    rna: input.rna,
    communeInsee: input.communeInsee,
    address: input.address,
    websiteUrl: input.websiteUrl,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    showContact: input.showContact ? 1 : 0,
    presentation: input.presentation,
    description: input.description,
    employeesBracket: input.employeesBracket,
    volunteersBracket: input.volunteersBracket,
  }
}

/**
 * Creates a structure. A person creating it (a member whose address is confirmed) becomes its first owner; the system
 * actor (an import) creates it without owner.
 */
export async function createStructure(options: {
  actor: Actor
  input: StructureWriteInput
  now?: Date
  trx?: Executor
}): Promise<CreateStructureResult> {
  const { actor, input } = options
  if (actor.kind === 'person' && !(hasCapability(actor, 'structure:create') && actor.verified)) return FORBIDDEN
  const run = async (trx: Executor): Promise<CreateStructureResult> => {
    const fieldErrors = await identifierConflicts(input, trx)
    if (Object.keys(fieldErrors).length) return { ok: false, reason: 'invalid', fieldErrors }
    const now = (options.now ?? new Date()).toISOString()
    const structure: Structure = {
      id: newId(),
      slug: await uniqueSlug('structures', structureSlugBase(input.name), trx),
      ...columnsFrom(input),
      territoryId: await territoryOf(input.communeInsee, trx),
      showContact: input.showContact ? 1 : 0,
      logoKey: null,
      charterSignedAt: null,
      charterSignedBy: null,
      labelGrantedAt: null,
      labelGrantedBy: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }
    await trx.insertInto('structures').values(structure).execute()
    const themes = await knownThemes(input.themes, trx)
    if (themes.length) {
      await trx
        .insertInto('structureThemes')
        .values(themes.map((themeSlug) => ({ structureId: structure.id, themeSlug })))
        .execute()
    }
    if (actor.kind === 'person') {
      const creator = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', actor.id).executeTakeFirstOrThrow()
      await trx.insertInto('structureMembers').values({ structureId: structure.id, userId: creator.id, role: 'owner', joinedAt: now }).execute()
      await ensureProfile(creator, trx)
    }
    await enqueueSearchUpdate(trx, { type: 'structure', id: structure.id, op: 'upsert' })
    return { ok: true, structure }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

/** Resources show their structures' names in search: refresh those of a structure renamed or deleted. */
async function enqueueLinkedResources(structureId: string, trx: Executor) {
  const links = await trx.selectFrom('resourceStructures').select('resourceId').where('structureId', '=', structureId).execute()
  for (const link of links) await enqueueSearchUpdate(trx, { type: 'resource', id: link.resourceId, op: 'upsert' })
}

export type UpdateStructureOptions = {
  id: string
  input: StructureWriteInput
  /** The version the editor started from (the edit form's hidden `expectedVersion`). */
  expectedVersion: number
  /** Who edits: checked against the structures policy (`edit`) here, whatever the route did. */
  actor: Actor
  now?: Date
  trx?: Executor
}

/**
 * Saves the structure's profile if nobody saved it since `expectedVersion` (optimistic locking, as resources do):
 * a stale edit gets `conflict` and nothing is written.
 */
export async function updateStructure(options: UpdateStructureOptions): Promise<StructureWriteResult> {
  if (!can(options.actor, 'edit', { id: options.id })) return FORBIDDEN
  const run = async (trx: Executor): Promise<StructureWriteResult> => {
    const { id: structureId, input } = options
    const before = await trx.selectFrom('structures').select(['name', 'version', 'updatedAt']).where('id', '=', structureId).executeTakeFirst()
    if (!before) return { ok: false, reason: 'not-found' }
    const conflict = {
      ok: false,
      reason: 'conflict',
      message: STRUCTURE_MESSAGES.conflict,
      current: { version: before.version, updatedAt: before.updatedAt },
    } as const
    if (before.version !== options.expectedVersion) return conflict
    const fieldErrors = await identifierConflicts(input, trx, structureId)
    if (Object.keys(fieldErrors).length) return { ok: false, reason: 'invalid', fieldErrors }
    const updated = await trx
      .updateTable('structures')
      .set({
        ...columnsFrom(input),
        territoryId: await territoryOf(input.communeInsee, trx),
        version: before.version + 1,
        updatedAt: (options.now ?? new Date()).toISOString(),
      })
      .where('id', '=', structureId)
      .where('version', '=', options.expectedVersion)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return conflict
    if (before.name !== input.name) await enqueueLinkedResources(structureId, trx)
    await trx.deleteFrom('structureThemes').where('structureId', '=', structureId).execute()
    const themes = await knownThemes(input.themes, trx)
    if (themes.length) {
      await trx.insertInto('structureThemes').values(themes.map((themeSlug) => ({ structureId, themeSlug }))).execute()
    }
    await enqueueSearchUpdate(trx, { type: 'structure', id: structureId, op: 'upsert' })
    const structure = await trx.selectFrom('structures').selectAll().where('id', '=', structureId).executeTakeFirstOrThrow()
    return { ok: true, structure }
  }
  return options.trx ? run(options.trx) : db.transaction().execute(run)
}

export type StructureChangeResult = { ok: true } | { ok: false; reason: 'not-found' } | Forbidden

/** Deletes the structure (memberships, invitations, themes go with it), its logo files, and refreshes its resources. */
export async function deleteStructure(options: { id: string; actor: Actor }): Promise<StructureChangeResult> {
  const { id: structureId, actor } = options
  if (!can(actor, 'delete', { id: structureId })) return FORBIDDEN
  const deleted = await db.transaction().execute(async (trx) => {
    const structure = await trx.selectFrom('structures').select(['id', 'name', 'slug']).where('id', '=', structureId).executeTakeFirst()
    if (!structure) return false
    await enqueueLinkedResources(structureId, trx)
    await trx.deleteFrom('structures').where('id', '=', structureId).execute()
    const audit = auditActor(actor)
    await recordAudit(
      {
        actorId: audit.actorId,
        action: 'structure.deleted',
        targetType: 'structure',
        targetId: structureId,
        data: { name: structure.name, slug: structure.slug, ...audit.data },
      },
      trx,
    )
    await enqueueSearchUpdate(trx, { type: 'structure', id: structureId, op: 'delete' })
    return true
  })
  if (!deleted) return { ok: false, reason: 'not-found' }
  await removeStructureLogoFiles(structureId)
  return { ok: true }
}

const structureDetailsQuery = (trx: Executor) =>
  trx
    .selectFrom('structures')
    .innerJoin('communes', 'communes.insee', 'structures.communeInsee')
    .innerJoin('territories', 'territories.id', 'structures.territoryId')
    .selectAll('structures')
    .select(['communes.name as communeName', 'communes.postalCodes', 'territories.name as territoryName', 'territories.slug as territorySlug'])

export type StructureDetails = NonNullable<Awaited<ReturnType<typeof getStructureBySlug>>>

export async function getStructureBySlug(slug: string, trx: Executor = db) {
  const row = await structureDetailsQuery(trx).where('structures.slug', '=', slug).executeTakeFirst()
  if (!row) return null
  const themes = await trx
    .selectFrom('structureThemes')
    .innerJoin('themes', 'themes.slug', 'structureThemes.themeSlug')
    .select(['themes.slug', 'themes.name'])
    .where('structureThemes.structureId', '=', row.id)
    .orderBy('themes.position')
    .execute()
  return { ...row, themes }
}

export async function getMembershipRole(structureId: string, userId: string | undefined, trx: Executor = db): Promise<MemberRole | null> {
  if (!userId) return null
  const row = await trx
    .selectFrom('structureMembers')
    .select('role')
    .where('structureId', '=', structureId)
    .where('userId', '=', userId)
    .executeTakeFirst()
  return row?.role ?? null
}

/**
 * Members shown on the structure's page: those whose profile the viewer may see (people.policy.ts). Owners and admins
 * (`everyone`) see all members, to manage them — but a profile link only where the profile may be seen.
 */
export async function listStructureMembers(structureId: string, options: { viewer: Viewer | Actor; everyone?: boolean }) {
  let query = db
    .selectFrom('structureMembers')
    .innerJoin('users', 'users.id', 'structureMembers.userId')
    .leftJoin('profiles', 'profiles.userId', 'users.id')
    .select([
      'users.id as userId',
      'users.name',
      'structureMembers.role',
      'structureMembers.joinedAt',
      'profiles.slug as profileSlug',
      'profiles.visibility',
    ])
    .where('structureMembers.structureId', '=', structureId)
  if (!options.everyone) query = query.where('profiles.visibility', 'in', visibleProfileVisibilities(options.viewer))
  const rows = await query.orderBy('structureMembers.role', 'desc').orderBy('users.name').execute()
  return rows.map((row) => ({
    ...row,
    // A hidden profile has no public page, even when its owner is listed to the structure's managers.
    profileSlug: row.visibility && canSeeProfile(options.viewer, { userId: row.userId, visibility: row.visibility }) ? row.profileSlug : null,
  }))
}

/** Signs the ESS charter for the structure, dated once; only its owners, in person (`sign-charter`). */
export async function signCharter(options: { structureId: string; actor: Actor; now?: Date }): Promise<StructureChangeResult> {
  const { structureId, actor } = options
  if (actor.kind !== 'person' || !can(actor, 'sign-charter', { id: structureId })) return FORBIDDEN
  const now = options.now ?? new Date()
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('structures')
      .set({ charterSignedAt: now.toISOString(), charterSignedBy: actor.id, updatedAt: now.toISOString() })
      .where('id', '=', structureId)
      .where('charterSignedAt', 'is', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) return
    await recordAudit({ actorId: actor.id, action: 'structure.charter-signed', targetType: 'structure', targetId: structureId }, trx)
    await enqueueSearchUpdate(trx, { type: 'structure', id: structureId, op: 'upsert' })
  })
  return { ok: true }
}

/** Grants (or withdraws) the label: admins only (`grant-label`, checked here). Every change is in the audit log. */
export async function setLabel(options: { structureId: string; actor: Actor; granted: boolean; now?: Date }): Promise<StructureChangeResult> {
  const { structureId, actor, granted } = options
  if (!can(actor, 'grant-label', { id: structureId })) return FORBIDDEN
  const now = options.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<StructureChangeResult> => {
    const current = await trx.selectFrom('structures').select(['labelGrantedAt']).where('id', '=', structureId).executeTakeFirst()
    if (!current) return { ok: false, reason: 'not-found' }
    if (Boolean(current.labelGrantedAt) === granted) return { ok: true }
    await trx
      .updateTable('structures')
      .set({
        labelGrantedAt: granted ? now.toISOString() : null,
        labelGrantedBy: granted ? viewerId(actor) : null,
        updatedAt: now.toISOString(),
      })
      .where('id', '=', structureId)
      .execute()
    const audit = auditActor(actor)
    await recordAudit(
      {
        actorId: audit.actorId,
        action: granted ? 'structure.label-granted' : 'structure.label-withdrawn',
        targetType: 'structure',
        targetId: structureId,
        data: { label: LABEL_NAME, previousGrantedAt: current.labelGrantedAt, ...audit.data },
      },
      trx,
    )
    await enqueueSearchUpdate(trx, { type: 'structure', id: structureId, op: 'upsert' })
    return { ok: true }
  })
}

export const DIRECTORY_PAGE_SIZE = 20

function filteredStructures(query: Partial<DirectoryQuery>, trx: Executor) {
  let q = trx
    .selectFrom('structures')
    .innerJoin('communes', 'communes.insee', 'structures.communeInsee')
    .innerJoin('territories', 'territories.id', 'structures.territoryId')
  if (query.q) {
    const folded = foldText(query.q)
    if (folded) q = q.where('structures.searchName', 'like', `%${folded}%`)
  }
  if (query.territoire) q = q.where('territories.slug', '=', query.territoire)
  if (query.forme) q = q.where('structures.legalForm', '=', query.forme)
  if (query.theme) {
    const theme = query.theme
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('structureThemes')
          .select('structureThemes.structureId')
          .whereRef('structureThemes.structureId', '=', 'structures.id')
          .where('structureThemes.themeSlug', '=', theme),
      ),
    )
  }
  if (query.badge === 'charte') q = q.where('structures.charterSignedAt', 'is not', null)
  if (query.badge === 'label') q = q.where('structures.labelGrantedAt', 'is not', null)
  return q
}

/** The directory: filtered, sorted, one page, with the total count. */
export async function listStructures(query: DirectoryQuery, options: { pageSize?: number; trx?: Executor } = {}) {
  const trx = options.trx ?? db
  const pageSize = options.pageSize ?? DIRECTORY_PAGE_SIZE
  const countRow = await filteredStructures(query, trx)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const total = Number(countRow.n)
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(query.page, pageCount)
  let rows = filteredStructures(query, trx).select([
    'structures.id',
    'structures.slug',
    'structures.name',
    'structures.legalForm',
    'structures.presentation',
    'structures.logoKey',
    'structures.charterSignedAt',
    'structures.labelGrantedAt',
    'structures.createdAt',
    'communes.name as communeName',
    'territories.name as territoryName',
  ])
  rows =
    query.tri === 'recent'
      ? rows.orderBy('structures.createdAt', 'desc').orderBy('structures.id', 'desc')
      : rows.orderBy('structures.searchName').orderBy('structures.id')
  const items = await rows
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  return { items, total, page, pageCount, pageSize }
}

/**
 * The open data view of structures (CSV, API): public fields only. The contact email and phone appear only when the
 * structure chose to show them; nothing about its members.
 */
export async function listPublicStructures(options: { limit: number; offset: number; trx?: Executor }) {
  const trx = options.trx ?? db
  const rows = await structureDetailsQuery(trx)
    .orderBy('structures.createdAt')
    .orderBy('structures.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute()
  const themes = await themesOf(rows.map((r) => r.id), trx)
  return rows.map((row) => toPublicStructure(row, themes.get(row.id) ?? []))
}

/** The theme slugs of these structures, by structure id (in bounded batches). */
export async function themesOf(ids: readonly string[], trx: Executor = db): Promise<Map<string, string[]>> {
  const themes = new Map<string, string[]>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx.selectFrom('structureThemes').select(['structureId', 'themeSlug']).where('structureId', 'in', ids.slice(i, i + 500)).execute()
    for (const row of rows) themes.set(row.structureId, [...(themes.get(row.structureId) ?? []), row.themeSlug])
  }
  return themes
}

export async function countStructures(trx: Executor = db): Promise<number> {
  const row = await trx.selectFrom('structures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export type PublicStructure = ReturnType<typeof toPublicStructure>

export function toPublicStructure(
  row: Structure & { communeName: string; territoryName: string; territorySlug: string },
  themes: string[],
) {
  const shown = row.showContact === 1
  return {
    slug: row.slug,
    name: row.name,
    legalForm: row.legalForm,
    siret: row.siret,
    rna: row.rna,
    communeInsee: row.communeInsee,
    communeName: row.communeName,
    territory: row.territorySlug,
    territoryName: row.territoryName,
    address: row.address,
    website: row.websiteUrl,
    contactEmail: shown ? row.contactEmail : null,
    contactPhone: shown ? row.contactPhone : null,
    presentation: row.presentation,
    themes,
    employeesBracket: row.employeesBracket,
    volunteersBracket: row.volunteersBracket,
    charterSignedAt: row.charterSignedAt,
    labelGrantedAt: row.labelGrantedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** The structures a person belongs to, with their role (the account page, the export, deletion checks). */
export async function listUserStructures(userId: string, trx: Executor = db) {
  return trx
    .selectFrom('structureMembers')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['structures.id', 'structures.slug', 'structures.name', 'structureMembers.role', 'structureMembers.joinedAt'])
    .where('structureMembers.userId', '=', userId)
    .orderBy('structures.searchName')
    .execute()
}

/** The structure as the edit form shows it. */
export function structureFormDefaults(structure: StructureDetails) {
  return {
    name: structure.name,
    legalForm: structure.legalForm,
    siret: structure.siret ?? '',
    rna: structure.rna ?? '',
    commune: structure.communeInsee,
    communeLabel: structure.communeName,
    address: structure.address ?? '',
    websiteUrl: structure.websiteUrl ?? '',
    contactEmail: structure.contactEmail ?? '',
    contactPhone: structure.contactPhone ?? '',
    showContact: structure.showContact === 1,
    presentation: structure.presentation,
    description: structure.description,
    themes: structure.themes.map((t) => t.slug),
    employeesBracket: structure.employeesBracket ?? '',
    volunteersBracket: structure.volunteersBracket ?? '',
  }
}
