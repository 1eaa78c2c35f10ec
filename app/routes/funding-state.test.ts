import { afterEach, describe, expect, it, vi } from 'vitest'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { loader as recherche } from './recherche.tsx'
import { loader as resourcePage } from './ressources.$slug._index/route.tsx'
import { loader as ressources } from './ressources._index.tsx'

// One rule for « is this call open » (search/funding-state.ts): the resource page, /ressources and /recherche say the
// same at every moment. A deadline has an hour: a call due at 12:00 (Paris) is closed at 17:00 the same day.

const context = { nonce: 'test', clientIp: '127.0.0.1' }
const base = 'http://localhost:3000'

async function statesAt(slug: string, word: string, isoNow: string) {
  vi.setSystemTime(new Date(isoNow))
  const page = (await resourcePage({ request: new Request(`${base}/ressources/${slug}`), context, params: { slug } })) as Awaited<
    ReturnType<typeof resourcePage>
  >
  const list = (await ressources({ request: new Request(`${base}/ressources?type=financement-europeen&territoire=ternois`), context, params: {} })) as Awaited<
    ReturnType<typeof ressources>
  >
  const openList = (await ressources({ request: new Request(`${base}/ressources?territoire=ternois&ouverts=oui`), context, params: {} })) as Awaited<
    ReturnType<typeof ressources>
  >
  const search = (await recherche({ request: new Request(`${base}/recherche?q=${word}`), context, params: {} })) as Awaited<
    ReturnType<typeof recherche>
  >
  const openSearch = (await recherche({ request: new Request(`${base}/recherche?q=${word}&state=open`), context, params: {} })) as Awaited<
    ReturnType<typeof recherche>
  >
  return {
    page: page.resource.fundingState,
    list: list.items.find((i) => i.slug === slug)?.fundingState,
    listedAsOpen: openList.items.some((i) => i.slug === slug),
    search: search.hits.find((h) => h.url === `/ressources/${slug}`)?.state,
    searchedAsOpen: openSearch.hits.some((h) => h.url === `/ressources/${slug}`),
    stateFacet: search.facets.state,
  }
}

describe('funding state, one definition', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('a call due at 12:00 Paris is open at 11:00 and closed at 17:00 the same day, on every page', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-20T09:00:00Z'))
    const author = await createTestUser()
    const call = await createTestResource({
      author,
      overrides: {
        title: 'Appel tournesol pour les recycleries',
        territory: 'ternois',
        openingDate: '2026-11-01T09:00',
        deadline: '2026-11-25T12:00',
      },
    })
    await drainSearchOutbox()

    // 11:00 in Paris (10:00 UTC): open everywhere.
    expect(await statesAt(call.slug, 'tournesol', '2026-11-25T10:00:00Z')).toEqual({
      page: 'open',
      list: 'open',
      listedAsOpen: true,
      search: 'open',
      searchedAsOpen: true,
      stateFacet: { open: 1 },
    })
    // 17:00 in Paris (16:00 UTC), the same calendar day: closed everywhere.
    expect(await statesAt(call.slug, 'tournesol', '2026-11-25T16:00:00Z')).toEqual({
      page: 'closed',
      list: 'closed',
      listedAsOpen: false,
      search: 'closed',
      searchedAsOpen: false,
      stateFacet: { closed: 1 },
    })
    // Before its opening instant: upcoming everywhere.
    expect(await statesAt(call.slug, 'tournesol', '2026-10-31T12:00:00Z')).toMatchObject({ page: 'upcoming', list: 'upcoming', search: 'upcoming' })
  })
})
