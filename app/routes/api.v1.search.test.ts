import { beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { getSqlite } from '#db/client.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { insertTestResource, updateTestResource } from '#tests/helpers/search-resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { loader } from './api.v1.search.ts'

const context = { nonce: 'test', clientIp: '127.0.0.1' }

async function get(query: string, cookie?: string) {
  const request = new Request(`http://localhost:3000/api/v1/search${query}`, { headers: cookie ? { Cookie: cookie } : {} })
  const response = (await loader({ request, context, params: {} })) as Response
  return { status: response.status, body: (await response.json()) as any, headers: response.headers }
}

describe('GET /api/v1/search', () => {
  const ids: Record<string, string> = {}
  let memberCookie: string
  let adminCookie: string
  let authorCookie: string

  beforeAll(async () => {
    getSqlite().exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    const member = await createTestUser()
    const admin = await createTestUser({ role: 'admin' })
    const author = await createTestUser()
    memberCookie = (await createSession(member.id)).cookie.split(';')[0]
    adminCookie = (await createSession(admin.id)).cookie.split(';')[0]
    authorCookie = (await createSession(author.id)).cookie.split(';')[0]
    const base = { summary: 'Matrice des permissions', territory: 'lensois', authorId: author.id }
    ids.public = await insertTestResource({ ...base, title: 'Potager public' })
    ids.members = await insertTestResource({ ...base, title: 'Potager des membres', visibility: 'members' })
    ids.group = await insertTestResource({ ...base, title: 'Potager du groupe', visibility: 'group', groups: ['g1'] })
    ids.draft = await insertTestResource({ ...base, title: 'Potager brouillon', status: 'draft' })
    ids.pending = await insertTestResource({ ...base, title: 'Potager en attente', status: 'pending' })
    ids.archived = await insertTestResource({ ...base, title: 'Potager archivé', status: 'archived' })
    ids.deleted = await insertTestResource({ ...base, title: 'Potager supprimé' })
    ids.changed = await insertTestResource({ ...base, title: 'Potager devenu privé' })
    await insertTestResource({
      title: 'Appel à projets FSE+ : inclusion portée par les associations',
      summary: 'Le Fonds social européen plus finance les associations du Pas-de-Calais.',
      bodyText: 'Dossier à déposer avant la date limite.',
      type: 'financement-europeen',
      programme: 'FSE+',
      territory: 'departement',
      openingDate: '2026-01-01T00:00:00.000Z',
      deadline: '2099-01-01T00:00:00.000Z',
      themes: ['emploi-insertion'],
    })
    await insertTestResource({
      title: 'Appel à projets FSE+ 2024 : associations',
      summary: 'Le Fonds social européen plus a financé les associations.',
      type: 'financement-europeen',
      programme: 'FSE+',
      territory: 'departement',
      openingDate: '2024-01-01T00:00:00.000Z',
      deadline: '2024-03-01T00:00:00.000Z',
    })
    await drainSearchOutbox()
    // Deleted after indexing and drained: gone. Changed after indexing and NOT drained yet: the re-check hides it,
    // from the hits and from the facets (F7 of the security probe).
    await updateTestResource(ids.deleted, { deletedAt: new Date().toISOString() }, 'delete')
    await drainSearchOutbox()
    await updateTestResource(ids.changed, { visibility: 'members' })
  })

  const titles = (body: any) => (body.hits as { title: string }[]).map((h) => h.title).sort()

  it.each([
    ['anonymous', undefined, ['Potager public']],
    ['member', 'member', ['Potager des membres', 'Potager public']],
    // Admins read every group's resources, and an author their own group-only one: search finds what `can` allows.
    ['admin (every group)', 'admin', ['Potager des membres', 'Potager du groupe', 'Potager public']],
    ['author (drafts, pending, archived never searched; their group-only one found)', 'author', ['Potager des membres', 'Potager du groupe', 'Potager public']],
  ])('permission matrix: %s', async (_label, who, expected) => {
    const cookie = who === 'member' ? memberCookie : who === 'admin' ? adminCookie : who === 'author' ? authorCookie : undefined
    const { status, body } = await get('?q=potager', cookie)
    expect(status).toBe(200)
    expect(titles(body)).toEqual(expected)
    expect(body.total).toBe(expected.length)
    // Facets count what the hits show: never the resource turned members-only while its index entry is stale.
    expect(body.facets.territory).toEqual({ lensois: expected.length })
  })

  it('a members-only resource is invisible to a visitor, even in counts', async () => {
    const visitor = await get('?q=membres')
    expect(visitor.body.total).toBe(0)
    expect(visitor.body.hits).toEqual([])
    expect(visitor.body.facets).toEqual({ type: {}, territory: {}, theme: {}, validated: {} })
    const member = await get('?q=membres', memberCookie)
    expect(member.body.total).toBe(1)
  })

  it('answers with exactly the documented JSON shape', async () => {
    const { status, body, headers } = await get('?q=fond+europeen+asociation&perPage=5')
    expect(status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['facets', 'hits', 'page', 'partialMatch', 'perPage', 'query', 'total'])
    expect(body.partialMatch).toBe(false)
    expect(Object.keys(body.facets).sort()).toEqual(['territory', 'theme', 'type', 'validated'])
    expect(Object.keys(body.hits[0]).sort()).toEqual(
      ['highlight', 'id', 'slug', 'summary', 'territory', 'themes', 'title', 'type', 'url', 'validated'].sort(),
    )
    expect(body.hits[0].title).toBe('Appel à projets FSE+ : inclusion portée par les associations')
    expect(body.hits[0].url).toMatch(/^\/ressources\//)
    expect(body.hits[0].highlight.title).toContain('<mark>associations</mark>')
    expect(headers.get('Cache-Control')).toContain('no-store')
  })

  it.each([
    ['?page=0', 'page'],
    ['?page=abc', 'page'],
    ['?perPage=500', 'perPage'],
    ['?sort=random', 'sort'],
    ['?state=maybe', 'state'],
    [`?q=${'x'.repeat(201)}`, 'q'],
  ])('rejects %s with a 400 JSON error', async (query, field) => {
    const { status, body } = await get(query)
    expect(status).toBe(400)
    expect(body.error).toBe('invalid_parameters')
    expect(body.issues[field]).toEqual(expect.any(String))
  })

  it('survives thousands of random query strings without a single 5xx', async () => {
    const alphabet = ['"', '*', '-', '^', '(', ')', ':', '+', '\\', '\u0000', '\u0001', '%', '&', ' ', 'é', 'œ', 'ß', '😀', 'a', 'Z', '0', "'", '’', '{', '}', '[', ']', '<', '>', '|', ';', ',', '.', '\n', '\t']
    const words = ['NEAR', 'AND', 'OR', 'NOT', 'tiers-lieux', 'fse+', 'potager', 'asso', 'économie', 'NEAR(', 'col:', 'title:', '^x', 'a*b']
    let seed = 42
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    let failures = 0
    for (let i = 0; i < 2000; i++) {
      let q = ''
      const length = random(12)
      for (let j = 0; j < length; j++) q += random(3) === 0 ? ` ${words[random(words.length)]} ` : alphabet[random(alphabet.length)]
      const params = new URLSearchParams({ q })
      if (random(5) === 0) params.set('page', String(random(3) - 1))
      if (random(7) === 0) params.set('territory', q.slice(0, 10) || 'x')
      const { status } = await get(`?${params}`)
      if (status >= 500 || (status !== 200 && status !== 400)) failures++
    }
    expect(failures).toBe(0)
  }, 180_000)
})
