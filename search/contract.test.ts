import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getSqlite } from '#db/client.server.ts'
import type { SearchEngine, SearchQuery, SearchAccess } from './engine.ts'
import { FIXTURE_NOW, frenchCorpus, makeDocument } from '#tests/fixtures/search-documents.ts'

import { MeilisearchEngine } from './meilisearch/meilisearch-engine.ts'
import { SqliteSearchEngine } from './sqlite/sqlite-engine.ts'
import { DEFAULT_SYNONYMS } from './synonyms.ts'

// One contract, two engines. The Meilisearch run needs a server: tests/setup/worker-db.ts clears MEILISEARCH_URL
// for every test (so no test reaches a real server by accident), hence the suite reads MEILISEARCH_TEST_URL
// (e.g. `MEILISEARCH_TEST_URL=http://127.0.0.1:7700 npx vitest run search/contract.test.ts`).
const meilisearchUrl = process.env.MEILISEARCH_TEST_URL

const anonymous: SearchAccess = { visibilities: ['public'], groupIds: [] }
const member: SearchAccess = { visibilities: ['public', 'members'], groupIds: [] }
const groupMember: SearchAccess = { visibilities: ['public', 'members', 'group'], groupIds: ['group-a'] }
const admin: SearchAccess = { visibilities: ['public', 'members'], groupIds: [] }

