import fs from 'node:fs'
import { expect, test } from './fixtures.ts'

// The indicators in the browser (issue 16): an admin opens the dashboard, filters the Calaisis for last month,
// downloads a table as CSV and reads it back (BOM, `;`); axe runs on every page visited (fixtures.ts). Written for
// the lead to run: not run by the helper that wrote it.

test.describe.configure({ timeout: 180_000 })

async function lastMonthKey() {
  const { formatMonthKey, monthOf, shiftMonth } = await import('#app/modules/events/month.ts')
  return formatMonthKey(shiftMonth(monthOf(new Date()), -1))
}

test('un administrateur ouvre les indicateurs, filtre le Calaisis et télécharge un tableau en CSV', async ({ page, login }) => {
  const { createTestResource } = await import('#tests/factories/resources.ts')
  const { createTestUser } = await import('#tests/factories/users.ts')
  await createTestResource({ author: await createTestUser(), type: 'initiative', overrides: { territory: 'calaisis' } })
  await login({ role: 'admin' })
  await page.goto('/')
  await page.getByRole('contentinfo').getByRole('link', { name: 'Indicateurs' }).click()
  await expect(page).toHaveURL(/\/indicateurs$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Indicateurs du réseau')
  await expect(page.getByText('Le tableau de bord complet')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Relecture des premières contributions' })).toBeVisible()

  const month = await lastMonthKey()
  await page.getByLabel('Territoire').selectOption({ label: 'Calaisis' })
  await page.getByLabel('Période').fill(month)
  await page.getByRole('button', { name: 'Afficher' }).click()
  await expect(page).toHaveURL(new RegExp(`territoire=calaisis&periode=${month}`))
  await expect(page.getByRole('heading', { level: 2, name: /^Calaisis, / })).toBeVisible()
  await expect(page.getByRole('img', { name: /Nouveaux membres/ })).toBeVisible()
  await expect(page.getByRole('table', { name: /Ressources publiées, par type — Calaisis/ })).toBeVisible()

  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Télécharger le tableau « Ressources publiées, par type » (CSV)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe(`essaim-indicateurs-ressources-${month}.csv`)
  const bytes = fs.readFileSync((await download.path()) ?? '')
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = bytes.toString('utf8').slice(1).split('\r\n')
  expect(lines[0]).toBe('Territoire;Mois (AAAA-MM);Financement européen;Initiative;Bonne pratique;Formation')
  expect(lines[1]).toMatch(new RegExp(`^Calaisis;${month};`))
})

test('un visiteur voit le résumé public ; une période mal écrite donne un message en français', async ({ page }) => {
  await page.goto('/indicateurs')
  await expect(page.getByText('Le résumé public des chiffres du réseau')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Relecture des premières contributions' })).toHaveCount(0)
  await page.getByLabel('Période').fill('novembre')
  await page.getByRole('button', { name: 'Afficher' }).click()
  await expect(page.getByRole('alert')).toContainText('Cette période n’existe pas')
  await expect(page.getByLabel('Période')).toHaveValue('novembre')
})
