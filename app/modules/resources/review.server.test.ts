import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { db } from '#db/client.server.ts'
import { addTestGroupMember, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource, resourceInput } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createResource, updateResource } from './resources.server.ts'
import { countPendingResources, getResourceForReview, latestReviewMessage, listPendingResources, listReviewSteps, reviewResource } from './review.server.ts'

// The unit tests run with REVIEW_THRESHOLD=0 (vitest.config.ts); here, the default of production, 2.
let previous: string | undefined
beforeAll(() => {
  previous = process.env.REVIEW_THRESHOLD
  process.env.REVIEW_THRESHOLD = '2'
  resetEnvCache()
})
afterAll(() => {
  if (previous === undefined) delete process.env.REVIEW_THRESHOLD
  else process.env.REVIEW_THRESHOLD = previous
  resetEnvCache()
})

async function newcomer() {
  const user = await createTestUser()
  return { user, actor: await actorOf(user) }
}

async function coordinatorOf(territory: string) {
  const user = await createTestUser()
  await addTestGroupMember((await territoryGroup(territory)).id, user.id, 'coordinator')
  return { user, actor: await actorOf(user) }
}

/** A newcomer's resource, published by « Publier », so pending. */
async function pendingResource(territory = 'artois') {
  const author = await newcomer()
  const result = await createResource({ input: resourceInput('initiative', { territory }), actor: author.actor, status: 'published' })
  if (result.status !== 'saved') throw new Error(JSON.stringify(result))
  return { author, resource: result.resource }
}

const emailsTo = (address: string) =>
  db.selectFrom('emailOutbox').select(['subject', 'template', 'textBody']).where('toAddress', '=', address).execute()
const auditOf = (id: string) => db.selectFrom('auditLog').select(['action', 'actorId', 'dataJson']).where('targetId', '=', id).execute()

describe('publishing under the review threshold', () => {
  test('a newcomer’s publication is pending, and enters the queue', async () => {
    const { resource } = await pendingResource()
    expect(resource.status).toBe('pending')
    expect(resource.publishedAt).toBeNull()
    expect((await listReviewSteps(resource.id)).map((s) => s.event)).toEqual(['submitted'])
  })

  test('after two approved resources, a person publishes directly', async () => {
    const author = await newcomer()
    await createTestResource({ author: author.user, status: 'published' })
    const second = await createResource({ input: resourceInput('initiative'), actor: author.actor, status: 'published' })
    expect(second.status === 'saved' && second.resource.status).toBe('pending')
    await createTestResource({ author: author.user, status: 'published' })
    const third = await createResource({ input: resourceInput('initiative'), actor: author.actor, status: 'published' })
    expect(third.status === 'saved' && third.resource.status).toBe('published')
  })

  test('a newcomer’s draft then « Publier » is pending too', async () => {
    const author = await newcomer()
    const draft = await createResource({ input: resourceInput('initiative'), actor: author.actor, status: 'draft' })
    if (draft.status !== 'saved') throw new Error('draft')
    const published = await updateResource({ id: draft.resource.id, input: resourceInput('initiative'), actor: author.actor, expectedVersion: draft.resource.version, change: 'publish' })
    expect(published.status === 'saved' && published.resource.status).toBe('pending')
  })

  test('admins, coordinators and the system publish directly', async () => {
    const admin = await createTestUser({ role: 'admin' })
    const coordinator = await coordinatorOf('calaisis')
    for (const actor of [await actorOf(admin), coordinator.actor]) {
      const result = await createResource({ input: resourceInput('initiative'), actor, status: 'published' })
      expect(result.status === 'saved' && result.resource.status).toBe('published')
    }
    const author = await createTestUser()
    const imported = await createResource({ input: resourceInput('initiative'), actor: systemActor('import'), author, status: 'published' })
    expect(imported.status === 'saved' && imported.resource.status).toBe('published')
  })
})

