import { validate } from '@readme/openapi-parser'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import type { z } from 'zod'
import { RESOURCE_CSV_COLUMNS } from '#app/modules/api/open-data.server.ts'
import {
  ErrorSchema,
  EventPageSchema,
  GroupPageSchema,
  ResourcePageSchema,
  ResourceSchema,
  SearchResultSchema,
  StructurePageSchema,
  TerritoryPageSchema,
} from '#app/modules/api/schemas.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { db } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import * as eventsApi from './api.v1.events.ts'
import * as groupsApi from './api.v1.groups.ts'
import * as openapi from './api.v1.openapi[.]json.ts'
import * as resourcesApi from './api.v1.resources.ts'
import * as resourceApi from './api.v1.resources_.$slug.ts'
import * as searchApi from './api.v1.search.ts'
import * as structuresApi from './api.v1.structures.ts'
import * as territoriesApi from './api.v1.territories.ts'
import * as resourcesCsv from './ressources[.]csv.ts'
import * as structuresCsv from './structures[.]csv.ts'

// The public API v1 and /ressources.csv: every answer parsed by its (strict) zod schema, the OpenAPI document checked
// by an OpenAPI parser, the HTTP contract (Link, ETag/304, cache, CORS, French 400s), and no private item anywhere.

type Loader = (args: never) => Promise<Response> | Response
const context = { nonce: 'test', clientIp: '127.0.0.1' }

async function call(loader: Loader, path: string, options: { headers?: Record<string, string>; params?: Record<string, string> } = {}) {
  const request = new Request(`http://localhost:3000${path}`, { headers: options.headers ?? {} })
  const response = await (loader as (args: unknown) => Promise<Response>)({ request, params: options.params ?? {}, context })
  const text = response.status === 304 ? '' : await response.text()
  return { response, status: response.status, text, body: text ? JSON.parse(text) : null }
}

/** Every page of a list endpoint (perPage=100), each parsed by the schema. */
async function allPages<S extends z.ZodTypeAny>(loader: Loader, path: string, schema: S, headers?: Record<string, string>) {
  const items: z.infer<S>['data'] = []
  for (let page = 1; page < 100; page++) {
    const sep = path.includes('?') ? '&' : '?'
    const { status, body } = await call(loader, `${path}${sep}perPage=100&page=${page}`, { headers })
    expect(status, path).toBe(200)
    const parsed = schema.parse(body)
    items.push(...parsed.data)
    if (!parsed.links.next) break
  }
  return items
}

const SECRET = {
  members: 'xylocarpe',
  group: 'ornithomancie',
  draft: 'brouillonnerie',
  pending: 'attentisme',
  groupEvent: 'pétrichor',
  membersEvent: 'sérendipité',
}

let publicSlug = ''
let formulaSlug = ''
let closedSlug = ''
const privateSlugs: string[] = []
let publicEventId = ''
let pastEventId = ''
const privateEventIds: string[] = []
let memberCookie = ''
let hiddenGroupSlug = ''

beforeAll(async () => {
  const author = await createTestUser()
  memberCookie = (await createSession(author.id)).cookie.split(';')[0]
  const { structure } = await createTestStructure()
  const open = await createTestResource({
    author,
    overrides: {
      title: 'Appel à projets ouvert pour les tiers-lieux',
      territory: 'calaisis',
      openingDate: '2026-01-05T09:00',
      deadline: '2099-03-31T12:00',
      structures: [structure.slug],
    },
  })
  publicSlug = open.slug
  closedSlug = (
    await createTestResource({ author, overrides: { title: 'Appel à projets clos depuis longtemps', territory: 'calaisis', openingDate: '2020-01-05T09:00', deadline: '2020-03-31T12:00' } })
  ).slug
  formulaSlug = (
    await createTestResource({
      author,
      type: 'initiative',
      overrides: { title: '=HYPERLINK("http://pirate.example","clic")', summary: '+33 6 00 00 00 00 ; -2+3 ; @SUM(A1) « guillemets " »' },
    })
  ).slug
  for (const [visibility, status, word] of [
    ['members', 'published', SECRET.members],
    ['group', 'published', SECRET.group],
    ['public', 'draft', SECRET.draft],
    ['public', 'pending', SECRET.pending],
  ] as const) {
    const resource = await createTestResource({
      author,
      visibility,
      status,
      overrides: { title: `Ressource ${word} cachée`, summary: `Résumé ${word}.`, territory: 'calaisis' },
    })
    privateSlugs.push(resource.slug)
  }
  const group = await createTestGroup()
  const hidden = await createTestGroup({ hidden: true })
  hiddenGroupSlug = hidden.slug
  publicEventId = (await createTestEvent({ groupId: group.id, title: 'Plénière publique du réseau', territorySlug: 'arrageois', kind: 'pleniere-cdess' })).id
  const past = await createTestEvent({ groupId: group.id, title: 'Séance passée du réseau' })
  await db.updateTable('events').set({ startsAt: '2020-02-01T08:00:00.000Z', endsAt: '2020-02-01T11:00:00.000Z' }).where('id', '=', past.id).execute()
  pastEventId = past.id
  privateEventIds.push((await createTestEvent({ groupId: hidden.id, title: `Réunion ${SECRET.groupEvent}`, visibility: 'group', groupIds: [hidden.id] })).id)
  privateEventIds.push((await createTestEvent({ groupId: group.id, title: `Atelier ${SECRET.membersEvent}`, visibility: 'members' })).id)
})

