import { expect, test } from './fixtures.ts'

test('la liste des territoires mène à la page d’un territoire', async ({ page }) => {
  await page.goto('/territoires')
  const table = page.getByRole('table', { name: /neuf territoires/ })
  await expect(table.getByRole('rowheader')).toHaveCount(10) // nine territories + the total row
  await table.getByRole('link', { name: 'Audomarois' }).click()
  await expect(page).toHaveURL(/\/territoires\/audomarois$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Territoire Audomarois')
  await expect(page.getByRole('main')).toContainText('Saint-Omer')
})

test('un territoire inconnu est une page 404', async ({ page }) => {
  const response = await page.goto('/territoires/atlantide')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable')
})

test('la liste de communes au clavier : « saint om », ↓, Entrée, envoi → Audomarois', async ({ page }) => {
  await page.goto('/territoires')
  const input = page.getByRole('combobox', { name: /Commune/ })
  await expect(input).toHaveAttribute('aria-expanded', 'false')
  await input.click()
  await input.pressSequentially('saint om', { delay: 30 })
  const listbox = page.getByRole('listbox', { name: 'Communes proposées' })
  await expect(listbox).toBeVisible()
  await expect(input).toHaveAttribute('aria-expanded', 'true')
  await expect(listbox.getByRole('option').first()).toContainText('Saint-Omer')
  await input.press('ArrowDown')
  await expect(listbox.getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
  await expect(input).toHaveAttribute('aria-activedescendant', /option-0$/)
  await input.press('Enter')
  await expect(listbox).toBeHidden()
  await expect(input).toHaveValue(/^Saint-Omer/)
  await expect(input).toBeFocused()
  await page.getByRole('button', { name: 'Voir son territoire' }).click()
  await expect(page).toHaveURL(/\/territoires\/audomarois\?commune=62765/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Territoire Audomarois')
})

test.describe('sans JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('un nom exact mène au territoire de la commune', async ({ page }) => {
    await page.goto('/territoires')
    await page.getByRole('textbox', { name: /Commune/ }).fill('Saint-Omer')
    await page.getByRole('button', { name: 'Voir son territoire' }).click()
    await expect(page).toHaveURL(/\/territoires\/audomarois\?commune=62765/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Territoire Audomarois')
  })

  test('un début de nom propose des communes, avec le message d’erreur près du champ', async ({ page }) => {
    await page.goto('/territoires')
    const input = page.getByRole('textbox', { name: /Commune/ })
    await input.fill('saint om')
    await page.getByRole('button', { name: 'Voir son territoire' }).click()
    await expect(page).toHaveURL(/\/territoires\?/)
    await expect(input).toHaveValue('saint om')
    await expect(input).toHaveAttribute('aria-invalid', 'true')
    await page.getByRole('link', { name: /^Saint-Omer \(62500\)/ }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Territoire Audomarois')
  })
})
