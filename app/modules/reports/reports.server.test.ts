import type { JSONContent } from '@tiptap/core'
import { beforeAll, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { ANONYMOUS, type PersonViewer, type Viewer } from '#app/modules/auth/viewer.ts'
import { PENDING_MODERATION_LABEL, HIDDEN_POST_LABEL } from '#app/modules/discussions/discussions.policy.ts'
import { createThread, getThread, reply } from '#app/modules/discussions/discussions.server.ts'
import { getResourceForViewer, listResources } from '#app/modules/resources/resources.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { searchForUser } from '#app/modules/search/search.server.ts'
import type { SearchParams } from '#search/search.schema.ts'
import { addTestGroupMember, createTestGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { reportsQueueSource } from './queue-source.server.ts'
import { caseId, decideReports, getReportCase, reportItem } from './reports.server.ts'

// Reports and the auto-hide threshold (issue 14, item 2), on a real database: who may report, the threshold counted
// in different people, what a hidden item is to each kind of viewer (page, list, search), the decisions, and the
// scoping of the cases (a coordinator of the Artois never sees the Calaisis's).

const doc = (text: string): JSONContent => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
const params = (q: string): SearchParams => ({
  q,
  kind: [],
  type: [],
  territory: [],
  theme: [],
  programme: [],
  legalForm: [],
  state: [],
  validated: false,
  sort: 'relevance',
  page: 1,
  perPage: 20,
})

type User = Awaited<ReturnType<typeof createTestUser>>
let author: User
let reporters: PersonViewer[]
let admin: PersonViewer
let calaisisCoordinator: PersonViewer
let artoisCoordinator: PersonViewer
let member: PersonViewer

beforeAll(async () => {
  author = await createTestUser({ name: 'Alice Auteur' })
  reporters = []
  for (let i = 0; i < 4; i++) reporters.push(await actorOf(await createTestUser()))
  admin = await actorOf(await createTestUser({ role: 'admin' }))
  const calaisis = await territoryGroup('calaisis')
  const artois = await territoryGroup('artois')
  const c1 = await createTestUser()
  await addTestGroupMember(calaisis.id, c1.id, 'coordinator')
  calaisisCoordinator = await actorOf(c1)
  const c2 = await createTestUser()
  await addTestGroupMember(artois.id, c2.id, 'coordinator')
  artoisCoordinator = await actorOf(c2)
  member = await actorOf(await createTestUser())
})

let counter = 0
async function calaisisResource(word = `mot${++counter}`) {
  return createTestResource({ author, type: 'bonne-pratique', overrides: { territory: 'calaisis', title: `Pratique ${word} du littoral` } })
}

const spam = { reason: 'spam', details: '' }

async function outboxTo(email: string) {
  return db.selectFrom('emailOutbox').select(['subject', 'textBody', 'template']).where('toAddress', '=', email).orderBy('createdAt').execute()
}

describe('the threshold (REPORT_HIDE_THRESHOLD, 3 here)', () => {
  // Each row: who reports, in order; whether the item is hidden at the end.
  const rows: { name: string; who: number[]; hidden: boolean; duplicates: number }[] = [
    { name: '1 report', who: [0], hidden: false, duplicates: 0 },
    { name: '2 reports by the same person', who: [0, 0], hidden: false, duplicates: 1 },
    { name: '3 reports, 2 people', who: [0, 1, 0], hidden: false, duplicates: 1 },
    { name: '3 reports by 3 different people', who: [0, 1, 2], hidden: true, duplicates: 0 },
  ]
  test.each(rows)('$name → hidden: $hidden', async ({ who, hidden, duplicates }) => {
    const resource = await calaisisResource()
    const results = []
    for (const i of who) results.push(await reportItem({ actor: reporters[i], kind: 'resource', targetId: resource.id, ...spam, threshold: 3 }))
    expect(results.filter((r) => !r.ok && r.reason === 'duplicate')).toHaveLength(duplicates)
    const row = await db.selectFrom('resources').select('hiddenAt').where('id', '=', resource.id).executeTakeFirstOrThrow()
    expect(row.hiddenAt !== null).toBe(hidden)
    const count = await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).where('targetId', '=', resource.id).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(who.length - duplicates)
  })

  test('the threshold comes from the environment (default 3)', async () => {
    const resource = await calaisisResource()
    const previous = process.env.REPORT_HIDE_THRESHOLD
    process.env.REPORT_HIDE_THRESHOLD = '1'
    const { resetEnvCache } = await import('#app/utils/env.server.ts')
    resetEnvCache()
    try {
      expect(await reportItem({ actor: reporters[0], kind: 'resource', targetId: resource.id, ...spam })).toEqual({ ok: true, hidden: true })
    } finally {
      if (previous === undefined) delete process.env.REPORT_HIDE_THRESHOLD
      else process.env.REPORT_HIDE_THRESHOLD = previous
      resetEnvCache()
    }
  })
})

describe('reporting', () => {
  test('the reason and the text are checked in French; « autre » needs a text; at most 1 000 characters', async () => {
    const resource = await calaisisResource()
    const base = { actor: reporters[0], kind: 'resource' as const, targetId: resource.id }
    expect(await reportItem({ ...base, reason: 'rien', details: '' })).toEqual({ ok: false, reason: 'invalid', errors: { reason: 'Choisissez le motif du signalement.' } })
    expect(await reportItem({ ...base, reason: 'other', details: '  ' })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: { details: 'Précisez le motif : le texte est obligatoire pour « Autre ».' },
    })
    expect(await reportItem({ ...base, reason: 'abuse', details: 'x'.repeat(1001) })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: { details: 'Le texte ne doit pas dépasser 1 000 caractères.' },
    })
    expect(await reportItem({ ...base, reason: 'other', details: 'Doublon d’une autre fiche' })).toEqual({ ok: true, hidden: false })
  })

  test('not found when the viewer may not see it; refused to its author and to an unconfirmed address', async () => {
    const draft = await createTestResource({ author, status: 'draft', overrides: { territory: 'calaisis' } })
    expect(await reportItem({ actor: reporters[0], kind: 'resource', targetId: draft.id, ...spam })).toEqual({ ok: false, reason: 'not-found' })
    expect(await reportItem({ actor: ANONYMOUS, kind: 'resource', targetId: draft.id, ...spam })).toEqual({ ok: false, reason: 'not-found' })
    const resource = await calaisisResource()
    expect(await reportItem({ actor: await actorOf(author), kind: 'resource', targetId: resource.id, ...spam })).toEqual({ ok: false, reason: 'forbidden' })
    const unverified = await actorOf(await createTestUser({ emailVerifiedAt: null }))
    expect(await reportItem({ actor: unverified, kind: 'resource', targetId: resource.id, ...spam })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await reportItem({ actor: member, kind: 'resource', targetId: 'inconnue', ...spam })).toEqual({ ok: false, reason: 'not-found' })
  })

  test('the unique index refuses a second report of the same person even past the check', async () => {
    const resource = await calaisisResource()
    await reportItem({ actor: reporters[0], kind: 'resource', targetId: resource.id, ...spam })
    await expect(
      db
        .insertInto('reports')
        .values({ id: 'x', targetKind: 'resource', targetId: resource.id, reporterId: reporters[0].id, reason: 'spam', createdAt: new Date().toISOString() })
        .execute(),
    ).rejects.toThrow(/UNIQUE/)
  })
})

