import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { addTestGroupMember, createTestGroup, territoryGroup } from '#tests/factories/group-pages.ts'
import { datedEvent, datedResource } from '#tests/factories/indicators.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'
import * as csvRoute from './indicateurs.$table[.csv].ts'
import * as page from './indicateurs._index.tsx'

// /indicateurs and its CSV files through the real route modules: who gets which dashboard, the filters (French 400
// keeping what was typed), the CSV files (BOM, `;`, formulas escaped, parsed back), and nothing private in the public
// summary. Data in June 2021: no other test writes there.

const app = createTestApp({
  'routes/indicateurs._index': { path: 'indicateurs', index: true, module: page as unknown as TestRoute['module'] },
  'routes/indicateurs.$table[.csv]': { path: 'indicateurs/:table.csv', module: csvRoute as unknown as TestRoute['module'] },
})
const decode = (html: string) => html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')
const at = (day: string) => new Date(`${day}T10:00:00.000Z`).toISOString()
const JUNE = 'periode=2021-06'

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function get(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  const text = await readPage(response)
  return { status: response.status, headers: response.headers, visible: decode(text.visible), body: text.full }
}

function csvRows(body: string): string[][] {
  return parse(body, { delimiter: ';', bom: true, relax_column_count: false })
}

let secretGroup: { id: string }
beforeAll(async () => {
  // Public: 6 initiatives in the Calaisis, in June 2021. Private: 3 initiatives for a hidden group, 2 for members, 1
  // draft; an event for that group's members only; a public event.
  for (let i = 0; i < 6; i++) await datedResource(at('2021-06-10'), 'calaisis')
  secretGroup = await createTestGroup({ hidden: true, name: 'Groupe confidentiel des indicateurs' })
  for (let i = 0; i < 3; i++) {
    const r = await datedResource(at('2021-06-11'), 'calaisis', { visibility: 'group' })
    await db.deleteFrom('resourceGroups').where('resourceId', '=', r.id).execute()
    await db.insertInto('resourceGroups').values({ resourceId: r.id, groupId: secretGroup.id }).execute()
  }
  for (let i = 0; i < 2; i++) await datedResource(at('2021-06-12'), 'calaisis', { visibility: 'members' })
  await datedResource(at('2021-06-12'), 'calaisis', { status: 'draft' })
  for (let i = 0; i < 5; i++) await datedEvent(at('2021-06-15'), 'calaisis', { visibility: 'group', groupId: secretGroup.id, registrations: ['registered'] })
  for (let i = 0; i < 5; i++) await datedEvent(at('2021-06-16'), 'calaisis', { registrations: ['registered'] })
  // A search without results that a spreadsheet would run as a formula (week 24 of 2021: Thursday 17 June).
  await db
    .insertInto('searchQueryStats')
    .values({ week: '2021-W24', query: '=HYPERLINK("https://exemple.fr";"clic")', searches: 7, zeroResults: 7 })
    .execute()
})

describe('/indicateurs: who sees what', () => {
  test('anonymous visitors and members get the public summary; full-only tables are not there', async () => {
    const member = await login()
    for (const cookie of [undefined, member.cookie]) {
      const page = await get(`/indicateurs?${JUNE}`, cookie)
      expect(page.status).toBe(200)
      expect(page.visible).toContain('<h1>Indicateurs du réseau</h1>')
      expect(page.visible).toContain('Le résumé public des chiffres du réseau')
      expect(page.visible).toContain('<h3 id="ressources">Ressources publiées, par type</h3>')
      expect(page.visible).not.toContain('Relecture des premières contributions')
      expect(page.visible).not.toContain('Recherches sans résultat')
      expect(page.visible).not.toContain('HYPERLINK')
      expect(page.visible).toContain('« moins de 5 »')
      expect(page.visible).toMatch(/<svg class="chart"[^>]*role="img"/)
      expect(page.visible).toContain('>Ressources publiées, par type — tout le réseau, juin 2021</caption>')
      expect(page.visible).toContain('<th scope="row">juin 2021</th><td>0</td><td>6</td><td>0</td><td>0</td>')
      expect(page.visible).toContain('href="/indicateurs/ressources.csv?territoire=&periode=2021-06"')
    }
  })

  test('coordinators and admins get the full dashboard', async () => {
    const coordinator = await login()
    await addTestGroupMember((await territoryGroup('artois')).id, coordinator.user.id, 'coordinator')
    const admin = await login({ role: 'admin' })
    for (const cookie of [coordinator.cookie, admin.cookie]) {
      const page = await get(`/indicateurs?${JUNE}`, cookie)
      expect(page.status).toBe(200)
      expect(page.visible).toContain('Le tableau de bord complet')
      expect(page.visible).toContain('<h3 id="relecture">Relecture des premières contributions</h3>')
      expect(page.visible).toContain('<h3 id="recherches-sans-resultat">Recherches sans résultat</h3>')
    }
    // The admin reads every audience: 6 + 3 + 2 initiatives (never the draft).
    const adminPage = await get(`/indicateurs?territoire=calaisis&${JUNE}`, admin.cookie)
    expect(adminPage.visible).toContain('<th scope="row">juin 2021</th><td>0</td><td>11</td>')
  })

  test('bad filters: a French 400 that keeps what was typed', async () => {
    const page = await get('/indicateurs?territoire=atlantide&periode=2021-13')
    expect(page.status).toBe(400)
    expect(page.visible).toContain('Cette période n’existe pas')
    expect(page.visible).toContain('Ce territoire n’existe pas')
    expect(page.visible).toContain('« atlantide »')
    expect(page.visible).toContain('value="2021-13"')
    expect(page.visible).toContain('novalidate')
    expect(page.visible).not.toContain('<h3 id="membres">')
  })
})

