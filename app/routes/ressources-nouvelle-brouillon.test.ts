import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { resourceValues } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { action as autosaveAction } from './ressources.$slug.brouillon.ts'
import { INCOMPLETE_MESSAGE, action as createDraftAction } from './ressources.nouvelle_.brouillon.ts'
import { action as newAction } from './ressources.nouvelle/route.tsx'

// The creation page's autosave (issue 9, item 5): the first save creates the draft, once per page.

const context = { nonce: 'test', clientIp: '127.0.0.1' }
const base = 'http://localhost:3000'

async function cookieOf(user: { id: string }) {
  return (await createSession(user.id)).cookie.split(';')[0]
}

function formOf(values: Record<string, unknown>): FormData {
  const form = new FormData()
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item && typeof item === 'object') {
          for (const [k, v] of Object.entries(item)) form.append(`${key}[${index}].${k}`, String(v))
        } else form.append(key, String(item))
      })
    } else form.append(key, String(value))
  }
  return form
}

function post(url: string, values: Record<string, unknown>, cookie?: string) {
  return new Request(`${base}${url}`, { method: 'POST', body: formOf(values), headers: cookie ? { Cookie: cookie } : {} })
}

async function call(values: Record<string, unknown>, cookie?: string) {
  try {
    return (await createDraftAction({ request: post('/ressources/nouvelle/brouillon', values, cookie), params: {}, context })) as Response
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

const draftsOf = (authorId: string) => db.selectFrom('resources').select(['id', 'slug', 'title', 'status', 'version']).where('authorId', '=', authorId).execute()
const key = () => crypto.randomUUID()

describe('POST /ressources/nouvelle/brouillon', () => {
  test('anonymous: sent to the login page; unverified: a French 403; nothing created', async () => {
    const anonymous = await call({ ...resourceValues('initiative'), draftKey: key() })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/connexion/)
    const unverified = await createTestUser({ emailVerifiedAt: null })
    const refused = await call({ ...resourceValues('initiative'), draftKey: key() }, await cookieOf(unverified))
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({ status: 'forbidden', message: 'Brouillon non enregistré : confirmez d’abord votre adresse électronique.' })
    expect(await draftsOf(unverified.id)).toEqual([])
  })

  test('required fields still empty: a French « pas encore », nothing written; then the draft is created', async () => {
    const user = await createTestUser()
    const cookie = await cookieOf(user)
    const draftKey = key()
    const partial = await call({ type: 'initiative', title: 'Un titre tapé', body: '', draftKey }, cookie)
    expect(await partial.json()).toEqual({ status: 'incomplete', message: INCOMPLETE_MESSAGE })
    expect(await draftsOf(user.id)).toEqual([])
    const noKey = await call(resourceValues('initiative'), cookie)
    expect(noKey.status).toBe(400)
    expect((await noKey.json()).message).toBe('Brouillon non enregistré : rechargez la page puis réessayez.')

    const values = resourceValues('initiative')
    const saved = await call({ ...values, draftKey }, cookie)
    expect(saved.status).toBe(200)
    const body = await saved.json()
    expect(body).toMatchObject({ status: 'saved', version: 1, slug: expect.any(String), savedAt: expect.any(String) })
    expect(await draftsOf(user.id)).toEqual([expect.objectContaining({ slug: body.slug, status: 'draft', title: values.title })])

    // The page goes on through the editing page's autosave.
    const next = await autosaveAction({
      request: post(`/ressources/${body.slug}/brouillon`, { ...values, title: `${values.title} (suite)`, version: body.version }, cookie),
      params: { slug: body.slug },
      context,
    })
    expect(await next.json()).toMatchObject({ status: 'saved', version: 2 })
  })

  test('a double submission (same page key, at the same time) makes one draft', async () => {
    const user = await createTestUser()
    const cookie = await cookieOf(user)
    const draftKey = key()
    const values = resourceValues('bonne-pratique')
    const [first, second] = await Promise.all([
      call({ ...values, draftKey }, cookie),
      call({ ...values, summary: 'Le résumé de la seconde requête.', draftKey }, cookie),
    ])
    const [a, b] = [await first.json(), await second.json()]
    expect(a.status).toBe('saved')
    expect(b.status).toBe('saved')
    expect(a.slug).toBe(b.slug)
    const drafts = await draftsOf(user.id)
    expect(drafts).toHaveLength(1)
    // A retry later still lands on the same draft; another person's key is not theirs.
    const again = await (await call({ ...values, draftKey }, cookie)).json()
    expect(again.slug).toBe(a.slug)
    expect(await draftsOf(user.id)).toHaveLength(1)
    const other = await createTestUser()
    const theirs = await (await call({ ...values, draftKey }, await cookieOf(other))).json()
    expect(theirs.slug).not.toBe(a.slug)
  })

  test('the creation page’s buttons save the draft the autosave created, not a second resource', async () => {
    const user = await createTestUser()
    const cookie = await cookieOf(user)
    const values = resourceValues('initiative')
    const created = await (await call({ ...values, draftKey: key() }, cookie)).json()
    const response = (await newAction({
      request: post('/ressources/nouvelle', { ...values, summary: 'Résumé final.', draft: created.slug, version: created.version, intent: 'draft' }, cookie),
      params: {},
      context,
    })) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/ressources/${created.slug}/modifier`)
    const drafts = await draftsOf(user.id)
    expect(drafts).toHaveLength(1)
    expect(drafts[0].version).toBe(2)
    // Someone else's draft cannot be targeted.
    const intruder = await createTestUser()
    await expect(
      newAction({ request: post('/ressources/nouvelle', { ...values, draft: created.slug, version: 2, intent: 'draft' }, await cookieOf(intruder)), params: {}, context }),
    ).rejects.toMatchObject({ status: 404 })
  })
})
