import type { Page } from '@playwright/test'
import { db } from './db.ts'
import { expect, test } from './fixtures.ts'

// The agenda in the browser (issue 13): the list with its filters, an event page, registering and leaving through
// the UI (with a waiting list), with and without JavaScript; axe runs on every page visited (fixtures.ts). Events
// are made through the events module in the server's database. Workers share one server and one database: every
// title carries a suffix drawn when the worker loads this file.

test.describe.configure({ timeout: 180_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

/** A public event with `capacity` places, in the Calaisis, next month. */
async function makeEvent(title: string, capacity: number | null = 10) {
  const { createTestEvent } = await import('#tests/factories/events.ts')
  return createTestEvent({ title: `${title} ${suffix}`, capacity, communeInsee: null, territorySlug: 'calaisis', address: 'Salle des fêtes' })
}

async function registrationState(eventId: string, userId: string) {
  const row = await db
    .selectFrom('eventRegistrations')
    .select('state')
    .where('eventId', '=', eventId)
    .where('userId', '=', userId)
    .where('state', '<>', 'cancelled')
    .executeTakeFirst()
  return row?.state ?? null
}

async function registerAndLeave(page: Page, eventId: string, userId: string) {
  await page.getByRole('button', { name: 'Je participe' }).click()
  await expect(page.getByText('Vous êtes inscrit ou inscrite à cet événement.')).toBeVisible()
  expect(await registrationState(eventId, userId)).toBe('registered')
  await page.getByRole('button', { name: 'Se désinscrire' }).click()
  await expect(page.getByRole('button', { name: 'Je participe' })).toBeVisible()
  expect(await registrationState(eventId, userId)).toBeNull()
}

test('l’agenda mène à un événement ; on s’y inscrit et on s’en désinscrit', async ({ page, login }) => {
  const event = await makeEvent('Séance du Calaisis')
  const user = await login()
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agenda' }).click()
  await expect(page).toHaveURL(/\/agenda$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agenda')
  await page.getByLabel('Territoire').selectOption('calaisis')
  await page.getByRole('button', { name: 'Filtrer' }).click()
  await expect(page).toHaveURL(/territoire=calaisis/)
  await page.getByRole('link', { name: event.title }).click()
  await expect(page).toHaveURL(new RegExp(`/agenda/${event.id}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(event.title)
  await expect(page.getByRole('main')).toContainText('(heure de Paris)')
  await expect(page.getByRole('link', { name: 'Ajouter à mon agenda (fichier .ics)' })).toHaveAttribute('href', `/agenda/${event.id}.ics`)
  await registerAndLeave(page, event.id, user.id)
})

test('un événement complet met en liste d’attente, avec le rang', async ({ page, login }) => {
  const event = await makeEvent('Formation complète', 1)
  const { register } = await import('#app/modules/events/registrations.server.ts')
  const { systemActor } = await import('#app/modules/auth/viewer.ts')
  const { createTestUser } = await import('./db.ts')
  const first = await createTestUser()
  expect(await register({ eventId: event.id, actor: systemActor('e2e'), userId: first.id })).toMatchObject({ ok: true, state: 'registered' })
  await login()
  await page.goto(`/agenda/${event.id}`)
  await page.getByRole('button', { name: 'Je participe' }).click()
  await expect(page.getByText('Vous êtes 1re sur la liste d’attente.')).toBeVisible()
})

test.describe('sans JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('la liste se filtre et l’inscription marche par simple formulaire', async ({ page, login }) => {
    const event = await makeEvent('Réunion sans script')
    const user = await login()
    await page.goto('/agenda')
    await page.getByLabel('Territoire').selectOption('calaisis')
    await page.getByRole('button', { name: 'Filtrer' }).click()
    await expect(page).toHaveURL(/territoire=calaisis/)
    await page.getByRole('link', { name: event.title }).click()
    await expect(page).toHaveURL(new RegExp(`/agenda/${event.id}$`))
    await registerAndLeave(page, event.id, user.id)
    await page.goto('/agenda?quand=passes')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Événements passés')
  })
})