describe('lists: strict schemas, pagination, headers', () => {
  test.each([
    ['resources', resourcesApi, ResourcePageSchema],
    ['events', eventsApi, EventPageSchema],
    ['groups', groupsApi, GroupPageSchema],
    ['territories', territoriesApi, TerritoryPageSchema],
    ['structures', structuresApi, StructurePageSchema],
  ] as const)('/api/v1/%s', async (name, module, schema) => {
    const { status, body, response } = await call(module.loader as Loader, `/api/v1/${name}?perPage=1`)
    expect(status).toBe(200)
    const parsed = schema.parse(body)
    expect(parsed.meta.perPage).toBe(1)
    expect(parsed.data.length).toBe(1)
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Link')
    const etag = response.headers.get('ETag') ?? ''
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/)
    expect(response.headers.get('Link')).toContain(`<http://localhost:3000/api/v1/${name}?perPage=1&page=1>; rel="first"`)
    expect(response.headers.get('Link')).toContain('rel="last"')
    // Same content, same validator: a 304 without a body, the validator and the cache rule kept.
    const again = await call(module.loader as Loader, `/api/v1/${name}?perPage=1`, { headers: { 'If-None-Match': `"other", ${etag}` } })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    expect(again.response.headers.get('ETag')).toBe(etag)
    expect(again.response.headers.get('Cache-Control')).toBe('public, max-age=300')
    const other = await call(module.loader as Loader, `/api/v1/${name}?perPage=1`, { headers: { 'If-None-Match': 'W/"autre"' } })
    expect(other.status).toBe(200)
  })

  test('Link header and links: first, prev, next, last; filters kept; a page beyond the last is empty', async () => {
    const first = await call(resourcesApi.loader as Loader, '/api/v1/resources?territoire=calaisis&perPage=1')
    const total = ResourcePageSchema.parse(first.body).meta.total
    expect(total).toBeGreaterThanOrEqual(2)
    const second = await call(resourcesApi.loader as Loader, '/api/v1/resources?territoire=calaisis&perPage=1&page=2')
    const body = ResourcePageSchema.parse(second.body)
    expect(body.links.prev).toBe('http://localhost:3000/api/v1/resources?territoire=calaisis&perPage=1&page=1')
    expect(body.links.last).toBe(`http://localhost:3000/api/v1/resources?territoire=calaisis&perPage=1&page=${total}`)
    const link = second.response.headers.get('Link') ?? ''
    for (const rel of ['first', 'prev', 'last']) expect(link).toContain(`rel="${rel}"`)
    expect(link.includes('rel="next"')).toBe(total > 2)
    const beyond = ResourcePageSchema.parse((await call(resourcesApi.loader as Loader, `/api/v1/resources?perPage=1&page=${total + 5000}`)).body)
    expect(beyond.data).toEqual([])
    expect(beyond.links.next).toBeNull()
  })

  test.each([
    ['resources', '?page=0', 'page'],
    ['resources', '?page=abc', 'page'],
    ['resources', '?page=1e3', 'page'],
    ['resources', '?perPage=101', 'perPage'],
    ['resources', '?perPage=0', 'perPage'],
    ['resources', '?page=1&page=2', 'page'],
    ['resources', '?type=poeme', 'type'],
    ['resources', '?ouverts=peut-etre', 'ouverts'],
    ['resources', '?territoire=atlantide', 'territoire'],
    ['resources', '?theme=inconnue', 'theme'],
    ['resources', '?tri=hasard', 'tri'],
    ['events', '?passes=1', 'passes'],
    ['events', '?type=bal', 'type'],
    ['events', '?territoire=Atlantide', 'territoire'],
    ['groups', '?perPage=1000', 'perPage'],
    ['territories', '?page=-1', 'page'],
    ['structures', '?per_page=1000', 'perPage'],
  ])('/api/v1/%s%s → French 400 naming %s', async (name, query, field) => {
    const modules = { resources: resourcesApi, events: eventsApi, groups: groupsApi, territories: territoriesApi, structures: structuresApi }
    const { status, body, response } = await call(modules[name as keyof typeof modules].loader as Loader, `/api/v1/${name}${query}`)
    expect(status).toBe(400)
    const error = ErrorSchema.parse(body)
    expect(error.error).toBe('invalid_parameters')
    expect(error.message).toBe('Paramètres invalides.')
    expect(error.issues?.[field]).toEqual(expect.any(String))
    expect(error.issues?.[field]).not.toMatch(/Expected|Invalid|Required|received/)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
  })
})

