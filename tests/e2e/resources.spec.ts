import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { formatDateTimeFr, parseParisDateTime } from '#app/modules/resources/dates.ts'
import { BASE_URL, SESSION_COOKIE, expect, formatViolations, test } from './fixtures.ts'
import { type E2EUser, createSession, createTestUser, db } from './db.ts'

// Publishing resources in a real browser against the production build (issue 4): a member writes an EU funding
// call in the Tiptap editor, attaches the official PDF and publishes it for their structure; a visitor reads it
// without any editor code; autosave, leaving with unsaved changes, conflicts, history, spoofed attachments, the
// page without JavaScript, and axe on every resource page (fixtures.ts also scans each page visited).
//
// Workers run in parallel against one server: every title and structure name carries this worker's own suffix.

const suffix = Array.from({ length: 6 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')
const unique = (text: string) => `${text} ${suffix}${Math.floor(Math.random() * 1000)}`

/** The factories write through the app's own modules, into the server's database (loaded after db.ts set it up). */
async function factories() {
  const [resources, structures] = await Promise.all([import('#tests/factories/resources.ts'), import('#tests/factories/structures.ts')])
  return { ...resources, ...structures }
}

async function structureOf(owner: E2EUser, name = unique('Coopérative du test')) {
  const { createTestStructure } = await factories()
  return (await createTestStructure({ owner, input: { name } })).structure
}

async function resourceOf(author: E2EUser, options: { status?: 'draft' | 'published'; overrides?: Record<string, unknown> } = {}) {
  const { createTestResource } = await factories()
  return createTestResource({
    author,
    type: 'initiative',
    status: options.status ?? 'published',
    overrides: { title: unique('Initiative de test'), ...options.overrides },
  })
}

async function resourceRow(id: string) {
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

/** A datetime-local value (Paris time) `days` from now, at `hour`:00. */
function parisInput(days: number, hour: number) {
  const date = new Date(Date.now() + days * 86_400_000)
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date)
  return `${day}T${String(hour).padStart(2, '0')}:00`
}

/** A small but real PDF (what file-type recognises from the content), of about `size` bytes. */
function pdfBytes(size = 300_000) {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'
  const tail = '\ntrailer << /Root 1 0 R >>\n%%EOF\n'
  return Buffer.from(`${head}%${'x'.repeat(Math.max(0, size - head.length - tail.length - 1))}${tail}`)
}

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * An axe scan of the page as it is now (the editor loaded, a dialog open…), on top of the fixture's scans after each
 * navigation; one of those may still be running in the page, so a busy axe is waited for.
 */
async function expectNoAxeViolations(page: Page) {
  for (let attempt = 0; ; attempt++) {
    try {
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
      expect(results.violations, formatViolations(page.url(), results.violations)).toEqual([])
      return
    } catch (error) {
      if (attempt > 20 || !/Axe is already running/.test(String(error))) throw error
      await page.waitForTimeout(500)
    }
  }
}

/** The rich-text editor of the form, once its lazy chunk is loaded. */
async function editorOf(page: Page) {
  const editor = page.getByRole('textbox', { name: 'Contenu' })
  // Its chunk loads after hydration: give a busy machine time.
  await expect(editor).toBeVisible({ timeout: 30_000 })
  await expect(editor).toHaveAttribute('contenteditable', 'true')
  return editor
}

/** A second browser, logged in as `user` with a session of its own. */
async function browserOf(newGuardedPage: (options?: object) => Promise<Page>, user?: { id: string }) {
  const page = await newGuardedPage()
  if (user) {
    const { token } = await createSession(user.id, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36' })
    await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: BASE_URL, httpOnly: true, sameSite: 'Lax' }])
  }
  return page
}

