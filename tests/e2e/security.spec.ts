import { BASE_URL, E2E_PORT, expect, test } from './fixtures.ts'

function nonceOf(csp: string | undefined): string {
  const match = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? '')
  if (!match) throw new Error(`No script nonce in CSP: ${csp}`)
  return match[1]
}

test('la CSP est appliquée, son nonce change à chaque réponse et marque chaque <script>', async ({ request }) => {
  const first = await request.get('/')
  const second = await request.get('/')
  const csp = first.headers()['content-security-policy']
  expect(csp).toBeDefined()
  expect(first.headers()['content-security-policy-report-only']).toBeUndefined()
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
    expect(csp).toContain(directive)
  }
  expect(csp).not.toContain("'unsafe-inline'")
  const nonce = nonceOf(csp)
  expect(nonceOf(second.headers()['content-security-policy'])).not.toBe(nonce)

  for (const [response, expected] of [
    [first, nonce],
    [second, nonceOf(second.headers()['content-security-policy'])],
  ] as const) {
    const html = await response.text()
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${expected}"`)
    // no inline style attributes (style-src has no 'unsafe-inline')
    expect(html).not.toMatch(/<[a-z][^>]*\sstyle="/i)
  }
})

test('en-têtes de sécurité, sans x-powered-by', async ({ request }) => {
  for (const path of ['/', '/connexion', '/page-inconnue']) {
    const headers = (await request.get(path)).headers()
    expect(headers['x-powered-by']).toBeUndefined()
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['permissions-policy']).toContain('camera=()')
    expect(headers['x-frame-options']).toBe('DENY')
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  }
})

test('un POST venu d’un autre site est refusé (403)', async ({ request }) => {
  const form = { email: 'personne@exemple.fr', password: 'un mot de passe quelconque' }
  const byOrigin = await request.post('/connexion', { form, headers: { Origin: 'https://evil.example' } })
  expect(byOrigin.status()).toBe(403)
  expect(await byOrigin.text()).toContain('Requête refusée')
  const byFetchMetadata = await request.post('/connexion', { form, headers: { 'Sec-Fetch-Site': 'cross-site' } })
  expect(byFetchMetadata.status()).toBe(403)
  const nullOrigin = await request.post('/deconnexion', { form: {}, headers: { Origin: 'null' } })
  expect(nullOrigin.status()).toBe(403)
  // the same request from the site itself is processed (wrong password → 400, not 403)
  const sameOrigin = await request.post('/connexion', {
    form,
    headers: { Origin: BASE_URL, 'Sec-Fetch-Site': 'same-origin' },
  })
  expect(sameOrigin.status()).toBe(400)
})

test('un formulaire cross-site soumis par le navigateur est refusé', async ({ page, login }) => {
  await login()
  // A page on another origin (127.0.0.1 is not localhost for the browser) posts to the log-out action.
  await page.route(`http://127.0.0.1:${E2E_PORT}/piege`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="fr"><head><title>Piège</title></head><body><main><h1>Piège</h1><form method="post" action="${BASE_URL}/deconnexion"><button>Gagner</button></form></main></body></html>`,
    }),
  )
  await page.goto(`http://127.0.0.1:${E2E_PORT}/piege`)
  const [response] = await Promise.all([
    page.waitForResponse(`${BASE_URL}/deconnexion`),
    page.getByRole('button', { name: 'Gagner' }).click(),
  ])
  expect(response.status()).toBe(403)
  await page.goto('/compte')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon compte')
})

test('un pot de miel rempli est refusé (400)', async ({ request }) => {
  const response = await request.post('/inscription', {
    form: {
      email: 'robot@exemple.fr',
      name: 'Robot',
      password: 'une phrase de passe assez longue 2026',
      charter: 'on',
      website: 'https://spam.example',
    },
    headers: { Origin: BASE_URL },
  })
  expect(response.status()).toBe(400)
  const { getUserByEmail } = await import('./db.ts')
  expect(await getUserByEmail('robot@exemple.fr')).toBeUndefined()
})

test('le cookie de session est HttpOnly et SameSite=Lax', async ({ page }) => {
  await page.goto('/inscription')
  const { uniqueEmail } = await import('./db.ts')
  await page.locator('input[name="email"]').fill(uniqueEmail('cookie'))
  await page.locator('input[name="name"]').fill('Cookie')
  await page.locator('input[name="password"]').fill('une phrase de passe assez longue 2026')
  await page.locator('input[name="charter"]').check()
  await page.getByRole('button', { name: 'Créer mon compte' }).click()
  await expect(page).toHaveURL(/\/compte$/)
  const cookie = (await page.context().cookies()).find((c) => c.name === 'essaim_session')
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
  expect(cookie?.value).toMatch(/^[a-z2-7]{52}$/)
})
