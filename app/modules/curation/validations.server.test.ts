import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import { viewerForUser } from '#app/modules/auth/viewer.server.ts'
import { listAuditEntries } from '#app/modules/audit/audit.server.ts'
import { toInput, getResourceForEditor, updateResource } from '#app/modules/resources/resources.server.ts'
import { resourceSchema } from '#app/modules/resources/resources.schema.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { addTestGroupMember, territoryGroup } from '#tests/factories/group-pages.ts'
import {
  getValidation,
  listRevalidations,
  reindexStaleValidations,
  revalidationQueueSource,
  validateResource,
  validatedResourceIds,
  withdrawValidation,
} from './validations.server.ts'

async function coordinatorOf(territory: string) {
  const user = await createTestUser()
  await addTestGroupMember((await territoryGroup(territory)).id, user.id, 'coordinator')
  return viewerForUser(user)
}

async function adminViewer() {
  const user = await createTestUser({ role: 'admin' })
  return personViewer(user)
}

const DAY = 24 * 3600 * 1000

describe('validating a resource', () => {
  test('a coordinator of its territory validates it: who, when, review-by 12 months later, audit, search outbox', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, overrides: { territory: 'artois' } })
    const coordinator = await coordinatorOf('artois')
    const now = new Date('2026-12-03T10:00:00Z')
    const result = await validateResource({ resourceId: resource.id, actor: coordinator, now })
    expect(result.ok).toBe(true)
    const validation = await getValidation(resource.id, { now })
    expect(validation).toMatchObject({ validatedAt: now.toISOString(), reviewBy: '2027-12-03T10:00:00.000Z', state: 'valid' })
    expect(validation?.validatorName).toBeTruthy()
    const audit = await listAuditEntries({ type: 'resource', id: resource.id })
    expect(audit.map((a) => a.action)).toContain('resource.validated')
    const outbox = await db.selectFrom('searchOutbox').select('entityId').where('entityId', '=', resource.id).execute()
    expect(outbox.length).toBeGreaterThanOrEqual(2)
    expect(await validatedResourceIds([resource.id], now)).toEqual(new Set([resource.id]))
    expect(await validatedResourceIds([resource.id], new Date('2027-12-03T10:00:00Z'))).toEqual(new Set())
  })

  test('a coordinator of another territory, a plain member and a draft are refused; nothing is written', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, overrides: { territory: 'calaisis' } })
    const draft = await createTestResource({ author, status: 'draft', overrides: { territory: 'artois' } })
    const artois = await coordinatorOf('artois')
    expect(await validateResource({ resourceId: resource.id, actor: artois })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await validateResource({ resourceId: resource.id, actor: personViewer(author) })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await validateResource({ resourceId: draft.id, actor: artois })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await getValidation(resource.id)).toBeNull()
    expect(await withdrawValidation({ resourceId: resource.id, actor: artois })).toBe(false)
  })

  test('withdrawing removes the badge and is audited', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author })
    const admin = await adminViewer()
    await validateResource({ resourceId: resource.id, actor: admin })
    expect(await withdrawValidation({ resourceId: resource.id, actor: admin, note: 'Plus à jour' })).toBe(true)
    expect(await getValidation(resource.id)).toBeNull()
    const audit = await listAuditEntries({ type: 'resource', id: resource.id })
    expect(audit.map((a) => a.action)).toContain('resource.validation_withdrawn')
  })
})

describe('the revalidation queue', () => {
  test('30 days before the review-by date the item enters the queue, scoped to the coordinator; after it the badge reads stale', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, overrides: { territory: 'ternois' } })
    const ternois = await coordinatorOf('ternois')
    const calaisis = await coordinatorOf('calaisis')
    const admin = await adminViewer()
    const validatedAt = new Date('2026-01-10T09:00:00Z')
    await validateResource({ resourceId: resource.id, actor: ternois, now: validatedAt })
    const reviewBy = Date.parse('2027-01-10T09:00:00Z')
    const ids = async (viewer: typeof admin, now: Date) => (await listRevalidations(viewer, { now })).map((i) => i.id)
    expect(await ids(ternois, new Date(reviewBy - 31 * DAY))).not.toContain(resource.id)
    const due = new Date(reviewBy - 29 * DAY)
    expect(await ids(ternois, due)).toContain(resource.id)
    expect(await ids(admin, due)).toContain(resource.id)
    expect(await ids(calaisis, due)).not.toContain(resource.id)
    const [item] = (await listRevalidations(ternois, { now: due })).filter((i) => i.id === resource.id)
    expect(item).toMatchObject({ kind: 'revalidation', href: `/moderation/revalidation/${resource.slug}`, territory: 'ternois' })
    expect(item.summary).toBe('Validation à revoir avant le 10 janvier 2027')
    expect((await listRevalidations(ternois, { now: due, territory: 'calaisis' })).map((i) => i.id)).not.toContain(resource.id)
    const after = new Date(reviewBy + DAY)
    expect((await getValidation(resource.id, { now: after }))?.state).toBe('stale')
    expect(await ids(ternois, after)).toContain(resource.id)
    // Confirming it again takes it out of the queue with a new review-by date.
    await validateResource({ resourceId: resource.id, actor: ternois, now: after })
    expect(await ids(ternois, after)).not.toContain(resource.id)
    expect(await revalidationQueueSource.count(calaisis)).toBe(0)
  })

  test('editing the substance puts the validation back in the queue; a title fix does not', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, overrides: { territory: 'montreuillois' } })
    const coordinator = await coordinatorOf('montreuillois')
    await validateResource({ resourceId: resource.id, actor: coordinator })
    const edit = async (changes: Record<string, unknown>) => {
      const full = await getResourceForEditor(resource.slug, systemActor('test'))
      if (!full) throw new Error('missing')
      const input = resourceSchema.parse({ ...toInput(full), ...changes })
      const result = await updateResource({ id: resource.id, input, actor: systemActor('test'), editor: author, expectedVersion: full.version })
      expect(result.status).toBe('saved')
    }
    await edit({ title: 'Un titre corrigé sans faute' })
    expect((await getValidation(resource.id))?.substanceEditedAt).toBeNull()
    expect((await listRevalidations(coordinator)).map((i) => i.id)).not.toContain(resource.id)
    await edit({ amountMax: 175000 })
    expect((await getValidation(resource.id))?.substanceEditedAt).not.toBeNull()
    const [item] = (await listRevalidations(coordinator)).filter((i) => i.id === resource.id)
    expect(item.summary).toMatch(/^Contenu modifié le .+ depuis la validation$/)
    const audit = await listAuditEntries({ type: 'resource', id: resource.id })
    expect(audit.map((a) => a.action)).toContain('resource.validation_reopened')
  })

  test('a stale validation refreshes its search document once', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author })
    await validateResource({ resourceId: resource.id, actor: systemActor('test'), now: new Date('2025-01-01T00:00:00Z') })
    const now = new Date('2026-06-01T00:00:00Z')
    expect(await reindexStaleValidations({ now })).toContain(resource.id)
    expect(await reindexStaleValidations({ now })).not.toContain(resource.id)
  })
})
