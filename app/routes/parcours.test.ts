import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { addStep, createPathway, setPathwayPublished } from '#app/modules/pathways/pathways.server.ts'
import { textToDoc } from '#app/modules/rich-text/rich-text.server.ts'
import { db } from '#db/client.server.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { PATHWAY_ROUTES } from '#tests/helpers/pathway-routes.ts'
import { createTestApp, formPost, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'
import * as account from './compte._index.tsx'

// The pathway pages through real requests and a real database (issue 15).

const app = createTestApp({ ...PATHWAY_ROUTES, 'routes/compte._index': { path: 'compte', index: true, module: account as unknown as TestRoute['module'] } })
const SYSTEM = systemActor('tests')

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, ...(await readPage(response)) }
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  return { status: response.status, location: response.headers.get('location'), ...(await readPage(response)) }
}

async function publishedPathway(title: string) {
  const author = await createTestUser()
  const open = await createTestResource({ author, type: 'initiative' })
  const members = await createTestResource({ author, type: 'initiative', visibility: 'members' })
  const created = await createPathway({ actor: SYSTEM, input: { title, intro: textToDoc('Pour bien démarrer.'), nextSteps: 'Rejoignez le groupe.' } })
  if (!created.ok) throw new Error('create')
  const a = await addStep({ pathwayId: created.pathway.id, actor: SYSTEM, input: { target: `/ressources/${open.slug}`, note: 'Lisez-la en premier.' } })
  const b = await addStep({ pathwayId: created.pathway.id, actor: SYSTEM, input: { target: `/ressources/${members.slug}` } })
  if (!a.ok || !b.ok) throw new Error('steps')
  await setPathwayPublished({ id: created.pathway.id, actor: SYSTEM, publish: true })
  return { pathway: created.pathway, open, members, stepIds: [a.stepId, b.stepId] }
}

describe('/parcours/:slug', () => {
  test('anonymous visitors follow it, are invited to sign in, and see « Étape réservée aux membres » without its title', async () => {
    const { pathway, open, members } = await publishedPathway('Parcours anonyme')
    const answer = await page(`/parcours/${pathway.slug}`)
    expect(answer.status).toBe(200)
    expect(answer.visible).toContain('<h1>Parcours anonyme</h1>')
    expect(answer.visible).toContain(open.title)
    expect(answer.visible).toContain('Lisez-la en premier.')
    expect(answer.visible).toContain('Étape réservée aux membres')
    expect(answer.full).not.toContain(members.title)
    expect(answer.visible).toContain('Connectez-vous')
    expect(answer.visible).not.toContain('<progress')
    expect((await page('/parcours')).visible).toContain('Parcours anonyme')
  })

  test('a member marks a step done (plain POST), sees « 1 étape sur 2 » and a <progress>, then undoes it', async () => {
    const { pathway, stepIds } = await publishedPathway('Parcours suivi')
    const { cookie } = await login()
    const done = await post(`/parcours/${pathway.slug}`, { intent: 'done', step: stepIds[0] }, cookie)
    expect(done.status).toBe(302)
    expect(done.location).toBe(`/parcours/${pathway.slug}#etape-${stepIds[0]}`)
    const after = await page(`/parcours/${pathway.slug}`, cookie)
    expect(after.visible).toContain('1 étape sur 2')
    expect(after.visible).toMatch(/<progress max="2" value="1"/)
    expect(after.visible).toContain('Pas encore faite')
    const mine = await page('/compte', cookie)
    expect(mine.visible).toContain('Mes parcours')
    expect(mine.visible).toMatch(/Parcours suivi<\/a>.{0,20}1 étape sur 2/)
    await post(`/parcours/${pathway.slug}`, { intent: 'undone', step: stepIds[0] }, cookie)
    expect((await page(`/parcours/${pathway.slug}`, cookie)).visible).toContain('0 étape sur 2')
  })

  test('anonymous POST goes to the log-in page; a draft is a 404 to others', async () => {
    const { pathway, stepIds } = await publishedPathway('Parcours privé ensuite')
    const anonymous = await post(`/parcours/${pathway.slug}`, { intent: 'done', step: stepIds[0] })
    expect(anonymous.location).toMatch(/^\/connexion\?redirectTo=/)
    await setPathwayPublished({ id: pathway.id, actor: SYSTEM, publish: false })
    expect((await page(`/parcours/${pathway.slug}`)).status).toBe(404)
    const { cookie } = await login()
    expect((await page(`/parcours/${pathway.slug}/modifier`, cookie)).status).toBe(404)
    expect((await page('/parcours/nouveau', cookie)).status).toBe(404)
  })
})

