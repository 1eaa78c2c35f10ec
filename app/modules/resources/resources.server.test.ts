import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestResource, resourceInput } from '#tests/factories/resources.ts'
import { textToDoc } from '#app/modules/rich-text/rich-text.server.ts'
import {
  CONFLICT_MESSAGE,
  FORBIDDEN_MESSAGES,
  changeResourceStatus,
  compareRevisions,
  createResource,
  deleteResource,
  getResourceForViewer,
  getResourceRowById,
  getRevision,
  listResources,
  listRevisions,
  restoreRevision,
  updateResource,
} from './resources.server.ts'

const body = (text: string) => JSON.stringify(textToDoc(text))

async function outboxFor(id: string) {
  return db.selectFrom('searchOutbox').select('operation').where('entityId', '=', id).execute()
}

describe('createResource', () => {
  test('stores a funding call with derived HTML and text, themes, first revision and a search update', async () => {
    const author = await createTestUser()
    const result = await createResource({
      input: resourceInput('financement-europeen', { title: 'Appel FSE+ inclusion 2027', themes: ['financement', 'emploi-insertion'] }),
      actor: await actorOf(author),
      status: 'published',
    })
    expect(result.status).toBe('saved')
    if (result.status !== 'saved') return
    expect(result.resource.slug).toBe('appel-fse-inclusion-2027')
    expect(result.resource.bodyHtml).toContain('<p>Premier paragraphe du contenu.</p>')
    expect(result.resource.bodyText).toContain('Second paragraphe')
    expect(result.resource.deadline).toBe('2027-03-31T10:00:00.000Z')
    const full = await getResourceForViewer(result.resource.slug, ANONYMOUS)
    expect(full?.themes.map((t) => t.slug)).toEqual(['emploi-insertion', 'financement'])
    expect(full?.details.eligibleLegalForms).toEqual(['association', 'scop', 'scic'])
    expect(await listRevisions(result.resource.id)).toHaveLength(1)
    expect(await outboxFor(result.resource.id)).toEqual([{ operation: 'upsert' }])
  })

  test('two resources with the same title get distinct slugs', async () => {
    const author = await createTestUser()
    const a = await createTestResource({ author, overrides: { title: 'Même titre partagé' } })
    const b = await createTestResource({ author, overrides: { title: 'Même titre partagé' } })
    expect(a.slug).toBe('meme-titre-partage')
    expect(b.slug).toMatch(/^meme-titre-partage-[a-z2-9]{5}$/)
  })

  test('a slug tells nothing of a hidden draft: taken by a draft or by a public resource, the suffix is random', async () => {
    const sophie = await createTestUser()
    const karim = await createTestUser()
    const draft = await createTestResource({ author: sophie, status: 'draft', overrides: { title: 'Brouillon plinkfrobnic confidentiel' } })
    const shown = await createTestResource({ author: sophie, status: 'published', overrides: { title: 'Annonce plinkfrobnic publique' } })
    expect(draft.slug).toBe('brouillon-plinkfrobnic-confidentiel')
    expect(shown.slug).toBe('annonce-plinkfrobnic-publique')
    const overDraft = await createTestResource({ author: karim, overrides: { title: 'Brouillon plinkfrobnic confidentiel' } })
    const overPublic = await createTestResource({ author: karim, overrides: { title: 'Annonce plinkfrobnic publique' } })
    // Same shape in both cases: the base, a dash and five random characters; no counter.
    expect(overDraft.slug).toMatch(/^brouillon-plinkfrobnic-confidentiel-[a-z2-9]{5}$/)
    expect(overPublic.slug).toMatch(/^annonce-plinkfrobnic-publique-[a-z2-9]{5}$/)
    const again = await createTestResource({ author: karim, overrides: { title: 'Brouillon plinkfrobnic confidentiel' } })
    expect(again.slug).toMatch(/^brouillon-plinkfrobnic-confidentiel-[a-z2-9]{5}$/)
    expect(new Set([overDraft.slug, again.slug]).size).toBe(2)
    // The route words stay reserved.
    expect((await createTestResource({ author: karim, overrides: { title: 'Nouvelle' } })).slug).toMatch(/^nouvelle-ressource(-[a-z2-9]{5})?$/)
  })

  test('hostile or unknown rich text, territory, themes and communes are field errors, nothing is written', async () => {
    const author = await createTestUser()
    const before = await db.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const result = await createResource({
      input: {
        ...resourceInput('formation', { sessions: [{ startsOn: '2027-01-01', commune: 'Atlantide' }] }),
        body: JSON.stringify({ type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] }),
        territory: 'mordor',
        themes: ['inexistant'],
      },
      actor: await actorOf(author),
    })
    expect(result.status).toBe('invalid')
    if (result.status !== 'invalid') return
    expect(Object.keys(result.fieldErrors).sort()).toEqual(['body', 'sessions[0].commune', 'territory', 'themes'])
    const after = await db.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  test('training sessions are stored with their commune', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, type: 'formation' })
    const full = await getResourceForViewer(resource.slug, ANONYMOUS)
    expect(full?.sessions).toMatchObject([{ startsOn: '2027-02-10', endsOn: '2027-02-11', communeName: 'Arras' }])
    expect(full?.startDate).toBe('2027-02-10')
  })
})

