import { expect, test } from './fixtures.ts'

// Pathways in the browser (issue 15): follow a pathway, mark steps, reload, the progress is kept; axe runs on every
// page visited (fixtures.ts). The pathway is made through the module in the server's database; every title carries a
// suffix drawn when the worker loads this file.

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

async function makePathway() {
  const { systemActor } = await import('#app/modules/auth/viewer.ts')
  const { addStep, createPathway, setPathwayPublished } = await import('#app/modules/pathways/pathways.server.ts')
  const { textToDoc } = await import('#app/modules/rich-text/rich-text.server.ts')
  const { createTestUser } = await import('#tests/factories/users.ts')
  const { createTestResource } = await import('#tests/factories/resources.ts')
  const actor = systemActor('e2e')
  const author = await createTestUser()
  const created = await createPathway({ actor, input: { title: `Parcours du navigateur ${suffix}`, intro: textToDoc('Trois étapes pour commencer.') } })
  if (!created.ok) throw new Error('create')
  for (let i = 0; i < 3; i++) {
    const resource = await createTestResource({ author, type: 'initiative' })
    await addStep({ pathwayId: created.pathway.id, actor, input: { target: `/ressources/${resource.slug}` } })
  }
  await setPathwayPublished({ id: created.pathway.id, actor, publish: true })
  return created.pathway
}

test('on suit un parcours, on coche des étapes, la progression reste après rechargement', async ({ page, login }) => {
  const pathway = await makePathway()
  await page.goto(`/parcours/${pathway.slug}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(pathway.title)
  await expect(page.getByRole('link', { name: 'Connectez-vous' })).toBeVisible()
  await login()
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Parcours' }).click()
  await expect(page).toHaveURL(/\/parcours$/)
  await page.getByRole('link', { name: pathway.title }).click()
  await expect(page.getByText('0 étape sur 3')).toBeVisible()
  await page.getByRole('button', { name: 'J’ai fait cette étape : étape 1' }).click()
  await expect(page.getByText('1 étape sur 3')).toBeVisible()
  await page.getByRole('button', { name: 'J’ai fait cette étape : étape 2' }).click()
  await expect(page.getByText('2 étapes sur 3')).toBeVisible()
  await page.reload()
  await expect(page.getByText('2 étapes sur 3')).toBeVisible()
  await expect(page.locator('progress')).toHaveAttribute('value', '2')
})