describe('the public summary counts nothing private', () => {
  test('group-only and members-only resources, drafts, a hidden group’s events: not in the page nor the CSV', async () => {
    const page = await get(`/indicateurs?territoire=calaisis&${JUNE}`)
    expect(page.visible).toContain('>Ressources publiées, par type — Calaisis, juin 2021</caption>')
    expect(page.visible).toContain('<th scope="row">juin 2021</th><td>0</td><td>6</td><td>0</td><td>0</td>')
    const resources = await get(`/indicateurs/ressources.csv?territoire=calaisis&${JUNE}`)
    expect(csvRows(resources.body)[1]).toEqual(['Calaisis', '2021-06', '0', '6', '0', '0'])
    // Events: the 5 public ones and their 5 participants; not the 5 for the hidden group.
    const events = await get(`/indicateurs/evenements.csv?territoire=calaisis&${JUNE}`)
    expect(csvRows(events.body)[1]).toEqual(['Calaisis', '2021-06', '5', '5'])
    expect(page.visible).not.toContain('Groupe confidentiel')
  })
})

describe('/indicateurs/<table>.csv', () => {
  test('a public table: BOM, `;`, French headers, the file name of the period; parsed back it matches the page', async () => {
    const response = await app(pageGet(`/indicateurs/ressources.csv?territoire=&${JUNE}`))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="essaim-indicateurs-ressources-2021-06.csv"')
    const bytes = new Uint8Array(await response.clone().arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const body = await response.text()
    // (text() drops the BOM checked above.)
    expect(body.split('\r\n')[0]).toBe('Territoire;Mois (AAAA-MM);Financement européen;Initiative;Bonne pratique;Formation')
    expect(csvRows(body)).toEqual([
      ['Territoire', 'Mois (AAAA-MM)', 'Financement européen', 'Initiative', 'Bonne pratique', 'Formation'],
      ['Tout le réseau', '2021-06', '0', '6', '0', '0'],
    ])
  })

  test('small counts are « < 5 » in the file too; twelve months give twelve lines', async () => {
    const response = await get(`/indicateurs/evenements.csv?territoire=calaisis&periode=2020-07_2021-06`)
    expect(response.headers.get('content-disposition')).toContain('essaim-indicateurs-evenements-2020-07_2021-06.csv')
    const rows = csvRows(response.body)
    expect(rows).toHaveLength(13)
    expect(rows[12]).toEqual(['Calaisis', '2021-06', '5', '5'])
    const members = csvRows((await get(`/indicateurs/parcours.csv?territoire=calaisis&${JUNE}`)).body)
    expect(members[0]).toEqual(['Territoire', 'Mois (AAAA-MM)', 'Parcours commencés', 'Parcours terminés'])
  })

  test('a full table: 404 for anonymous visitors and members, the file for an admin with the formula escaped', async () => {
    const member = await login()
    expect((await get(`/indicateurs/recherches-sans-resultat.csv?${JUNE}`)).status).toBe(404)
    expect((await get(`/indicateurs/relecture.csv?${JUNE}`, member.cookie)).status).toBe(404)
    expect((await get(`/indicateurs/inconnu.csv?${JUNE}`)).status).toBe(404)
    const admin = await login({ role: 'admin' })
    const response = await get(`/indicateurs/recherches-sans-resultat.csv?${JUNE}`, admin.cookie)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const rows = csvRows(response.body)
    expect(rows[0]).toEqual(['Territoire', 'Recherche', 'Fois sans résultat'])
    expect(rows[1]).toEqual(['Tout le réseau', `'=HYPERLINK("https://exemple.fr";"clic")`, '7'])
  })

  test('bad filters: a French 400', async () => {
    const response = await get('/indicateurs/membres.csv?periode=juin')
    expect(response.status).toBe(400)
    expect(response.body).toContain('Cette période n’existe pas')
  })
})
