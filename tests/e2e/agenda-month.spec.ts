import { expect, test } from './fixtures.ts'

// The agenda's month view and the private calendar link in the browser (issue 13); axe runs on every page visited
// (fixtures.ts). Events are made through the events module in the server's database; titles carry a suffix drawn when
// the worker loads this file (workers share one server and one database).

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

test('la vue par mois montre l’événement à son jour de Paris, et se lit en liste de jours sur un petit écran', async ({ page }) => {
  const { createTestEvent } = await import('#tests/factories/events.ts')
  // 23:30 UTC on 31 January 2031 is 1 February in Paris.
  const event = await createTestEvent({ title: `Veillée ${suffix}`, startsAt: '2031-01-31T23:30:00Z', endsAt: '2031-02-01T01:00:00Z' })
  await page.goto('/agenda')
  await page.getByRole('link', { name: 'Vue par mois' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agenda du mois')
  await page.goto('/agenda?vue=mois&mois=2031-02')
  const table = page.getByRole('table', { name: 'février 2031' })
  await expect(table).toBeVisible()
  const day = table.getByRole('cell').filter({ hasText: 'samedi 1er février 2031' })
  await expect(day.getByRole('link', { name: new RegExp(`Veillée ${suffix}`) })).toHaveAttribute('href', `/agenda/${event.id}`)
  await page.getByRole('link', { name: 'Mois précédent' }).click()
  await expect(page.getByRole('table', { name: 'janvier 2031' })).toBeVisible()
  await expect(page.getByRole('link', { name: new RegExp(`Veillée ${suffix}`) })).toHaveCount(0)
  await page.setViewportSize({ width: 320, height: 800 })
  await page.goto('/agenda?vue=mois&mois=2031-02')
  await expect(page.getByText('samedi 1er février 2031')).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
})

test('« Mon agenda personnel » donne un lien, que « Renouveler le lien » remplace', async ({ page, login }) => {
  const { addTestGroupMember, createTestGroup } = await import('#tests/factories/group-pages.ts')
  const user = await login()
  const group = await createTestGroup()
  await addTestGroupMember(group.id, user.id)
  await page.goto('/compte')
  await page.getByRole('link', { name: /Mon agenda personnel/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon agenda personnel')
  await page.getByRole('button', { name: 'Obtenir mon lien' }).click()
  const field = page.getByLabel('Adresse de votre agenda (iCalendar)')
  const first = await field.inputValue()
  expect(first).toMatch(/\/agenda\/prive\/[a-z2-7]+\.ics$/)
  expect((await page.request.get(new URL(first).pathname)).status()).toBe(200)
  await page.getByRole('button', { name: 'Renouveler le lien' }).click()
  await expect(field).not.toHaveValue(first)
  expect((await page.request.get(new URL(first).pathname)).status()).toBe(404)
})