async function hiddenResource(word: string) {
  const resource = await calaisisResource(word)
  for (let i = 0; i < 3; i++) await reportItem({ actor: reporters[i], kind: 'resource', targetId: resource.id, ...spam, threshold: 3 })
  await drainSearchOutbox()
  return resource
}

describe('a hidden resource', () => {
  test('is seen by its author, admins and the coordinators of its territory only — page, list and search', async () => {
    const resource = await hiddenResource('zéphyrantine')
    const authorViewer = await actorOf(author)
    const cells: [string, Viewer, boolean][] = [
      ['anonymous', ANONYMOUS, false],
      ['a member', member, false],
      ['a reporter', reporters[0], false],
      ['a coordinator of another territory', artoisCoordinator, false],
      ['a coordinator of its territory', calaisisCoordinator, true],
      ['an admin', admin, true],
      ['its author', authorViewer, true],
    ]
    for (const [name, viewer, sees] of cells) {
      expect({ name, page: (await getResourceForViewer(resource.slug, viewer)) !== null }).toEqual({ name, page: sees })
      const listed = (await listResources(viewer, { territory: 'calaisis' }, { pageSize: 500 })).items.some((i) => i.id === resource.id)
      expect({ name, listed }).toEqual({ name, listed: sees })
      // Search forgets it for everyone: deciding happens on the decision page, not through search.
      expect({ name, found: (await searchForUser(viewer, params('zéphyrantine'))).total }).toEqual({ name, found: 0 })
    }
    // Anonymous lists feed the sitemap: it is not there either.
    expect((await listResources(ANONYMOUS, {}, { pageSize: 5000 })).items.some((i) => i.id === resource.id)).toBe(false)
  })

  test('its author is told by email, without the reporters’ names', async () => {
    const resource = await hiddenResource('anémochore')
    const mails = (await outboxTo(author.email)).filter((m) => m.template === 'report-hidden')
    const mail = mails.find((m) => m.textBody.includes(resource.title))
    expect(mail?.subject).toBe('Votre ressource est masquée en attente de modération')
    for (const r of reporters) {
      const name = (await db.selectFrom('users').select('name').where('id', '=', r.id).executeTakeFirstOrThrow()).name
      expect(mail?.textBody).not.toContain(name)
    }
  })
})

