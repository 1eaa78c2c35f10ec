import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { db } from './db.ts'
import { type E2EUser, createTestUser } from './db.ts'
import { expect, formatViolations, test } from './fixtures.ts'

// Layout on a phone (issue 9, items 2 and 4): at 320 px wide — the width of the RGAA 10.11 / WCAG 1.4.10 reflow
// test — no page scrolls sideways; the header folds into a « Menu » button usable with the keyboard; the header's
// suggestion list is readable; on /recherche the results come before the facets on a phone; secondary and
// destructive buttons do not look primary. axe runs on every page visited (fixtures.ts).

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')
const word = `reflow${suffix}`

type Created = { author: E2EUser; structureSlug: string; resourceSlugs: string[] }
let created: Created | undefined

/** Once per worker: a structure with every field shown, and one published resource of each kind carrying `word`. */
async function fixtures(): Promise<Created> {
  if (created) return created
  const [{ createTestResource }, { createTestStructure }] = await Promise.all([
    import('#tests/factories/resources.ts'),
    import('#tests/factories/structures.ts'),
  ])
  const author = await createTestUser({ name: `Autrice ${suffix}` })
  const { structure } = await createTestStructure({
    owner: author,
    input: {
      name: `Coopérative d’intérêt collectif des circuits courts ${suffix}`,
      address: '12 rue des Trois-Visages',
      websiteUrl: 'https://www.exemple.fr/une-adresse-assez-longue-pour-deborder-d-un-ecran-de-telephone',
      contactEmail: 'contact.circuits-courts@exemple.fr',
      contactPhone: '03 21 00 00 00',
      showContact: true,
      presentation: 'Une coopérative qui relie producteurs et épiceries solidaires.',
    },
  })
  const resourceSlugs: string[] = []
  for (const type of ['financement-europeen', 'initiative', 'bonne-pratique', 'formation'] as const) {
    const resource = await createTestResource({
      author,
      type,
      overrides: {
        title: `${word} ${type} : un titre de ressource plutôt long pour un écran étroit`,
        // Every fact of a funding call is filled (the defaults of the factory), with a long official address.
        ...(type === 'financement-europeen'
          ? { officialUrl: 'https://www.pasdecalais.fr/solidarite-sante/appels-a-projets-fonds-social-europeen-plus-2027', structures: [structure.slug] }
          : {}),
      },
    })
    resourceSlugs.push(resource.slug)
  }
  // The indexer drains its outbox on commit or on its interval: the search pages and suggestions need the documents.
  await expect.poll(async () => (await db.selectFrom('searchOutbox').select('id').execute()).length, { timeout: 20_000 }).toBe(0)
  created = { author, structureSlug: structure.slug, resourceSlugs }
  return created
}

test.beforeAll(async () => {
  await fixtures()
})

/** Visits a page and checks nothing is wider than the viewport (the page never scrolls sideways). */
async function expectNoSideScroll(page: Page, url: string) {
  const response = await page.goto(url)
  expect(response?.status(), url).toBeLessThan(400)
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }))
  expect(widths.scroll, `${url} : ${widths.scroll} px de large pour ${widths.viewport} px d’écran`).toBeLessThanOrEqual(widths.viewport)
}

