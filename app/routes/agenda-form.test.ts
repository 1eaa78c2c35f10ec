import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import type { PersonViewer } from '#app/modules/auth/viewer.ts'
import { getEventById } from '#app/modules/events/events.server.ts'
import { register } from '#app/modules/events/registrations.server.ts'
import * as editPage from '#app/routes/agenda.$id_.modifier.tsx'
import * as newPage from '#app/routes/agenda.nouveau.tsx'
import { db } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { AGENDA_ROUTES } from '#tests/helpers/agenda-routes.ts'
import { createTestApp, formPost, pageGet, readPage, type TestRoute } from '#tests/helpers/remix-app.ts'

// Proposing, editing and cancelling an event through real requests and a real database (issue 13).

const asRoute = (module: unknown) => module as TestRoute['module']
const app = createTestApp({
  ...AGENDA_ROUTES,
  'routes/agenda.nouveau': { path: 'agenda/nouveau', module: asRoute(newPage) },
  'routes/agenda.$id_.modifier': { path: 'agenda/:id/modifier', module: asRoute(editPage) },
})

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, location: response.headers.get('location'), ...(await readPage(response)) }
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  return { status: response.status, location: response.headers.get('location'), ...(await readPage(response)) }
}

async function coordinator() {
  const group = await createTestGroup({ name: 'Territoire du Calaisis (test)' })
  const person = await login()
  await addTestGroupMember(group.id, person.user.id, 'coordinator')
  return { group, ...person }
}

/** A valid form: a working session in Calais on 10 March 2027, 9 h to 12 h (Paris), 10 places. */
function formFields(organiser: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    organiser,
    title: 'Séance de travail du Calaisis',
    descriptionText: 'Ordre du jour : les projets du territoire.',
    kind: 'seance-territoriale',
    startDate: '2027-03-10',
    startTime: '09:00',
    endDate: '2027-03-10',
    endTime: '12:00',
    commune: '',
    communeLabel: 'Calais',
    address: 'Salle du conseil',
    onlineUrl: '',
    territory: '',
    capacity: '10',
    deadlineDate: '2027-03-08',
    deadlineTime: '18:00',
    visibility: 'public',
    ...overrides,
  }
}

