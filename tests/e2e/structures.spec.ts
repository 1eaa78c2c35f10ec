import fs from 'node:fs'
import type { Page } from '@playwright/test'
import sharp from 'sharp'
import {
  DEFAULT_TEST_PASSWORD,
  addTestMember,
  createTestStructure,
  db,
  getUserByEmail,
  linkIn,
  uniqueEmail,
  waitForEmail,
} from './db.ts'
import { expect, logInContext, test } from './fixtures.ts'

// Structures and people in the browser, against the production build, with axe on every page (fixtures.ts):
// creating a structure with its logo and charter, invitations and join requests, the label, the directory with and
// without JavaScript, profile visibility, data export and account deletion.
//
// Workers run in parallel against one server and one database: every name below carries a suffix drawn when the
// worker loads this file, and each test makes its own people and structures.

// Long journeys, an axe scan after each of their many pages: on a shared two-core machine they need more than the
// default two minutes.
test.describe.configure({ timeout: 360_000 })

const suffix = Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')
let counter = 0
/** A name unique to this worker and this call (letters only: the directory's text filter folds accents). */
const unique = (word: string) => `${word} ${suffix}${'abcdefghijklmnopqrstuvwxyz'[counter++ % 26]}${counter}`

const CALAIS = '62193'
const ARRAS = '62041'

const logoPng = () =>
  sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 30, g: 110, b: 60, alpha: 1 } } })
    .png()
    .toBuffer()

/** The directory's result count (a polite live region). */
const resultCount = (page: Page) => page.locator('p[role="status"][aria-live="polite"]')

const flash = (page: Page) => page.locator('.flash[role="status"]')

async function naturalWidth(page: Page, selector: string) {
  const image = page.locator(selector).first()
  await expect(image).toBeVisible()
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0))).toBeGreaterThan(0)
  return image.evaluate((element: HTMLImageElement) => element.naturalWidth)
}

async function setVisibility(page: Page, visibility: 'Public' | 'Membres' | 'Masqué') {
  await page.goto('/compte/profil')
  await page.getByRole('radio', { name: new RegExp(`^${visibility} :`) }).check()
  await page.getByRole('button', { name: 'Enregistrer mon profil' }).click()
  await expect(flash(page)).toHaveText('Votre profil est enregistré.')
  const href = await page.getByRole('link', { name: 'Voir ma page de profil' }).getAttribute('href')
  if (!href) throw new Error('no profile link')
  return href
}

