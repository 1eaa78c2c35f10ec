import { expect, test } from './fixtures.ts'

// The feeds of issue 17: the list pages announce them in <head> and link them; the feeds answer with their types.

test('la liste des ressources annonce et propose le flux de ses filtres', async ({ page }) => {
  await page.goto('/ressources?type=financement-europeen&territoire=ternois')
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveCount(2)
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]').first()).toHaveAttribute(
    'href',
    '/flux/ressources.atom?type=financement-europeen&territoire=ternois',
  )
  const link = page.getByRole('link', { name: 'S’abonner au flux de ces ressources' })
  await expect(link).toHaveAttribute('href', '/flux/ressources.atom?type=financement-europeen&territoire=ternois')
  const atom = await page.request.get('/flux/ressources.atom?type=financement-europeen&territoire=ternois')
  expect(atom.status()).toBe(200)
  expect(atom.headers()['content-type']).toBe('application/atom+xml; charset=utf-8')
  expect(await atom.text()).toContain('<id>tag:')
  const ics = await page.request.get('/flux/echeances.ics?territoire=ternois')
  expect(ics.status()).toBe(200)
  expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8')
  const bad = await page.request.get('/flux/appels.atom?programme=inconnu')
  expect(bad.status()).toBe(400)
  expect(await bad.text()).toContain('Paramètres invalides pour ce flux.')
})

test('le plan du site liste les flux', async ({ page }) => {
  await page.goto('/plan-du-site')
  const section = page.getByRole('region', { name: 'Flux' })
  await expect(section.getByRole('link')).toHaveCount(3)
  await expect(section.getByRole('link', { name: /ressources publiques/ })).toHaveAttribute('href', '/flux/ressources.atom')
})
