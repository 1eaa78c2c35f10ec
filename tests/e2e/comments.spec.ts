import type { Page } from '@playwright/test'
import { db } from './db.ts'
import { expect, test } from './fixtures.ts'

// Comments and reactions in the browser (issue 17, items 1 and 2), with axe on every page visited (fixtures.ts): a
// member comments a resource through the editor, another replies, both react; without JavaScript the same works with
// plain textareas and POST forms. Data is set up through the database; every name carries a suffix drawn when the
// worker loads this file (workers share one server and one database).

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

async function publicResource() {
  const [{ createTestResource }, { createTestUser }] = await Promise.all([import('#tests/factories/resources.ts'), import('#tests/factories/users.ts')])
  const author = await createTestUser({ name: `Autrice ${suffix}` })
  const resource = await createTestResource({ author, overrides: { title: `Guide du réemploi ${suffix} ${Math.random().toString(36).slice(2, 6)}` } })
  return { resource, url: `/ressources/${resource.slug}` }
}

async function editorOf(page: Page, name: string) {
  const editor = page.getByRole('textbox', { name })
  await expect(editor).toBeVisible({ timeout: 30_000 })
  await expect(editor).toHaveAttribute('contenteditable', 'true')
  return editor
}

test('un membre commente une ressource, un autre lui répond, et tous deux réagissent', async ({ page, login }) => {
  test.slow()
  const { resource, url } = await publicResource()
  const first = await login({ name: `Camille ${suffix}` })
  await page.goto(url)
  const comments = page.getByRole('region', { name: /^Commentaires \(/ })
  await expect(comments.getByRole('heading', { level: 2, name: 'Commentaires (0)' })).toBeVisible()
  const editor = await editorOf(page, 'Votre commentaire')
  await editor.click()
  await page.keyboard.type(`On l’a testé à Lens ${suffix}.`)
  await page.getByRole('button', { name: 'Publier le commentaire' }).click()
  await expect(comments.getByRole('heading', { level: 2, name: 'Commentaires (1)' })).toBeVisible()
  const article = comments.getByRole('article').filter({ hasText: `On l’a testé à Lens ${suffix}.` })
  await expect(article).toContainText(`Camille ${suffix}`)
  await expect(article.locator('time')).toHaveCount(1)
  const row = await db.selectFrom('comments').select(['id', 'authorId']).where('resourceId', '=', resource.id).executeTakeFirstOrThrow()
  expect(row.authorId).toBe(first.id)

  // « Utile », then undone.
  const reactions = page.getByRole('region', { name: 'Retours des lecteurs' })
  await reactions.getByRole('button', { name: 'Utile', exact: true }).click()
  await expect(reactions).toContainText('Utile pour 1 personne')
  await reactions.getByRole('button', { name: 'Utile (retirer)' }).click()
  await expect(reactions).toContainText('Personne n’a encore indiqué que cette ressource lui a été utile.')
  await reactions.getByRole('button', { name: 'Utile', exact: true }).click()
  await expect(reactions).toContainText('Utile pour 1 personne')

  // A second person (the same browser, logged in as someone else: the session cookie is replaced) replies and says
  // they tested it.
  await login({ name: `Dominique ${suffix}` })
  await page.goto(url)
  await page.getByText('Répondre', { exact: true }).first().click()
  const answer = await editorOf(page, 'Votre réponse')
  await answer.click()
  await page.keyboard.type(`Merci, nous aussi ${suffix}.`)
  await page.getByRole('button', { name: 'Publier la réponse' }).click()
  await expect(comments.getByRole('heading', { level: 2, name: 'Commentaires (2)' })).toBeVisible()
  const replies = comments.getByRole('list', { name: `Réponses au commentaire de Camille ${suffix}` })
  await expect(replies.getByRole('article')).toContainText(`Merci, nous aussi ${suffix}.`)
  await reactions.getByRole('button', { name: 'Je l’ai testé', exact: true }).click()
  await expect(reactions).toContainText('Testé par 1 personne')
  await expect(reactions).toContainText('Utile pour 1 personne')
})

test.describe('sans JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('commenter, répondre, modifier et réagir avec des formulaires simples', async ({ page, login }) => {
    const { url } = await publicResource()
    await login({ name: `Sans script ${suffix}` })
    await page.goto(url)
    await expect(page.getByText('Chargement de l’éditeur de texte…').first()).toBeHidden()
    // Refused: French message, nothing lost.
    await page.getByRole('button', { name: 'Publier le commentaire' }).click()
    await expect(page.getByText('Écrivez votre commentaire.')).toBeVisible()
    await page.getByRole('textbox', { name: 'Votre commentaire' }).fill(`Premier avis ${suffix}\n\nDeuxième paragraphe.`)
    await page.getByRole('button', { name: 'Publier le commentaire' }).click()
    const comments = page.getByRole('region', { name: 'Commentaires (1)' })
    await expect(comments).toContainText(`Premier avis ${suffix}`)
    await expect(comments).toContainText('Deuxième paragraphe.')

    await comments.getByText('Répondre', { exact: true }).click()
    await comments.getByRole('textbox', { name: 'Votre réponse' }).fill(`Ma réponse ${suffix}`)
    await comments.getByRole('button', { name: 'Publier la réponse' }).click()
    await expect(page.getByRole('region', { name: 'Commentaires (2)' })).toContainText(`Ma réponse ${suffix}`)

    await page.getByRole('link', { name: 'Modifier' }).first().click()
    await page.getByRole('textbox', { name: 'Modifier le commentaire' }).fill(`Avis corrigé ${suffix}`)
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(page.getByRole('region', { name: 'Commentaires (2)' })).toContainText(`Avis corrigé ${suffix}`)
    await expect(page.getByRole('region', { name: 'Commentaires (2)' })).toContainText('modifié le')

    await page.getByRole('button', { name: 'Utile', exact: true }).click()
    await expect(page).toHaveURL(/#reactions$/)
    await expect(page.getByRole('region', { name: 'Retours des lecteurs' })).toContainText('Utile pour 1 personne')

    // Deleting one's reply takes a second, explicit step (axe scans the page with the confirmation open).
    const reply = page.locator('article').filter({ hasText: `Ma réponse ${suffix}` })
    await reply.getByText('Supprimer', { exact: true }).click()
    await expect(reply.getByText('Supprimer ce commentaire ? Cette action est définitive.')).toBeVisible()
    await reply.getByRole('button', { name: 'Confirmer la suppression' }).click()
    await expect(page.getByRole('region', { name: 'Commentaires (1)' })).not.toContainText(`Ma réponse ${suffix}`)
  })
})
