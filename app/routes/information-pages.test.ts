import { afterEach, describe, expect, test } from 'vitest'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet } from '#tests/helpers/remix-app.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { EMAIL_RETENTION_DAYS } from '#app/modules/email/outbox.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import * as notFound from './$.tsx'
import * as home from './_index.tsx'
import * as accessibilite from './accessibilite.tsx'
import * as charte from './charte.tsx'
import * as conditions from './conditions-utilisation.tsx'
import * as donneesPersonnelles from './donnees-personnelles.tsx'
import * as inscription from './inscription.tsx'
import * as mentionsLegales from './mentions-legales.tsx'
import * as planDuSite from './plan-du-site.tsx'
import * as territoires from './territoires._index.tsx'

const app = createTestApp({
  'routes/_index': { path: '', module: home },
  'routes/charte': { path: 'charte', module: charte },
  'routes/conditions-utilisation': { path: 'conditions-utilisation', module: conditions },
  'routes/inscription': { path: 'inscription', module: inscription },
  'routes/territoires._index': { path: 'territoires', module: territoires },
  'routes/mentions-legales': { path: 'mentions-legales', module: mentionsLegales },
  'routes/accessibilite': { path: 'accessibilite', module: accessibilite },
  'routes/donnees-personnelles': { path: 'donnees-personnelles', module: donneesPersonnelles },
  'routes/plan-du-site': { path: 'plan-du-site', module: planDuSite },
  'routes/$': { path: '*', module: notFound },
})

/** The text of the page's <main>, tags removed and spaces collapsed. */
function mainText(html: string): string {
  return plainText(/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '')
}

/** The text of an HTML fragment, tags removed and spaces collapsed. */
function plainText(fragment: string): string {
  return fragment
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
    expect(html).toContain('href="https://www.pasdecalais.fr/Vous-etes/Acteur-economique/Economie-Sociale-et-Solidaire"')
  })

  test('the Département’s ESS charter, not the site’s rules: it points to the conditions of use', async () => {
    const { html } = await page('/charte')
    const text = mainText(html)
    expect(text).not.toContain('En créant un compte, chaque membre adhère')
    expect(text).toContain('signer la charte au nom de la structure')
    expect(html).toContain('href="/conditions-utilisation"')
  })
})

describe('/conditions-utilisation', () => {
  test('the site’s rules of use: publishing, moderation, responsibility, personal data, account deletion, date', async () => {
    const { response, html } = await page('/conditions-utilisation')
    expect(response.status).toBe(200)
    expectHeadingOutline(html)
    expect(html).toContain('<title>Conditions d’utilisation — Essaim</title>')
    const text = mainText(html)
    for (const heading of ['Ce que les membres peuvent publier', 'Modération', 'Responsabilité', 'Données personnelles', 'Supprimer son compte']) {
      expect(html).toMatch(new RegExp(`<h2>${heading}</h2>`))
    }
    expect(text).toContain('Chaque membre reste responsable des contenus')
    for (const href of ['/charte', '/donnees-personnelles', '/compte/supprimer', '/mentions-legales']) expect(html).toContain(`href="${href}"`)
    expect(html).toMatch(/<time dateTime="\d{4}-\d{2}-\d{2}">\d{1,2} \S+ \d{4}<\/time>/)
    // Only what exists: no groups, no reporting button, no review queue.
    expect(text).not.toMatch(/groupe|bouton « signaler »|relecture avant publication/i)
  })
})

describe('the footer', () => {
  test('says « non conforme » and links the conditions of use, the ESS charter and the other information pages', async () => {
    const { html } = await page('/charte')
    const footer = /<footer[^>]*>([\s\S]*)<\/footer>/.exec(html)?.[1] ?? ''
    expect(footer).toContain('Accessibilité : non conforme')
    expect(footer).not.toContain('partiellement conforme')
    for (const href of ['/conditions-utilisation', '/charte', '/mentions-legales', '/accessibilite', '/donnees-personnelles', '/plan-du-site']) {
      expect(footer).toContain(`href="${href}"`)
    }
    expect(footer).toContain('href="https://www.pasdecalais.fr/Vous-etes/Acteur-economique/Economie-Sociale-et-Solidaire"')
  })
})

