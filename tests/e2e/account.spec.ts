import type { Page } from '@playwright/test'
import { DEFAULT_TEST_PASSWORD, countSessions, createSession, emailsTo, linkIn, uniqueEmail, waitForEmail } from './db.ts'
import { BASE_URL, SESSION_COOKIE, expect, test } from './fixtures.ts'

const NEW_PASSWORD = 'un tout nouveau mot de passe 2027'

/** A second browser logged in as the same user (its own session, its own cookie). */
async function secondBrowser(newGuardedPage: (options?: object) => Promise<Page>, userId: string) {
  const other = await newGuardedPage({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0' })
  const { token } = await createSession(userId, { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/128.0' })
  await other.context().addCookies([{ name: SESSION_COOKIE, value: token, url: BASE_URL, httpOnly: true, sameSite: 'Lax' }])
  await other.goto('/compte')
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Mon compte')
  return other
}

async function expectLoggedOut(page: Page) {
  await page.goto('/compte')
  await expect(page).toHaveURL(/\/connexion\?redirectTo=%2Fcompte$/)
}

test('« Mon compte » liste les sessions ; en fermer une déconnecte l’autre navigateur', async ({ page, login, newGuardedPage }) => {
  const user = await login()
  const other = await secondBrowser(newGuardedPage, user.id)
  await page.goto('/compte')
  const sessions = page.getByRole('table', { name: 'Vos sessions ouvertes' })
  await expect(sessions.getByRole('row')).toHaveCount(3) // header + two sessions
  await expect(sessions).toContainText('cette session')
  await expect(sessions).toContainText('Firefox sur Windows')
  expect(await countSessions(user.id)).toBe(2)

  await sessions.getByRole('button', { name: /^Fermer la session Firefox sur Windows/ }).click()
  await expect(page.getByRole('main')).toContainText('La session a été fermée.')
  await expect(sessions.getByRole('row')).toHaveCount(2)
  expect(await countSessions(user.id)).toBe(1)

  await expectLoggedOut(other)
  // this browser is still logged in
  await page.goto('/compte')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon compte')
})

test('changer de mot de passe ferme les autres sessions', async ({ page, login, newGuardedPage }) => {
  const user = await login()
  const other = await secondBrowser(newGuardedPage, user.id)
  await page.goto('/compte')
  await page.locator('input[name="currentPassword"]').fill(DEFAULT_TEST_PASSWORD)
  await page.locator('input[name="newPassword"]').fill(NEW_PASSWORD)
  await page.locator('input[name="confirmPassword"]').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Changer de mot de passe' }).click()
  await expect(page.getByRole('main')).toContainText('Votre mot de passe est modifié. Vos autres sessions ont été fermées.')
  await expect(page.getByRole('table', { name: 'Vos sessions ouvertes' }).getByRole('row')).toHaveCount(2)
  expect(await countSessions(user.id)).toBe(1)
  await expectLoggedOut(other)

  // the new password works, the old one no longer does
  await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click()
  await page.goto('/connexion')
  await page.locator('input[name="email"]').fill(user.email)
  await page.locator('input[name="password"]').fill(DEFAULT_TEST_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Le formulaire contient' })).toContainText('incorrect')
  await page.locator('input[name="password"]').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('main')).toContainText('Connexion réussie.')
})

test('changer de mot de passe : un mauvais mot de passe actuel est signalé près du champ', async ({ page, login }) => {
  await login()
  await page.goto('/compte')
  await page.locator('input[name="currentPassword"]').fill('pas le mot de passe actuel')
  await page.locator('input[name="newPassword"]').fill(NEW_PASSWORD)
  await page.locator('input[name="confirmPassword"]').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Changer de mot de passe' }).click()
  const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient' })
  await expect(summary).toContainText('Le mot de passe actuel est incorrect.')
  await expect(summary).toBeFocused()
  await expect(page.locator('input[name="currentPassword"]')).toHaveAttribute('aria-invalid', 'true')
})

test('mot de passe oublié : même réponse pour une adresse inconnue, lien de réinitialisation, nouvelle connexion', async ({
  page,
  login,
}) => {
  const user = await login()
  await page.context().clearCookies()

  const ask = async (email: string) => {
    await page.goto('/mot-de-passe-oublie')
    await page.locator('input[name="email"]').fill(email)
    await page.getByRole('button', { name: 'Recevoir un lien' }).click()
    await expect(page.getByRole('main')).toContainText('Si un compte existe avec cette adresse')
    return ((await page.getByRole('main').textContent()) ?? '').trim()
  }
  const unknown = uniqueEmail('inconnu')
  const answerUnknown = await ask(unknown)
  const answerKnown = await ask(user.email)
  expect(answerKnown).toBe(answerUnknown)
  expect(await emailsTo(unknown)).toHaveLength(0)

  const message = await waitForEmail(user.email, /nouveau mot de passe/)
  await page.goto(linkIn(message.textBody, '/reinitialiser-mot-de-passe'))
  await page.locator('input[name="password"]').fill(NEW_PASSWORD)
  await page.locator('input[name="confirmPassword"]').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
  await expect(page).toHaveURL(/\/connexion$/)
  await expect(page.getByRole('main')).toContainText('Votre mot de passe est réinitialisé.')

  await page.locator('input[name="email"]').fill(user.email)
  await page.locator('input[name="password"]').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('main')).toContainText('Connexion réussie.')

  // the link works once
  await page.goto(linkIn(message.textBody, '/reinitialiser-mot-de-passe'))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien ne permet pas de changer le mot de passe')
})