describe('deciding', () => {
  test('« Rétablir »: reports dismissed, the resource shown and searchable again, audit entry, author told', async () => {
    const resource = await hiddenResource('rhizoctone')
    const id = caseId('resource', resource.id)
    expect(await getReportCase(calaisisCoordinator, id)).toMatchObject({ reporters: 3, target: { hidden: true } })
    expect(await decideReports({ actor: calaisisCoordinator, id, decision: 'restore', note: 'Signalements infondés' })).toEqual({ ok: true })
    await drainSearchOutbox()
    expect(await getResourceForViewer(resource.slug, ANONYMOUS)).not.toBeNull()
    expect((await searchForUser(ANONYMOUS, params('rhizoctone'))).total).toBe(1)
    const statuses = await db.selectFrom('reports').select(['status', 'decisionNote']).where('targetId', '=', resource.id).execute()
    expect(statuses).toEqual(Array(3).fill({ status: 'dismissed', decisionNote: 'Signalements infondés' }))
    const audit = await db.selectFrom('auditLog').select(['action', 'actorId']).where('targetId', '=', resource.id).orderBy('createdAt').execute()
    expect(audit.map((a) => a.action)).toEqual(['report.auto_hide', 'report.restore'])
    expect(audit[1].actorId).toBe(calaisisCoordinator.id)
    const told = (await outboxTo(author.email)).find((m) => m.template === 'report-restored' && m.textBody.includes(resource.title))
    expect(told?.textBody).toContain('« Signalements infondés »')
    // The case is closed: no page any more; new reports start a new count.
    expect(await getReportCase(calaisisCoordinator, id)).toBeNull()
    expect(await reportItem({ actor: reporters[3], kind: 'resource', targetId: resource.id, ...spam, threshold: 3 })).toEqual({ ok: true, hidden: false })
  })

  test('« Retirer »: the resource is archived and stays hidden; its author still reads it', async () => {
    const resource = await hiddenResource('pétiolule')
    const id = caseId('resource', resource.id)
    expect(await decideReports({ actor: admin, id, decision: 'remove', note: '' })).toEqual({ ok: true })
    const row = await db.selectFrom('resources').select(['status', 'hiddenAt']).where('id', '=', resource.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('archived')
    expect(row.hiddenAt).not.toBeNull()
    expect(await getResourceForViewer(resource.slug, member)).toBeNull()
    expect(await getResourceForViewer(resource.slug, await actorOf(author))).not.toBeNull()
    expect((await outboxTo(author.email)).some((m) => m.template === 'report-removed' && m.textBody.includes(resource.title))).toBe(true)
  })

  test('who may decide: admins and coordinators of its territory; others get not found; bad input in French', async () => {
    const resource = await calaisisResource()
    await reportItem({ actor: reporters[0], kind: 'resource', targetId: resource.id, ...spam })
    const id = caseId('resource', resource.id)
    for (const viewer of [member, artoisCoordinator, reporters[0]]) {
      expect(await getReportCase(viewer, id)).toBeNull()
      expect(await decideReports({ actor: viewer, id, decision: 'restore', note: '' })).toEqual({ ok: false, reason: 'not-found' })
    }
    expect(await getReportCase(admin, id)).not.toBeNull()
    expect(await decideReports({ actor: calaisisCoordinator, id, decision: 'peut-être', note: 'x'.repeat(1001) })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: { decision: 'Choisissez « Rétablir » ou « Retirer ».', note: 'La note ne doit pas dépasser 1 000 caractères.' },
    })
    expect(await decideReports({ actor: calaisisCoordinator, id, decision: 'restore', note: '' })).toEqual({ ok: true })
  })
})