function contract(name: string, create: () => Promise<{ engine: SearchEngine; reset: () => Promise<void> }>) {
  describe(`search engine contract: ${name}`, () => {
    let engine: SearchEngine
    let reset: () => Promise<void>
    const corpus = frenchCorpus()
    const search = (q: Partial<SearchQuery> & { query: string }) =>
      engine.search({ access: anonymous, now: FIXTURE_NOW, ...q })
    const ids = (result: { hits: { document: { id: string } }[] }) => result.hits.map((h) => h.document.id)

    beforeAll(async () => {
      ;({ engine, reset } = await create())
      await engine.init({ synonyms: DEFAULT_SYNONYMS })
    })
    beforeEach(async () => {
      await reset()
      await engine.upsert(Object.values(corpus))
    })

    it('ignores accents, case and ligatures', async () => {
      expect(ids(await search({ query: 'ECONOMIE sociale' }))).toContain(corpus.coeur.id)
      expect(ids(await search({ query: 'coeur' }))).toContain(corpus.coeur.id)
      expect(ids(await search({ query: 'cœur' }))).toContain(corpus.coeur.id)
    })

    it('matches the last word as a prefix while typing', async () => {
      expect(ids(await search({ query: 'coopérat' }))).toContain(corpus.formation.id)
    })

    it('tolerates one typo from 5 letters and two from 9', async () => {
      expect(ids(await search({ query: 'gouvernence ' }))).toContain(corpus.formation.id)
      expect(ids(await search({ query: 'asociatoins ' }))).toContain(corpus.fseOpen.id)
      expect((await search({ query: 'xqzwv ' })).total).toBe(0)
    })

    it('expands acronyms and synonyms', async () => {
      expect(ids(await search({ query: 'fonds social européen' }))).toContain(corpus.fseOpen.id)
      expect(ids(await search({ query: 'ESS' }))).toContain(corpus.coeur.id)
    })

    it('finds hyphenated words and never breaks on query syntax', async () => {
      expect(ids(await search({ query: 'tiers-lieux' }))).toContain(corpus.feder.id)
      for (const query of ['"', '*', 'NEAR', '-', '^', 'AND', 'OR', 'NOT', '(', ')', 'a"b', 'tiers-lieux AND "', '\\', ':', '{}', '']) {
        await expect(search({ query })).resolves.toBeDefined()
      }
    })

    it('ranks title matches above body matches, recency breaking ties', async () => {
      const result = await search({ query: 'formation' })
      expect(ids(result).indexOf(corpus.formation.id)).toBeLessThan(ids(result).indexOf(corpus.bodyOnly.id))
    })

    it('finds the open FSE+ call for associations first for « fond europeen asociation »', async () => {
      const result = await search({ query: 'fond europeen asociation' })
      expect(ids(result)[0]).toBe(corpus.fseOpen.id)
    })

    it('filters by permissions inside the query, counts and facets included', async () => {
      const forAnonymous = await search({ query: 'financeurs', facets: ['territory', 'type'] })
      expect(forAnonymous.total).toBe(0)
      expect(forAnonymous.facets.territory).toEqual({})
      const forMember = await search({ query: 'financeurs', access: member, facets: ['territory'] })
      expect(ids(forMember)).toEqual([corpus.members.id])
      expect(forMember.facets.territory).toEqual({ arrageois: 1 })
      expect(ids(await search({ query: 'financeurs', access: admin }))).toEqual([corpus.members.id])
      const forGroup = await search({ query: 'financeurs', access: groupMember, facets: ['type'] })
      expect(ids(forGroup).sort()).toEqual([corpus.members.id, corpus.group.id].sort())
      expect(forGroup.facets.type).toEqual({ guide: 2 })
      const browse = await search({ query: '', facets: ['kind'] })
      expect(browse.total).toBe(7)
      expect(browse.facets.kind).toEqual({ resource: 6, structure: 1 })
    })

    it('combines filters; a facet counts ignore its own filter', async () => {
      const result = await search({
        query: '',
        filters: { territory: ['lensois'], type: ['article'] },
        facets: ['territory', 'type', 'kind'],
      })
      expect(result.total).toBe(2)
      expect(result.facets.type).toEqual({ article: 2, formation: 1, structure: 1 })
      expect(result.facets.territory).toEqual({ lensois: 2 })
      const both = await search({ query: '', filters: { territory: ['lensois', 'audomarois'] } })
      expect(both.total).toBe(5)
    })

    it('computes funding states for the day asked', async () => {
      const result = await search({ query: '', facets: ['state'], filters: { type: ['appel-a-projets'] } })
      expect(result.facets.state).toEqual({ open: 1, closed: 1, upcoming: 1 })
      const open = await search({ query: '', filters: { state: ['open'] } })
      expect(ids(open)).toEqual([corpus.fseOpen.id])
      expect(open.hits[0].state).toBe('open')
    })

    it('filters « Validé par le réseau » and counts it as a facet, within the viewer’s rights', async () => {
      const validatedPublic = makeDocument({ title: 'Guide validé mimosa', type: 'guide', territory: 'lensois', validated: true })
      const validatedMembers = makeDocument({ title: 'Fiche validée mimosa', type: 'guide', visibility: 'members', validated: true })
      const plain = makeDocument({ title: 'Note mimosa', type: 'article', validated: false })
      await engine.upsert([validatedPublic, validatedMembers, plain])
      // The facet ignores its own filter; the anonymous viewer never counts the members-only one.
      const all = await search({ query: 'mimosa', facets: ['validated', 'type'] })
      expect(all.total).toBe(2)
      expect(all.facets.validated).toEqual({ true: 1, false: 1 })
      const only = await search({ query: 'mimosa', filters: { validated: true }, facets: ['validated', 'type'] })
      expect(ids(only)).toEqual([validatedPublic.id])
      expect(only.hits[0].document.validated).toBe(true)
      expect(only.facets.validated).toEqual({ true: 1, false: 1 })
      expect(only.facets.type).toEqual({ guide: 1 })
      const forMember = await search({ query: 'mimosa', access: member, filters: { validated: true }, facets: ['validated'] })
      expect(ids(forMember).sort()).toEqual([validatedPublic.id, validatedMembers.id].sort())
      expect(forMember.facets.validated).toEqual({ true: 2, false: 1 })
      // Combined with another facet's filter: counted under it.
      const articles = await search({ query: 'mimosa', filters: { type: ['article'] }, facets: ['validated'] })
      expect(articles.facets.validated).toEqual({ false: 1 })
      // `false` filters nothing out; a document re-indexed as no longer validated leaves the filter.
      expect((await search({ query: 'mimosa', filters: { validated: false } })).total).toBe(2)
      await engine.upsert([{ ...validatedPublic, validated: false }])
      expect((await search({ query: 'mimosa', filters: { validated: true } })).total).toBe(0)
    })

    it('counts the hour of a deadline: a call due at 12:00 Paris is closed at 17:00 the same day', async () => {
      const call = makeDocument({
        title: 'Appel tournesol du jour',
        type: 'appel-a-projets',
        openingDate: '2026-11-01T08:00:00.000Z',
        deadline: '2026-11-25T11:00:00.000Z',
      })
      await engine.upsert([call])
      const at = async (now: string) => {
        const result = await search({ query: 'tournesol', facets: ['state'], now: new Date(now) })
        const open = await search({ query: 'tournesol', filters: { state: ['open'] }, now: new Date(now) })
        return { state: result.hits[0]?.state, facet: result.facets.state, open: open.total }
      }
      expect(await at('2026-11-25T10:00:00Z')).toEqual({ state: 'open', facet: { open: 1 }, open: 1 })
      expect(await at('2026-11-25T11:00:00Z')).toEqual({ state: 'closed', facet: { closed: 1 }, open: 0 })
      expect(await at('2026-11-25T16:00:00Z')).toEqual({ state: 'closed', facet: { closed: 1 }, open: 0 })
    })

    it('sorts by newest and by deadline, and paginates', async () => {
      const newest = await search({ query: '', sort: 'newest' })
      expect(ids(newest)[0]).toBe(corpus.fseOpen.id)
      const deadline = await search({ query: '', sort: 'deadline', filters: { type: ['appel-a-projets'] } })
      expect(ids(deadline)).toEqual([corpus.fseOpen.id, corpus.feder.id, corpus.fseClosed.id])
      const page2 = await search({ query: '', sort: 'newest', page: 2, perPage: 3 })
      expect(page2.page).toBe(2)
      expect(page2.total).toBe(7)
      expect(ids(page2)).toEqual(ids(newest).slice(3, 6))
    })

    it('replaces a document on upsert and forgets it on remove', async () => {
      await engine.upsert([{ ...corpus.coeur, visibility: 'members' }])
      expect((await search({ query: 'coeur' })).total).toBe(0)
      expect((await search({ query: 'coeur', access: member })).total).toBe(1)
      await engine.remove([{ kind: 'resource', id: corpus.formation.id }])
      expect(ids(await search({ query: 'coopérative' }))).not.toContain(corpus.formation.id)
      expect(await engine.listKeys()).not.toContain(`resource:${corpus.formation.id}`)
    })

    it('escapes HTML in highlights and marks matches', async () => {
      const nasty = makeDocument({ title: 'Atelier <script>alert(1)</script> coopératif', summary: 'A & B "coopératif"' })
      await engine.upsert([nasty])
      const hit = (await search({ query: 'atelier' })).hits.find((h) => h.document.id === nasty.id)!
      expect(hit.highlight.title).toContain('<mark>Atelier</mark>')
      expect(hit.highlight.title).toContain('&lt;script&gt;')
      expect(hit.highlight.title).not.toContain('<script>')
      expect(hit.highlight.excerpt).not.toMatch(/<(?!\/?mark>)/)
    })

    it('says when no document holds all the words', async () => {
      const partial = await search({ query: 'gouvernance xylophone' })
      expect(ids(partial)).toContain(corpus.formation.id)
      expect(partial.partialMatch).toBe(true)
      expect((await search({ query: 'gouvernance comptabilité' })).partialMatch).toBe(false)
      expect((await search({ query: 'gouvernance' })).partialMatch).toBe(false)
    })

    it('counts a document whose update is pending only as the database says (facets included)', async () => {
      const gone = await search({ query: 'coeur', facets: ['territory'], pending: [{ kind: 'resource', id: corpus.coeur.id, visibility: null }] })
      expect(gone.total).toBe(0)
      expect(gone.facets.territory).toEqual({})
      // Now members-only in the database, still public in the index: nobody counts the stale entry.
      const changed = [{ kind: 'resource' as const, id: corpus.coeur.id, visibility: 'members' as const }]
      expect((await search({ query: 'coeur', access: member, facets: ['territory'], pending: changed })).facets.territory).toEqual({})
      const same = [{ kind: 'resource' as const, id: corpus.coeur.id, visibility: 'public' as const }]
      expect((await search({ query: 'coeur', facets: ['territory'], pending: same })).facets.territory).toEqual({ lensois: 1 })
    })

    it('reports its health', async () => {
      const health = await engine.health()
      expect(health.ok).toBe(true)
      expect(health.documents).toBe(9)
    })
  })
}

contract('sqlite', async () => {
  const sqlite = getSqlite()
  const engine = new SqliteSearchEngine(sqlite)
  return {
    engine,
    reset: async () => {
      sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents;")
      engine.refreshVocabulary()
    },
  }
})


// Skipped when no Meilisearch server is reachable (none can be installed on the CI machine): set
// MEILISEARCH_TEST_URL (and MEILISEARCH_TEST_API_KEY if needed) to run the same contract against one.
describe.skipIf(!meilisearchUrl)('with a Meilisearch server', () => {
  contract('meilisearch', async () => {
    const engine = new MeilisearchEngine({
      url: meilisearchUrl!,
      apiKey: process.env.MEILISEARCH_TEST_API_KEY,
      indexUid: `essaim_contract_${process.pid}`,
    })
    return { engine, reset: () => engine.deleteAllDocuments() }
  })
})