describe('updateResource: optimistic locking and revisions', () => {
  test('a stale version is a conflict and nothing is overwritten', async () => {
    const author = await createTestUser()
    const admin = await createTestUser({ role: 'admin' })
    const resource = await createTestResource({ author })
    const first = await updateResource({
      id: resource.id,
      input: resourceInput('financement-europeen', { title: 'Titre changé par l’admin', body: body('Version admin.') }),
      actor: await actorOf(admin),
      expectedVersion: 1,
    })
    expect(first.status).toBe('saved')
    const second = await updateResource({
      id: resource.id,
      input: resourceInput('financement-europeen', { title: 'Titre de l’autrice', body: body('Version autrice.') }),
      actor: await actorOf(author),
      expectedVersion: 1,
    })
    expect(second).toMatchObject({ status: 'conflict', message: CONFLICT_MESSAGE, current: { version: 2, editorName: admin.name } })
    const stored = await getResourceRowById(resource.id)
    expect(stored?.title).toBe('Titre changé par l’admin')
    expect(stored?.version).toBe(2)
  })

  test('a save without content change records no revision; a content change does', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, type: 'initiative' })
    const same = await getResourceForViewer(resource.slug, await actorOf(author))
    if (!same) throw new Error('missing')
    const unchanged = await updateResource({
      id: resource.id,
      input: resourceInput('initiative', { title: resource.title, body: resource.bodyJson }),
      actor: await actorOf(author),
      expectedVersion: 1,
    })
    expect(unchanged).toMatchObject({ status: 'saved', revisionCreated: false })
    const changed = await updateResource({
      id: resource.id,
      input: resourceInput('initiative', { title: resource.title, body: body('Un texte tout neuf.') }),
      actor: await actorOf(author),
      expectedVersion: 2,
      note: 'Mise à jour du bilan',
    })
    expect(changed).toMatchObject({ status: 'saved', revisionCreated: true })
    const revisions = await listRevisions(resource.id)
    expect(revisions).toHaveLength(2)
    expect(revisions[0].note).toBe('Mise à jour du bilan')
  })

  test('autosaves of the same person within minutes are merged into one revision', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, type: 'initiative', status: 'draft' })
    const t0 = new Date()
    for (const [i, text] of ['Un.', 'Un, deux.', 'Un, deux, trois.'].entries()) {
      const result = await updateResource({
        id: resource.id,
        input: resourceInput('initiative', { title: resource.title, body: body(text) }),
        actor: await actorOf(author),
        expectedVersion: i + 1,
        autosave: true,
        now: new Date(t0.getTime() + (i + 1) * 60_000),
      })
      expect(result.status).toBe('saved')
    }
    // The creation revision, then one merged autosave revision.
    const revisions = await listRevisions(resource.id)
    expect(revisions).toHaveLength(2)
    const last = await getRevision(resource.id, revisions[0].id)
    expect(last?.bodyText).toBe('Un, deux, trois.')
  })

  test('the type of a resource never changes', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, type: 'initiative' })
    const result = await updateResource({ id: resource.id, input: resourceInput('bonne-pratique'), actor: await actorOf(author), expectedVersion: 1 })
    expect(result).toEqual({ status: 'invalid', fieldErrors: { type: ['Le type d’une ressource ne peut pas changer.'] } })
  })
})

