import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { GROUP_FORM_MESSAGES } from '#app/modules/groups/group-form.schema.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import * as newGroup from './groupes.nouveau.tsx'

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const asRoute = (module: unknown) => module as RouteModule

const app = createTestApp({
  ...GROUP_PAGE_ROUTES,
  'routes/groupes.nouveau': { path: 'groupes/nouveau', module: asRoute(newGroup) },
})

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, ...(await readPage(response)) }
}

const decode = (html: string) => html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')

function groupFields(overrides: Record<string, string> = {}) {
  return { intent: 'save', name: 'Fonds européens', description: 'Pour monter des dossiers FSE+ ensemble.', joinPolicy: 'request', pageVisibility: 'public', ...overrides }
}

describe('/groupes/nouveau', () => {
  test('an admin creates a thematic group and lands on its page with a flash; the list links to the form', async () => {
    const admin = await login({ role: 'admin' })
    const list = await page('/groupes', admin.cookie)
    expect(list.visible).toContain('href="/groupes/nouveau"')
    expect(list.visible).toContain('Créer un groupe thématique')
    const form = await page('/groupes/nouveau', admin.cookie)
    expect(form.status).toBe(200)
    expect(form.visible).toContain('<h1>Créer un groupe thématique</h1>')
    const name = `Fonds européens ${Math.random().toString(36).slice(2, 7)}`
    const response = await app(formPost('/groupes/nouveau', groupFields({ name }), admin.cookie))
    expect(response.status).toBe(302)
    const group = await db.selectFrom('groups').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
    expect(group).toMatchObject({ kind: 'thematic', joinPolicy: 'request', pageVisibility: 'public', hidden: 0 })
    expect(response.headers.get('location')).toBe(`/groupes/${group.slug}`)
    expect(response.headers.get('set-cookie')).toContain('essaim_flash=group-created')
    const audit = await db.selectFrom('auditLog').select('action').where('targetId', '=', group.id).execute()
    expect(audit.map((a) => a.action)).toContain('group.created')
  })

  test('not an admin: the form does not exist (404), the POST creates nothing, no link on /groupes', async () => {
    const member = await login()
    expect((await page('/groupes', member.cookie)).visible).not.toContain('href="/groupes/nouveau"')
    expect((await page('/groupes')).visible).not.toContain('href="/groupes/nouveau"')
    expect((await page('/groupes/nouveau', member.cookie)).status).toBe(404)
    const name = `Groupe interdit ${Math.random().toString(36).slice(2, 7)}`
    const response = await app(formPost('/groupes/nouveau', groupFields({ name }), member.cookie))
    expect(response.status).toBe(404)
    expect(await db.selectFrom('groups').select('id').where('name', '=', name).executeTakeFirst()).toBeUndefined()
    const anonymous = await app(pageGet('/groupes/nouveau'))
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/connexion/)
  })

  test('invalid input: 400, French messages next to the fields, what was typed kept', async () => {
    const admin = await login({ role: 'admin' })
    const long = `Un texte typé ${'x'.repeat(2000)}`
    const response = await app(formPost('/groupes/nouveau', groupFields({ name: '  ', description: long, joinPolicy: '' }), admin.cookie))
    expect(response.status).toBe(400)
    const html = decode((await readPage(response)).visible)
    expect(html).toContain(GROUP_FORM_MESSAGES.nameRequired)
    expect(html).toContain(GROUP_FORM_MESSAGES.descriptionTooLong)
    expect(html).toContain(GROUP_FORM_MESSAGES.joinPolicyRequired)
    expect(html).toContain('Le formulaire contient 3 erreurs')
    expect(html).toContain(long)
  })

  test('hidden ⇒ invitation only: refused with the French message, kept values; accepted as invitation only', async () => {
    const admin = await login({ role: 'admin' })
    const name = `Cercle discret ${Math.random().toString(36).slice(2, 7)}`
    const refused = await app(formPost('/groupes/nouveau', groupFields({ name, hidden: 'on', joinPolicy: 'open' }), admin.cookie))
    expect(refused.status).toBe(400)
    const html = decode((await readPage(refused)).visible)
    expect(html).toContain(GROUP_FORM_MESSAGES.hiddenInvitationOnly)
    expect(html).toContain(`value="${name}"`)
    expect(html).toMatch(/name="hidden"[^>]*checked=""/)
    expect(html).toMatch(/name="joinPolicy"[^>]*checked="" value="open"/)
    expect(await db.selectFrom('groups').select('id').where('name', '=', name).executeTakeFirst()).toBeUndefined()
    const accepted = await app(formPost('/groupes/nouveau', groupFields({ name, hidden: 'on', joinPolicy: 'invitation' }), admin.cookie))
    expect(accepted.status).toBe(302)
    expect(await db.selectFrom('groups').select(['hidden', 'joinPolicy']).where('name', '=', name).executeTakeFirstOrThrow()).toEqual({
      hidden: 1,
      joinPolicy: 'invitation',
    })
  })
})