describe('a discussion post', () => {
  async function threadWithReply() {
    const group = await createTestGroup({ pageVisibility: 'members' })
    const postAuthor = await createTestUser({ name: 'Paul Posteur' })
    const coordinatorUser = await createTestUser()
    await addTestGroupMember(group.id, postAuthor.id)
    await addTestGroupMember(group.id, coordinatorUser.id, 'coordinator')
    for (const r of reporters) await addTestGroupMember(group.id, r.id)
    const viewers = {
      author: await actorOf(postAuthor),
      coordinator: await actorOf(coordinatorUser),
      reporters: await Promise.all(reporters.map((r) => actorOf(r))),
    }
    const thread = await createThread({ actor: viewers.coordinator, groupId: group.id, title: 'Un fil', body: doc('Bonjour') })
    if (!thread.ok) throw new Error(thread.reason)
    const posted = await reply({ actor: viewers.author, threadId: thread.threadId, body: doc('Achetez nos montres') })
    if (!posted.ok) throw new Error(posted.reason)
    return { group, threadId: thread.threadId, postId: posted.postId, postAuthor, viewers }
  }

  test('hidden after 3 people: masked to readers, « Masqué en attente de modération » to its author, whole to moderators', async () => {
    const { threadId, postId, postAuthor, viewers } = await threadWithReply()
    // Outside the group: not found (nobody reports what they cannot read).
    expect(await reportItem({ actor: member, kind: 'discussion_post', targetId: postId, ...spam })).toEqual({ ok: false, reason: 'not-found' })
    for (let i = 0; i < 3; i++) {
      const result = await reportItem({ actor: viewers.reporters[i], kind: 'discussion_post', targetId: postId, ...spam, threshold: 3 })
      expect(result).toEqual({ ok: true, hidden: i === 2 })
    }
    const asReader = (await getThread(threadId, viewers.reporters[3]))?.replies[0]
    expect(asReader).toMatchObject({ display: 'masked', placeholder: HIDDEN_POST_LABEL, html: null })
    const asAuthor = (await getThread(threadId, viewers.author))?.replies[0]
    expect(asAuthor).toMatchObject({ display: 'masked', placeholder: PENDING_MODERATION_LABEL })
    expect((await getThread(threadId, viewers.coordinator))?.replies[0]).toMatchObject({ display: 'whole' })
    expect((await getThread(threadId, viewers.coordinator))?.replyCount).toBe(0)
    // Once masked, it is no longer there to report.
    expect(await reportItem({ actor: viewers.reporters[3], kind: 'discussion_post', targetId: postId, ...spam })).toEqual({ ok: false, reason: 'not-found' })
    expect((await outboxTo(postAuthor.email)).map((m) => m.subject)).toContain('Votre message est masqué en attente de modération')
  })

  test('decided by the group’s coordinators and admins only; « Rétablir » shows it, « Retirer » keeps it masked', async () => {
    const first = await threadWithReply()
    for (let i = 0; i < 3; i++) await reportItem({ actor: first.viewers.reporters[i], kind: 'discussion_post', targetId: first.postId, ...spam, threshold: 3 })
    const id = caseId('discussion_post', first.postId)
    expect(await getReportCase(calaisisCoordinator, id)).toBeNull()
    expect(await decideReports({ actor: first.viewers.coordinator, id, decision: 'restore', note: '' })).toEqual({ ok: true })
    expect((await getThread(first.threadId, first.viewers.reporters[3]))?.replies[0]).toMatchObject({ display: 'whole' })

    const second = await threadWithReply()
    for (let i = 0; i < 3; i++) await reportItem({ actor: second.viewers.reporters[i], kind: 'discussion_post', targetId: second.postId, ...spam, threshold: 3 })
    expect(await decideReports({ actor: admin, id: caseId('discussion_post', second.postId), decision: 'remove', note: 'Publicité' })).toEqual({ ok: true })
    expect((await getThread(second.threadId, second.viewers.author))?.replies[0]).toMatchObject({ display: 'masked', placeholder: HIDDEN_POST_LABEL })
  })
})