describe('revisions: compare and restore', () => {
  test('restoring an old revision writes a new revision with the old content', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({
      author,
      overrides: { title: 'Appel à projets version un', body: body('Texte original.\n\nDeuxième paragraphe.') },
    })
    await updateResource({
      id: resource.id,
      input: resourceInput('financement-europeen', {
        title: 'Appel à projets version deux',
        body: body('Texte réécrit.\n\nDeuxième paragraphe.'),
        amountMax: 90000,
      }),
      actor: await actorOf(author),
      expectedVersion: 1,
    })
    const [newest, oldest] = await listRevisions(resource.id)
    const a = await getRevision(resource.id, oldest.id)
    const b = await getRevision(resource.id, newest.id)
    if (!a || !b) throw new Error('missing revisions')
    const comparison = compareRevisions(a, b)
    expect(comparison.title.filter((p) => p.type === 'removed').map((p) => p.text)).toEqual(['un'])
    expect(comparison.body[0].type).toBe('changed')
    expect(comparison.fields).toEqual([{ name: 'amountMax', before: '150000', after: '90000' }])

    const stale = await restoreRevision({ resourceId: resource.id, revisionId: oldest.id, actor: await actorOf(author), expectedVersion: 1 })
    expect(stale?.status).toBe('conflict')
    const restored = await restoreRevision({ resourceId: resource.id, revisionId: oldest.id, actor: await actorOf(author), expectedVersion: 2 })
    expect(restored?.status).toBe('saved')
    const row = await getResourceRowById(resource.id)
    expect(row).toMatchObject({ title: 'Appel à projets version un', amountMax: 150000, version: 3 })
    expect(row?.bodyText).toBe('Texte original.\n\nDeuxième paragraphe.')
    const revisions = await listRevisions(resource.id)
    expect(revisions).toHaveLength(3)
    expect(revisions[0].note).toMatch(/^Restauration de la version du /)
  })
})

describe('workflow', () => {
  test('draft → published → archived, with search updates; deleted resources disappear', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, status: 'draft' })
    expect(await changeResourceStatus({ id: resource.id, change: 'archive', actor: await actorOf(author) })).toBeNull()
    const published = await changeResourceStatus({ id: resource.id, change: 'publish', actor: await actorOf(author) })
    expect(published).toMatchObject({ status: 'published', version: 2 })
    expect(published?.publishedAt).toBeTruthy()
    expect((await changeResourceStatus({ id: resource.id, change: 'archive', actor: await actorOf(author) }))?.status).toBe('archived')
    expect(await getResourceForViewer(resource.slug, ANONYMOUS)).not.toBeNull()
    await deleteResource({ id: resource.id, actor: await actorOf(author) })
    expect(await getResourceForViewer(resource.slug, ANONYMOUS)).toBeNull()
    expect(await getResourceForViewer(resource.slug, await actorOf(author))).toBeNull()
    expect((await outboxFor(resource.id)).map((r) => r.operation)).toEqual(['upsert', 'upsert', 'upsert', 'delete'])
  })
})

