import { expect, test } from './fixtures.ts'

// Guidance for newcomers in the browser (issue 15), with and without JavaScript: the home page explains the ESS with
// its figures as a chart and a data table, the pathways list and a pathway's steps, the glossary, and a glossary term
// linked from a resource page. axe runs on every page visited (fixtures.ts), including the pages without JavaScript
// (the fixture scans a copy of their markup). Data is made through the modules in the server's database.

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

async function makeData(js: boolean) {
  const { systemActor } = await import('#app/modules/auth/viewer.ts')
  const { addStep, createPathway, setPathwayPublished } = await import('#app/modules/pathways/pathways.server.ts')
  const { textToDoc } = await import('#app/modules/rich-text/rich-text.server.ts')
  const { createTestUser } = await import('#tests/factories/users.ts')
  const { createTestResource } = await import('#tests/factories/resources.ts')
  const actor = systemActor('e2e')
  const author = await createTestUser()
  const tag = `${suffix}${js ? 'a' : 'b'}`
  const resource = await createTestResource({
    author,
    type: 'bonne-pratique',
    overrides: {
      title: `Passer en SCIC, retour d’expérience ${tag}`,
      body: JSON.stringify(textToDoc('Notre association est devenue une SCIC en 2024 : voici les étapes.\n\nLa SCIC associe salariés et usagers.')),
    },
  })
  const created = await createPathway({ actor, input: { title: `Parcours guidé ${tag}`, intro: textToDoc('Deux étapes pour commencer.') } })
  if (!created.ok) throw new Error('create pathway')
  const steps = [
    await addStep({ pathwayId: created.pathway.id, actor, input: { target: `/ressources/${resource.slug}` } }),
    await addStep({ pathwayId: created.pathway.id, actor, input: { target: 'https://www.pasdecalais.fr/', linkTitle: 'Le site du Département' } }),
  ]
  if (steps.some((step) => !step.ok)) throw new Error(`add steps: ${JSON.stringify(steps)}`)
  await setPathwayPublished({ id: created.pathway.id, actor, publish: true })
  return { resource, pathway: created.pathway }
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'avec JavaScript' : 'sans JavaScript', () => {
    test.use({ javaScriptEnabled })

    test('l’accueil explique l’ESS, ses chiffres en graphique et en tableau', async ({ page }) => {
      await page.goto('/')
      await expect(page.getByRole('heading', { level: 2, name: 'Qu’est-ce que l’ESS ?' })).toBeVisible()
      const figures = page.getByRole('region', { name: 'L’ESS dans le Pas-de-Calais' })
      await expect(figures.getByRole('img').first()).toBeVisible()
      // The data tables sit in a native <details> (it opens without JavaScript too); axe scans it opened.
      await figures.getByText('Les chiffres en tableaux').click()
      await expect(figures.getByRole('table', { name: /par forme juridique/ })).toContainText('81')
      await expect(figures.getByRole('table', { name: /par forme juridique/ })).toContainText('Associations')
      await expect(page.getByRole('region', { name: 'Neuf territoires' }).getByRole('link')).toHaveCount(9)
    })

    test('un parcours se lit sans compte et un terme mène au glossaire', async ({ page }) => {
      const { resource, pathway } = await makeData(javaScriptEnabled)
      await page.goto('/parcours')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parcours')
      await page.getByRole('link', { name: pathway.title }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(pathway.title)
      await page.getByRole('link', { name: resource.title }).first().click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(resource.title)
      // The term is linked once, at its first appearance in the body, never in the heading.
      const term = page.locator('a.glossary-term[href="/glossaire#scic"]')
      await expect(term).toHaveCount(1)
      await expect(page.getByRole('heading', { level: 1 }).locator('a')).toHaveCount(0)
      await term.click()
      await expect(page).toHaveURL(/\/glossaire#scic$/)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossaire de l’ESS')
      await expect(page.locator('#scic')).toContainText('Société coopérative d’intérêt collectif')
    })
  })
}

test.describe('sans JavaScript, pour qui construit un parcours', () => {
  test.use({ javaScriptEnabled: false })

  test('créer un parcours : message en français, saisie gardée, puis le brouillon', async ({ page, login }) => {
    await login({ role: 'admin' })
    await page.goto('/parcours/nouveau')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer un parcours')
    const title = `Parcours sans script ${suffix}`
    await page.getByLabel('Titre').fill(title)
    await page.getByRole('button', { name: 'Créer le brouillon' }).click()
    // No introduction: refused in French, the title typed is still there.
    await expect(page.getByRole('alert').first()).toContainText('corrigez')
    await expect(page.getByLabel('Titre')).toHaveValue(title)
    await page.getByLabel(/Introduction/).fill('Un parcours écrit sans JavaScript.')
    await page.getByRole('button', { name: 'Créer le brouillon' }).click()
    await expect(page).toHaveURL(/\/parcours\/[^/]+\/modifier/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title)
  })
})