test('un membre publie un appel FSE+ pour sa structure ; un visiteur le lit sans code d’éditeur', async ({ page, login, newGuardedPage }) => {
  test.slow()
  const member = await login()
  const structure = await structureOf(member)
  const title = unique('FSE+ 2027 : parcours vers l’emploi')
  const opening = parisInput(-10, 9)
  const deadline = parisInput(60, 12)

  await page.goto('/ressources/nouvelle?type=financement-europeen')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle ressource : financement européen')
  await page.locator('input[name="title"]').fill(title)
  await page.getByLabel('Résumé').fill('Le Département finance des parcours d’accompagnement renforcé vers l’emploi.')

  const editor = await editorOf(page)
  await editor.click()
  await page.keyboard.type('Cet appel finance les parcours ')
  await page.keyboard.press('Control+b')
  await page.keyboard.type('vers l’emploi durable')
  await page.keyboard.press('Control+b')
  await page.keyboard.type('. Règlement : ')
  await page.getByRole('toolbar', { name: 'Mise en forme : Contenu' }).getByRole('button', { name: 'Lien', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Ajouter un lien' })
  await dialog.getByLabel('Adresse du lien').fill('https://www.pasdecalais.fr/fse')
  await dialog.getByLabel('Texte du lien (facultatif)').fill('le règlement de l’appel')
  await dialog.getByRole('button', { name: 'Appliquer' }).click()
  await expect(dialog).toBeHidden()

  await page.getByLabel('Programme').selectOption('FSE+')
  await page.getByLabel('Organisme gestionnaire ou intermédiaire').fill('Département du Pas-de-Calais')
  await page.getByLabel('Date d’ouverture').fill(opening)
  await page.getByLabel('Date limite de dépôt').fill(deadline)
  await page.getByLabel('Montant maximal (en euros)').fill('150000')
  await page.getByLabel('Lien officiel de l’appel').fill('https://www.pasdecalais.fr/')
  await page.getByLabel('Territoire').selectOption('arrageois')
  await page.getByRole('checkbox', { name: 'Financement', exact: true }).check()
  const structures = page.getByRole('group', { name: /^Structures? associées?$/ })
  await structures.getByRole('checkbox', { name: structure.name }).check()
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click()

  // The draft is saved: the editing page, where files are attached.
  await expect(page).toHaveURL(/\/ressources\/[a-z0-9-]+\/modifier$/)
  await expect(page.getByRole('main')).toContainText('Le brouillon est enregistré.')
  const slug = new URL(page.url()).pathname.split('/')[2]
  const row = await db.selectFrom('resources').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ status: 'draft', programme: 'FSE+', deadline: parseParisDateTime(deadline, true) })
  expect(row.bodyHtml).toContain('<strong>vers l’emploi durable</strong>')
  expect(row.bodyHtml).toMatch(/<a [^>]*href="https:\/\/www\.pasdecalais\.fr\/fse"[^>]*>le règlement de l’appel<\/a>/)

  // The official PDF, with the upload progress shown while it is sent (recorded across the reload that follows).
  await page.evaluate(() => {
    const seen: string[] = []
    new MutationObserver(() => {
      const label = document.querySelector('label[for="progression-envoi"]')
      if (label?.textContent && !seen.includes(label.textContent)) {
        seen.push(label.textContent)
        sessionStorage.setItem('progression-vue', JSON.stringify(seen))
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  const pdf = pdfBytes()
  await page.getByLabel('Fichier à joindre').setInputFiles({ name: 'appel-officiel.pdf', mimeType: 'application/pdf', buffer: pdf })
  await page.getByRole('button', { name: 'Joindre le fichier' }).click()
  await expect(page).toHaveURL(/piece-jointe=ajoutee/)
  await expect(page.getByRole('link', { name: 'appel-officiel.pdf' })).toBeVisible()
  const progress = JSON.parse((await page.evaluate(() => sessionStorage.getItem('progression-vue'))) ?? '[]') as string[]
  expect(progress[0]).toMatch(/^Envoi en cours : \d+ %$/)

  await page.getByRole('button', { name: 'Publier' }).click()
  await expect(page).toHaveURL(`/ressources/${slug}`)
  await expect(page.getByRole('main')).toContainText('La ressource est publiée.')

  // A visitor, not logged in.
  const visitor = await browserOf(newGuardedPage)
  const scripts: string[] = []
  visitor.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.url())
  })
  await visitor.goto(`/ressources/${slug}`)
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(title)
  const facts = visitor.getByRole('region', { name: 'L’appel en bref' })
  await expect(facts.getByRole('definition').filter({ hasText: 'Ouvert' })).toBeVisible()
  await expect(facts).toContainText(`${formatDateTimeFr(parseParisDateTime(deadline, true) ?? '')} (heure de Paris)`)
  await expect(facts).toContainText('FSE+')
  await expect(visitor.locator('.rich-text strong')).toHaveText('vers l’emploi durable')
  await expect(visitor.locator('.rich-text').getByRole('link', { name: 'le règlement de l’appel' })).toHaveAttribute(
    'href',
    'https://www.pasdecalais.fr/fse',
  )
  await expect(visitor.getByRole('link', { name: structure.name })).toHaveAttribute('href', `/structures/${structure.slug}`)

  const attachment = visitor.getByRole('link', { name: 'appel-officiel.pdf' })
  const download = await visitor.request.get((await attachment.getAttribute('href')) ?? '')
  expect(download.status()).toBe(200)
  expect(download.headers()['content-type']).toBe('application/pdf')
  // Each header once: the file's own policy replaces the site's (B23).
  const lines = download.headersArray().map(({ name, value }) => [name.toLowerCase(), value])
  expect(lines.filter(([name]) => name === 'x-content-type-options')).toEqual([['x-content-type-options', 'nosniff']])
  expect(lines.filter(([name]) => name === 'content-security-policy')).toHaveLength(1)
  expect(download.headers()['content-disposition']).toContain('appel-officiel.pdf')
  expect(Buffer.compare(await download.body(), pdf)).toBe(0)

  // No editor code on a reading page: no Tiptap/ProseMirror chunk loaded, no editor in the document.
  await visitor.waitForLoadState('networkidle')
  const loaded = [...scripts, ...(await visitor.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)))].filter((url) =>
    /\.m?js(\?|$)/.test(url),
  )
  expect(loaded.length).toBeGreaterThan(0)
  expect(loaded.filter((url) => /rich-text-editor|tiptap|prosemirror/i.test(url))).toEqual([])
  for (const url of new Set(loaded)) {
    const code = await (await visitor.request.get(url)).text()
    expect(code, url).not.toMatch(/ProseMirror|@tiptap/)
  }
  expect(await visitor.locator('.ProseMirror, [contenteditable="true"]').count()).toBe(0)

  // The structure's page lists it, with a link to its resources in the list (which works without JavaScript too).
  await visitor.goto(`/structures/${structure.slug}`)
  const listed = visitor.getByRole('region', { name: 'Ressources' })
  await expect(listed.getByRole('link', { name: title })).toBeVisible()
  await listed.getByRole('link', { name: /Voir toutes ses ressources/ }).click()
  await expect(visitor).toHaveURL(`/ressources?structure=${structure.slug}`)
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(`Ressources de ${structure.name}`)
  await expect(visitor.getByRole('heading', { level: 3 })).toHaveText([title])
})

