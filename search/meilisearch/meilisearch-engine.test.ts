import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDocument } from '../fixtures.ts'
import { MeilisearchEngine, MeilisearchTaskError } from './meilisearch-engine.ts'

// A stand-in HTTP server on 127.0.0.1 playing Meilisearch's task API: checks that a failed task is surfaced as an
// error (never ignored) and that settings are only sent when they differ.
describe('Meilisearch engine against a stub server', () => {
  let server: http.Server
  let url: string
  const requests: string[] = []
  let taskStatus: 'succeeded' | 'failed' = 'failed'
  let settings: Record<string, unknown> = {}

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
