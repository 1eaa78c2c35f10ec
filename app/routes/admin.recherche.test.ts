import { describe, expect, it } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { getSearchEngine } from '#app/modules/search/engine.server.ts'
import { countQuery, flushQueryStats } from '#app/modules/search/query-stats.server.ts'
import { listSynonymGroups } from '#search/synonyms.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { loader as statsLoader } from './admin.recherche._index.tsx'
import { action, loader } from './admin.recherche.synonymes.tsx'

const context = { nonce: 'test', clientIp: '127.0.0.1' }

async function cookieFor(role: 'member' | 'admin') {
  const user = await createTestUser({ role })
  return (await createSession(user.id)).cookie.split(';')[0]
}

function post(cookie: string, synonyms: string) {
  return new Request('http://localhost:3000/admin/recherche/synonymes', {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ synonyms }),
  })
}

describe('/admin/recherche', () => {
  it('is for admins only', async () => {
    const member = await cookieFor('member')
    const request = new Request('http://localhost:3000/admin/recherche/synonymes', { headers: { Cookie: member } })
    await expect(loader({ request, context, params: {} })).rejects.toMatchObject({ status: expect.any(Number) })
    await expect(action({ request: post(member, 'a, b'), context, params: {} })).rejects.toBeInstanceOf(Response)
    const anonymous = new Request('http://localhost:3000/admin/recherche')
    await expect(statsLoader({ request: anonymous, context, params: {} })).rejects.toBeInstanceOf(Response)
  })

  it('lets an admin edit synonyms, applied to search at once; bad lines → 400 with the typed text kept', async () => {
    const admin = await cookieFor('admin')
    const page = await loader({ request: new Request('http://localhost:3000/admin/recherche/synonymes', { headers: { Cookie: admin } }), context, params: {} })
    expect(page.text).toContain('fse, fse+, fonds social européen')
    const bad = (await action({ request: post(admin, 'vélo, bicyclette\nseul'), context, params: {} })) as any
    expect(bad.init.status).toBe(400)
    expect(bad.data.error.synonyms[0]).toContain('Ligne 2')
    expect(bad.data.initialValue.synonyms).toBe('vélo, bicyclette\nseul')
    const saved = (await action({ request: post(admin, 'vélo, bicyclette\nasso, association'), context, params: {} })) as Response
    expect(saved.status).toBe(302)
    expect(await listSynonymGroups()).toEqual([
      ['vélo', 'bicyclette'],
      ['asso', 'association'],
    ])
    const engine = await getSearchEngine()
    await engine.upsert([
      {
        id: 'velo-1', kind: 'resource', slug: 'velo', type: 'initiative', title: 'Atelier bicyclette', summary: '', body: '',
        territory: null, themes: [], programme: null, legalForms: [], structureName: null, openingDate: null, deadline: null,
        visibility: 'public', groupIds: [], publishedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
      },
    ])
    const found = await engine.search({ query: 'vélo ', access: { visibilities: ['public'], groupIds: [] } })
    expect(found.hits.map((h) => h.document.id)).toContain('velo-1')
  })

  it('shows weekly statistics without personal data', async () => {
    const admin = await cookieFor('admin')
    countQuery('Tiers-lieux  Arras', 3)
    countQuery('tiers-lieux arras', 0)
    await flushQueryStats()
    const stats = await statsLoader({ request: new Request('http://localhost:3000/admin/recherche', { headers: { Cookie: admin } }), context, params: {} })
    expect(stats.top).toContainEqual({ query: 'tiers-lieux arras', searches: 2, zeroResults: 1 })
    expect(stats.zero.map((r) => r.query)).toContain('tiers-lieux arras')
  })
})