describe('listResources never shows what the viewer may not see', () => {
  test('anonymous, members and authors, with filters', async () => {
    const author = await createTestUser()
    const member = await createTestUser()
    const marker = `liste-${Date.now()}`
    const make = (status: 'draft' | 'pending' | 'published' | 'archived', visibility: 'public' | 'members' | 'group') =>
      createTestResource({ author, status, visibility, overrides: { title: `${marker} ${status} ${visibility}`, territory: 'ternois' } })
    for (const status of ['draft', 'pending', 'published', 'archived'] as const) {
      for (const visibility of ['public', 'members', 'group'] as const) await make(status, visibility)
    }
    const titles = async (who: { id: string } | null) =>
      (await listResources(who ? await actorOf(who) : ANONYMOUS, { territory: 'ternois' }, { pageSize: 100 })).items
        .map((i) => i.title)
        .filter((t) => t.startsWith(marker))
        .sort()
    expect(await titles(null)).toEqual([`${marker} published public`])
    expect(await titles(member)).toEqual([`${marker} published members`, `${marker} published public`])
    // Even the author and admins: lists show published resources only (the author also sees their own `group` one:
    // lists apply the policy's `visibleTo`, and an owner reads what they own).
    expect(await titles(author)).toEqual([`${marker} published group`, `${marker} published members`, `${marker} published public`])
  })

  test('open calls only, deadline sort, type, theme and pagination', async () => {
    const author = await createTestUser()
    const now = new Date('2027-01-15T12:00:00Z')
    const call = (title: string, openingDate: string | undefined, deadline: string) =>
      createTestResource({
        author,
        overrides: { title, openingDate, deadline, territory: 'montreuillois', themes: ['cooperation-europeenne'] },
      })
    await call('Appel clôturé Interreg', '2026-01-01T09:00', '2027-01-01T12:00')
    await call('Appel ouvert tardif', '2026-06-01T09:00', '2027-06-30T12:00')
    await call('Appel ouvert urgent', undefined, '2027-01-20T12:00')
    await call('Appel à venir LIFE', '2027-03-01T09:00', '2027-09-30T12:00')
    await createTestResource({ author, type: 'initiative', overrides: { territory: 'montreuillois', themes: ['culture'] } })
    const open = await listResources(ANONYMOUS, { territory: 'montreuillois', openOnly: true, sort: 'deadline' }, { now })
    expect(open.items.map((i) => [i.title, i.fundingState])).toEqual([
      ['Appel ouvert urgent', 'open'],
      ['Appel ouvert tardif', 'open'],
    ])
    const calls = await listResources(ANONYMOUS, { territory: 'montreuillois', type: 'financement-europeen', sort: 'deadline' }, { now })
    expect(calls.items.map((i) => i.title)).toEqual([
      'Appel ouvert urgent',
      'Appel ouvert tardif',
      'Appel à venir LIFE',
      'Appel clôturé Interreg',
    ])
    const themed = await listResources(ANONYMOUS, { territory: 'montreuillois', theme: 'culture' }, { now })
    expect(themed.items.map((i) => i.type)).toEqual(['initiative'])
    const page2 = await listResources(ANONYMOUS, { territory: 'montreuillois', page: 2 }, { now, pageSize: 2 })
    expect(page2).toMatchObject({ total: 5, page: 2, pageCount: 3 })
    expect(page2.items).toHaveLength(2)
    const beyond = await listResources(ANONYMOUS, { territory: 'montreuillois', page: 99 }, { now, pageSize: 2 })
    expect(beyond.page).toBe(3)
  })
})

describe('module writes check the policy themselves, whatever the route did', () => {
  test('a stranger, an unverified author or an anonymous actor writes nothing', async () => {
    const author = await createTestUser()
    const stranger = await actorOf(await createTestUser())
    const unverified = await actorOf(await createTestUser({ emailVerifiedAt: null }))
    const resource = await createTestResource({ author, overrides: { title: 'Ressource que personne d’autre ne touche' } })

    expect(await createResource({ input: resourceInput(), actor: unverified })).toEqual({ status: 'forbidden', message: FORBIDDEN_MESSAGES.create })
    expect(await updateResource({ id: resource.id, input: resourceInput(), actor: stranger, expectedVersion: 1 })).toEqual({
      status: 'forbidden',
      message: FORBIDDEN_MESSAGES.edit,
    })
    expect(await changeResourceStatus({ id: resource.id, change: 'archive', actor: stranger })).toBeNull()
    expect(await deleteResource({ id: resource.id, actor: stranger })).toBe(false)
    const oldest = (await listRevisions(resource.id)).at(-1)
    expect(await restoreRevision({ resourceId: resource.id, revisionId: oldest?.id ?? '', actor: stranger, expectedVersion: 1 })).toMatchObject({
      status: 'forbidden',
    })
    // A person does not set a status by hand: only the system (an import) does.
    expect(await updateResource({ id: resource.id, input: resourceInput(), actor: await actorOf(author), expectedVersion: 1, status: 'draft' })).toMatchObject({
      status: 'forbidden',
    })
    expect(await getResourceRowById(resource.id)).toMatchObject({ status: 'published', version: 1, deletedAt: null })
    expect(await createResource({ input: resourceInput(), actor: await actorOf(author), status: 'archived' })).toMatchObject({ status: 'forbidden' })
  })
})