test('un membre crée sa structure, ajoute un logo, signe la charte ; la collègue invitée rejoint depuis le courriel', async ({
  page,
  login,
  newGuardedPage,
}) => {
  const ownerName = unique('Alice Fondatrice')
  const owner = await login({ name: ownerName })
  // The owner chooses to be seen by everyone; the colleague keeps the default (members only).
  await setVisibility(page, 'Public')

  // Create: the commune comes from the combobox, the territory follows.
  const name = unique('Ressourcerie Solidaire')
  await page.goto('/structures')
  await page.getByRole('link', { name: 'Créer la page de votre structure' }).click()
  await expect(page).toHaveURL(/\/structures\/nouvelle$/)
  await page.getByLabel('Nom de la structure').fill(name)
  await page.getByLabel('Forme juridique').selectOption('association')
  const commune = page.getByRole('combobox', { name: /Commune du siège/ })
  await commune.pressSequentially('Arra', { delay: 40 })
  const option = page.getByRole('option', { name: /^Arras\b/ })
  await expect(option).toContainText('Arrageois')
  await option.click()
  await expect(commune).toHaveValue('Arras')
  await page.getByLabel('Présentation courte').fill('Collecte, réparation et revente d’objets du quotidien.')
  await page.getByRole('button', { name: 'Créer la structure' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(flash(page)).toContainText('La structure est créée')
  await expect(page.getByRole('main')).toContainText('Association loi 1901 · Arras (Arrageois)')
  const slug = new URL(page.url()).pathname.split('/').pop() as string

  // Logo: a file that is not an image is refused in French; a real PNG is shown everywhere.
  await page.getByRole('link', { name: 'Modifier la structure' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Modifier « ${name} »`)
  const logoInput = page.getByLabel('Logo de la structure')
  await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') })
  await page.getByRole('button', { name: 'Envoyer le logo' }).click()
  await expect(page.getByText('Ce fichier n’est pas une image PNG, JPEG ou WebP.')).toBeVisible()
  await expect(logoInput).toHaveAttribute('aria-invalid', 'true')
  await expect(logoInput).toBeFocused()
  // What was typed in the other form survives the logo upload.
  await page.locator('input[name="address"]').fill('12 rue des Ateliers')
  await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await logoPng() })
  await page.getByRole('button', { name: 'Envoyer le logo' }).click()
  await expect(flash(page)).toHaveText('Le logo est enregistré.')
  expect(await naturalWidth(page, 'img.structure-logo')).toBe(256)
  await expect(page.getByRole('img', { name: `Logo actuel de ${name}` })).toBeVisible()
  await expect(page.locator('input[name="address"]')).toHaveValue('12 rue des Ateliers')
  const { logoKey } = await db.selectFrom('structures').select('logoKey').where('slug', '=', slug).executeTakeFirstOrThrow()
  expect(logoKey).toMatch(/^[0-9a-f]{32}$/)

  await page.goto(`/structures?q=${encodeURIComponent(name)}`)
  await expect(resultCount(page)).toHaveText('1 structure')
  expect(await naturalWidth(page, '.card img')).toBe(64)
  await expect(page.locator('.card img')).toHaveAttribute('alt', '')

  // Charter.
  await page.getByRole('link', { name }).click()
  expect(await naturalWidth(page, '.structure-profile header img')).toBe(256)
  await page.getByRole('button', { name: 'Signer la charte au nom de la structure' }).click()
  await expect(flash(page)).toContainText('La charte de l’ESS est signée')
  await expect(page.getByRole('list', { name: 'Distinctions' })).toContainText('Signataire de la charte de l’ESS depuis le')

  // Invitation by email.
  const colleagueEmail = uniqueEmail('collegue')
  const colleagueName = unique('Bruno Collegue')
  await page.getByRole('link', { name: 'Gérer les membres et les invitations' }).click()
  await page.getByLabel('Adresse électronique').fill(colleagueEmail)
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click()
  await expect(flash(page)).toContainText('L’invitation est envoyée')
  await expect(page.getByRole('region', { name: 'Invitations en cours' })).toContainText(colleagueEmail)

  const email = await waitForEmail(colleagueEmail, /Invitation à rejoindre/)
  expect(email.subject).toBe(`Invitation à rejoindre ${name} sur Essaim`)
  const link = linkIn(email.textBody, '/invitations/')

  // The colleague opens the link in another browser: first not logged in, then logged in.
  const colleague = await newGuardedPage()
  await colleague.goto(link)
  await expect(colleague.getByRole('heading', { level: 1 })).toHaveText('Invitation à rejoindre une structure')
  await expect(colleague.getByRole('main')).toContainText(`Cette invitation vous propose de rejoindre ${name} en tant que membre.`)
  await expect(colleague.getByRole('link', { name: 'connectez-vous' })).toBeVisible()
  await logInContext(colleague.context(), { email: colleagueEmail, name: colleagueName })
  await colleague.reload()
  await colleague.getByRole('button', { name: `Rejoindre ${name}` }).click()
  await expect(colleague).toHaveURL(new RegExp(`/structures/${slug}$`))
  await expect(flash(colleague)).toContainText('Bienvenue !')
  const members = colleague.locator('section[aria-labelledby="titre-membres"]')
  await expect(members).toContainText(`${ownerName} (responsable)`)
  await expect(members).toContainText(colleagueName)
  // The link served once.
  await colleague.goto(link)
  await expect(colleague.getByRole('main')).toContainText('Cette invitation a déjà servi.')

  // The owner is told; a visitor sees only those who chose to be public.
  await waitForEmail(owner.email, /a rejoint/)
  const visitor = await newGuardedPage()
  await visitor.goto(`/structures/${slug}`)
  const publicMembers = visitor.locator('section[aria-labelledby="titre-membres"]')
  await expect(publicMembers).toContainText(ownerName)
  await expect(publicMembers).not.toContainText(colleagueName)
})

test('demande d’adhésion acceptée, départ d’un membre, le dernier responsable ne peut pas partir', async ({
  page,
  login,
  newGuardedPage,
}) => {
  const owner = await login({ name: unique('Claire Responsable') })
  const name = unique('Epicerie Partagee')
  const { structure } = await createTestStructure({ owner, input: { name } })

  const applicant = await newGuardedPage()
  const applicantName = unique('David Candidat')
  const applicantUser = await logInContext(applicant.context(), { name: applicantName })
  await applicant.goto(`/structures/${structure.slug}`)
  await applicant.getByLabel('Message aux responsables (facultatif)').fill('Je suis bénévole le samedi.')
  await applicant.getByRole('button', { name: 'Demander à rejoindre la structure' }).click()
  await expect(flash(applicant)).toHaveText('Votre demande est envoyée aux responsables de la structure.')
  await expect(applicant.getByText('Votre demande pour rejoindre la structure attend la réponse de ses responsables.')).toBeVisible()
  const notice = await waitForEmail(owner.email, /Demande pour rejoindre/)
  expect(notice.textBody).toContain('Je suis bénévole le samedi.')

  await page.goto(linkIn(notice.textBody, `/structures/${structure.slug}/membres`))
  await expect(page.getByRole('main')).toContainText(applicantName)
  await page.getByRole('button', { name: `Accepter la demande de ${applicantName}` }).click()
  await expect(flash(page)).toHaveText('La demande est acceptée : la personne fait désormais partie de la structure.')
  await expect(page.getByRole('table')).toContainText(applicantName)
  await waitForEmail(applicantUser.email, /Bienvenue dans/)

  // The new member leaves.
  await applicant.goto(`/structures/${structure.slug}`)
  await applicant.getByRole('button', { name: 'Quitter la structure' }).click()
  await expect(flash(applicant)).toHaveText('Vous ne faites plus partie de cette structure.')
  await expect(applicant.getByRole('button', { name: 'Quitter la structure' })).toHaveCount(0)
  await waitForEmail(owner.email, /a quitté/)

  // The last owner cannot.
  await page.goto(`/structures/${structure.slug}`)
  await page.getByRole('button', { name: 'Quitter la structure' }).click()
  await expect(page.getByRole('alert')).toContainText(
    'Vous êtes la seule personne responsable de cette structure : nommez d’abord une autre personne responsable',
  )
  const role = await db
    .selectFrom('structureMembers')
    .select('role')
    .where('structureId', '=', structure.id)
    .where('userId', '=', owner.id)
    .executeTakeFirst()
  expect(role).toEqual({ role: 'owner' })
})

test('une administratrice attribue le label ; le filtre « Distinction » de l’annuaire le trouve', async ({ page, login }) => {
  await login({ role: 'admin', name: unique('Admin Label') })
  const word = unique('Labellisable')
  const { structure } = await createTestStructure({ input: { name: `${word} Cooperative` } })
  await createTestStructure({ input: { name: `${word} Sans Label` } })
  await page.goto(`/structures/${structure.slug}`)
  await page.getByRole('button', { name: 'Attribuer le label' }).click()
  await expect(flash(page)).toHaveText('Le label « Labellisée ESS Pas-de-Calais » est attribué.')
  await expect(page.getByRole('list', { name: 'Distinctions' })).toContainText('Labellisée ESS Pas-de-Calais depuis le')

  await page.goto('/structures')
  await page.getByRole('searchbox', { name: 'Nom de la structure' }).fill(word)
  await page.getByRole('button', { name: 'Filtrer' }).click()
  await expect(resultCount(page)).toHaveText('2 structures')
  await page.getByLabel('Distinction').selectOption({ label: 'Labellisée ESS Pas-de-Calais' })
  await expect(page).toHaveURL(/badge=label/)
  await expect(resultCount(page)).toHaveText('1 structure')
  await expect(page.locator('.card-grid h2')).toHaveText(`${word} Cooperative`)
  const audit = await db.selectFrom('auditLog').select('action').where('targetId', '=', structure.id).execute()
  expect(audit).toEqual([{ action: 'structure.label-granted' }])
})

test.describe('l’annuaire /structures', () => {
  // 23 structures of this worker: 5 in Calais, odd ones are SCOP, every third is about mobility, one is labelled.
  const tag = `annuaire${suffix}`
  const label = (i: number) => `${tag} ${String(i).padStart(2, '0')}`

  // Once per worker: in fully parallel mode the hook may run again in the same worker (same `suffix`).
  let created = false
  test.beforeAll(async () => {
    if (created) return
    created = true
    for (let i = 0; i < 23; i++) {
      const { structure } = await createTestStructure({
        input: {
          name: label(i),
          legalForm: i % 2 ? 'scop' : 'association',
          communeInsee: i < 5 ? CALAIS : ARRAS,
          themes: i % 3 === 0 ? ['mobilite'] : ['habitat'],
        },
      })
      // One second apart, so that « les plus récentes » has a single right order.
      await db
        .updateTable('structures')
        .set({
          createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString(),
          labelGrantedAt: i === 7 ? new Date().toISOString() : null,
        })
        .where('id', '=', structure.id)
        .execute()
    }
  })

  for (const javaScriptEnabled of [true, false]) {
    test.describe(javaScriptEnabled ? 'avec JavaScript' : 'sans JavaScript', () => {
      test.use({ javaScriptEnabled })

      test('filtres, tri et pagination ; le nombre de résultats est annoncé', async ({ page }) => {
        // Without JavaScript a changed list does nothing until « Filtrer »; with it, the list applies at once.
        const apply = async () => {
          if (!javaScriptEnabled) await page.getByRole('button', { name: 'Filtrer' }).click()
        }
        await page.goto('/structures')
        await expect(resultCount(page)).toHaveAttribute('aria-live', 'polite')
        await page.getByRole('searchbox', { name: 'Nom de la structure' }).fill(tag)
        await page.getByRole('button', { name: 'Filtrer' }).click()
        await expect(resultCount(page)).toHaveText('23 structures — page 1 sur 2')
        await expect(page.locator('.card-grid > li')).toHaveCount(20)
        await expect(page.locator('.card-grid h2').first()).toHaveText(label(0))

        await page.getByLabel('Territoire').selectOption({ label: 'Calaisis' })
        await apply()
        await expect(page).toHaveURL(/territoire=calaisis/)
        await expect(resultCount(page)).toHaveText('5 structures')
        await page.getByLabel('Forme juridique').selectOption({ label: 'Coopérative — SCOP' })
        await apply()
        await expect(resultCount(page)).toHaveText('2 structures')
        await page.getByLabel('Thématique').selectOption({ label: 'Mobilité' })
        await apply()
        await expect(resultCount(page)).toHaveText('1 structure')
        await expect(page.locator('.card-grid h2')).toHaveText(label(3))

        await page.getByRole('link', { name: 'Effacer les filtres' }).click()
        await expect(page).toHaveURL(/\/structures$/)
        await page.getByRole('searchbox', { name: 'Nom de la structure' }).fill(tag)
        await page.getByLabel('Distinction').selectOption({ label: 'Labellisée ESS Pas-de-Calais' })
        await apply()
        await expect(page).toHaveURL(/badge=label/)
        await expect(resultCount(page)).toHaveText('1 structure')
        await expect(page.locator('.card-grid h2')).toHaveText(label(7))
        await page.getByLabel('Distinction').selectOption({ label: 'Toutes les structures' })
        await apply()
        await expect(resultCount(page)).toHaveText('23 structures — page 1 sur 2')
        await page.getByLabel('Trier par').selectOption({ label: 'Les plus récentes' })
        await apply()
        await expect(page).toHaveURL(/tri=recent/)
        await expect(resultCount(page)).toHaveText('23 structures — page 1 sur 2')
        await expect(page.locator('.card-grid h2').first()).toHaveText(label(22))

        await page.getByRole('link', { name: 'Page suivante' }).click()
        await expect(page).toHaveURL(/page=2/)
        await expect(page).toHaveURL(/tri=recent/)
        await expect(resultCount(page)).toHaveText('23 structures — page 2 sur 2')
        await expect(page.locator('.card-grid > li')).toHaveCount(3)
        await expect(page.locator('.card-grid h2').last()).toHaveText(label(0))
        await expect(page.getByRole('navigation', { name: 'Pagination' }).locator('[aria-current="page"]')).toHaveText('Page 2')

        await page.getByRole('searchbox', { name: 'Nom de la structure' }).fill(`${tag} introuvable`)
        await page.getByRole('button', { name: 'Filtrer' }).click()
        await expect(resultCount(page)).toHaveText('Aucune structure ne correspond à ces critères.')
      })
    })
  }
})

test('/membres/:slug selon la visibilité choisie : public, membres, masqué', async ({ page, login, newGuardedPage }) => {
  const name = unique('Emma Visible')
  await login({ name })
  const visitor = await newGuardedPage()
  const member = await newGuardedPage()
  await logInContext(member.context())
  const expectProfile = async (viewer: Page, href: string, visible: boolean) => {
    const response = await viewer.goto(href)
    expect(response?.status()).toBe(visible ? 200 : 404)
    if (visible) await expect(viewer.getByRole('heading', { level: 1 })).toHaveText(name)
    else await expect(viewer.getByRole('main')).not.toContainText(name)
  }

  const href = await setVisibility(page, 'Public')
  await expectProfile(visitor, href, true)
  await expectProfile(member, href, true)

  await setVisibility(page, 'Membres')
  await expectProfile(visitor, href, false)
  await expectProfile(member, href, true)

  await setVisibility(page, 'Masqué')
  await expectProfile(visitor, href, false)
  await expectProfile(member, href, false)
  await page.getByRole('link', { name: 'Voir ma page de profil' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(page.getByRole('main')).toContainText('Votre profil est masqué : il n’est visible que par vous.')
})

test('export JSON des données, puis suppression du compte ; la seule responsable est d’abord arrêtée', async ({
  page,
  login,
  newGuardedPage,
}) => {
  // The owner (sole owner of her structure) and a member with a public profile.
  const ownerPage = await newGuardedPage()
  const owner = await logInContext(ownerPage.context(), { name: unique('Fanny Seule Responsable') })
  const structureName = unique('Atelier Velo')
  const { structure } = await createTestStructure({ owner, input: { name: structureName } })
  const memberName = unique('Gilles Partant')
  const member = await login({ name: memberName })
  await addTestMember(structure.id, member.id)
  const profileHref = await setVisibility(page, 'Public')
  await page.goto(`/structures/${structure.slug}`)
  await expect(page.locator('section[aria-labelledby="titre-membres"]')).toContainText(memberName)

  // Export.
  await page.goto('/compte')
  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Télécharger mes données (JSON)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^essaim-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/)
  const exported = JSON.parse(fs.readFileSync((await download.path()) as string, 'utf8'))
  expect(exported.compte).toMatchObject({ email: member.email, name: memberName })
  expect(exported.profil).toMatchObject({ slug: profileHref.split('/').pop(), visibility: 'public' })
  expect(exported.structures.adhesions).toEqual([expect.objectContaining({ structure: structureName, slug: structure.slug, role: 'member' })])
  expect(JSON.stringify(exported)).not.toContain('passwordHash')

  // The sole owner is told to hand over first.
  await ownerPage.goto('/compte/supprimer')
  await expect(ownerPage.getByRole('main')).toContainText('Vous êtes la seule personne responsable de ces structures')
  await expect(ownerPage.getByRole('link', { name: `${structureName} : gérer les membres` })).toBeVisible()
  await ownerPage.getByLabel('Mot de passe').fill(DEFAULT_TEST_PASSWORD)
  await ownerPage.getByLabel('Je comprends que la suppression de mon compte est définitive').check()
  await ownerPage.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click()
  await expect(ownerPage.getByRole('alert').filter({ hasText: 'Le formulaire contient' })).toContainText(
    'Vous êtes la seule personne responsable d’une ou plusieurs structures',
  )
  expect(await getUserByEmail(owner.email)).toBeDefined()

  // The member: a wrong password first, then the right one.
  await page.goto('/compte/supprimer')
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe')
  await page.getByLabel('Je comprends que la suppression de mon compte est définitive').check()
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Le formulaire contient' })).toContainText('Ce mot de passe n’est pas le bon.')
  await page.getByLabel('Mot de passe').fill(DEFAULT_TEST_PASSWORD)
  await page.getByLabel('Je comprends que la suppression de mon compte est définitive').check()
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(flash(page)).toContainText('Votre compte est supprimé')
  expect(await getUserByEmail(member.email)).toBeUndefined()

  // Gone from the structure page (for everyone, its owner included), from the members page and from /membres.
  await page.goto(`/structures/${structure.slug}`)
  await expect(page.locator('section[aria-labelledby="titre-membres"]')).not.toContainText(memberName)
  await ownerPage.goto(`/structures/${structure.slug}/membres`)
  await expect(ownerPage.getByRole('table')).not.toContainText(memberName)
  expect((await page.goto(profileHref))?.status()).toBe(404)
  await page.goto(`/structures?q=${encodeURIComponent(structureName)}`)
  await expect(resultCount(page)).toHaveText('1 structure')
  await expect(page.getByRole('main')).not.toContainText(memberName)
})
