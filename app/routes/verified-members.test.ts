import { ANONYMOUS, personViewer } from '#app/modules/auth/viewer.ts'
import { beforeAll, describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { ensureProfile } from '#app/modules/people/people.server.ts'
import { getAttachmentForViewer } from '#app/modules/uploads/uploads.server.ts'
import { db } from '#db/client.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { insertTestResource } from '#tests/helpers/search-resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { loader as apiSearchLoader } from './api.v1.search.ts'
import { loader as suggestionsLoader } from './api.search-suggestions.ts'
import { loader as memberLoader } from './membres.$slug.tsx'
import { loader as searchLoader } from './recherche.tsx'
import { loader as viewLoader } from './ressources.$slug._index/route.tsx'
import { loader as listLoader } from './ressources._index.tsx'
import { loader as structureLoader } from './structures.$slug._index.tsx'

// « Membres » means verified members: an account whose address is not confirmed reads what an anonymous visitor
// reads — on the page, in every list and count, in search (hits, facets, suggestions) and for attachments.

type Who = 'anonymous' | 'unverified' | 'verified'
const WORD = 'grumblequatz'
const context = { nonce: 'test', clientIp: '127.0.0.1' }

async function call(fn: (args: any) => unknown, url: string, cookie: string | undefined, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost:3000${url}`, { headers: cookie ? { Cookie: cookie } : {} })
  try {
    return await fn({ request, params, context })
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

const cookies: Record<Who, string | undefined> = { anonymous: undefined, unverified: undefined, verified: undefined }
const slugs: Record<'public' | 'members', string> = { public: '', members: '' }
const attachments: Record<'public' | 'members', string> = { public: '', members: '' }
let structureSlug = ''
let profileSlug = ''
let unverifiedUser: Awaited<ReturnType<typeof createTestUser>>

beforeAll(async () => {
  const author = await createTestUser({ name: 'Autrice Grumble' })
  const profile = await ensureProfile(author)
  await db.updateTable('profiles').set({ visibility: 'public' }).where('userId', '=', author.id).execute()
  profileSlug = profile.slug
  const { structure } = await createTestStructure({ owner: author })
  structureSlug = structure.slug
  unverifiedUser = await createTestUser({ emailVerifiedAt: null })
  const verified = await createTestUser()
  cookies.unverified = (await createSession(unverifiedUser.id)).cookie.split(';')[0]
  cookies.verified = (await createSession(verified.id)).cookie.split(';')[0]
  for (const visibility of ['public', 'members'] as const) {
    const id = await insertTestResource({
      title: `Potager ${WORD} ${visibility === 'public' ? 'ouvert' : 'réservé'}`,
      summary: `Ressource ${WORD}`,
      territory: visibility === 'public' ? 'lensois' : 'arrageois',
      authorId: author.id,
      visibility,
    })
    slugs[visibility] = (await db.selectFrom('resources').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug
    await db.insertInto('resourceStructures').values({ resourceId: id, structureId: structure.id }).execute()
    attachments[visibility] = `0193c000-0000-7000-8000-00000000000${visibility === 'public' ? 1 : 2}`
    await db
      .insertInto('attachments')
      .values({
        id: attachments[visibility],
        resourceId: id,
        uploaderId: author.id,
        originalName: 'note.pdf',
        storedName: `${attachments[visibility]}.pdf`,
        mime: 'application/pdf',
        size: 10,
        createdAt: new Date().toISOString(),
      })
      .execute()
  }
  await drainSearchOutbox()
})

const rows: { who: Who; visibility: 'public' | 'members'; allowed: boolean }[] = (['anonymous', 'unverified', 'verified'] as const).flatMap(
  (who) => (['public', 'members'] as const).map((visibility) => ({ who, visibility, allowed: visibility === 'public' || who === 'verified' })),
)

describe('members-only content is for verified members', () => {
  test.each(rows)('$who, $visibility: resource page → $allowed', async ({ who, visibility, allowed }) => {
    const result = await call(viewLoader, `/ressources/${slugs[visibility]}`, cookies[who], { slug: slugs[visibility] })
    if (allowed) expect((result as { resource: { slug: string } }).resource.slug).toBe(slugs[visibility])
    else expect((result as Response).status).toBe(404)
  })

  test.each(rows)('$who, $visibility: attachment → $allowed', async ({ who, visibility, allowed }) => {
    const viewer =
      who === 'anonymous' ? ANONYMOUS : personViewer(who === 'unverified' ? unverifiedUser : { id: 'x', role: 'member' as const, emailVerifiedAt: '2026-01-01' })
    expect(Boolean(await getAttachmentForViewer(attachments[visibility], viewer))).toBe(allowed)
  })

  test.each(rows)('$who, $visibility: lists and counts (/ressources, structure, member profile) → $allowed', async ({ who, visibility, allowed }) => {
    const territory = visibility === 'public' ? 'lensois' : 'arrageois'
    const list = (await call(listLoader, `/ressources?territoire=${territory}&structure=${structureSlug}`, cookies[who])) as {
      items: { slug: string }[]
      total: number
    }
    expect(list.items.some((i) => i.slug === slugs[visibility])).toBe(allowed)
    const structure = (await call(structureLoader, `/structures/${structureSlug}`, cookies[who], { slug: structureSlug })) as {
      resources: { items: { slug: string }[]; total: number }
    }
    expect(structure.resources.items.some((i) => i.slug === slugs[visibility])).toBe(allowed)
    const member = (await call(memberLoader, `/membres/${profileSlug}`, cookies[who], { slug: profileSlug })) as {
      resources: { items: { slug: string }[]; total: number }
    }
    expect(member.resources.items.some((i) => i.slug === slugs[visibility])).toBe(allowed)
    const expectedTotal = who === 'verified' ? 2 : 1
    expect(structure.resources.total).toBe(expectedTotal)
    expect(member.resources.total).toBe(expectedTotal)
  })

  test.each(rows)('$who, $visibility: search hits, totals, facets and suggestions → $allowed', async ({ who, visibility, allowed }) => {
    const territory = visibility === 'public' ? 'lensois' : 'arrageois'
    const expectedTotal = who === 'verified' ? 2 : 1
    const page = (await call(searchLoader, `/recherche?q=${WORD}`, cookies[who])) as {
      total: number
      hits: { url: string }[]
      facets: Record<string, Record<string, number>>
    }
    expect(page.total).toBe(expectedTotal)
    expect(page.hits.some((h) => h.url === `/ressources/${slugs[visibility]}`)).toBe(allowed)
    expect(Boolean(page.facets.territory?.[territory])).toBe(allowed)
    const api = (await call(apiSearchLoader, `/api/v1/search?q=${WORD}`, cookies[who])) as Response
    const body = (await api.json()) as { total: number; facets: Record<string, Record<string, number>>; hits: unknown[] }
    expect(body.total).toBe(expectedTotal)
    expect(JSON.stringify(body.hits).includes(slugs[visibility])).toBe(allowed)
    expect(Boolean(body.facets.territory?.[territory])).toBe(allowed)
    const suggestions = (await (
      (await call(suggestionsLoader, `/api/search-suggestions?q=${WORD}`, cookies[who])) as Response
    ).json()) as { suggestions: { url: string }[] }
    expect(suggestions.suggestions.some((s) => s.url === `/ressources/${slugs[visibility]}`)).toBe(allowed)
  })
})