describe('building a pathway', () => {
  test('a coordinator creates one (French messages on bad input, typed values kept), adds steps, moves them and publishes', async () => {
    const { user, cookie } = await login()
    const group = await createTestGroup()
    await addTestGroupMember(group.id, user.id, 'coordinator')
    const bad = await post('/parcours/nouveau', { intent: 'save', title: '', introText: 'Une introduction tapée.' }, cookie)
    expect(bad.status).toBe(400)
    expect(bad.visible).toContain('Donnez un titre au parcours.')
    expect(bad.visible).toContain('Une introduction tapée.')
    const created = await post('/parcours/nouveau', { intent: 'save', title: 'Parcours de la coordination', introText: 'Pour qui, pour quoi.', groupId: group.id }, cookie)
    expect(created.status).toBe(302)
    const editUrl = created.location as string
    expect(editUrl).toBe('/parcours/parcours-de-la-coordination/modifier')
    const noStep = await post(editUrl, { intent: 'publish' }, cookie)
    expect(noStep.status).toBe(400)
    expect(noStep.visible).toContain('Ajoutez au moins une étape avant de publier le parcours.')
    const badStep = await post(editUrl, { intent: 'add-step', target: 'https://www.exemple.fr/guide', linkTitle: '', note: 'À lire' }, cookie)
    expect(badStep.status).toBe(400)
    expect(badStep.visible).toContain('Donnez un titre au lien')
    expect(badStep.visible).toContain('https://www.exemple.fr/guide')
    const resource = await createTestResource({ author: user, type: 'initiative' })
    expect((await post(editUrl, { intent: 'add-step', target: 'https://www.exemple.fr/guide', linkTitle: 'Le guide', note: '' }, cookie)).status).toBe(302)
    expect((await post(editUrl, { intent: 'add-step', target: `/ressources/${resource.slug}`, linkTitle: '', note: '' }, cookie)).status).toBe(302)
    const steps = await db.selectFrom('pathwaySteps').innerJoin('pathways', 'pathways.id', 'pathwaySteps.pathwayId').select(['pathwaySteps.id', 'pathwaySteps.kind']).where('pathways.slug', '=', 'parcours-de-la-coordination').orderBy('position').execute()
    expect(steps.map((s) => s.kind)).toEqual(['link', 'resource'])
    expect((await post(editUrl, { intent: 'move-up', step: steps[1].id }, cookie)).status).toBe(302)
    const moved = await db.selectFrom('pathwaySteps').select('id').where('id', 'in', steps.map((s) => s.id)).orderBy('position').execute()
    expect(moved.map((s) => s.id)).toEqual([steps[1].id, steps[0].id])
    const published = await post(editUrl, { intent: 'publish' }, cookie)
    expect(published.location).toBe('/parcours/parcours-de-la-coordination')
    expect((await page('/parcours/parcours-de-la-coordination')).status).toBe(200)
  })
})

describe('the real route tree', () => {
  test('the pathway pages are their own pages, with the paths of PATHWAY_ROUTES', async () => {
    const path = await import('node:path')
    const { flatRoutes } = await import('@remix-run/dev/dist/config/flat-routes.js')
    const routes = flatRoutes(path.resolve('app'), ['**/*.test.ts', '**/*.test.tsx', '**/*.css'])
    for (const [id, route] of Object.entries(PATHWAY_ROUTES)) {
      expect(routes[id]).toMatchObject({ parentId: 'root', path: route.path })
    }
  })
})
