import type { Page } from '@playwright/test'
import { db } from './db.ts'
import { expect, test } from './fixtures.ts'

// Group discussions in the browser (issue 12, item 5), with axe on every page visited (fixtures.ts): a member opens a
// discussion through the editor (restricted toolbar), replies without JavaScript (plain textarea), and the list, new
// and thread pages pass axe with and without JavaScript. Data is set up through the database; workers share one
// server and one database, so every name carries a suffix drawn when the worker loads this file.

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

/** A public thematic group, with the given person as a member, and one thread opened by its coordinator. */
async function groupWithThread(memberId: string) {
  const [{ addTestGroupMember, createTestGroup }, { createTestUser }, { createThread, reply }, { systemActor }] = await Promise.all([
    import('#tests/factories/group-pages.ts'),
    import('#tests/factories/users.ts'),
    import('#app/modules/discussions/discussions.server.ts'),
    import('#app/modules/auth/viewer.ts'),
  ])
  const group = await createTestGroup({ name: `Réemploi ${suffix} ${Math.random().toString(36).slice(2, 6)}` })
  const coordinator = await createTestUser({ name: `Coordinatrice ${suffix}` })
  await addTestGroupMember(group.id, coordinator.id, 'coordinator')
  await addTestGroupMember(group.id, memberId)
  const actor = systemActor('tests e2e')
  const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
  const thread = await createThread({ actor, authorId: coordinator.id, groupId: group.id, title: `Collecte de textiles ${suffix}`, body: doc('Qui participe à la collecte de samedi ?') })
  if (!thread.ok) throw new Error(JSON.stringify(thread))
  await reply({ actor, authorId: coordinator.id, threadId: thread.threadId, body: doc('Rendez-vous à 9 h devant la salle des fêtes.') })
  return { group, threadUrl: `/groupes/${group.slug}/discussions/${thread.threadId}`, base: `/groupes/${group.slug}/discussions` }
}

async function editorOf(page: Page, name: string) {
  const editor = page.getByRole('textbox', { name })
  await expect(editor).toBeVisible({ timeout: 30_000 })
  await expect(editor).toHaveAttribute('contenteditable', 'true')
  return editor
}

test('un membre ouvre une discussion avec l’éditeur, puis répond', async ({ page, login }) => {
  test.slow()
  const member = await login({ name: `Membre ${suffix}` })
  const { group, base } = await groupWithThread(member.id)
  await page.goto(`/groupes/${group.slug}`)
  await page.getByRole('navigation', { name: `Rubriques du groupe ${group.name}` }).getByRole('link', { name: 'Discussions' }).click()
  await expect(page).toHaveURL(new RegExp(`${base}$`))
  await expect(page.getByRole('heading', { level: 3, name: `Collecte de textiles ${suffix}` })).toBeVisible()
  await expect(page.getByRole('main')).toContainText('1 réponse')
  await page.getByRole('link', { name: 'Nouvelle discussion' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Nouvelle discussion' })).toBeVisible()

  const title = `Atelier couture ${suffix}`
  await page.getByLabel('Titre').fill(title)
  const editor = await editorOf(page, 'Message')
  // The discussions' restricted set: no headings, quotes, tables or images in the toolbar.
  const toolbar = page.getByRole('toolbar', { name: 'Mise en forme : Message' })
  await expect(toolbar.getByRole('button', { name: 'Gras' })).toBeVisible()
  await expect(toolbar.getByRole('button', { name: 'Titre de niveau 2' })).toHaveCount(0)
  await expect(toolbar.getByRole('button', { name: /tableau/ })).toHaveCount(0)
  await editor.click()
  await page.keyboard.type('Un atelier ')
  await page.keyboard.press('Control+b')
  await page.keyboard.type('chaque jeudi')
  await page.keyboard.press('Control+b')
  await page.keyboard.type(' à la ressourcerie.')
  await page.getByRole('button', { name: 'Publier la discussion' }).click()

  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()
  await expect(page.locator('.discussion-message strong', { hasText: 'chaque jeudi' })).toBeVisible()
  const row = await db.selectFrom('discussionThreads').select(['id', 'authorId']).where('title', '=', title).executeTakeFirstOrThrow()
  expect(row.authorId).toBe(member.id)

  const answer = await editorOf(page, 'Votre réponse')
  await answer.click()
  await page.keyboard.type(`Je viendrai avec des chutes de tissu ${suffix}.`)
  await page.getByRole('button', { name: 'Publier la réponse' }).click()
  await expect(page.getByRole('region', { name: 'Réponses' })).toContainText(`Je viendrai avec des chutes de tissu ${suffix}.`)
  await expect(page.getByRole('main')).toContainText('1 réponse')
  // The reply form starts empty again.
  await expect(await editorOf(page, 'Votre réponse')).not.toContainText('chutes de tissu')
})

test('axe : liste, nouvelle discussion (éditeur chargé) et discussion', async ({ page, login }) => {
  test.slow()
  const member = await login()
  const { base, threadUrl } = await groupWithThread(member.id)
  await page.goto(base)
  await page.goto(`${base}/nouvelle`)
  await editorOf(page, 'Message')
  await page.goto(threadUrl)
  await editorOf(page, 'Votre réponse')
  await expect(page.getByText('Mentionnez un membre avec @Prénom Nom.')).toBeVisible()
})

test.describe('sans JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('un membre répond et ouvre une discussion avec une zone de texte simple', async ({ page, login }) => {
    const member = await login()
    const { base, threadUrl } = await groupWithThread(member.id)
    await page.goto(base)
    await expect(page.getByRole('link', { name: 'Nouvelle discussion' })).toBeVisible()

    await page.goto(threadUrl)
    const text = `Présente samedi ${suffix}`
    await page.getByRole('textbox', { name: 'Votre réponse' }).fill(`${text}\n\nJ’apporte des sacs.`)
    await page.getByRole('button', { name: 'Publier la réponse' }).click()
    await expect(page.getByRole('region', { name: 'Réponses' })).toContainText(text)
    await expect(page.getByRole('region', { name: 'Réponses' })).toContainText('J’apporte des sacs.')
    await expect(page.getByRole('main')).toContainText('2 réponses')

    await page.goto(`${base}/nouvelle`)
    await expect(page.getByText('Chargement de l’éditeur de texte…')).toBeHidden()
    // What was typed stays when the form is refused.
    await page.getByRole('textbox', { name: 'Message' }).fill('Sans titre pour voir')
    await page.getByRole('button', { name: 'Publier la discussion' }).click()
    await expect(page.getByText('Le titre est obligatoire.')).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('Sans titre pour voir')
    await page.getByLabel('Titre').fill(`Sans JavaScript ${suffix}`)
    await page.getByRole('button', { name: 'Publier la discussion' }).click()
    await expect(page.getByRole('heading', { level: 2, name: `Sans JavaScript ${suffix}` })).toBeVisible()
  })
})
