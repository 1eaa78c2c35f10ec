import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { loader as emailLoader } from './dev.emails.$id.tsx'
import { loader as listLoader } from './dev.emails._index.tsx'

const context = { nonce: 'test', clientIp: '127.0.0.1' }
const saved = { NODE_ENV: process.env.NODE_ENV, SMTP_URL: process.env.SMTP_URL }

function setEnv(values: { NODE_ENV: 'development' | 'test' | 'production'; SMTP_URL?: string }) {
  process.env.NODE_ENV = values.NODE_ENV
  if (values.SMTP_URL) process.env.SMTP_URL = values.SMTP_URL
  else delete process.env.SMTP_URL
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

async function callBoth(id: string) {
  return {
    list: await status(listLoader()),
    email: await status(
      emailLoader({ request: new Request(`http://localhost/dev/emails/${id}`), context, params: { id } }),
    ),
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
  if (saved.SMTP_URL) process.env.SMTP_URL = saved.SMTP_URL
  else delete process.env.SMTP_URL
  resetEnvCache()
})

describe('dev mailbox', () => {
  test.each<[{ NODE_ENV: 'development' | 'test' | 'production'; SMTP_URL?: string }, number]>([
    [{ NODE_ENV: 'development' }, 200],
    [{ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.exemple.fr:587' }, 200],
    [{ NODE_ENV: 'test' }, 200],
    [{ NODE_ENV: 'test', SMTP_URL: 'smtp://mail.exemple.fr:587' }, 404],
    [{ NODE_ENV: 'production' }, 404],
    [{ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.exemple.fr:587' }, 404],
  ])('%o → %i', async (env, expected) => {
    setEnv(env)
    expect(await callBoth(emailId)).toEqual({ list: expected, email: expected })
  })

  test('the list gives date, recipient, subject and status; the detail gives both versions', async () => {
    setEnv({ NODE_ENV: 'development' })
    const list = await listLoader()
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
