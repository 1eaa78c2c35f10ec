import { db } from './db.ts'
import { expect, test } from './fixtures.ts'

// Proposing an event in the browser (issue 13, « done when »): a coordinator of a Calaisis group posts a working
// session for 10 people; 12 members register (through the database), 2 wait. axe runs on every page visited
// (fixtures.ts), the form with its errors shown included. Written without being run by its author: the lead runs it.

test.describe.configure({ timeout: 90_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

test('une coordinatrice du Calaisis propose une séance de travail pour 10 personnes', async ({ page, login }) => {
  const { addTestGroupMember, createTestGroup } = await import('#tests/factories/group-pages.ts')
  const group = await createTestGroup({ name: `Calaisis en transition ${suffix}` })
  const coordinator = await login()
  await addTestGroupMember(group.id, coordinator.id, 'coordinator')

  await page.goto('/agenda')
  await page.getByRole('link', { name: 'Proposer un événement' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Proposer un événement' })).toBeVisible()

  // Sent empty: the French errors, listed in the summary (axe scans this state too).
  await page.getByRole('button', { name: 'Publier l’événement' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Le formulaire contient' })).toBeVisible()

  const title = `Séance de travail du Calaisis ${suffix}`
  await page.getByLabel('Organisateur').selectOption(`group:${group.id}`)
  await page.getByLabel('Titre', { exact: false }).first().fill(title)
  await page.getByLabel('Type d’événement').selectOption('seance-territoriale')
  const editor = page.getByRole('textbox', { name: 'Présentation *' })
  await expect(editor).toHaveAttribute('contenteditable', 'true')
  await editor.fill('Ordre du jour : les projets du territoire.')
  await page.getByLabel('Date de début').fill('2027-03-10')
  await page.getByLabel('Heure de début').fill('09:00')
  await page.getByLabel('Date de fin').fill('2027-03-10')
  await page.getByLabel('Heure de fin').fill('12:00')
  const commune = page.getByRole('combobox', { name: /Commune/ })
  await commune.pressSequentially('Calai', { delay: 40 })
  await page.getByRole('option', { name: /^Calais\b/ }).first().click()
  await expect(commune).toHaveValue('Calais')
  await page.getByLabel('Adresse', { exact: true }).fill('Salle du conseil')
  await page.getByLabel('Nombre de places').fill('10')
  await page.getByRole('button', { name: 'Publier l’événement' }).click()

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByText('mercredi 10 mars 2027, 9 h – 12 h (heure de Paris)')).toBeVisible()
  const id = new URL(page.url()).pathname.split('/').pop()!
  expect(await db.selectFrom('events').select(['capacity', 'startsAt']).where('id', '=', id).executeTakeFirst()).toEqual({
    capacity: 10,
    startsAt: '2027-03-10T08:00:00.000Z',
  })

  // 12 members register: 10 places, 2 on the waiting list, as the organiser sees them.
  const { createTestUser } = await import('#tests/factories/users.ts')
  const { viewerById } = await import('#app/modules/auth/viewer.server.ts')
  const { register } = await import('#app/modules/events/registrations.server.ts')
  for (let i = 0; i < 12; i++) {
    const user = await createTestUser()
    const viewer = await viewerById(user.id)
    if (viewer) await register({ eventId: id, actor: viewer })
  }
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Participants (10)' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Liste d’attente (2)' })).toBeVisible()

  // The organiser edits (axe on the edit form), then cancels through the confirmation step: the page stays, « Annulé ».
  const manage = page.getByRole('navigation', { name: 'Gérer l’événement' })
  await manage.getByRole('link', { name: 'Modifier' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Modifier l’événement' })).toBeVisible()
  await page.goto(`/agenda/${id}`)
  await manage.getByRole('link', { name: 'Annuler l’événement' }).click()
  await expect(page.getByRole('heading', { name: 'Annuler l’événement ?' })).toBeVisible()
  await page.getByRole('button', { name: 'Confirmer l’annulation' }).click()
  await expect(page.locator('.status-banner')).toContainText('Annulé')
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
})
