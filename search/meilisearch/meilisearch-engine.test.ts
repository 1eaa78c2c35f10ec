import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchAccess } from '../engine.ts'
import { makeDocument } from '#tests/fixtures/search-documents.ts'
import { MeilisearchEngine, MeilisearchTaskError, toMeiliDocument } from './meilisearch-engine.ts'

// A stand-in HTTP server on 127.0.0.1 playing Meilisearch's task API: checks that a failed task is surfaced as an
// error (never ignored) and that settings are only sent when they differ.
describe('Meilisearch engine against a stub server', () => {
  let server: http.Server
  let url: string
  const requests: string[] = []
  let taskStatus: 'succeeded' | 'failed' = 'failed'
  let settings: Record<string, unknown> = {}
  const multiSearches: Record<string, unknown>[][] = []
  // The stub's index: one document holding « association » but not « créer »; `all` finds nothing for two words.
  const document = { ...toMeiliDocument(makeDocument({ title: 'Passer d’association à SCIC', summary: 'Plus d’infos.' })) }
  const answer = (query: Record<string, unknown>) => {
    const none = query.matchingStrategy === 'all' && String(query.q).split(' ').length > 1
    const hits =
      none || query.limit === 0
        ? []
        : [{ ...document, _formatted: { title: 'Passer \u0001d\u0002’\u0001association\u0002 à \u0001SCIC\u0002', summary: '\u0001Plus\u0002 d’infos.', body: '' } }]
    return { indexUid: 'test', hits, query: query.q, processingTimeMs: 1, limit: query.limit, offset: 0, estimatedTotalHits: none ? 0 : 1, facetDistribution: {} }
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => {
        body += chunk
      })
      req.on('end', () => {
        requests.push(`${req.method} ${req.url}`)
        res.setHeader('content-type', 'application/json')
        if (req.method === 'GET' && req.url?.startsWith('/tasks/')) {
          res.end(
            JSON.stringify({
              uid: 7,
              indexUid: 'test',
              status: taskStatus,
              type: 'documentAdditionOrUpdate',
              error: taskStatus === 'failed' ? { message: 'invalid document id', code: 'invalid_document_id', type: 'invalid_request', link: '' } : null,
              enqueuedAt: new Date().toISOString(),
            }),
          )
          return
        }
        if (req.method === 'GET' && req.url === '/indexes/test/settings') {
          res.end(JSON.stringify(settings))
          return
        }
        if (req.method === 'POST' && req.url === '/multi-search') {
          const { queries } = JSON.parse(body) as { queries: Record<string, unknown>[] }
          multiSearches.push(queries)
          res.end(JSON.stringify({ results: queries.map(answer) }))
          return
        }
        if (req.method === 'PATCH' && req.url === '/indexes/test/settings') settings = JSON.parse(body)
        res.statusCode = 202
        res.end(JSON.stringify({ taskUid: 7, indexUid: 'test', status: 'enqueued', type: 'x', enqueuedAt: new Date().toISOString() }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('throws when an indexing task fails', async () => {
    const engine = new MeilisearchEngine({ url, indexUid: 'test' })
    taskStatus = 'failed'
    await expect(engine.upsert([makeDocument({ title: 'x' })])).rejects.toThrow(MeilisearchTaskError)
    await expect(engine.upsert([makeDocument({ title: 'x' })])).rejects.toThrow(/invalid document id/)
  })

  it('flags a search no document fully matches, leaves pending documents out of every count, marks typed words only', async () => {
    const engine = new MeilisearchEngine({ url, indexUid: 'test' })
    multiSearches.length = 0
    const access: SearchAccess = { visibilities: ['public'], groupIds: [] }
    const pending = [{ kind: 'resource' as const, id: 'gone', visibility: null }]
    const partial = await engine.search({ query: 'créer association', access, facets: ['territory', 'state'], pending })
    expect(partial.partialMatch).toBe(true)
    expect(partial.total).toBe(1)
    const queries = multiSearches[0]
    // Main, territory facet, 4 states, then the all-words count.
    expect(queries).toHaveLength(7)
    expect(queries.at(-1)).toMatchObject({ matchingStrategy: 'all', limit: 0 })
    for (const query of queries) expect(query.filter).toContain('NOT key IN ["resource-gone"]')
    const scic = await engine.search({ query: 'SCIC', access })
    expect(scic.partialMatch).toBe(false)
    expect(multiSearches.at(-1)).toHaveLength(1)
    expect(scic.hits[0].highlight.title).toBe('Passer d’association à <mark>SCIC</mark>')
    expect(scic.hits[0].highlight.excerpt).toBe('Plus d’infos.')
  })

  it('applies settings only when they differ', async () => {
    const engine = new MeilisearchEngine({ url, indexUid: 'test' })
    taskStatus = 'succeeded'
    requests.length = 0
    await engine.applySettings({ synonyms: [['asso', 'association']] })
    expect(requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(1)
    requests.length = 0
    await engine.applySettings({ synonyms: [['asso', 'association']] })
    expect(requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(0)
  })
})
