import { expect, test } from './fixtures.ts'

test('la page d’accueil présente le réseau et mène aux territoires', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveTitle(/Essaim/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
  await expect(page.getByRole('banner')).toBeVisible()
  await expect(page.getByRole('main')).toBeVisible()
  await expect(page.getByRole('contentinfo')).toBeVisible()
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Territoires' }).click()
  await expect(page).toHaveURL(/\/territoires$/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})
