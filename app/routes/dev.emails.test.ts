import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { loader as emailLoader } from './dev.emails.$id.tsx'
import { loader as listLoader } from './dev.emails._index.tsx'

const context = { nonce: 'test', clientIp: '127.0.0.1' }
const saved = { NODE_ENV: process.env.NODE_ENV, SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL }

type EnvCase = { NODE_ENV: 'development' | 'test' | 'production'; SMTP_URL?: string; PUBLIC_URL?: string }

function setEnv(values: EnvCase) {
  process.env.NODE_ENV = values.NODE_ENV
  if (values.SMTP_URL) process.env.SMTP_URL = values.SMTP_URL
  else delete process.env.SMTP_URL
  // The test setup sets PUBLIC_URL; a case without it is `npm start` on a laptop.
  const publicUrl = 'PUBLIC_URL' in values ? values.PUBLIC_URL : saved.PUBLIC_URL
  if (publicUrl) process.env.PUBLIC_URL = publicUrl
  else delete process.env.PUBLIC_URL
  resetEnvCache()
}

async function status(promise: Promise<unknown>) {
  try {
    await promise
    return 200
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
}

async function callBoth(id: string, clientIp = context.clientIp) {
  const request = new Request(`http://localhost/dev/emails/${id}`)
  const ctx = { ...context, clientIp }
  return {
    list: await status(listLoader({ request, context: ctx, params: {} })),
    email: await status(emailLoader({ request, context: ctx, params: { id } })),
  }
}

let emailId: string
beforeEach(async () => {
  emailId = await enqueueEmail({
    to: 'lecteur@exemple.fr',
    subject: 'Confirmez votre adresse',
    text: 'Bonjour,\nhttp://localhost:3000/confirmer-email?token=abc',
    html: '<p>Bonjour <script>alert(1)</script></p>',
    template: 'verify-email',
  })
})
afterEach(() => {
  process.env.NODE_ENV = saved.NODE_ENV as 'test'
  process.env.PUBLIC_URL = saved.PUBLIC_URL
  if (saved.SMTP_URL) process.env.SMTP_URL = saved.SMTP_URL
  else delete process.env.SMTP_URL
  resetEnvCache()
})

describe('dev mailbox', () => {
  test.each<[EnvCase, number]>([
    [{ NODE_ENV: 'development' }, 200],
    [{ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.exemple.fr:587' }, 200],
    [{ NODE_ENV: 'test' }, 200],
    [{ NODE_ENV: 'test', SMTP_URL: 'smtp://mail.exemple.fr:587' }, 404],
    // `npm start` on a laptop: production mode, no PUBLIC_URL, no SMTP_URL → the mailbox is where mails go.
    [{ NODE_ENV: 'production', PUBLIC_URL: undefined }, 200],
    [{ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:3000' }, 404],
    [{ NODE_ENV: 'production', PUBLIC_URL: 'https://essaim.example.fr' }, 404],
    [{ NODE_ENV: 'production', PUBLIC_URL: undefined, SMTP_URL: 'smtp://mail.exemple.fr:587' }, 404],
    [{ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.exemple.fr:587' }, 404],
  ])('%o → %i', async (env, expected) => {
    setEnv(env)
    expect(await callBoth(emailId)).toEqual({ list: expected, email: expected })
  })

  test('in production mode the trial mailbox answers only a client on this machine', async () => {
    setEnv({ NODE_ENV: 'production', PUBLIC_URL: undefined })
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(await callBoth(emailId, ip)).toEqual({ list: 200, email: 200 })
    }
    expect(await callBoth(emailId, '203.0.113.7')).toEqual({ list: 404, email: 404 })
    // Outside production (test, development) the address does not matter.
    setEnv({ NODE_ENV: 'test' })
    expect(await callBoth(emailId, '203.0.113.7')).toEqual({ list: 200, email: 200 })
  })

  test('the list gives date, recipient, subject and status; the detail gives both versions', async () => {
    setEnv({ NODE_ENV: 'development' })
    const list = await listLoader({ request: new Request('http://localhost/dev/emails'), context, params: {} })
    expect(list.emails.find((e) => e.id === emailId)).toMatchObject({
      to: 'lecteur@exemple.fr',
      subject: 'Confirmez votre adresse',
      status: 'pending',
    })
    const detail = await emailLoader({
      request: new Request(`http://localhost/dev/emails/${emailId}`),
      context,
      params: { id: emailId },
    })
    expect(detail.email.text).toContain('/confirmer-email?token=abc')
    expect(detail.email.html).toContain('<p>Bonjour')
  })

  test('an unknown email is a 404', async () => {
    setEnv({ NODE_ENV: 'development' })
    const id = '01930000-0000-7000-8000-000000000000'
    expect(
      await status(emailLoader({ request: new Request(`http://localhost/dev/emails/${id}`), context, params: { id } })),
    ).toBe(404)
  })
})