describe('the queue source', () => {
  test('scoped like the decisions: a coordinator of the Artois never sees the Calaisis’s items', async () => {
    const calaisis = await calaisisResource()
    await reportItem({ actor: reporters[0], kind: 'resource', targetId: calaisis.id, reason: 'misinformation', details: '' })
    const artois = await createTestResource({ author, overrides: { territory: 'artois', title: 'Pratique de l’Artois' } })
    await reportItem({ actor: reporters[0], kind: 'resource', targetId: artois.id, ...spam })
    const ids = async (viewer: PersonViewer, territory?: string) => (await reportsQueueSource.list(viewer, { territory })).map((i) => i.id)
    expect(await ids(artoisCoordinator)).toContain(caseId('resource', artois.id))
    expect(await ids(artoisCoordinator)).not.toContain(caseId('resource', calaisis.id))
    expect(await ids(calaisisCoordinator)).toContain(caseId('resource', calaisis.id))
    expect(await ids(calaisisCoordinator)).not.toContain(caseId('resource', artois.id))
    expect(await ids(member)).toEqual([])
    expect(await reportsQueueSource.count(member)).toBe(0)
    expect(await ids(admin)).toEqual(expect.arrayContaining([caseId('resource', artois.id), caseId('resource', calaisis.id)]))
    expect(await ids(admin, 'artois')).not.toContain(caseId('resource', calaisis.id))
    const item = (await reportsQueueSource.list(calaisisCoordinator, {})).find((i) => i.id === caseId('resource', calaisis.id))
    expect(item).toMatchObject({
      kind: 'signalement',
      title: `Ressource : ${calaisis.title}`,
      href: `/moderation/signalements/${caseId('resource', calaisis.id)}`,
      summary: 'Signalé 1 fois : informations fausses ou obsolètes',
      territory: 'calaisis',
    })
    expect(await reportsQueueSource.count(artoisCoordinator)).toBe((await ids(artoisCoordinator)).length)
  })
})