/** WCAG contrast ratio of two computed `rgb()` / `rgba()` colours (alpha ignored: opaque colours are compared). */
function contrast(a: string, b: string) {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

test('à 320 px de large, aucune page ne défile de côté ; le menu et les suggestions de l’en-tête au clavier', async ({ page }) => {
  const { structureSlug, resourceSlugs } = await fixtures()
  await page.setViewportSize({ width: 320, height: 640 })

  for (const url of [
    '/',
    '/ressources',
    ...resourceSlugs.map((slug) => `/ressources/${slug}`),
    `/recherche?q=${word}`,
    '/structures',
    `/structures/${structureSlug}`,
    '/territoires',
    '/territoires/arrageois',
    '/connexion',
    '/inscription',
    '/charte',
    '/mentions-legales',
    '/accessibilite',
    '/donnees-personnelles',
    '/plan-du-site',
  ]) {
    await expectNoSideScroll(page, url)
  }

  // The header folds into a disclosure button; the keyboard opens it, Tab enters it, Escape closes it and gives the
  // focus back to the button. The header keeps to a small part of the screen.
  const header = await page.locator('.site-header').boundingBox()
  expect(header?.height).toBeLessThan(640 / 4)
  const menu = page.getByRole('button', { name: 'Menu' })
  const sections = page.getByRole('navigation', { name: 'Navigation principale' })
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(sections).toBeHidden()
  await menu.focus()
  await page.keyboard.press('Enter')
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await expect(sections.getByRole('link', { name: 'Structures' })).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(sections.getByRole('link', { name: 'Ressources' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(sections).toBeHidden()
  await expect(menu).toBeFocused()

  // A link followed in the menu closes it on the next page (client-side navigation keeps the header).
  await menu.click()
  await sections.getByRole('link', { name: 'Territoires' }).click()
  await expect(page).toHaveURL(/\/territoires$/)
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(sections).toBeHidden()

  // Header search box: 16 px text and a 44 px target; the suggestions are readable (they once inherited the
  // header's white text on their white list) and axe finds nothing with the list open.
  const input = page.getByRole('combobox', { name: 'Rechercher sur Essaim' })
  const box = await input.evaluate((element) => ({ font: Number.parseFloat(getComputedStyle(element).fontSize), height: element.getBoundingClientRect().height }))
  expect(box.font).toBeGreaterThanOrEqual(16)
  expect(box.height).toBeGreaterThanOrEqual(44)
  await input.click()
  await input.pressSequentially(word.slice(0, -1), { delay: 20 })
  const listbox = page.getByRole('listbox', { name: 'Suggestions' })
  await expect(listbox.getByRole('option').first()).toBeVisible()
  const colours = await listbox.getByRole('option').evaluateAll((options) =>
    options.map((option) => {
      let element: Element | null = option
      let background = 'rgba(0, 0, 0, 0)'
      while (element && /rgba\(.*, 0\)$|transparent/.test(background)) {
        background = getComputedStyle(element).backgroundColor
        element = element.parentElement
      }
      return { text: getComputedStyle(option).color, background, selected: option.getAttribute('aria-selected') }
    }),
  )
  expect(colours.length).toBeGreaterThan(0)
  for (const colour of colours) expect(contrast(colour.text, colour.background), JSON.stringify(colour)).toBeGreaterThanOrEqual(4.5)
  const results = await new AxeBuilder({ page }).include('.site-header').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(results.violations, formatViolations(page.url(), results.violations)).toEqual([])

  // On a laptop (1366 px) the /ressources filter selects are wide enough for their longest choice (they once cut
  // « Toutes les thématiqu… »): the text of each option, measured in the select's font, fits inside it.
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.goto('/ressources')
  const cut = await page.locator('.resource-filters select').evaluateAll((selects) => {
    const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D
    return (selects as HTMLSelectElement[]).flatMap((select) => {
      const style = getComputedStyle(select)
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
      // Room for the text: the inner width less the padding and the drop-down arrow (about 1.25em).
      const room = select.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - 1.25 * Number.parseFloat(style.fontSize)
      return [...select.options].filter((option) => context.measureText(option.text).width > room).map((option) => `${select.name} : ${option.text}`)
    })
  })
  expect(cut).toEqual([])
})

test('connecté, à 320 px : compte et formulaires sans défilement de côté ; boutons selon leur rôle ; la recherche sur téléphone montre les résultats d’abord', async ({ page, login }) => {
  const user = await login()
  const [{ createTestResource }, { createTestStructure }] = await Promise.all([
    import('#tests/factories/resources.ts'),
    import('#tests/factories/structures.ts'),
  ])
  const draft = await createTestResource({ author: user, type: 'financement-europeen', status: 'draft' })
  const { structure } = await createTestStructure({ owner: user })
  await page.setViewportSize({ width: 320, height: 640 })

  for (const url of ['/compte', '/ressources/nouvelle?type=financement-europeen', `/structures/${structure.slug}/modifier`, `/ressources/${draft.slug}/modifier`]) {
    await expectNoSideScroll(page, url)
  }

  // On the draft's edit page: « Enregistrer le brouillon » is secondary, « Publier » primary, « Supprimer la
  // ressource » destructive — three different looks (a `button.button` rule once made them all primary).
  await expect(page.getByRole('textbox', { name: /Titre/ }).first()).toBeVisible()
  const background = (name: string) =>
    page.getByRole('button', { name, exact: true }).evaluate((element) => getComputedStyle(element).backgroundColor)
  const primary = await background('Publier')
  const secondary = await background('Enregistrer le brouillon')
  const danger = await background('Supprimer la ressource')
  expect(secondary).not.toBe(primary)
  expect(secondary).toBe('rgb(255, 255, 255)')
  expect(danger).not.toBe(primary)
  expect(danger).not.toBe(secondary)

  // /recherche on a phone: the facets fold into « Filtrer les résultats », the first result is on the first screen
  // and above the facets; the panel opens on demand.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`/recherche?q=${word}`)
  const facets = page.locator('details.search-facets')
  const firstHit = page.locator('.search-hit').first()
  await expect(firstHit).toBeVisible()
  await expect(facets).not.toHaveAttribute('open')
  const hitTop = (await firstHit.boundingBox())?.y ?? Number.POSITIVE_INFINITY
  expect(hitTop).toBeLessThan(844)
  await expect(page.locator('.search-facet').first()).toBeHidden()
  await page.getByText('Filtrer les résultats').click()
  await expect(page.locator('.search-facet').first()).toBeVisible()
})
