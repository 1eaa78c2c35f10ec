import { describe, expect, test } from 'vitest'
import { createTestResource, resourceValues } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, pageGet } from '#tests/helpers/remix-app.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import * as readingPage from './ressources.$slug._index/route.tsx'
import * as listPage from './ressources._index.tsx'
import * as newPage from './ressources.nouvelle/route.tsx'

// The reading page renders what was written: facts only when there are some, steps as a numbered list, sessions
// placed from the training's format, French dates (« 1er », « 9 h », « Du 10 au 11 février 2027 »).

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const asRoute = (module: unknown) => module as RouteModule

const app = createTestApp({
  'routes/ressources._index': { path: 'ressources', module: asRoute(listPage) },
  'routes/ressources.nouvelle': { path: 'ressources/nouvelle', module: asRoute(newPage) },
  'routes/ressources.$slug._index': { path: 'ressources/:slug', module: asRoute(readingPage) },
})

async function visible(response: Response) {
  expect(response.status).toBe(200)
  return (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<!-- -->/g, '')
}

async function read(slug: string) {
  return visible(await app(pageGet(`/ressources/${slug}`)))
}

describe('the reading page renders what was written', () => {
  test('an initiative without its optional facts has no « en bref » section (no heading over an empty list)', async () => {
    const author = await createTestUser()
    const bare = await createTestResource({
      author,
      type: 'initiative',
      overrides: { startDate: undefined, partners: undefined, audience: undefined, results: undefined, contact: undefined },
    })
    const html = await read(bare.slug)
    expect(html).not.toContain('L’initiative en bref')
    expect(html).not.toContain('<dl class="resource-facts"></dl>')
    expect(html).not.toContain('resource-facts')

    const full = await read((await createTestResource({ author, type: 'initiative' })).slug)
    expect(full).toContain('<h2 id="titre-initiative">L’initiative en bref</h2>')
    expect(full).toContain('<dt>Lancement</dt><dd><time dateTime="2025-09-01">1er septembre 2025</time></dd>')
  })

  test('a training without any optional fact keeps its sessions but shows no empty list of facts', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({ author, type: 'formation', overrides: { format: 'distanciel', duration: undefined, cost: undefined, fundingOptions: [], registrationUrl: undefined } })
    const html = await read(resource.slug)
    // Provider and format are required: the list is there, with only what was given.
    expect(html).toContain('<dt>Format</dt><dd>Distanciel</dd>')
    expect(html).not.toContain('<dt>Coût</dt>')
    expect(html).not.toContain('<dl class="resource-facts"></dl>')
  })

  test('a best practice’s steps (one per line) are an ordered list; a typed number or dash is not repeated', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({
      author,
      type: 'bonne-pratique',
      overrides: { steps: '1. Faire un diagnostic\n2) Réunir un collectif\n- Trouver un local\n\nOuvrir', conditions: 'Un local.\nDes bénévoles.' },
    })
    const html = await read(resource.slug)
    const steps = html.slice(html.indexOf('<h2 id="titre-etapes">'))
    expect(steps).toMatch(
      /^<h2 id="titre-etapes">Étapes<\/h2><ol><li>Faire un diagnostic<\/li><li>Réunir un collectif<\/li><li>Trouver un local<\/li><li>Ouvrir<\/li><\/ol><\/section>/,
    )
    // Other texts stay paragraphs.
    expect(html).toContain('<h2 id="titre-conditions">Conditions de transfert</h2><p>Un local.</p><p>Des bénévoles.</p>')
  })

  test('sessions: « Du 10 au 11 février 2027, à Arras »; without a commune, « à distance » only for an online training', async () => {
    const author = await createTestUser()
    const sessions = [
      { startsOn: '2027-02-10', endsOn: '2027-02-11', commune: 'Arras' },
      { startsOn: '2027-02-28', endsOn: '2027-03-01', commune: '' },
      { startsOn: '2027-03-01', endsOn: '2027-03-01', commune: '' },
    ]
    const onsite = await read((await createTestResource({ author, type: 'formation', overrides: { format: 'presentiel', sessions } })).slug)
    expect(onsite).toContain('<li>Du <time dateTime="2027-02-10">10</time> au <time dateTime="2027-02-11">11 février 2027</time>, à Arras</li>')
    expect(onsite).toContain('<li>Du <time dateTime="2027-02-28">28 février</time> au <time dateTime="2027-03-01">1er mars 2027</time> (lieu à préciser)</li>')
    expect(onsite).toContain('<li>Le <time dateTime="2027-03-01">1er mars 2027</time> (lieu à préciser)</li>')
    expect(onsite).not.toContain('à distance')

    const online = await read((await createTestResource({ author, type: 'formation', overrides: { format: 'distanciel', sessions } })).slug)
    expect(online).toContain('<li>Le <time dateTime="2027-03-01">1er mars 2027</time> (à distance)</li>')
    const hybrid = await read((await createTestResource({ author, type: 'formation', overrides: { format: 'hybride', sessions } })).slug)
    expect(hybrid).toContain('<li>Le <time dateTime="2027-03-01">1er mars 2027</time></li>')
  })

  test('a funding call: « 1er mars 2027 à 9 h », « 12 h 30 (heure de Paris) », in the page and in the list', async () => {
    const author = await createTestUser()
    const resource = await createTestResource({
      author,
      overrides: { title: 'Appel du premier mars', openingDate: '2027-03-01T09:00', deadline: '2027-04-01T12:30' },
    })
    const html = await read(resource.slug)
    expect(html).toContain('>1er mars 2027 à 9\u00a0h</time>')
    expect(html).toContain('>1er avril 2027 à 12\u00a0h\u00a030 (heure de Paris)</time>')
    expect(html).toContain('<dt>Cofinancement</dt><dd>60\u00a0%</dd>')
    expect(html).not.toMatch(/\b0\d\u00a0h/)
    const list = await visible(await app(pageGet('/ressources?type=financement-europeen')))
    expect(list).toContain('1er avril 2027 à 12\u00a0h\u00a030')
  })
})

describe('the training form’s error summary', () => {
  test('says which session is wrong: « Session 2, commune : … »', async () => {
    const user = await createTestUser()
    const cookie = (await createSession(user.id)).cookie.split(';')[0]
    const values = resourceValues('formation', {
      sessions: [
        { startsOn: '2027-02-10', endsOn: '2027-02-11', commune: 'Arras' },
        { startsOn: '2027-03-10', endsOn: '2027-03-11', commune: 'Nulle-Part-sur-Mer' },
      ],
    })
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries({ ...values, intent: 'publish' })) {
      if (Array.isArray(value)) {
        value.forEach((item, index) => {
          if (item && typeof item === 'object') for (const [k, v] of Object.entries(item)) body.append(`${key}[${index}].${k}`, String(v))
          else body.append(key, String(item))
        })
      } else if (value !== undefined) body.append(key, String(value))
    }
    const response = await app(
      new Request('http://localhost:3000/ressources/nouvelle?type=formation', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000', host: 'localhost:3000', cookie },
        body,
      }),
    )
    expect(response.status).toBe(400)
    const html = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<!-- -->/g, '')
    const summary = html.slice(html.indexOf('class="error-summary"'), html.indexOf('</ul>', html.indexOf('class="error-summary"')))
    expect(summary).toContain('Session 2, commune : Cette commune du Pas-de-Calais est introuvable.')
    expect(summary).not.toContain('>Session :')
  })
})