describe('/mentions-legales', () => {
  afterEach(() => {
    delete process.env.LEGAL_PUBLISHER
    delete process.env.LEGAL_HOST
    resetEnvCache()
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
    // The configuration is read once, validated, at start: a new value counts once it is read again.
    resetEnvCache()
    const { html } = await page('/mentions-legales')
    expect(html).toContain('<address><span>Association Essaim 62</span><span><br/>1 rue de la Paix, 62000 Arras</span></address>')
    expect(html).toContain('Hébergeur SAS')
    expect(mainText(html)).not.toContain('LEGAL_HOST')
  })
})

describe('/mentions-legales promises nothing that does not exist', () => {
  test('the territory grouping is reference data, not a screen of administrators; the conditions of use are linked', async () => {
    const { html } = await page('/mentions-legales')
    const text = mainText(html)
    expect(text).not.toContain('administrateurs du site peuvent la modifier')
    expect(text).toContain('ne se modifie pas depuis le site')
    expect(html).toContain('href="/conditions-utilisation"')
    expect(text).not.toContain('·')
  })
})

describe('/accessibilite', () => {
  test('an RGAA 4.1 declaration: status, tests, known issues, contact, remedies, date', async () => {
    const { response, html } = await page('/accessibilite')
    expect(response.status).toBe(200)
    expectHeadingOutline(html)
    const text = mainText(html)
    expect(text).toContain('est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1')
    expect(text).not.toContain('partiellement conforme')
    expect(text).toContain('aucun audit de conformité n’a encore été réalisé')
    expect(text).toContain('axe-core')
    expect(text).toContain('Non-conformités et limites connues')
    expect(html).toContain('href="mailto:accessibilite@localhost"')
    expect(html).toContain('href="https://formulaire.defenseurdesdroits.fr/"')
    expect(text).toContain('délégué du Défenseur des droits')
    expect(text).toContain('Libre réponse 71120')
    expect(text).toContain('75342 Paris CEDEX 07')
    expect(html).toMatch(/<time dateTime="\d{4}-\d{2}-\d{2}">\d{1,2} \S+ \d{4}<\/time>/)
  })

  test('the pages checked and how, a multi-year plan, the known non-conformities, no overstated claim', async () => {
    const { html } = await page('/accessibilite')
    const text = mainText(html)
    // The pages the end-to-end suite scans with axe, main features included.
    const checked = /Pages du site ayant fait l’objet de la vérification<\/h3>([\s\S]*?)<h2/.exec(html)?.[1] ?? ''
    for (const href of ['/', '/ressources', '/recherche', '/structures', '/territoires', '/inscription', '/connexion']) {
      expect(checked).toContain(`href="${href}"`)
    }
    for (const name of ['Écriture d’une ressource', 'Pages de lecture des ressources', 'Pages des structures', 'Pages du compte', 'Pages d’information']) {
      expect(plainText(checked)).toContain(name)
    }
    expect(text).toContain('Contrôles automatisés')
    expect(text).toContain('Vérifications manuelles')
    expect(text).toContain('ne remplacent pas un audit')
    expect(text).toContain('Schéma pluriannuel de mise en accessibilité 2027-2029')
    expect(text).toContain('Plan d’action 2027')
    expect(text).toContain('L’éditeur de texte des ressources (le champ du texte principal) a besoin de JavaScript')
    expect(text).not.toContain('chaque formulaire fonctionne aussi sans JavaScript')
    expect(text).toContain('sauf l’éditeur du texte principal des ressources')
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
      'Profil :',
      'Structures et adhésions',
      'Demandes d’adhésion',
      'invitations',
      'chacune de leurs versions',
      'Fichiers joints et images',
      'Coordonnées et logo des structures',
      'Journal des actions sur les structures',
      'Compteurs de limitation des envois',
      'Statistiques de recherche',
      'ces décomptes sont anonymes',
      'Une invitation est valable 7 jours',
      `effacés automatiquement ${EMAIL_RETENTION_DAYS} jours après l’envoi`,
      'signées « Ancien membre »',
      'description de l’appareil',
      '30 jours au plus',
      'Valables 24 heures (confirmation et changement d’adresse) et 1 heure (réinitialisation)',
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
    expect(text).not.toContain('·')
  })

  test('describes what the account page offers instead of « write to us » for everything', async () => {
    const { html } = await page('/donnees-personnelles')
    const text = mainText(html)
    expect(html).toContain('href="/compte/export"')
    expect(text).toContain('Télécharger mes données (JSON)')
    expect(html).toContain('href="/compte/profil"')
    expect(html).toContain('href="/compte/supprimer"')
    expect(text).toContain('Sessions ouvertes')
    expect(text).not.toContain('copie ou export de vos données, correction, suppression du compte')
  })
})

