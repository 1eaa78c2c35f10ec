import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { hasControlCharacters } from '#app/utils/text.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { csvCell } from '#app/modules/api/csv.server.ts'
import * as api from './api.v1.structures.ts'
import * as csv from './structures[.]csv.ts'

describe('open data', () => {
  test('CSV: header, public fields, hidden contacts left out, formulas neutralised', async () => {
    const hidden = await createTestStructure({ input: { name: '=HYPERLINK("x")', contactEmail: 'cache@exemple.fr' } })
    const shown = await createTestStructure({ input: { name: 'Visible, "citée"', contactEmail: 'vu@exemple.fr', showContact: true } })
    const response = await csv.loader()
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('slug;name;legalForm;siret')).toBe(true)
    expect(text).toContain(`'=HYPERLINK(""x"")`)
    expect(text).toContain('"Visible, ""citée"""')
    expect(text).toContain('vu@exemple.fr')
    expect(text).not.toContain('cache@exemple.fr')
    expect(text).not.toContain(hidden.owner.email)
    expect(text).toContain(shown.structure.slug)
    expect(csvCell(['a', 'b'])).toBe('a|b')
  })

  test('stored control characters are not republished (CSV and API)', async () => {
    const { structure } = await createTestStructure()
    // A value stored before input was cleaned (or by a direct import): NUL, BEL, ESC and an ANSI colour, DEL, C1.
    await db
      .updateTable('structures')
      .set({ name: 'a\u0000b\u001b[31mRouge\u001b[0m', address: '1 rue\u0007 Haute\u007f', presentation: 'Ligne\u0085\nsuite' })
      .where('id', '=', structure.id)
      .execute()
    const text = await (await csv.loader()).text()
    const line = text.split('\r\n').find((l) => l.startsWith(structure.slug)) ?? ''
    expect(line).toContain('abRouge')
    expect(line).toContain('1 rue Haute')
    expect(hasControlCharacters(text)).toBe(false)
    let found: Record<string, unknown> | undefined
    for (let page = 1; !found; page++) {
      const response = await api.loader({
        request: new Request(`http://localhost:3000/api/v1/structures?page=${page}&per_page=100`),
        params: {},
        context: {},
      } as never)
      const body = await response.json()
      expect(JSON.stringify(body)).not.toMatch(/\\u00(?:[01][0-9a-f]|7f|[89][0-9a-f])/i)
      expect(hasControlCharacters(JSON.stringify(body))).toBe(false)
      found = body.data.find((s: { slug: string }) => s.slug === structure.slug)
      if (!body.links.next) break
    }
    expect(found).toMatchObject({ name: 'abRouge', address: '1 rue Haute', presentation: 'Ligne\nsuite' })
  })

  test('API: paginated JSON with links; bad parameters are a French 400', async () => {
    for (let i = 0; i < 3; i++) await createTestStructure()
    const call = (query: string) =>
      api.loader({ request: new Request(`http://localhost:3000/api/v1/structures${query}`), params: {}, context: {} } as never)
    const response = await call('?page=2&per_page=2')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.meta).toMatchObject({ page: 2, perPage: 2 })
    expect(body.data.length).toBeLessThanOrEqual(2)
    expect(body.links.prev).toContain('page=1&per_page=2')
    expect(Object.keys(body.data[0]).sort()).toEqual(
      [
        'address', 'charterSignedAt', 'communeInsee', 'communeName', 'contactEmail', 'contactPhone', 'createdAt',
        'employeesBracket', 'labelGrantedAt', 'legalForm', 'name', 'presentation', 'rna', 'siret', 'slug', 'territory',
        'territoryName', 'themes', 'updatedAt', 'url', 'volunteersBracket', 'website',
      ].sort(),
    )
    const bad = await call('?per_page=1000')
    expect(bad.status).toBe(400)
    expect((await bad.json()).message).toContain('Paramètres invalides')
  })
})
