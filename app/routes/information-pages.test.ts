import { afterEach, describe, expect, test } from 'vitest'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet } from '#tests/helpers/remix-app.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import * as notFound from './$.tsx'
import * as accessibilite from './accessibilite.tsx'
import * as charte from './charte.tsx'
import * as donneesPersonnelles from './donnees-personnelles.tsx'
import * as mentionsLegales from './mentions-legales.tsx'
import * as planDuSite from './plan-du-site.tsx'

const app = createTestApp({
  'routes/charte': { path: 'charte', module: charte },
  'routes/mentions-legales': { path: 'mentions-legales', module: mentionsLegales },
  'routes/accessibilite': { path: 'accessibilite', module: accessibilite },
  'routes/donnees-personnelles': { path: 'donnees-personnelles', module: donneesPersonnelles },
  'routes/plan-du-site': { path: 'plan-du-site', module: planDuSite },
  'routes/$': { path: '*', module: notFound },
})

/** The text of the page's <main>, tags removed and spaces collapsed. */
function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? ''
  return main
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

/** Heading levels in document order: exactly one h1, first, and no level skipped on the way down. */
function expectHeadingOutline(html: string) {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]))
  expect(levels.filter((l) => l === 1)).toHaveLength(1)
  expect(levels[0]).toBe(1)
  for (let i = 1; i < levels.length; i++) expect(levels[i], `h${levels[i - 1]} then h${levels[i]}`).toBeLessThanOrEqual(levels[i - 1] + 1)
}

/** Every table has a caption and every header cell a scope. */
function expectAccessibleTables(html: string) {
  const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? []
  for (const table of tables) {
    expect(table).toMatch(/<table[^>]*><caption>/)
    expect(table.match(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/g) ?? []).toEqual([])
  }
  return tables.length
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { response, html: await response.text() }
}

describe('/charte', () => {
  test('the ESS values in full, the CDESS and the source', async () => {
    const { response, html } = await page('/charte')
    expect(response.status).toBe(200)
    expectHeadingOutline(html)
    expect(html).toContain('<title>Charte de l’ESS — Essaim</title>')
    const text = mainText(html)
    for (const value of [
      'La primauté de l’intérêt collectif sur l’intérêt individuel',
      'La non-lucrativité et une juste répartition des excédents',
      'L’ancrage territorial et une mobilisation citoyenne',
      'La gestion démocratique : une personne est égale à une voix',
      'La libre adhésion',
      'Chacun est libre d’intégrer la structure ou de la quitter.',
    ]) {
      expect(text).toContain(value)
    }
    expect(text).toContain('placer la personne au centre des préoccupations')
    expect(text).toContain('coopératives, des mutuelles, des associations, des fondations')
    expect(text).toContain('Conseil départemental de l’économie sociale et solidaire (CDESS)')
    expect(text).toContain('définir le label et la charte de l’ESS')
    expect(text).toContain('Source : Département du Pas-de-Calais')
  })
})

describe('/mentions-legales', () => {
  afterEach(() => {
    delete process.env.LEGAL_PUBLISHER
    delete process.env.LEGAL_HOST
  })

  test('says plainly what the deployer has not configured yet, and cites the data licence', async () => {
    const { response, html } = await page('/mentions-legales')
    expect(response.status).toBe(200)
    expectHeadingOutline(html)
    const text = mainText(html)
    expect(text).toContain('variable d’environnement LEGAL_PUBLISHER')
    expect(text).toContain('variable d’environnement LEGAL_HOST')
    expect(text).toContain('@etalab/decoupage-administratif')
    expect(text).toContain('Licence Ouverte / Open Licence (Etalab)')
    expect(html).toContain('href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"')
  })

  test('shows the publisher and host once configured, one line each', async () => {
    process.env.LEGAL_PUBLISHER = 'Association Essaim 62\\n1 rue de la Paix, 62000 Arras'
    process.env.LEGAL_HOST = 'Hébergeur SAS\n2 rue du Port, 59000 Lille'
    const { html } = await page('/mentions-legales')
    expect(html).toContain('<address><span>Association Essaim 62</span><span><br/>1 rue de la Paix, 62000 Arras</span></address>')
    expect(html).toContain('Hébergeur SAS')
    expect(mainText(html)).not.toContain('LEGAL_HOST')
  })
})

