import { type ExtraServer, startExtraServer } from './extra-server.ts'
import { expect, logInContext, test } from './fixtures.ts'

// The review of first contributions in the browser (issue 14 « done when »): a new member's first best practice waits
// in the queue; a coordinator of its territory asks for a change, the author corrects and sends it again, the
// coordinator approves it and marks it « Validé par le réseau ». The suite's server publishes directly
// (REVIEW_THRESHOLD=0, playwright.config.ts): this spec runs a second production server on the SAME database with
// the default threshold (2), so the people and resources made through the modules are the same on both. Sessions are
// cookies of `localhost`, which do not depend on the port. axe runs on every page visited (fixtures.ts).

const PORT = Number(process.env.E2E_PORT || 3100) + 3
let server: ExtraServer | undefined

test.describe.configure({ mode: 'serial', timeout: 240_000 })

test.beforeAll(async () => {
  test.setTimeout(150_000)
  const dataDir = process.env.ESSAIM_E2E_DATA_DIR
  if (!dataDir) throw new Error('ESSAIM_E2E_DATA_DIR is missing: run through playwright.config.ts')
  server = await startExtraServer(PORT, {
    PUBLIC_URL: '',
    DATA_DIR: dataDir,
    REVIEW_THRESHOLD: '2',
    WEB_CONCURRENCY: '1',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  })
})

test.afterAll(async () => {
  await server?.stop()
})

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

test('la première bonne pratique d’un nouveau membre est relue, corrigée, approuvée puis validée', async ({ page, login, newGuardedPage }) => {
  const origin = server!.origin
  const { addTestGroupMember, territoryGroup } = await import('#tests/factories/group-pages.ts')
  const { createTestResource } = await import('#tests/factories/resources.ts')

  // The new member, with a draft best practice in the Calaisis (the editor itself is tested in resources.spec.ts).
  const author = await login()
  const title = `Un jardin partagé au pied des immeubles ${suffix}`
  const draft = await createTestResource({ author, type: 'bonne-pratique', status: 'draft', overrides: { title, territory: 'calaisis' } })

  await page.goto(`${origin}/ressources/${draft.slug}/modifier`)
  await page.getByRole('button', { name: 'Publier' }).click()
  await expect(page).toHaveURL(`${origin}/ressources/${draft.slug}`)
  await expect(page.getByRole('main')).toContainText('attend la relecture')
  await expect(page.locator('.status-banner')).toContainText('En attente de relecture')

  // A coordinator of the Calaisis finds it in the queue, with the count in the header.
  const coordinatorPage = await newGuardedPage()
  const coordinator = await logInContext(coordinatorPage.context())
  await addTestGroupMember((await territoryGroup('calaisis')).id, coordinator.id, 'coordinator')
  await coordinatorPage.goto(`${origin}/`)
  await coordinatorPage.getByRole('link', { name: /^Modération \(\d+\)/ }).click()
  await expect(coordinatorPage.getByRole('heading', { level: 1 })).toHaveText(/Modération/)
  await coordinatorPage.getByRole('link', { name: title }).click()
  await expect(coordinatorPage.getByRole('heading', { level: 1 })).toHaveText(`Relecture : ${title}`)

  // Asking for changes needs a message: refused in French first.
  await coordinatorPage.getByRole('button', { name: 'Demander des modifications' }).click()
  await expect(coordinatorPage.getByRole('alert').first()).toBeVisible()
  await coordinatorPage.getByLabel('Message à l’auteur ou à l’autrice').fill('Pouvez-vous préciser le coût du projet et les partenaires ?')
  await coordinatorPage.getByRole('button', { name: 'Demander des modifications' }).click()
  await expect(coordinatorPage).toHaveURL(`${origin}/moderation`)
  await expect(coordinatorPage.getByRole('link', { name: title })).toHaveCount(0)

  // Back to draft for the author, who corrects and sends it again.
  await page.goto(`${origin}/ressources/${draft.slug}/modifier`)
  await expect(page.getByRole('main')).toContainText('Brouillon')
  await page.getByRole('button', { name: 'Publier' }).click()
  await expect(page.getByRole('main')).toContainText('attend la relecture')

  // The coordinator approves, then validates it from the resource page.
  await coordinatorPage.goto(`${origin}/moderation`)
  await coordinatorPage.getByRole('link', { name: title }).click()
  await coordinatorPage.getByRole('button', { name: 'Approuver et publier' }).click()
  await expect(coordinatorPage).toHaveURL(`${origin}/moderation`)
  await coordinatorPage.goto(`${origin}/ressources/${draft.slug}`)
  await expect(coordinatorPage.locator('.status-banner')).toHaveCount(0)
  await coordinatorPage.getByRole('button', { name: 'Valider', exact: true }).click()
  await expect(coordinatorPage.getByRole('main')).toContainText('Validé par le réseau')

  // Everyone now reads it, badge included.
  const visitor = await newGuardedPage()
  await visitor.goto(`${origin}/ressources/${draft.slug}`)
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(visitor.getByRole('main')).toContainText('Validé par le réseau')
})
