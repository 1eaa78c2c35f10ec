import { db } from './db.ts'
import { expect, test } from './fixtures.ts'

// Search in the browser: the page with and without JavaScript, and the header combobox, with axe on every page
// (fixtures.ts). Resources are written straight into the server's database with their outbox row; the server's
// indexer picks them up on its interval.

// Each Playwright worker loads this file and inserts its own documents: the word must be unique per worker, so that
// one worker's suggestions and counts never include the other's documents.
const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')
const word = `apiculture${suffix}`

// In fully parallel mode a worker may run this file's beforeAll again for another of its tests: insert once per worker
// (this module, and so `word`, lives as long as the worker), or the documents would be there twice.
let inserted = false

test.beforeAll(async () => {
  if (inserted) return
  inserted = true
  const { insertTestResource } = await import('#tests/helpers/search-resources.ts')
  await insertTestResource({ title: `Rucher école ${word} à Arras`, summary: `Un rucher partagé pour apprendre l’${word}.`, territory: 'arrageois' })
  await insertTestResource({ title: `Miel et ${word} solidaire`, summary: 'Vente en épicerie solidaire.', territory: 'lens-lievin', type: 'formation' })
  await insertTestResource({ title: `Réservé ${word} membres`, visibility: 'members', territory: 'lens-lievin' })
  await expect
    .poll(async () => (await db.selectFrom('searchOutbox').select('id').execute()).length, { timeout: 20_000 })
    .toBe(0)
})

test('la page de recherche trouve, filtre par facette et annonce le nombre de résultats', async ({ page }) => {
  await page.goto(`/recherche?q=${word}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recherche')
  await expect(page.getByRole('status').filter({ hasText: 'résultats' })).toContainText(`2 résultats pour « ${word} »`)
  await expect(page.getByRole('main')).not.toContainText('Réservé')
  await page.getByRole('checkbox', { name: /Lens-Liévin/ }).check()
  await expect(page).toHaveURL(/territory=lens-lievin/)
  await expect(page.getByRole('status').filter({ hasText: 'résultat' })).toContainText('1 résultat')
  await expect(page.getByRole('heading', { level: 3 })).toContainText('Miel et')
})

test('les résultats suivent la saisie et l’adresse reste partageable', async ({ page }) => {
  await page.goto('/recherche')
  await page.getByRole('searchbox', { name: 'Mots-clés' }).fill(`rucher ${word}`)
  await expect(page).toHaveURL(new RegExp(`q=rucher\\+${word}`))
  // The URL changes as the navigation commits, a moment before React renders its results: wait for the count.
  await expect(page.getByRole('status').filter({ hasText: 'résultat' })).toContainText(`1 résultat pour « rucher ${word} »`)
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(/Rucher école/)
})

test('aucune réponse : une page qui aide', async ({ page }) => {
  await page.goto('/recherche?q=zzqxw')
  await expect(page.getByRole('status').filter({ hasText: 'Aucun' })).toHaveText('Aucun résultat')
  await expect(page.getByRole('heading', { name: 'Parcours fréquents' })).toBeVisible()
})

test('la boîte de recherche de l’en-tête propose des titres au clavier', async ({ page }) => {
  await page.goto('/')
  const input = page.getByRole('combobox', { name: 'Rechercher sur Essaim' })
  await input.click()
  // All but the last letter: the last word is matched as a prefix while typing.
  await input.pressSequentially(word.slice(0, -1), { delay: 30 })
  const listbox = page.getByRole('listbox', { name: 'Suggestions' })
  await expect(listbox).toBeVisible()
  await expect(listbox.getByRole('option')).toHaveCount(2)
  await input.press('ArrowDown')
  await expect(input).toHaveAttribute('aria-activedescendant', /-0$/)
  await input.press('Escape')
  await expect(listbox).toBeHidden()
  await input.press('Enter')
  await expect(page).toHaveURL(/\/recherche\?q=/)
})

test.describe('sans JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('le formulaire et les filtres fonctionnent', async ({ page }) => {
    await page.goto('/recherche')
    await page.getByRole('searchbox', { name: 'Mots-clés' }).fill(word)
    await page.getByRole('button', { name: 'Rechercher' }).last().click()
    await expect(page.getByRole('status').filter({ hasText: 'résultats' })).toContainText('2 résultats')
    await page.getByRole('checkbox', { name: /Arrageois/ }).check()
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click()
    await expect(page).toHaveURL(/territory=arrageois/)
    await expect(page.getByRole('heading', { level: 3 })).toContainText('Rucher école')
  })
})
