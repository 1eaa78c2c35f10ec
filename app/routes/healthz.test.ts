import { describe, expect, test } from 'vitest'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { loader } from './healthz.ts'

describe('/healthz', () => {
  test('200 JSON with the database and email outbox state, never cached', async () => {
    await enqueueEmail({ to: 'c@exemple.fr', subject: 'x', text: 'x', html: 'x', template: 'test' })
    const response = await loader()
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(response.headers.get('Content-Type')).toContain('application/json')
    const body = await response.json()
    expect(body).toEqual({
      status: 'ok',
      database: 'ok',
      emailOutbox: { pending: expect.any(Number), failed: expect.any(Number) },
      search: { pending: expect.any(Number), failed: expect.any(Number), engine: 'sqlite' },
    })
    expect(body.emailOutbox.pending).toBeGreaterThanOrEqual(1)
  })
})