describe('proposing an event', () => {
  test('a coordinator posts a working session for 10 people: Paris times stored in UTC, territory from the commune', async () => {
    const { group, cookie, user } = await coordinator()
    const form = await page('/agenda/nouveau', cookie)
    expect(form.status).toBe(200)
    expect(form.visible).toContain('<h1>Proposer un événement</h1>')
    expect(form.visible).toContain(`value="group:${group.id}"`)
    expect(form.visible).toContain('noValidate'.toLowerCase())
    const answer = await post('/agenda/nouveau', formFields(`group:${group.id}`), cookie)
    expect(answer.status).toBe(302)
    const id = answer.location?.match(/^\/agenda\/([^/?]+)$/)?.[1]
    if (!id) throw new Error(`unexpected redirect ${answer.location}`)
    const event = await getEventById(id)
    expect(event).toMatchObject({
      title: 'Séance de travail du Calaisis',
      groupId: group.id,
      startsAt: '2027-03-10T08:00:00.000Z',
      endsAt: '2027-03-10T11:00:00.000Z',
      registrationDeadline: '2027-03-08T17:00:00.000Z',
      capacity: 10,
      territorySlug: 'calaisis',
      createdBy: user.id,
      visibility: 'public',
    })
    expect(event?.descriptionHtml).toContain('Ordre du jour')
  })

  test('a group-only event is for the organising group’s members', async () => {
    const { group, cookie } = await coordinator()
    const answer = await post('/agenda/nouveau', formFields(`group:${group.id}`, { visibility: 'group' }), cookie)
    expect(answer.status).toBe(302)
    const event = await getEventById(answer.location!.split('/').pop()!)
    expect(event).toMatchObject({ visibility: 'group', groupIds: [group.id] })
  })

  test('bad input: 400, French messages next to the fields, every typed value kept', async () => {
    const { group, cookie } = await coordinator()
    const answer = await post(
      '/agenda/nouveau',
      formFields(`group:${group.id}`, {
        title: 'Mon titre gardé',
        endTime: '08:00',
        capacity: '0',
        onlineUrl: 'http://visio.example.org',
        communeLabel: 'Nulle-Part-sur-Mer',
        descriptionText: '',
        address: 'Adresse gardée',
      }),
      cookie,
    )
    expect(answer.status).toBe(400)
    expect(answer.visible).toContain('Le nombre de places est un nombre entier d’au moins 1')
    expect(answer.visible).toContain('Le lien doit être une adresse complète commençant par https://.')
    expect(answer.visible).toContain('Présentez l’événement en quelques lignes.')
    expect(answer.visible).toContain('Aucune commune du Pas-de-Calais')
    expect(answer.visible).toContain('value="Mon titre gardé"')
    expect(answer.visible).toContain('value="Adresse gardée"')
    expect(await db.selectFrom('events').select('id').where('title', '=', 'Mon titre gardé').execute()).toEqual([])
    // The end before the start, the deadline after the start (checked once the fields are well formed).
    const order = await post(
      '/agenda/nouveau',
      formFields(`group:${group.id}`, { endTime: '08:00', deadlineDate: '2027-03-11' }),
      cookie,
    )
    expect(order.status).toBe(400)
    expect(order.visible).toContain('La fin doit venir après le début.')
    expect(order.visible).toContain('La date limite d’inscription doit précéder le début.')
  })

  test('who may: a plain member gets a 403 page and cannot post; a structure member for their structure; an admin for any group', async () => {
    const group = await createTestGroup()
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    const refused = await page('/agenda/nouveau', member.cookie)
    expect(refused.status).toBe(403)
    expect(refused.visible).toContain('coordinateurs et coordinatrices d’un groupe')
    expect((await post('/agenda/nouveau', formFields(`group:${group.id}`), member.cookie)).status).toBe(403)
    expect(await page('/agenda/nouveau')).toMatchObject({ status: 302, location: '/connexion?redirectTo=%2Fagenda%2Fnouveau' })

    const { structure, owner } = await createTestStructure()
    const { cookie: ownerCookie } = await createSession(owner.id)
    const ownerAnswer = await post('/agenda/nouveau', formFields(`structure:${structure.id}`), ownerCookie.split(';')[0])
    expect(ownerAnswer.status).toBe(302)
    // The structure member may not post for a group they do not coordinate.
    const other = await post('/agenda/nouveau', formFields(`group:${group.id}`), ownerCookie.split(';')[0])
    expect(other.status).toBe(403)

    const admin = await login({ role: 'admin' })
    expect((await post('/agenda/nouveau', formFields(`group:${group.id}`), admin.cookie)).status).toBe(302)
  })
})

