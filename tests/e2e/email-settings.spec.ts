import { expect, test } from './fixtures.ts'

// Email settings and unsubscribing in the browser (issue 17 §5). axe runs on every page visited (fixtures.ts): the
// settings page, its saved state, the unsubscribe confirmation and its result. The token is made through the module
// with the server's database and key (both from the same environment).

test.describe.configure({ timeout: 180_000 })

test('on choisit ses courriels, puis on se désabonne du résumé hebdomadaire par le lien', async ({ page, login }) => {
  const user = await login()
  await page.goto('/compte/notifications')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes courriels de notifications')
  const group = page.getByRole('group', { name: 'Nouvelles ressources dans mes abonnements' })
  await expect(group.getByRole('radio', { name: 'Dans le résumé hebdomadaire' })).toBeChecked()
  await group.getByRole('radio', { name: 'Dans le résumé quotidien' }).check()
  await page.getByRole('button', { name: 'Enregistrer mes réglages' }).click()
  await expect(page.getByText('Vos réglages de courriels sont enregistrés.')).toBeVisible()
  await expect(page.getByRole('group', { name: 'Nouvelles ressources dans mes abonnements' }).getByRole('radio', { name: 'Dans le résumé quotidien' })).toBeChecked()

  const { createUnsubscribeToken } = await import('#app/modules/notifications/unsubscribe.server.ts')
  await page.goto(`/desabonnement/${createUnsubscribeToken(user.id, 'weekly')}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se désabonner des courriels')
  await page.getByRole('button', { name: 'Me désabonner' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vous êtes désabonné')
  await page.goto('/compte/notifications')
  await expect(page.getByRole('group', { name: 'Réponses à mes commentaires' }).getByRole('radio', { name: 'Jamais' })).toBeChecked()
  await expect(page.getByRole('group', { name: 'Nouvelles ressources dans mes abonnements' }).getByRole('radio', { name: 'Dans le résumé quotidien' })).toBeChecked()
})
