import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { getResourceRowById } from '#app/modules/resources/resources.server.ts'
import { createTestResource, resourceValues } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { action as autosaveAction } from './ressources.$slug.brouillon.ts'
import { loader as historyLoader } from './ressources.$slug.historique.tsx'
import { action as editAction, loader as editLoader } from './ressources.$slug.modifier/route.tsx'
import { loader as viewLoader } from './ressources.$slug._index/route.tsx'
import { loader as listLoader } from './ressources._index.tsx'
import { action as newAction, loader as newLoader } from './ressources.nouvelle/route.tsx'

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

function post(url: string, body: FormData, cookie?: string) {
  return new Request(`${base}${url}`, { method: 'POST', body, headers: cookie ? { Cookie: cookie } : {} })
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    const value = await promise
    return value instanceof Response ? value.status : 200
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
}

describe('/ressources/nouvelle', () => {
  test('an unverified account gets an explanation, not the form', async () => {
    const user = await createTestUser({ emailVerifiedAt: null })
    const result = await newLoader({ request: new Request(`${base}/ressources/nouvelle`, { headers: { Cookie: await cookieOf(user) } }), params: {}, context })
    expect(result).toMatchObject({ allowed: false })
    expect(await statusOf(newAction({ request: post('/ressources/nouvelle', formOf(resourceValues()), await cookieOf(user)), params: {}, context }))).toBe(403)
  })

  test('invalid input is a 400 with French messages; a valid funding call is published', async () => {
    const user = await createTestUser()
    const cookie = await cookieOf(user)
    const bad = (await newAction({
      request: post('/ressources/nouvelle', formOf(resourceValues('financement-europeen', { officialUrl: 'javascript:alert(1)', title: '' })), cookie),
      params: {},
      context,
    })) as unknown as { init: { status: number }; data: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
    expect(bad.init.status).toBe(400)
    expect(bad.data.error.officialUrl).toEqual(['Le lien officiel doit être une adresse web complète, commençant par https://.'])
    expect(bad.data.error.title).toEqual(['Le titre est obligatoire.'])
    expect(bad.data.initialValue.managingBody).toBe('Département du Pas-de-Calais')

    const ok = (await newAction({
      request: post('/ressources/nouvelle', formOf({ ...resourceValues('financement-europeen', { title: 'Appel LEADER Ternois 2027' }), intent: 'publish' }), cookie),
      params: {},
      context,
    })) as Response
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toBe('/ressources/appel-leader-ternois-2027')
  })
})

describe('/ressources/:slug', () => {
  test('published: served to visitors with JSON-LD; draft: 404 to others', async () => {
    const author = await createTestUser()
    const published = await createTestResource({ author, overrides: { title: 'Appel Interreg visible' } })
    const view = await viewLoader({ request: new Request(`${base}/ressources/${published.slug}`), params: { slug: published.slug }, context })
    expect(view.resource.title).toBe('Appel Interreg visible')
    expect(view.jsonLd).toMatchObject({ '@type': 'Article', about: { '@type': 'MonetaryGrant' } })
    expect(view.canEdit).toBe(false)

    const draft = await createTestResource({ author, status: 'draft' })
    const anonymous = viewLoader({ request: new Request(`${base}/ressources/${draft.slug}`), params: { slug: draft.slug }, context })
    expect(await statusOf(anonymous)).toBe(404)
    const members = await createTestResource({ author, visibility: 'members' })
    expect(await statusOf(viewLoader({ request: new Request(`${base}/ressources/${members.slug}`), params: { slug: members.slug }, context }))).toBe(404)
    const other = await createTestUser()
    const asMember = await viewLoader({
      request: new Request(`${base}/ressources/${members.slug}`, { headers: { Cookie: await cookieOf(other) } }),
      params: { slug: members.slug },
      context,
    })
    expect(asMember.resource.slug).toBe(members.slug)
    // Editing and history of someone else's resource: 404 too.
    const cookie = await cookieOf(other)
    expect(await statusOf(editLoader({ request: new Request(`${base}/x`, { headers: { Cookie: cookie } }), params: { slug: members.slug }, context }))).toBe(404)
    expect(await statusOf(historyLoader({ request: new Request(`${base}/x`, { headers: { Cookie: cookie } }), params: { slug: members.slug }, context }))).toBe(404)
  })
})

describe('/ressources list', () => {
  test('filters from the query string, drafts and members-only never shown to visitors', async () => {
    const author = await createTestUser()
    await createTestResource({ author, overrides: { title: 'Liste publique audomaroise', territory: 'audomarois' } })
    await createTestResource({ author, status: 'draft', overrides: { title: 'Liste brouillon audomarois', territory: 'audomarois' } })
    await createTestResource({ author, visibility: 'members', overrides: { title: 'Liste membres audomarois', territory: 'audomarois' } })
    const data = await listLoader({ request: new Request(`${base}/ressources?territoire=audomarois&type=financement-europeen&tri=echeance&page=abc`), params: {}, context })
    const titles = data.items.map((i) => i.title)
    expect(titles).toContain('Liste publique audomaroise')
    expect(titles).not.toContain('Liste brouillon audomarois')
    expect(titles).not.toContain('Liste membres audomarois')
    expect(data.filters).toMatchObject({ territory: 'audomarois', type: 'financement-europeen', sort: 'deadline', page: 1 })
  })
})

describe('/ressources/:slug/modifier and autosave', () => {
  test('a save from a stale page is a 409 with the typed values kept; autosave reports the conflict too', async () => {
    const author = await createTestUser()
    const admin = await createTestUser({ role: 'admin' })
    const resource = await createTestResource({ author, status: 'draft', overrides: { title: 'Brouillon partagé à deux' } })
    const url = `/ressources/${resource.slug}/modifier`
    const first = (await editAction({
      request: post(url, formOf({ ...resourceValues('financement-europeen', { title: 'Version de l’admin' }), version: 1 }), await cookieOf(admin)),
      params: { slug: resource.slug },
      context,
    })) as Response
    expect(first.status, JSON.stringify(first)).toBe(302)
    const stale = (await editAction({
      request: post(url, formOf({ ...resourceValues('financement-europeen', { title: 'Version de l’autrice' }), version: 1 }), await cookieOf(author)),
      params: { slug: resource.slug },
      context,
    })) as unknown as { init: { status: number }; data: { conflict: { editorName: string }; result: { initialValue: { title: string } } } }
    expect(stale.init.status).toBe(409)
    expect(stale.data.conflict.editorName).toBe(admin.name)
    expect(stale.data.result.initialValue.title).toBe('Version de l’autrice')
    expect((await getResourceRowById(resource.id))?.title).toBe('Version de l’admin')

    const autosaveStale = (await autosaveAction({
      request: post(`/ressources/${resource.slug}/brouillon`, formOf({ ...resourceValues(), version: 1 }), await cookieOf(author)),
      params: { slug: resource.slug },
      context,
    })) as Response
    expect(autosaveStale.status).toBe(409)
    expect(await autosaveStale.json()).toMatchObject({ status: 'conflict', editorName: admin.name })

    const autosaveOk = (await autosaveAction({
      request: post(`/ressources/${resource.slug}/brouillon`, formOf({ ...resourceValues('financement-europeen', { title: 'Version autosauvegardée' }), version: 2 }), await cookieOf(author)),
      params: { slug: resource.slug },
      context,
    })) as Response
    expect(await autosaveOk.json()).toMatchObject({ status: 'saved', version: 3 })
  })

  test('status changes follow the transition table: « Publier » does not bring back an archived resource, a pending one waits for its review (even an admin decides on the review page)', async () => {
    const author = await createTestUser()
    const admin = await createTestUser({ role: 'admin' })
    const publishFrom = async (status: 'archived' | 'pending', who: { id: string }, title: string) => {
      const resource = await createTestResource({ author, status, overrides: { title: `${title} initial` } })
      const result = (await editAction({
        request: post(
          `/ressources/${resource.slug}/modifier`,
          formOf({ ...resourceValues('financement-europeen', { title }), version: 1, intent: 'publish' }),
          await cookieOf(who),
        ),
        params: { slug: resource.slug },
        context,
      })) as unknown as Response & { init: { status: number }; data: { result: { error: Record<string, string[]>; initialValue: { title: string } } } }
      return { resource, result, row: await getResourceRowById(resource.id) }
    }
    const archived = await publishFrom('archived', author, 'Archivée puis republiée en douce')
    expect(archived.result.init.status).toBe(403)
    expect(archived.result.data.result.error['']).toEqual(['Ce changement de statut n’est pas possible pour cette ressource.'])
    // What was typed stays in the form; nothing was written.
    expect(archived.result.data.result.initialValue.title).toBe('Archivée puis republiée en douce')
    expect(archived.row).toMatchObject({ status: 'archived', version: 1 })

    const pendingByAuthor = await publishFrom('pending', author, 'En attente publiée par l’autrice')
    expect(pendingByAuthor.result.init.status).toBe(403)
    expect(pendingByAuthor.row?.status).toBe('pending')
    const pendingByAdmin = await publishFrom('pending', admin, 'En attente publiée par l’admin')
    expect(pendingByAdmin.result.init.status).toBe(403)
    expect(pendingByAdmin.row?.status).toBe('pending')

    // The page offers only what the policy allows.
    const page = (await editLoader({
      request: new Request(`${base}/ressources/${pendingByAuthor.resource.slug}/modifier`, { headers: { Cookie: await cookieOf(author) } }),
      params: { slug: pendingByAuthor.resource.slug },
      context,
    })) as { resource: { changes: string[]; canDelete: boolean } }
    expect(page.resource.changes).toEqual(['unpublish'])
    expect(page.resource.canDelete).toBe(true)
  })

  test('an oversized attachment posted without JavaScript is a French 400', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author })
    const form = new FormData()
    form.append('intent', 'upload')
    form.append('file', new File([Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1)])], 'gros.pdf'))
    const result = (await editAction({
      request: post(`/ressources/${resource.slug}/modifier`, form, await cookieOf(author)),
      params: { slug: resource.slug },
      context,
    })) as unknown as { init: { status: number }; data: { uploadError: string } }
    expect(result.init.status).toBe(400)
    expect(result.data.uploadError).toBe('Le fichier dépasse 10 Mo, la taille maximale acceptée.')
  })
})