describe('/accessibilite', () => {
  test('an RGAA 4.1 declaration: status, tests, known issues, contact, remedies, date', async () => {
    const { response, html } = await page('/accessibilite')
    expect(response.status).toBe(200)
    expectHeadingOutline(html)
    const text = mainText(html)
    expect(text).toContain('partiellement conforme')
    expect(text).toContain('RGAA), version 4.1')
    expect(text).toContain('axe-core')
    expect(text).toContain('Non-conformités et limites connues')
    expect(html).toContain('href="mailto:accessibilite@localhost"')
    expect(html).toContain('href="https://formulaire.defenseurdesdroits.fr/"')
    expect(text).toContain('délégué du Défenseur des droits')
    expect(text).toContain('Libre réponse 71120')
    expect(text).toContain('75342 Paris CEDEX 07')
    expect(html).toMatch(/<time dateTime="\d{4}-\d{2}-\d{2}">\d{1,2} \S+ \d{4}<\/time>/)
  })
})

describe('/donnees-personnelles', () => {
  test('what is collected, why, how long, the cookies, the rights and the CNIL', async () => {
    const { response, html } = await page('/donnees-personnelles')
    expect(response.status).toBe(200)
    expectHeadingOutline(html)
    expect(expectAccessibleTables(html)).toBe(2)
    const text = mainText(html)
    for (const fragment of [
      'empreinte du mot de passe',
      'description de l’appareil',
      '30 jours au plus',
      'Valables 24 heures (confirmation) et 1 heure (réinitialisation)',
      'Échecs de connexion',
      'file d’envoi',
      'aucun traceur tiers',
      'essaim_session',
      'essaim_flash',
      'd’accès',
      'de rectification',
      'd’effacement',
      'à la portabilité',
      'Réclamation auprès de la CNIL',
    ]) {
      expect(text).toContain(fragment)
    }
    expect(html).toContain('href="mailto:donnees-personnelles@localhost"')
    expect(html).toContain('id="cookies"')
  })
})

describe('/plan-du-site', () => {
  test('every section, the nine territory pages, sign-in pages for visitors', async () => {
    const { response, html } = await page('/plan-du-site')
    expect(response.status).toBe(200)
    expectHeadingOutline(html)
    for (const path of ['/', '/territoires', '/charte', '/connexion', '/inscription', '/mot-de-passe-oublie', '/compte', '/mentions-legales', '/accessibilite', '/donnees-personnelles']) {
      expect(html).toContain(`href="${path}"`)
    }
    expect((html.match(/href="\/territoires\/[a-z-]+"/g) ?? []).length).toBe(9)
    expect(mainText(html)).toContain('Mon compte (connexion requise)')
  })

  test('a member is not offered the sign-in pages', async () => {
    const user = await createTestUser()
    const { cookie } = await createSession(user.id)
    const { html } = await page('/plan-du-site', cookie.split(';')[0])
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? ''
    expect(main).not.toContain('href="/connexion"')
    expect(main).toContain('href="/compte"')
    expect(mainText(html)).not.toContain('connexion requise')
  })
})

describe('unknown URLs', () => {
  test('a French 404 page with status 404, inside the site shell', async () => {
    const { response, html } = await page('/cette-page-n-existe-pas/vraiment')
    expect(response.status).toBe(404)
    expectHeadingOutline(html)
    expect(html.match(/<title>/g)).toHaveLength(1)
    expect(html).toContain('<title>Page introuvable — Essaim</title>')
    expect(mainText(html)).toContain('Page introuvable')
    expect(html).toContain('href="/plan-du-site"')
    expect(html).toContain('aria-label="Navigation principale"')
  })

  test('a POST to an unknown URL is a 404 too', async () => {
    const response = await app(formPost('/nulle-part', { a: 'b' }))
    expect(response.status).toBe(404)
  })
})