describe('/inscription', () => {
  test('names and links the conditions of use, explains the « * », notes the data at the point of collection', async () => {
    const { html } = await page('/inscription')
    const text = mainText(html)
    expect(text).toContain('J’ai lu et j’accepte les conditions d’utilisation d’Essaim')
    expect(html).toContain('href="/conditions-utilisation"')
    expect(text).not.toContain('charte d’Essaim')
    expect(html).toMatch(/conditions d’utilisation<\/a> d’Essaim\s*<span aria-hidden="true"> \*<\/span>/)
    expect(text).toContain('marqués d’un astérisque (*)')
    expect(text).toContain('Vos données : l’éditeur du site')
    expect(html).toContain('href="/donnees-personnelles"')
    // Promises of features that do not exist.
    expect(text).not.toMatch(/rejoindre des groupes|suivre l’actualité/)
  })
})

describe('pages promise nothing that does not exist', () => {
  test('/territoires: filters, and each territory’s group (the groups exist: /groupes)', async () => {
    const { html } = await page('/territoires')
    const text = mainText(html)
    expect(text).toContain('se filtrent par territoire')
    expect(text).toContain('Chaque territoire a aussi son groupe')
    expect(html).toContain('href="/groupes"')
  })

  test('home page: the figures have a linked source and a year', async () => {
    const { html } = await page('/')
    const source = /<section aria-labelledby="titre-chiffres">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? ''
    expect(source).toContain('href="https://www.pasdecalais.fr/Vous-etes/Acteur-economique/Economie-Sociale-et-Solidaire"')
    expect(plainText(source)).toMatch(/consultée en \S+ 20\d\d/)
  })
})

describe('/plan-du-site', () => {
  test('every section, the nine territory pages, sign-in pages for visitors', async () => {
    const { response, html } = await page('/plan-du-site')
    expect(response.status).toBe(200)
    expectHeadingOutline(html)
    for (const path of ['/', '/ressources', '/structures', '/recherche', '/territoires', '/charte', '/conditions-utilisation', '/connexion', '/inscription', '/mot-de-passe-oublie', '/compte', '/mentions-legales', '/accessibilite', '/donnees-personnelles']) {
      expect(html).toContain(`href="${path}"`)
    }
    expect((html.match(/href="\/territoires\/[a-z-]+"/g) ?? []).length).toBe(9)
    expect(mainText(html)).toContain('Mon compte (connexion requise)')
  })

  test('the groups: /groupes and the thematic groups whose page the viewer may open', async () => {
    const open = await createTestGroup({ name: 'Groupe ouvert du plan' })
    const hidden = await createTestGroup({ name: 'Groupe masqué du plan', hidden: true })
    const anonymous = (await page('/plan-du-site')).html
    expect(anonymous).toContain('href="/groupes"')
    expect(anonymous).toContain(`href="/groupes/${open.slug}"`)
    expect(anonymous).not.toContain('Groupe masqué du plan')
    const member = await createTestUser()
    await addTestGroupMember(hidden.id, member.id)
    const { cookie } = await createSession(member.id)
    expect((await page('/plan-du-site', cookie.split(';')[0])).html).toContain(`href="/groupes/${hidden.slug}"`)
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