describe('editing and cancelling an event', () => {
  test('editing the time through the form raises SEQUENCE and keeps the UID; the title alone does not', async () => {
    const { group, cookie } = await coordinator()
    const created = await post('/agenda/nouveau', formFields(`group:${group.id}`), cookie)
    const id = created.location!.split('/').pop()!
    const before = (await getEventById(id))!
    const form = await page(`/agenda/${id}/modifier`, cookie)
    expect(form.status).toBe(200)
    expect(form.visible).toContain('value="09:00"')
    expect(form.visible).toContain('value="2027-03-10"')
    const retitled = await post(`/agenda/${id}/modifier`, formFields('ignored', { title: 'Nouveau titre', expectedVersion: '1' }), cookie)
    expect(retitled).toMatchObject({ status: 302, location: `/agenda/${id}` })
    expect(await getEventById(id)).toMatchObject({ title: 'Nouveau titre', sequence: 0, uid: before.uid, groupId: group.id })
    const moved = await post(`/agenda/${id}/modifier`, formFields('ignored', { startTime: '10:00', expectedVersion: '2' }), cookie)
    expect(moved.status).toBe(302)
    expect(await getEventById(id)).toMatchObject({ startsAt: '2027-03-10T09:00:00.000Z', sequence: 1, uid: before.uid })
    // A stale form is refused, not saved over.
    const stale = await post(`/agenda/${id}/modifier`, formFields('ignored', { title: 'Périmé', expectedVersion: '2' }), cookie)
    expect(stale.status).toBe(409)
    expect(stale.visible).toContain('modifié entre-temps')
  })

  test('edit page: 404 for who may not read it, 403 for a reader who may not edit, the organiser’s links on the event page', async () => {
    const { group, cookie } = await coordinator()
    const publicEvent = await createTestEvent({ groupId: group.id })
    const secret = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id] })
    const stranger = await login()
    expect((await page(`/agenda/${secret.id}/modifier`, stranger.cookie)).status).toBe(404)
    expect((await page(`/agenda/${publicEvent.id}/modifier`, stranger.cookie)).status).toBe(403)
    expect((await post(`/agenda/${publicEvent.id}/modifier`, formFields('x', { expectedVersion: '1' }), stranger.cookie)).status).toBe(403)
    const strangerView = await page(`/agenda/${publicEvent.id}`, stranger.cookie)
    expect(strangerView.visible).not.toContain('/modifier"')
    expect(strangerView.visible).not.toContain('Annuler l’événement')
    const organiserView = await page(`/agenda/${publicEvent.id}`, cookie)
    expect(organiserView.visible).toContain(`href="/agenda/${publicEvent.id}/modifier"`)
    expect(organiserView.visible).toContain('Annuler l’événement')
    expect(organiserView.visible).toContain('id="participants"')
  })

  test('cancelling: a confirmation step, then « Annulé »; registered and waiting people told through the outbox; others may not', async () => {
    const { group, cookie } = await coordinator()
    const event = await createTestEvent({ groupId: group.id, capacity: 1 })
    const a = await createTestUser()
    const b = await createTestUser()
    await register({ eventId: event.id, actor: (await viewerById(a.id)) as PersonViewer })
    await register({ eventId: event.id, actor: (await viewerById(b.id)) as PersonViewer })
    const stranger = await login()
    expect((await post(`/agenda/${event.id}`, { intent: 'cancel' }, stranger.cookie)).status).toBe(403)
    expect((await getEventById(event.id))?.status).toBe('scheduled')
    const confirm = await page(`/agenda/${event.id}?annuler`, cookie)
    expect(confirm.visible).toContain('Confirmer l’annulation')
    expect(confirm.visible).toContain('name="intent" value="cancel"')
    const done = await post(`/agenda/${event.id}`, { intent: 'cancel' }, cookie)
    expect(done).toMatchObject({ status: 302, location: `/agenda/${event.id}` })
    expect(await getEventById(event.id)).toMatchObject({ status: 'cancelled', sequence: 1 })
    for (const user of [a, b]) {
      const mails = await db.selectFrom('emailOutbox').select(['subject']).where('toAddress', '=', user.email).execute()
      expect(mails).toEqual([{ subject: `Annulé : ${event.title}` }])
    }
    const after = await page(`/agenda/${event.id}`, cookie)
    expect(after.visible).toContain('<strong>Annulé</strong>')
    expect(after.visible).not.toContain('Annuler l’événement')
    expect((await page(`/agenda/${event.id}/modifier`, cookie)).status).toBe(403)
  })

  test('« Proposer un événement » on /agenda only for those who may organise', async () => {
    const { cookie } = await coordinator()
    expect((await page('/agenda', cookie)).visible).toContain('href="/agenda/nouveau"')
    const member = await login()
    expect((await page('/agenda', member.cookie)).visible).not.toContain('href="/agenda/nouveau"')
    expect((await page('/agenda')).visible).not.toContain('href="/agenda/nouveau"')
  })
})