describe('resources', () => {
  test('filters like /ressources: type, territoire, ouverts', async () => {
    const open = await allPages(resourcesApi.loader as Loader, '/api/v1/resources?type=financement-europeen&territoire=calaisis&ouverts=oui', ResourcePageSchema)
    expect(open.map((r) => r.slug)).toContain(publicSlug)
    expect(open.map((r) => r.slug)).not.toContain(closedSlug)
    expect(open.every((r) => r.fundingState === 'open')).toBe(true)
    const all = await allPages(resourcesApi.loader as Loader, '/api/v1/resources?territoire=calaisis', ResourcePageSchema)
    expect(all.map((r) => r.slug)).toContain(closedSlug)
    expect(all.every((r) => r.territory === 'calaisis')).toBe(true)
    const initiatives = await allPages(resourcesApi.loader as Loader, '/api/v1/resources?type=initiative', ResourcePageSchema)
    expect(initiatives.every((r) => r.type === 'initiative')).toBe(true)
    expect(initiatives.map((r) => r.slug)).toContain(formulaSlug)
  })

  test('one resource: the whole public record, strict; a private one is a JSON 404', async () => {
    const { status, body, response } = await call(resourceApi.loader as Loader, `/api/v1/resources/${publicSlug}`, { params: { slug: publicSlug } })
    expect(status).toBe(200)
    const resource = ResourceSchema.parse(body)
    expect(resource).toMatchObject({ slug: publicSlug, status: 'published', fundingState: 'open', url: `http://localhost:3000/ressources/${publicSlug}` })
    expect(resource.structures).toHaveLength(1)
    expect(resource.bodyText).toContain('Premier paragraphe')
    expect(response.headers.get('ETag')).toMatch(/^W\//)
    for (const slug of [...privateSlugs, 'nexiste-pas']) {
      const hidden = await call(resourceApi.loader as Loader, `/api/v1/resources/${slug}`, { params: { slug } })
      expect(hidden.status, slug).toBe(404)
      expect(ErrorSchema.parse(hidden.body).error).toBe('not_found')
    }
    // A session changes nothing: the API is public data only (its answers are shared by caches).
    const asMember = await call(resourceApi.loader as Loader, `/api/v1/resources/${privateSlugs[0]}`, { params: { slug: privateSlugs[0] }, headers: { Cookie: memberCookie } })
    expect(asMember.status).toBe(404)
  })
})

describe('events', () => {
  test('upcoming by default, past ones with passes=oui, filtered by territory and kind', async () => {
    const upcoming = await allPages(eventsApi.loader as Loader, '/api/v1/events', EventPageSchema)
    expect(upcoming.map((e) => e.id)).toContain(publicEventId)
    expect(upcoming.map((e) => e.id)).not.toContain(pastEventId)
    const event = upcoming.find((e) => e.id === publicEventId)
    expect(event).toMatchObject({ kind: 'pleniere-cdess', territory: 'arrageois', communeName: 'Arras', organiser: { type: 'group' } })
    const past = await allPages(eventsApi.loader as Loader, '/api/v1/events?passes=oui', EventPageSchema)
    expect(past.map((e) => e.id)).toContain(pastEventId)
    expect(past.map((e) => e.id)).not.toContain(publicEventId)
    const plenaries = await allPages(eventsApi.loader as Loader, '/api/v1/events?type=pleniere-cdess&territoire=arrageois', EventPageSchema)
    expect(plenaries.map((e) => e.id)).toContain(publicEventId)
    expect(plenaries.every((e) => e.kind === 'pleniere-cdess' && e.territory === 'arrageois')).toBe(true)
    const elsewhere = await allPages(eventsApi.loader as Loader, '/api/v1/events?territoire=calaisis', EventPageSchema)
    expect(elsewhere.map((e) => e.id)).not.toContain(publicEventId)
  })
})

describe('OpenAPI document', () => {
  test('is valid OpenAPI 3.1.0, with the licence and the server from PUBLIC_URL', async () => {
    const { status, body, response } = await call(openapi.loader as Loader, '/api/v1/openapi.json')
    expect(status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(body.openapi).toBe('3.1.0')
    expect(body.info.license).toEqual({ name: 'Licence Ouverte 2.0 (Etalab)', identifier: 'etalab-2.0' })
    expect(body.servers).toEqual([{ url: 'http://localhost:3000/api/v1', description: 'Essaim' }])
    expect(Object.keys(body.paths).sort()).toEqual(['/events', '/groups', '/resources', '/resources/{slug}', '/search', '/structures', '/territories'])
    // OpenAPI 3.1 has no `nullable`: null is a type of the list.
    expect(JSON.stringify(body)).not.toContain('"nullable"')
    for (const name of ['Resource', 'ResourceSummary', 'Event', 'Structure']) expect(body.components.schemas[name].additionalProperties, name).toBe(false)
    expect(JSON.stringify(body)).not.toContain('allOf')
    const result = await validate(structuredClone(body))
    expect(result.valid, JSON.stringify(result)).toBe(true)
  })

  test('the parser refuses a broken document (the validation can fail)', async () => {
    const { body } = await call(openapi.loader as Loader, '/api/v1/openapi.json')
    body.paths['/groups'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Absent' }
    expect((await validate(body)).valid).toBe(false)
  })

  test('the search answer matches its schema', async () => {
    const { status, body } = await call(searchApi.loader as Loader, '/api/v1/search?q=appel')
    expect(status).toBe(200)
    SearchResultSchema.parse(body)
  })
})

describe('/ressources.csv', () => {
  test('a CSV parser reads it back: BOM, `;`, the documented columns, the API’s values', async () => {
    const response = await resourcesCsv.loader()
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="essaim-ressources.csv"')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(Buffer.from(bytes), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0])).toEqual([...RESOURCE_CSV_COLUMNS])
    const api = await allPages(resourcesApi.loader as Loader, '/api/v1/resources', ResourcePageSchema)
    expect(rows.map((r) => r.slug).sort()).toEqual(api.map((r) => r.slug).sort())
    const open = rows.find((r) => r.slug === publicSlug)
    const fromApi = api.find((r) => r.slug === publicSlug)
    expect(open).toMatchObject({
      title: fromApi?.title,
      territory: 'calaisis',
      deadline: fromApi?.deadline,
      fundingState: 'open',
      themes: fromApi?.themes.map((t) => t.slug).join('|'),
      url: `http://localhost:3000/ressources/${publicSlug}`,
    })
  })

  test('formulas are neutralised: a cell never starts with = + - @', async () => {
    const text = await (await resourcesCsv.loader()).text()
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[]
    const formula = rows.find((r) => r.slug === formulaSlug)
    expect(formula?.title).toBe(`'=HYPERLINK("http://pirate.example","clic")`)
    expect(formula?.summary).toBe(`'+33 6 00 00 00 00 ; -2+3 ; @SUM(A1) « guillemets " »`)
    for (const row of [...rows, ...(parse((await (await structuresCsv.loader()).text()), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[])]) {
      for (const cell of Object.values(row)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/)
    }
  })
})

describe('no private item in any endpoint nor in the CSV', () => {
  test('members-only, group-only, draft, pending resources and members or group-only events', async () => {
    const texts: string[] = []
    for (const headers of [undefined, { Cookie: memberCookie }]) {
      texts.push(JSON.stringify(await allPages(resourcesApi.loader as Loader, '/api/v1/resources', ResourcePageSchema, headers)))
      texts.push(JSON.stringify(await allPages(resourcesApi.loader as Loader, '/api/v1/resources?territoire=calaisis', ResourcePageSchema, headers)))
      texts.push(JSON.stringify(await allPages(eventsApi.loader as Loader, '/api/v1/events', EventPageSchema, headers)))
      texts.push(JSON.stringify(await allPages(eventsApi.loader as Loader, '/api/v1/events?passes=oui', EventPageSchema, headers)))
      texts.push(JSON.stringify(await allPages(groupsApi.loader as Loader, '/api/v1/groups', GroupPageSchema, headers)))
    }
    texts.push(await (await resourcesCsv.loader()).text())
    const all = texts.join('\n')
    // The test can fail: the public ones are there.
    expect(all).toContain(publicSlug)
    expect(all).toContain(publicEventId)
    for (const word of [...Object.values(SECRET), ...privateSlugs, ...privateEventIds]) expect(all.includes(word), word).toBe(false)
    // A hidden group is neither listed nor named as an event's organiser.
    expect(all.includes(hiddenGroupSlug)).toBe(false)
  })
})
