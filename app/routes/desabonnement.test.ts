import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { emailHeaders } from '#app/modules/email/outbox.server.ts'
import { upsertManualFollow } from '#app/modules/follows/store.server.ts'
import { runDigests } from '#app/modules/notifications/digest.server.ts'
import { getEmailSettings } from '#app/modules/notifications/email-settings.server.ts'
import { DEFAULT_EMAIL_FREQUENCY } from '#app/modules/notifications/email-settings.ts'
import { drainNotificationOutbox } from '#app/modules/notifications/fanout.server.ts'
import { createUnsubscribeToken } from '#app/modules/notifications/unsubscribe.server.ts'
import { parseEnv } from '#app/utils/env.server.ts'
import { createExpressApp } from '#app/utils/express-app.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { type TestRoute, createTestBuild } from '#tests/helpers/remix-app.ts'
import * as unsubscribePage from './desabonnement.$token.tsx'

// /desabonnement/:token through server.ts's Express app (the Origin check included): GET never changes anything (mail
// scanners), the one-click POST of a mail client works without session nor Origin, and from another site too; a bad
// token is a French 400. Then issue 17's « done when », as one scenario.

const build = createTestBuild({ 'routes/desabonnement.$token': { path: 'desabonnement/:token', module: unsubscribePage as unknown as TestRoute['module'] } })
let server: http.Server

