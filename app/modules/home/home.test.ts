import { beforeAll, describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { resetSearchEngine } from '#app/modules/search/engine.server.ts'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import * as home from '#app/routes/_index.tsx'
import { getSqlite } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { insertTestResource } from '#tests/helpers/search-resources.ts'
import { type TestRoute, createTestApp, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import { jobsChart, legalFormsChart } from './ess-figures.server.ts'

// The home page (issue 15) from a known seed: exact open calls (closing soonest first, public only when signed out),
// exact upcoming events, the charts' SVG with title, desc and values, and the table alternative.

const app = createTestApp({ 'routes/_index': { index: true, module: home as unknown as TestRoute['module'] } })
const day = 24 * 3600 * 1000
const at = (days: number) => new Date(Date.now() + days * day).toISOString()

async function page(cookie?: string) {
  const response = await app(pageGet('/', cookie))
  expect(response.status).toBe(200)
  return readPage(response)
}

describe('the home page', () => {
  let cookie: string
  beforeAll(async () => {
    getSqlite().exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox; delete from events;")
    resetSearchEngine()
    const call = { type: 'financement-europeen' as const, openingDate: at(-10) }
    await insertTestResource({ ...call, title: 'Appel FSE+ inclusion', deadline: at(20) })
    await insertTestResource({ ...call, title: 'Appel LEADER Ternois', deadline: at(5) })
    await insertTestResource({ ...call, title: 'Appel réservé aux membres', deadline: at(2), visibility: 'members' })
    await insertTestResource({ ...call, title: 'Appel clôturé', deadline: at(-1) })
    await insertTestResource({ ...call, title: 'Appel à venir', openingDate: at(3), deadline: at(30) })
    await insertTestResource({ title: 'Une initiative sans date' })
    await drainSearchOutbox()
    await createTestEvent({ title: 'Plénière du CDESS', startsAt: at(7), endsAt: at(7.1) })
    await createTestEvent({ title: 'Séance réservée aux membres', startsAt: at(4), endsAt: at(4.1), visibility: 'members' })
    await createTestEvent({ title: 'Séance passée', startsAt: at(-4), endsAt: at(-3.9) })
    const user = await createTestUser()
    cookie = (await createSession(user.id)).cookie.split(';')[0]
  })

  test('signed out: the public open calls, closing soonest first; the public upcoming events', async () => {
    const { visible } = await page()
    const calls = visible.slice(visible.indexOf('id="titre-appels"'), visible.indexOf('id="titre-evenements"'))
    expect([...calls.matchAll(/<h3><a [^>]*href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1])).toEqual(['Appel LEADER Ternois', 'Appel FSE+ inclusion'])
    expect(calls).toContain('Clôture le ')
    const events = visible.slice(visible.indexOf('id="titre-evenements"'), visible.indexOf('id="titre-territoires"'))
    expect([...events.matchAll(/<h3><a [^>]*href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1])).toEqual(['Plénière du CDESS'])
  })

  test('signed in: the members-only call and event too', async () => {
    const { visible } = await page(cookie)
    const calls = visible.slice(visible.indexOf('id="titre-appels"'), visible.indexOf('id="titre-evenements"'))
    expect([...calls.matchAll(/<h3><a [^>]*href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1])).toEqual([
      'Appel réservé aux membres',
      'Appel LEADER Ternois',
      'Appel FSE+ inclusion',
    ])
    const events = visible.slice(visible.indexOf('id="titre-evenements"'), visible.indexOf('id="titre-territoires"'))
    expect([...events.matchAll(/<h3><a [^>]*href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1])).toEqual(['Séance réservée aux membres', 'Plénière du CDESS'])
  })

  test('what the ESS is, its five values, the search box, the nine territories; no empty « Par où commencer ? »', async () => {
    const { visible } = await page()
    expect(visible).toContain('<h1 id="titre-accueil">')
    expect(visible).toContain('Qu’est-ce que l’ESS ?')
    expect(visible.match(/<ol class="ess-values">([\s\S]*?)<\/ol>/)?.[1].match(/<li>/g)).toHaveLength(5)
    expect(visible).toContain('<form method="get" action="/recherche" class="home-search"')
    expect(visible).toContain('<label for="recherche-accueil">')
    expect(visible.match(/href="\/territoires\/[a-z-]+"/g)).toHaveLength(9)
    expect(visible).not.toContain('Par où commencer')
  })

  test('the charts: SVG images with title, desc and values, and the data tables', async () => {
    const { visible } = await page()
    expect(visible.match(/<svg class="chart"[^>]*role="img"/g)).toHaveLength(2)
    expect(visible).toContain('<title id="graphique-emplois-titre">Part de l’ESS dans l’emploi salarié : 13\u00a0% dans le Pas-de-Calais</title>')
    expect(visible).toContain(
      '<desc id="graphique-formes-desc">Sur les 3\u202f445 établissements employeurs de l’ESS du Pas-de-Calais, 81\u00a0% sont des associations, 15\u00a0% sont des coopératives et 4\u00a0% sont des fondations.</desc>',
    )
    expect(visible).toContain('<th scope="row">Hauts-de-France</th><td>11,3\u00a0%</td>')
    expect(visible).toContain('<th scope="row">Fondations</th><td>4\u00a0%</td>')
  })

  test('the chart geometry: bars proportional to the shares, slices covering the circle', () => {
    const bars = jobsChart().bars
    expect(bars.map((b) => b.valueLabel)).toEqual(['13\u00a0%', '11,3\u00a0%', '9,8\u00a0%'])
    expect(bars[1].width / bars[0].width).toBeCloseTo(11.3 / 13, 5)
    const slices = legalFormsChart().slices
    expect(slices.map((s) => `${s.label} ${s.valueLabel}`)).toEqual(['Associations 81\u00a0%', 'Coopératives 15\u00a0%', 'Fondations 4\u00a0%'])
    expect(slices.every((s) => s.path.startsWith('M'))).toBe(true)
  })
})