describe('reviewResource', () => {
  test('approve: published, a history step, an audit row and an email to the author', async () => {
    const { author, resource } = await pendingResource()
    const reviewer = await coordinatorOf('artois')
    const result = await reviewResource({ id: resource.id, decision: 'approve', note: '', actor: reviewer.actor })
    expect(result.ok && result.resource.status).toBe('published')
    expect(result.ok && result.resource.publishedAt).toBeTruthy()
    expect((await listReviewSteps(resource.id)).map((s) => s.event)).toEqual(['submitted', 'approved'])
    const audit = await auditOf(resource.id)
    expect(audit.find((a) => a.action === 'resource.review.approved')?.actorId).toBe(reviewer.user.id)
    const emails = await emailsTo(author.user.email)
    expect(emails).toHaveLength(1)
    expect(emails[0]?.template).toBe('resource-review-approved')
    expect(emails[0]?.subject).toContain('est publiée')
    expect(emails[0]?.textBody).toContain('La coordination du territoire')
  })

  test('ask for changes: back to draft, the note in the email and on the edit page', async () => {
    const { author, resource } = await pendingResource()
    const reviewer = await coordinatorOf('artois')
    const note = 'Précisez les dates et le public visé.'
    const result = await reviewResource({ id: resource.id, decision: 'request-changes', note: `  ${note} `, actor: reviewer.actor })
    expect(result.ok && result.resource.status).toBe('draft')
    const emails = await emailsTo(author.user.email)
    expect(emails.map((e) => e.template)).toEqual(['resource-review-changes'])
    expect(emails[0]?.textBody).toContain(`« ${note} »`)
    const audit = await auditOf(resource.id)
    expect(JSON.parse(audit.find((a) => a.action === 'resource.review.changes-requested')?.dataJson ?? '{}').note).toBe(note)
    if (!result.ok) return
    expect((await latestReviewMessage(result.resource))?.note).toBe(note)
  })

  test('refuse: back to draft (not archived), with the reason; a note is required', async () => {
    const { author, resource } = await pendingResource()
    const admin = await actorOf(await createTestUser({ role: 'admin' }))
    expect(await reviewResource({ id: resource.id, decision: 'refuse', note: '  ', actor: admin })).toEqual({ ok: false, reason: 'note-required' })
    expect(await emailsTo(author.user.email)).toEqual([])
    const result = await reviewResource({ id: resource.id, decision: 'refuse', note: 'Hors du champ du réseau.', actor: admin })
    expect(result.ok && result.resource.status).toBe('draft')
    const emails = await emailsTo(author.user.email)
    expect(emails.map((e) => e.template)).toEqual(['resource-review-refused'])
    expect(emails[0]?.textBody).toContain('Hors du champ du réseau.')
    // Decided once: a second decision finds it no longer pending.
    expect(await reviewResource({ id: resource.id, decision: 'approve', note: '', actor: admin })).toEqual({ ok: false, reason: 'not-pending' })
  })

  test('scoping: an Artois coordinator cannot decide on a Calaisis resource, nor see it in the queue', async () => {
    const { author, resource } = await pendingResource('calaisis')
    const artois = await coordinatorOf('artois')
    expect(await reviewResource({ id: resource.id, decision: 'approve', note: '', actor: artois.actor })).toEqual({ ok: false, reason: 'not-found' })
    expect(await getResourceForReview(resource.id, artois.actor)).toBeNull()
    expect((await listPendingResources(artois.actor)).map((r) => r.id)).not.toContain(resource.id)
    expect((await db.selectFrom('resources').select('status').where('id', '=', resource.id).executeTakeFirstOrThrow()).status).toBe('pending')
    expect(await emailsTo(author.user.email)).toEqual([])

    const calaisis = await coordinatorOf('calaisis')
    expect((await listPendingResources(calaisis.actor)).map((r) => r.id)).toContain(resource.id)
    expect((await getResourceForReview(resource.id, calaisis.actor))?.resource.id).toBe(resource.id)
  })

  test('a member who coordinates nothing and the author decide nothing', async () => {
    const { author, resource } = await pendingResource()
    const member = await newcomer()
    expect(await reviewResource({ id: resource.id, decision: 'approve', note: '', actor: member.actor })).toEqual({ ok: false, reason: 'not-found' })
    expect(await reviewResource({ id: resource.id, decision: 'approve', note: '', actor: author.actor })).toEqual({ ok: false, reason: 'not-found' })
    expect(await listPendingResources(member.actor)).toEqual([])
    expect(await countPendingResources(member.actor)).toBe(0)
  })
})

describe('the queue of pending resources', () => {
  test('lists oldest first, filters by territory, and counts what the list shows', async () => {
    const first = await pendingResource('artois')
    const second = await pendingResource('artois')
    const other = await pendingResource('calaisis')
    const admin = await actorOf(await createTestUser({ role: 'admin' }))
    const all = (await listPendingResources(admin)).map((r) => r.id)
    expect(all.indexOf(first.resource.id)).toBeLessThan(all.indexOf(second.resource.id))
    expect(all).toContain(other.resource.id)
    const artoisOnly = (await listPendingResources(admin, { territory: 'artois' })).map((r) => r.id)
    expect(artoisOnly).toContain(first.resource.id)
    expect(artoisOnly).not.toContain(other.resource.id)
    expect(await countPendingResources(admin)).toBe(all.length)
    const listed = (await listPendingResources(admin)).find((r) => r.id === first.resource.id)
    expect(listed?.authorName).toBe(first.author.user.name)
  })
})