test('enregistrement automatique : « enregistré à HH h MM » sans envoyer le formulaire ; le texte est là après rechargement', async ({
  page,
  login,
}) => {
  const author = await login()
  const resource = await resourceOf(author, { status: 'draft' })
  await page.goto(`/ressources/${resource.slug}/modifier`)
  const editor = await editorOf(page)
  await editor.click()
  await page.keyboard.press('Control+End')
  const typed = ` Phrase ajoutée ${suffix}.`
  await page.keyboard.type(typed)
  await expect(page.getByRole('status').filter({ hasText: 'enregistré' })).toHaveText(/^Brouillon enregistré à \d{1,2}\s?h\s?\d{2}$/, {
    timeout: 15_000,
  })
  expect(page.url()).toMatch(/\/modifier$/)
  expect((await resourceRow(resource.id)).bodyText).toContain(typed.trim())

  await page.reload()
  await expect(await editorOf(page)).toContainText(typed.trim())
})

test('nouvelle ressource : le premier enregistrement automatique crée le brouillon ; un lien du menu demande confirmation', async ({
  page,
  login,
}) => {
  const author = await login()
  await page.goto('/ressources/nouvelle?type=initiative')
  const title = unique('Initiative jamais perdue')
  await page.locator('input[name="title"]').fill(title)
  await page.getByLabel('Résumé').fill('Une initiative écrite d’un trait, sans cliquer sur « Enregistrer ».')
  await page.getByLabel('Territoire').selectOption('arrageois')
  await page.getByRole('checkbox', { name: 'Financement', exact: true }).check()
  const editor = await editorOf(page)
  await editor.click()
  await page.keyboard.type(`Premier jet ${suffix}.`)
  await expect(page.getByRole('status').filter({ hasText: 'enregistré' })).toHaveText(/^Brouillon enregistré à \d{1,2}\s?h\s?\d{2}$/, {
    timeout: 15_000,
  })
  // The address is now the draft's editing page, without a navigation: the focus is still in the text.
  await expect(page).toHaveURL(/\/ressources\/[a-z0-9-]+\/modifier$/)
  const slug = new URL(page.url()).pathname.split('/')[2]
  await page.keyboard.type(' Suite tapée.')
  await expect(editor).toContainText(`Premier jet ${suffix}. Suite tapée.`)

  // Unsaved text and a menu link: asked first; cancelling keeps the page and the text.
  const asked: string[] = []
  page.once('dialog', async (dialog) => {
    asked.push(`${dialog.type()}: ${dialog.message()}`)
    await dialog.dismiss()
  })
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Structures' }).click()
  await expect.poll(() => asked.length).toBe(1)
  expect(asked[0]).toMatch(/^confirm: .*modifications non enregistrées/)
  await expect(page).toHaveURL(`/ressources/${slug}/modifier`)
  await expect(editor).toContainText('Suite tapée.')

  // The autosave goes on (one draft only); a reload opens it with everything typed.
  await expect
    .poll(async () => (await db.selectFrom('resources').select('bodyText').where('authorId', '=', author.id).execute()).map((r) => r.bodyText))
    .toEqual([expect.stringContaining('Suite tapée.')])
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Modifier « ${title} »`)
  await expect(await editorOf(page)).toContainText(`Premier jet ${suffix}. Suite tapée.`)
})

test('quitter avec des modifications non enregistrées demande confirmation', async ({ page, login }) => {
  const author = await login()
  const resource = await resourceOf(author)
  await page.goto(`/ressources/${resource.slug}/modifier`)
  await editorOf(page)
  const title = page.locator('input[name="title"]')
  await title.fill(unique('Titre non enregistré'))

  // A link of the site (client-side navigation): the app asks; cancelling keeps the page and what was typed.
  const asked: string[] = []
  page.once('dialog', async (dialog) => {
    asked.push(`${dialog.type()}: ${dialog.message()}`)
    await dialog.dismiss()
  })
  await page.getByRole('link', { name: '← Voir la ressource' }).click()
  await expect.poll(() => asked.length).toBe(1)
  expect(asked[0]).toMatch(/^confirm: .*modifications non enregistrées/)
  await expect(page).toHaveURL(`/ressources/${resource.slug}/modifier`)
  await expect(title).toHaveValue(/Titre non enregistré/)

  // Closing the tab or leaving the site: the browser's own « leave this page? » (beforeunload).
  const beforeUnload = new Promise<string>((resolve) => {
    page.once('dialog', async (dialog) => {
      resolve(dialog.type())
      await dialog.accept()
    })
  })
  const closed = page.waitForEvent('close')
  await page.close({ runBeforeUnload: true })
  expect(await beforeUnload).toBe('beforeunload')
  await closed
  expect((await resourceRow(resource.id)).title).toBe(resource.title)
})

test('conflit : deux personnes modifient la même ressource, la seconde est prévenue et rien n’est écrasé', async ({
  page,
  login,
  newGuardedPage,
}) => {
  test.slow()
  const author = await login()
  const structure = await structureOf(author)
  const colleague = await createTestUser({ name: unique('Collègue') })
  const { addTestMember } = await factories()
  await addTestMember(structure.id, colleague.id)
  const resource = await resourceOf(author, { overrides: { structures: [structure.slug] } })

  await page.goto(`/ressources/${resource.slug}/modifier`)
  await editorOf(page)
  // A member of the resource's structure edits it too.
  const other = await browserOf(newGuardedPage, colleague)
  await other.goto(`/ressources/${resource.slug}/modifier`)
  await editorOf(other)

  const theirs = unique('Titre de la collègue')
  await other.locator('input[name="title"]').fill(theirs)
  await other.getByRole('button', { name: 'Enregistrer les modifications' }).click()
  await expect(other).toHaveURL(`/ressources/${resource.slug}`)
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(theirs)

  const mine = unique('Titre de l’autrice')
  await page.locator('input[name="title"]').fill(mine)
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click()
  const warning = page.getByRole('alert').filter({ hasText: 'Attention : modification simultanée' })
  await expect(warning).toBeVisible()
  await expect(warning).toContainText(`${colleague.name} a enregistré cette ressource pendant que vous la modifiiez`)
  await expect(page.locator('input[name="title"]')).toHaveValue(mine)
  const row = await resourceRow(resource.id)
  expect(row.title).toBe(theirs)
  expect(row.version).toBe(2)
})

test('historique : les modifications apparaissent, la comparaison se lit, restaurer crée une nouvelle version', async ({ page, login }) => {
  test.slow()
  const author = await login()
  const original = unique('Titre d’origine')
  const resource = await resourceOf(author, { overrides: { title: original } })

  const edit = async (title: string, note: string) => {
    await page.goto(`/ressources/${resource.slug}/modifier`)
    await editorOf(page)
    await page.locator('input[name="title"]').fill(title)
    await page.getByLabel('Note de modification (facultative)').fill(note)
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  }
  await edit(`${original} revu`, 'Première relecture')
  await edit(`${original} revu et corrigé`, 'Seconde relecture')

  await page.goto(`/ressources/${resource.slug}/historique`)
  const versions = page.getByRole('table', { name: /Versions enregistrées/ })
  await expect(versions.getByRole('row')).toHaveCount(4) // header + 3 versions
  await expect(versions.getByRole('row').nth(1)).toContainText('Seconde relecture')
  await expect(versions.getByRole('row').nth(1)).toContainText(author.name)
  // By default the last two versions are compared: the words added are marked as such.
  const diff = page.getByRole('region', { name: /Différences entre la version du/ })
  await expect(diff.locator('ins')).toContainText(['et corrigé'])

  // The oldest against the newest, picked with the radio buttons.
  await versions.getByRole('radio', { name: /Comparer depuis la version du/ }).last().check()
  await page.getByRole('button', { name: 'Comparer les versions choisies' }).click()
  await expect(diff.locator('ins')).toContainText(['revu et corrigé'])

  await versions.getByRole('button', { name: /^Restaurer la version du/ }).last().click()
  await expect(page.getByRole('main')).toContainText('restaurée')
  await expect(versions.getByRole('row')).toHaveCount(5)
  await expect(versions.getByRole('row').nth(1)).toContainText('Restauration de la version du')
  const row = await resourceRow(resource.id)
  expect(row.title).toBe(original)
  expect(row.version).toBe(4)
})

test('une pièce jointe dont le contenu ne correspond pas à l’extension est refusée en français', async ({ page, login }) => {
  const author = await login()
  const resource = await resourceOf(author)
  await page.goto(`/ressources/${resource.slug}/modifier`)
  await editorOf(page)
  const input = page.getByLabel('Fichier à joindre')

  await input.setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: PNG })
  await page.getByRole('button', { name: 'Joindre le fichier' }).click()
  await expect(page.getByText('Le contenu de ce fichier ne correspond pas à son extension « .pdf » (c’est en réalité un fichier image PNG).')).toBeVisible()
  await expect(input).toHaveAttribute('aria-invalid', 'true')

  await input.setInputFiles({ name: 'budget.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<script>alert(1)</script> pas un PDF') })
  await page.getByRole('button', { name: 'Joindre le fichier' }).click()
  await expect(page.getByText('Ce type de fichier n’est pas accepté. Formats acceptés : PDF, ODT, DOCX, ODS, XLSX, PNG, JPEG et WebP.')).toBeVisible()
  expect(await db.selectFrom('attachments').select('id').where('resourceId', '=', resource.id).execute()).toEqual([])
})

test.describe('sans JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('la page de modification dit clairement que l’éditeur a besoin de JavaScript ; le filtre par structure fonctionne', async ({
    page,
    login,
  }) => {
    const author = await login()
    const structure = await structureOf(author)
    const resource = await resourceOf(author, { overrides: { structures: [structure.slug] } })
    await page.goto(`/ressources/${resource.slug}/modifier`)
    await expect(page.getByText('L’éditeur de texte a besoin de JavaScript', { exact: false })).toBeVisible()
    await expect(page.getByText('Chargement de l’éditeur de texte…')).toBeHidden()

    await page.goto('/ressources')
    await page.goto(`/ressources?structure=${structure.slug}`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ressources de ${structure.name}`)
    // Another filter keeps the structure (a plain GET form).
    await page.getByLabel('Type').selectOption('initiative')
    await page.getByRole('button', { name: 'Filtrer' }).click()
    await expect(page).toHaveURL(new RegExp(`structure=${structure.slug}`))
    await expect(page.getByRole('heading', { level: 3 })).toHaveText([resource.title])
  })
})

test('axe : liste, nouvelle ressource (éditeur chargé), lecture, modification et historique', async ({ page, login }) => {
  test.slow()
  const author = await login()
  const resource = await resourceOf(author, { overrides: { structures: [(await structureOf(author)).slug] } })

  await page.goto('/ressources')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ressources')
  await expectNoAxeViolations(page)

  await page.goto('/ressources/nouvelle')
  await expectNoAxeViolations(page)
  await page.goto('/ressources/nouvelle?type=formation')
  await editorOf(page)
  await expectNoAxeViolations(page)
  // The link dialog of the editor, open.
  await page.getByRole('toolbar', { name: 'Mise en forme : Contenu' }).getByRole('button', { name: 'Lien', exact: true }).click()
  await expect(page.getByRole('dialog', { name: 'Ajouter un lien' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.keyboard.press('Escape')

  await page.goto(`/ressources/${resource.slug}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(resource.title)
  await expectNoAxeViolations(page)

  await page.goto(`/ressources/${resource.slug}/modifier`)
  await editorOf(page)
  await expectNoAxeViolations(page)

  await page.goto(`/ressources/${resource.slug}/historique`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Historique')
  await expectNoAxeViolations(page)
})
