import { expect, test } from './fixtures.ts'

test('la page d’accueil présente le réseau et mène aux territoires', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveTitle(/Essaim/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Essaim, le réseau de l’ESS du Pas-de-Calais')
  await expect(page.getByRole('banner')).toBeVisible()
  await expect(page.getByRole('main')).toBeVisible()
  await expect(page.getByRole('contentinfo')).toBeVisible()
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Territoires' }).click()
  await expect(page).toHaveURL(/\/territoires$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les neuf territoires du Pas-de-Calais')
})

const LEGAL_PAGES = [
  ['/charte', 'Charte de l’ESS'],
  ['/conditions-utilisation', 'Conditions d’utilisation'],
  ['/mentions-legales', 'Mentions légales'],
  ['/accessibilite', 'Déclaration d’accessibilité'],
  ['/donnees-personnelles', 'Données personnelles'],
  ['/plan-du-site', 'Plan du site'],
] as const

for (const [path, title] of LEGAL_PAGES) {
  test(`page d’information ${path}`, async ({ page }) => {
    const response = await page.goto(path)
    expect(response?.status()).toBe(200)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
    await expect(page).toHaveTitle(/Essaim/)
  })
}

test('le pied de page mène aux pages d’information', async ({ page }) => {
  await page.goto('/')
  const footer = page.getByRole('contentinfo')
  await expect(footer.getByRole('link', { name: 'Accessibilité : non conforme' })).toBeVisible()
  await footer.getByRole('link', { name: 'Mentions légales' }).click()
  await expect(page).toHaveURL(/\/mentions-legales$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mentions légales')
})

test('le plan du site liste les territoires et mène à chacun', async ({ page }) => {
  await page.goto('/plan-du-site')
  await page.getByRole('main').getByRole('link', { name: /Audomarois/ }).first().click()
  await expect(page).toHaveURL(/\/territoires\/audomarois/)
})

test('une adresse inconnue donne la page 404 en français', async ({ page }) => {
  const response = await page.goto('/cette-page-n-existe-pas')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable')
  await expect(page).toHaveTitle(/Page introuvable/)
  await page.getByRole('link', { name: 'Revenir à l’accueil' }).click()
  await expect(page).toHaveURL(/\/$/)
})

test('/healthz répond en JSON sans cache', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('application/json')
  expect(response.headers()['cache-control']).toBe('no-store')
  const body = await response.json()
  expect(body.status).toBe('ok')
})

test('/robots.txt et /sitemap.xml sont servis par le serveur construit', async ({ request }) => {
  const robots = await request.get('/robots.txt')
  expect(robots.status()).toBe(200)
  expect(await robots.text()).toMatch(/^Sitemap: https?:\/\/[^/]+\/sitemap\.xml$/m)
  const sitemap = await request.get('/sitemap.xml')
  expect(sitemap.status()).toBe(200)
  expect(sitemap.headers()['content-type']).toContain('application/xml')
  expect(await sitemap.text()).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
})
