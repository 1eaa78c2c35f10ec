import { expect, test } from './fixtures.ts'

// « À la une » in the browser (issue 14 §6): an admin features a resource on the home page from /admin/une and it
// shows on /; axe runs on every page visited (fixtures.ts), /admin/une included, before and after the change. The
// resources are made through the factories in the server's database; titles carry a suffix drawn when the worker
// loads this file.

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

async function makeResources() {
  const { createTestUser } = await import('#tests/factories/users.ts')
  const { createTestResource } = await import('#tests/factories/resources.ts')
  const author = await createTestUser()
  const byAddress = await createTestResource({ author, type: 'initiative', overrides: { title: `Recyclerie du navigateur ${suffix}` } })
  const bySearch = await createTestResource({ author, type: 'bonne-pratique', overrides: { title: `Atelier vélo du navigateur ${suffix}` } })
  return { byAddress, bySearch }
}

test('un administrateur met une ressource à la une de l’accueil et elle y apparaît', async ({ page, login }) => {
  const { byAddress, bySearch } = await makeResources()
  await login({ role: 'admin' })
  await page.goto('/admin/une')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('À la une de l’accueil')

  // By its address, with an end date.
  await page.getByLabel('Adresse de la ressource').fill(`/ressources/${byAddress.slug}`)
  await page.getByLabel('Date de fin (facultatif)', { exact: true }).fill('2099-06-30')
  await page.getByRole('button', { name: 'Mettre à la une', exact: true }).click()
  await expect(page.getByText('La ressource est mise à la une.')).toBeVisible()
  const list = page.getByRole('region', { name: 'Ressources à la une de l’accueil' })
  await expect(list.getByRole('link', { name: byAddress.title })).toBeVisible()
  await expect(list).toContainText('jusqu’au 30 juin 2099 inclus')

  // Already featured: a clear message, the address typed kept.
  await page.getByLabel('Adresse de la ressource').fill(byAddress.slug)
  await page.getByRole('button', { name: 'Mettre à la une', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Cette ressource est déjà à la une.' })).toBeVisible()
  await expect(page.getByLabel('Adresse de la ressource')).toHaveValue(byAddress.slug)

  // By a search on its title, then moved first.
  await page.getByLabel('Ou cherchez-la par son titre').fill(`Atelier vélo du navigateur ${suffix}`)
  await page.getByRole('main').getByRole('button', { name: 'Chercher', exact: true }).click()
  await page.getByRole('button', { name: `Mettre à la une : ${bySearch.title}` }).click()
  await expect(list.getByRole('link', { name: bySearch.title })).toBeVisible()
  await page.getByRole('button', { name: `Monter : ${bySearch.title}` }).click()
  await expect(page.getByText('L’ordre des ressources à la une est modifié.')).toBeVisible()

  await page.goto('/')
  const featured = page.getByRole('region', { name: 'À la une' })
  await expect(featured.getByRole('link', { name: byAddress.title })).toBeVisible()
  await expect(featured.getByRole('link', { name: bySearch.title })).toBeVisible()
  await featured.getByRole('link', { name: byAddress.title }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(byAddress.title)
})

test('/admin/une est introuvable pour qui n’est pas administrateur', async ({ page, login }) => {
  await login()
  const response = await page.goto('/admin/une')
  expect(response?.status()).toBe(404)
})