beforeAll(async () => {
  server = http.createServer(createExpressApp({ env: parseEnv({ NODE_ENV: 'test', PUBLIC_URL: 'http://essaim.test' }), build }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(async () => {
  await drainNotificationOutbox({ limit: 10_000, now: new Date('2030-01-01T00:00:00Z') })
})

function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: 'essaim.test', ...options.headers } },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => {
          body += chunk
        })
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

const ONE_CLICK = { 'content-type': 'application/x-www-form-urlencoded' }

describe('/desabonnement/:token', () => {
  test('GET shows a button and changes nothing, however many times a scanner opens it', async () => {
    const user = await createTestUser()
    const path = `/desabonnement/${createUnsubscribeToken(user.id, 'weekly')}`
    for (let i = 0; i < 3; i++) {
      const page = await send({ path })
      expect(page.status).toBe(200)
      expect(page.body).toContain('Me désabonner')
      expect(page.body).toContain('le résumé hebdomadaire d’Essaim')
    }
    expect(await db.selectFrom('notificationEmailSettings').select('kind').where('userId', '=', user.id).execute()).toEqual([])
    expect(await getEmailSettings(user.id)).toEqual(DEFAULT_EMAIL_FREQUENCY)
  })

  test('one-click POST without session nor Origin, and from another site: 200, the scope set to « jamais »', async () => {
    const [user, other] = await Promise.all([createTestUser(), createTestUser()])
    const reply = await send({ method: 'POST', path: `/desabonnement/${createUnsubscribeToken(user.id, 'reply')}`, headers: ONE_CLICK, body: 'List-Unsubscribe=One-Click' })
    expect(reply.status).toBe(200)
    expect(reply.body).toContain('Vous êtes désabonné')
    expect((await getEmailSettings(user.id)).reply).toBe('never')
    expect((await getEmailSettings(user.id)).mention).toBe('weekly')
    const crossSite = await send({
      method: 'POST',
      path: `/desabonnement/${createUnsubscribeToken(other.id, 'all')}`,
      headers: { ...ONE_CLICK, origin: 'https://mail.exemple.com', 'sec-fetch-site': 'cross-site' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(crossSite.status).toBe(200)
    expect(Object.values(await getEmailSettings(other.id)).every((f) => f === 'never')).toBe(true)
  })

  test('the page’s « tout arrêter » button stops every kind', async () => {
    const user = await createTestUser()
    const reply = await send({ method: 'POST', path: `/desabonnement/${createUnsubscribeToken(user.id, 'weekly')}`, headers: { ...ONE_CLICK, origin: 'http://essaim.test' }, body: 'scope=all' })
    expect(reply.status).toBe(200)
    expect(Object.values(await getEmailSettings(user.id)).every((f) => f === 'never')).toBe(true)
  })

  test('a tampered, expired or junk token: a French 400 page, on GET and POST, and nothing changes', async () => {
    const user = await createTestUser()
    const token = createUnsubscribeToken(user.id, 'all')
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`
    const expired = createUnsubscribeToken(user.id, 'all', new Date(Date.now() - 400 * 86_400_000))
    for (const bad of [tampered, expired, 'nimporte-quoi']) {
      const get = await send({ path: `/desabonnement/${bad}` })
      expect(get.status).toBe(400)
      expect(get.body).toContain('Lien de désabonnement non valide')
      const post = await send({ method: 'POST', path: `/desabonnement/${bad}`, headers: ONE_CLICK, body: 'List-Unsubscribe=One-Click' })
      expect([400, 403]).toContain(post.status)
      expect(post.status).not.toBe(500)
    }
    expect(await getEmailSettings(user.id)).toEqual(DEFAULT_EMAIL_FREQUENCY)
  })
})

describe('issue 17 « done when »', () => {
  test('a member follows « financement » in the Artois: one weekly email with the new resources and the calls closing soon; a scanner’s GET does not stop it, one click does', async () => {
    const [author, member] = await Promise.all([createTestUser(), createTestUser({ territoryId: 'artois' })])
    await upsertManualFollow(member.id, { kind: 'theme', key: 'financement' })
    await createTestResource({ author, overrides: { territory: 'artois', title: 'Appel FSE+ inclusion en Artois', deadline: '2027-04-20T12:00' } })
    await createTestResource({ author, type: 'bonne-pratique', overrides: { territory: 'artois', title: 'Monter un dossier LEADER à Béthune' } })
    await drainNotificationOutbox({ limit: 10_000, now: new Date('2027-04-07T09:00:00Z') })
    // Monday 12 April, 7 h (Paris): the weekly digest, run twice (a restart), sent once.
    await runDigests('weekly', { now: new Date('2027-04-12T05:00:00Z') })
    await runDigests('weekly', { now: new Date('2027-04-12T05:10:00Z') })
    const emails = await db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', member.email).execute()
    expect(emails).toHaveLength(1)
    const [email] = emails
    expect(email!.template).toBe('digest-weekly')
    expect(email!.textBody).toContain('ARTOIS')
    expect(email!.textBody).toContain('« Appel FSE+ inclusion en Artois »')
    expect(email!.textBody).toContain('« Monter un dossier LEADER à Béthune »')
    const calls = email!.textBody.slice(email!.textBody.indexOf('APPELS À PROJETS QUI SE CLÔTURENT'))
    expect(calls).toContain('Appel FSE+ inclusion en Artois')
    expect(calls).toContain('clôture le 20 avril 2027')
    const headers = emailHeaders(email!)
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const link = new URL(headers['List-Unsubscribe']!.slice(1, -1))
    expect(email!.textBody).toContain(link.pathname)
    // A mail scanner opens the link: nothing changes.
    expect((await send({ path: link.pathname })).status).toBe(200)
    expect((await getEmailSettings(member.id)).new_resource).toBe('weekly')
    // The mail client's one click.
    expect((await send({ method: 'POST', path: link.pathname, headers: ONE_CLICK, body: 'List-Unsubscribe=One-Click' })).status).toBe(200)
    expect((await getEmailSettings(member.id)).new_resource).toBe('never')
    // The next week: a new resource, no email.
    await createTestResource({ author, type: 'bonne-pratique', overrides: { territory: 'artois' } })
    await drainNotificationOutbox({ limit: 10_000, now: new Date('2027-04-14T09:00:00Z') })
    await runDigests('weekly', { now: new Date('2027-04-19T05:00:00Z') })
    expect(await db.selectFrom('emailOutbox').select('id').where('toAddress', '=', member.email).execute()).toHaveLength(1)
  })
})
