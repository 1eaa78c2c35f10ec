import { describe, expect, test } from 'vitest'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { createTestApp, pageGet } from '#tests/helpers/remix-app.ts'
import * as apiCommunes from './api.communes.ts'
import * as territoire from './territoires.$slug._index.tsx'
import * as territoires from './territoires._index.tsx'

const context = { nonce: 'test', clientIp: '127.0.0.1' }

// /territoires/:slug is the layout of the territory's group pages; its index tab shows the territory itself.
const app = createTestApp(GROUP_PAGE_ROUTES)

async function catchResponse(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
  throw new Error('expected a thrown Response')
}

function count(html: string, pattern: RegExp) {
  return html.match(pattern)?.length ?? 0
}

describe('/territoires', () => {
  test('lists the nine territories with communes, population and EPCIs, in one accessible table', async () => {
    const response = await app(pageGet('/territoires'))
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(count(html, /<h1[\s>]/g)).toBe(1)
    expect(html).toContain('<caption>Les neuf territoires, leurs intercommunalités')
    expect(count(html, /<th scope="row"><a [^>]*href="\/territoires\/[a-z-]+">/g)).toBe(9)
    expect(html.match(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/g) ?? []).toEqual([])
    expect(html).toContain('Hénin-Carvin')
    expect(html).toContain('CA du Pays de Saint-Omer')
    expect(html).toMatch(/1\s457\s905/)
    // The search form: GET, a plain text input before hydration, the hidden INSEE field.
    expect(html).toMatch(/<form method="get" action="\/territoires"/)
    expect(html).toMatch(/<input[^>]*type="text"[^>]*name="communeLabel"/)
    expect(html).toMatch(/<input type="hidden" name="commune" value=""/)
  })

  test('an INSEE code redirects to the territory page of the commune', async () => {
    const response = await catchResponse(
      territoires.loader({ request: pageGet('/territoires?commune=62765&communeLabel=Saint-Omer'), params: {}, context }),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/territoires/audomarois?commune=62765')
  })

  test('without JavaScript, an unambiguous typed name redirects too', async () => {
    for (const url of ['/territoires?commune=&communeLabel=st+omer', '/territoires?commune=Arras']) {
      const response = await catchResponse(territoires.loader({ request: pageGet(url), params: {}, context }))
      expect(response.status, url).toBe(302)
    }
    const arras = await catchResponse(territoires.loader({ request: pageGet('/territoires?commune=Arras'), params: {}, context }))
    expect(arras.headers.get('Location')).toBe('/territoires/arrageois?commune=62041')
  })

  test('an ambiguous name: 400, a French message next to the field, the text kept and the candidates listed', async () => {
    const response = await app(pageGet('/territoires?commune=&communeLabel=Saint-Om'))
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Aucune commune du Pas-de-Calais ne s’appelle exactement « Saint-Om »')
    expect(html).toMatch(/<input[^>]*name="communeLabel"[^>]*value="Saint-Om"/)
    expect(html).toMatch(/aria-invalid="true"/)
    expect(html).toContain('href="/territoires/audomarois?commune=62765"')
    expect(html).toContain('Saint-Omer-Capelle')
  })

  test('an unknown name: 400 with a French message and no candidates', async () => {
    const response = await app(pageGet('/territoires?communeLabel=Marseille'))
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Aucune commune du Pas-de-Calais ne correspond à « Marseille »')
    expect(html).not.toContain('communes proposées</h3>')
  })

  test('an empty search asks for a commune', async () => {
    const response = await app(pageGet('/territoires?commune=&communeLabel='))
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Indiquez une commune du Pas-de-Calais.')
  })
})

describe('/territoires/:slug', () => {
  test('name, EPCIs and the communes table with postal codes and population', async () => {
    const response = await app(pageGet('/territoires/henin-carvin'))
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(count(html, /<h1[\s>]/g)).toBe(1)
    expect(html).toContain('<h1>Territoire Hénin-Carvin</h1>')
    expect(html).toContain('<title>Territoire Hénin-Carvin — Essaim</title>')
    expect(html).toContain('CA d’Hénin-Carvin')
    expect(count(html, /<tr id="commune-\d{5}"/g)).toBe(14)
    expect(html).toMatch(/<tr id="commune-62427"[^>]*><th scope="row">Hénin-Beaumont<\/th><td>62110<\/td>/)
    expect(count(html, /<caption>/g)).toBe(2)
    expect(html.match(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/g) ?? []).toEqual([])
    expect(html).toContain('aria-sort="ascending"')
  })

  test('sortable by population', async () => {
    const data = await territoire.loader({
      request: pageGet('/territoires/henin-carvin?tri=population'),
      params: { slug: 'henin-carvin' },
      context,
    })
    expect(data.sort).toBe('population')
    expect(data.territory.communes[0].name).toBe('Hénin-Beaumont')
  })

  test('the commune searched from /territoires is highlighted', async () => {
    const response = await app(pageGet('/territoires/audomarois?commune=62765'))
    const html = await response.text()
    expect(html).toContain('fait partie du territoire')
    expect(html).toMatch(/<tr id="commune-62765" class="highlighted">/)
  })

  test('an unknown territory is a 404', async () => {
    const response = await catchResponse(
      territoire.loader({ request: pageGet('/territoires/nord'), params: { slug: 'nord' }, context }),
    )
    expect(response.status).toBe(404)
    const page = await app(pageGet('/territoires/nord'))
    expect(page.status).toBe(404)
    const html = await page.text()
    expect(html).toContain('Page introuvable')
    expect(html.match(/<title>/g)).toHaveLength(1)
    expect(html).toContain('<title>Territoire introuvable — Essaim</title>')
  })
})

describe('/api/communes', () => {
  async function get(query: string) {
    return (await apiCommunes.loader({ request: pageGet(`/api/communes${query}`), params: {}, context })) as Response
  }

  test('JSON suggestions, at most ten, cacheable', async () => {
    const response = await get('?q=st%20omer')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toContain('application/json')
    expect(response.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/)
    const body = await response.json()
    expect(body.communes[0]).toEqual({
      insee: '62765',
      name: 'Saint-Omer',
      postalCodes: ['62500'],
      territoryName: 'Audomarois',
    })
    expect((await (await get('?q=saint')).json()).communes).toHaveLength(10)
  })

  test('postal code, accents and ligatures', async () => {
    expect((await (await get('?q=62200')).json()).communes[0].name).toBe('Boulogne-sur-Mer')
    expect((await (await get('?q=BETHUNE')).json()).communes[0].name).toBe('Béthune')
    expect((await (await get('?q=oeuf')).json()).communes[0].name).toBe('Œuf-en-Ternois')
  })

  test('an empty query gives an empty list', async () => {
    expect(await (await get('')).json()).toEqual({ communes: [] })
    expect(await (await get('?q=')).json()).toEqual({ communes: [] })
  })

  test('a too-long query is a 400 in JSON, not cached', async () => {
    const response = await get(`?q=${'a'.repeat(101)}`)
    expect(response.status).toBe(400)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.json()).toEqual({ error: 'La recherche ne peut pas dépasser 100 caractères.' })
  })
})
