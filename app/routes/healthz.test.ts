import { afterEach, describe, expect, test } from 'vitest'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { loader } from './healthz.ts'

const saved = { NODE_ENV: process.env.NODE_ENV, PUBLIC_URL: process.env.PUBLIC_URL }
afterEach(() => {
  process.env.NODE_ENV = saved.NODE_ENV
  process.env.PUBLIC_URL = saved.PUBLIC_URL
  delete process.env.SMTP_URL
  resetEnvCache()
})

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
      emailOutbox: { pending: expect.any(Number), failed: expect.any(Number), delivery: 'dev-mailbox' },
      search: { pending: expect.any(Number), failed: expect.any(Number), engine: 'sqlite' },
      notificationOutbox: { pending: expect.any(Number), failed: expect.any(Number) },
    })
    expect(body.emailOutbox.pending).toBeGreaterThanOrEqual(1)
  })

  test('a deployment with PUBLIC_URL and no SMTP_URL stays 200 but says that no email can leave', async () => {
    process.env.NODE_ENV = 'production'
    process.env.PUBLIC_URL = 'https://essaim.example.fr'
    delete process.env.SMTP_URL
    resetEnvCache()
    const response = await loader()
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.emailOutbox.delivery).toBe('disabled')
    expect(body.warnings).toEqual([expect.stringContaining('SMTP_URL')])

    process.env.SMTP_URL = 'smtp://mail.example.fr:587'
    resetEnvCache()
    const withSmtp = await (await loader()).json()
    expect(withSmtp.emailOutbox.delivery).toBe('smtp')
    expect(withSmtp.warnings).toBeUndefined()
  })
})
