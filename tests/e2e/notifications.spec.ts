import { expect, test } from './fixtures.ts'

// Follows and notifications in the browser (issue 17 §3–4): follow a territory from its page, a resource gets
// published there, the bell says 1, /notifications lists it, « Marquer comme lue » empties the bell. axe runs on every
// page visited (fixtures.ts), the list open included. The resource is published through the module in the server's
// database; the fan-out is drained here too (the server's worker would do it within seconds).

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

async function publishInTernois(title: string) {
  const { createTestUser } = await import('#tests/factories/users.ts')
  const { createTestResource } = await import('#tests/factories/resources.ts')
  const { drainNotificationOutbox } = await import('#app/modules/notifications/fanout.server.ts')
  const author = await createTestUser()
  const resource = await createTestResource({ author, type: 'initiative', overrides: { territory: 'ternois', title } })
  await drainNotificationOutbox()
  return resource
}

test('on suit un territoire, une ressource y est publiée, la cloche l’annonce, on la marque comme lue', async ({ page, login }) => {
  await login()
  await page.goto('/territoires/ternois')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Territoire Ternois')
  await expect(page.getByRole('link', { name: 'Notifications, aucune non lue' })).toBeVisible()
  await page.getByRole('button', { name: 'Suivre ce territoire' }).click()
  await expect(page.getByRole('button', { name: 'Ne plus suivre ce territoire' })).toBeVisible()
  await expect(page).toHaveURL(/\/territoires\/ternois$/)

  const title = `Une recyclerie solidaire à Saint-Pol ${suffix}`
  const resource = await publishInTernois(title)
  await page.reload()
  const bell = page.getByRole('link', { name: 'Notifications, 1 non lue' })
  await expect(bell).toBeVisible()
  await bell.click()
  await expect(page).toHaveURL(/\/notifications$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications')
  const item = page.getByRole('link', { name: `Nouvelle ressource dans vos abonnements : « ${title} »` })
  await expect(item).toHaveAttribute('href', `/ressources/${resource.slug}`)
  await page.getByRole('button', { name: new RegExp(`^Marquer comme lue : .*${suffix}`) }).click()
  await expect(page.getByRole('link', { name: 'Notifications, aucune non lue' })).toBeVisible()
  await expect(page.getByText('Tout est lu.')).toBeVisible()

  // The follow is listed on the account's page, and stops from there.
  await page.goto('/compte/abonnements')
  await expect(page.getByRole('heading', { name: 'Territoires (1)' })).toBeVisible()
  await page.getByRole('button', { name: 'Ne plus suivre : Ternois' }).click()
  await expect(page.getByText('Vous ne suivez encore rien.')).toBeVisible()
})
