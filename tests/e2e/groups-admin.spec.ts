import { db } from './db.ts'
import { expect, test } from './fixtures.ts'

// Group administration in the browser (issue 12, item 1): an admin creates a thematic group through the form, then
// opens its settings. axe-core scans every page visited (fixtures.ts), with and without JavaScript. Workers share
// one server and one database: every name carries a suffix drawn when the worker loads this file.

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'avec JavaScript' : 'sans JavaScript', () => {
    test.use({ javaScriptEnabled })

    test('un administrateur crée un groupe thématique puis ouvre ses réglages', async ({ page, login }) => {
      await login({ role: 'admin' })
      const name = `Alimentation durable ${suffix} ${javaScriptEnabled ? 'js' : 'html'}`
      await page.goto('/groupes')
      await page.getByRole('link', { name: 'Créer un groupe thématique' }).click()
      await expect(page).toHaveURL(/\/groupes\/nouveau$/)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer un groupe thématique')

      // A hidden group that is not « invitation only » is refused, with what was typed kept.
      await page.getByLabel('Nom du groupe').fill(name)
      await page.getByLabel('Description').fill('Circuits courts, restauration collective, jardins partagés.')
      await page.getByLabel(/^Libre/).check()
      await page.getByLabel('Masquer le groupe').check()
      await page.getByRole('button', { name: 'Créer le groupe' }).click()
      const summary = page.getByRole('alert')
      await expect(summary).toContainText('Un groupe masqué ne s’ouvre que sur invitation')
      await expect(page.getByLabel('Nom du groupe')).toHaveValue(name)

      await page.getByLabel('Masquer le groupe').uncheck()
      await page.getByLabel(/^Sur demande/).check()
      await page.getByRole('button', { name: 'Créer le groupe' }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
      await expect(page.getByText('Le groupe est créé.')).toBeVisible()
      const group = await db.selectFrom('groups').select(['slug', 'joinPolicy', 'hidden']).where('name', '=', name).executeTakeFirstOrThrow()
      expect(group).toMatchObject({ joinPolicy: 'request', hidden: 0 })
      await expect(page).toHaveURL(new RegExp(`/groupes/${group.slug}$`))

      await page.goto(`/groupes/${group.slug}/parametres`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Réglages du groupe « ${name} »`)
      await page.getByLabel('Description').fill('Circuits courts et restauration collective.')
      await page.getByRole('button', { name: 'Enregistrer les réglages' }).click()
      await expect(page.getByText('Les réglages du groupe sont enregistrés.')).toBeVisible()
      await expect(page.getByRole('heading', { level: 2, name: 'Image de couverture' })).toBeVisible()
    })
  })
}

test('les réglages d’un groupe de territoire disent que son nom est fixé', async ({ page, login }) => {
  await login({ role: 'admin' })
  await page.goto('/groupes/calaisis/parametres')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages du groupe « Calaisis »')
  await expect(page.getByRole('main')).toContainText('son nom et l’adresse de sa page viennent du territoire')
  await expect(page.getByLabel('Nom du groupe')).toHaveCount(0)
})

test('une personne qui n’administre pas le site ne trouve pas le formulaire de création', async ({ page, login }) => {
  await login()
  await page.goto('/groupes')
  await expect(page.getByRole('link', { name: 'Créer un groupe thématique' })).toHaveCount(0)
  const response = await page.goto('/groupes/nouveau')
  expect(response?.status()).toBe(404)
})
