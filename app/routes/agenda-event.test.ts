import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { cancelEvent } from '#app/modules/events/events.server.ts'
import { formatEventScheduleFr } from '#app/utils/dates-fr.ts'
import { db } from '#db/client.server.ts'
import { AGENDA_ROUTES } from '#tests/helpers/agenda-routes.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'

// The event page (/agenda/:id) and its .ics file, through real requests and a real database (issue 13).

const app = createTestApp(AGENDA_ROUTES)

async function login(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0] }
}

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, headers: response.headers, ...(await readPage(response)) }
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await app(formPost(url, fields, cookie))
  return { status: response.status, location: response.headers.get('location'), cookies: response.headers.getSetCookie().join('\n'), ...(await readPage(response)) }
}

function jsonLd(full: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/.exec(full)
  if (!match) throw new Error('no JSON-LD')
  return JSON.parse(match[1]) as Record<string, unknown>
}

async function registrations(eventId: string) {
  return db
    .selectFrom('eventRegistrations')
    .select(['userId', 'state'])
    .where('eventId', '=', eventId)
    .where('state', '<>', 'cancelled')
    .orderBy('createdAt')
    .execute()
}

describe('the event page', () => {
  test('a public event: date with weekday, year and time zone, place, organiser, .ics link, JSON-LD; anonymous are asked to log in', async () => {
    const group = await createTestGroup({ name: 'Groupe Agenda Public' })
    const event = await createTestEvent({ groupId: group.id, title: 'Séance du Calaisis', capacity: 10 })
    const answer = await page(`/agenda/${event.id}`)
    expect(answer.status).toBe(200)
    expect(answer.visible).toContain('<h1>Séance du Calaisis</h1>')
    const schedule = formatEventScheduleFr(event.startsAt, event.endsAt)
    expect(schedule).toMatch(/^\p{L}+ \d/u)
    expect(answer.visible).toContain(schedule)
    expect(answer.visible).toContain('(heure de Paris)')
    expect(answer.visible).toContain('12, rue de la Paix, Arras')
    expect(answer.visible).toContain(`href="/groupes/${group.slug}">Groupe Agenda Public</a>`)
    expect(answer.visible).toContain(`href="/agenda/${event.id}.ics"`)
    expect(answer.visible).toContain('10 places')
    expect(answer.visible).toContain(`href="/connexion?redirectTo=${encodeURIComponent(`/agenda/${event.id}`)}">Connectez-vous pour vous inscrire</a>`)
    expect(answer.visible).not.toContain('Je participe')
    expect(answer.visible).not.toContain('id="participants"')
    expect(answer.visible).not.toContain('Annulé')
    expect(jsonLd(answer.full)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Séance du Calaisis',
      startDate: event.startsAt,
      endDate: event.endsAt,
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', address: { streetAddress: '12, rue de la Paix', addressLocality: 'Arras' } },
      organizer: { '@type': 'Organization', name: 'Groupe Agenda Public' },
    })
  })

  test('an online event shows its link, and says so in JSON-LD', async () => {
    const event = await createTestEvent({ communeInsee: null, address: '', onlineUrl: 'https://visio.example.org/salle' })
    const answer = await page(`/agenda/${event.id}`)
    expect(answer.visible).toContain('href="https://visio.example.org/salle"')
    expect(jsonLd(answer.full)).toMatchObject({
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: 'https://visio.example.org/salle' },
    })
  })

  test('a group-only event is a 404, page and .ics, for anonymous visitors and non-members; members read both', async () => {
    const group = await createTestGroup()
    const event = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id], title: 'Réunion réservée au groupe' })
    const outsider = await login()
    const member = await login()
    await addTestGroupMember(group.id, member.user.id)
    for (const cookie of [undefined, outsider.cookie]) {
      for (const url of [`/agenda/${event.id}`, `/agenda/${event.id}.ics`]) {
        const answer = await page(url, cookie)
        expect(answer.status).toBe(404)
        expect(answer.full).not.toContain('Réunion réservée au groupe')
      }
      const registering = await post(`/agenda/${event.id}`, { intent: 'register' }, cookie ?? outsider.cookie)
      expect(registering.status).toBe(404)
    }
    expect((await page(`/agenda/${event.id}`, member.cookie)).visible).toContain('Réunion réservée au groupe')
    expect((await page(`/agenda/${event.id}.ics`, member.cookie)).status).toBe(200)
    expect(await registrations(event.id)).toEqual([])
  })

  test('an unknown event is a 404', async () => {
    expect((await page('/agenda/inconnu')).status).toBe(404)
    expect((await page('/agenda/inconnu.ics')).status).toBe(404)
  })
})

describe('registering on the event page (plain POST forms)', () => {
  test('places first, then the waiting list with the rank; leaving promotes the first person waiting', async () => {
    const event = await createTestEvent({ capacity: 1 })
    const [a, b, c] = [await login(), await login(), await login()]
    const url = `/agenda/${event.id}`
    expect((await page(url, a.cookie)).visible).toContain('Je participe')

    const first = await post(url, { intent: 'register' }, a.cookie)
    expect(first.status).toBe(302)
    expect(first.location).toBe(url)
    expect(first.cookies).toContain('essaim_flash=event-registered')
    const again = await post(url, { intent: 'register' }, a.cookie)
    expect(again.cookies).toContain('essaim_flash=event-already')
    expect((await post(url, { intent: 'register' }, b.cookie)).cookies).toContain('essaim_flash=event-waiting')
    expect((await post(url, { intent: 'register' }, c.cookie)).cookies).toContain('essaim_flash=event-waiting')

    const aPage = (await page(url, a.cookie)).visible
    expect(aPage).toContain('Vous êtes inscrit ou inscrite à cet événement.')
    expect(aPage).toContain('Se désinscrire')
    expect(aPage).not.toContain('Je participe')
    expect((await page(url, b.cookie)).visible).toContain('Vous êtes 1re sur la liste d’attente')
    expect((await page(url, c.cookie)).visible).toContain('Vous êtes 2e sur la liste d’attente')

    const leaving = await post(url, { intent: 'unregister' }, a.cookie)
    expect(leaving.status).toBe(302)
    expect(leaving.cookies).toContain('essaim_flash=event-unregistered')
    expect(await registrations(event.id)).toEqual([
      { userId: b.user.id, state: 'registered' },
      { userId: c.user.id, state: 'waiting' },
    ])
    expect((await page(url, c.cookie)).visible).toContain('Vous êtes 1re sur la liste d’attente')
    expect((await page(url, a.cookie)).visible).toContain('Je participe')

    const notRegistered = await post(url, { intent: 'unregister' }, a.cookie)
    expect(notRegistered.status).toBe(400)
    expect(notRegistered.visible).toContain('Vous n’êtes pas inscrit ou inscrite à cet événement.')
  })

  test('anonymous POSTs go to the log-in page; an unverified person is told to confirm the address, and is not registered', async () => {
    const event = await createTestEvent()
    const url = `/agenda/${event.id}`
    const anonymous = await post(url, { intent: 'register' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/connexion\?redirectTo=/)
    const unverified = await login({ emailVerifiedAt: null })
    expect((await page(url, unverified.cookie)).visible).toContain('Confirmez votre adresse électronique')
    const answer = await post(url, { intent: 'register' }, unverified.cookie)
    expect(answer.status).toBe(403)
    expect(answer.visible).toContain('Confirmez votre adresse électronique avec le lien reçu par courriel pour vous inscrire.')
    expect(await registrations(event.id)).toEqual([])
  })

  test('a cancelled event says « Annulé », offers no registration, and refuses one by POST', async () => {
    const event = await createTestEvent()
    const person = await login()
    const result = await cancelEvent({ id: event.id, actor: systemActor('tests') })
    expect(result.ok).toBe(true)
    const url = `/agenda/${event.id}`
    const answer = await page(url, person.cookie)
    expect(answer.status).toBe(200)
    expect(answer.visible).toContain('<strong>Annulé</strong>')
    expect(answer.visible).not.toContain('Je participe')
    expect(jsonLd(answer.full)).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled' })
    const registering = await post(url, { intent: 'register' }, person.cookie)
    expect(registering.status).toBe(403)
    expect(registering.visible).toContain('Les inscriptions à cet événement sont closes.')
    expect(await registrations(event.id)).toEqual([])
  })

  test('a past event: closed for everyone, anonymous visitors are not asked to log in for nothing', async () => {
    const event = await createTestEvent({ startsAt: '2024-03-07T08:00:00Z', endsAt: '2024-03-07T11:00:00Z' })
    const unverified = await login({ emailVerifiedAt: null })
    for (const cookie of [undefined, unverified.cookie]) {
      const html = (await page(`/agenda/${event.id}`, cookie)).visible
      expect(html).toContain('Les inscriptions à cet événement sont closes.')
      expect(html).not.toContain('Connectez-vous pour vous inscrire')
      expect(html).not.toContain('Confirmez votre adresse électronique')
    }
  })

  test('an unknown intent is a 400', async () => {
    const event = await createTestEvent()
    const person = await login()
    expect((await post(`/agenda/${event.id}`, { intent: 'other' }, person.cookie)).status).toBe(400)
  })
})

describe('the participants list', () => {
  test('organisers see the participants and, apart, the waiting list; participants and others do not', async () => {
    const group = await createTestGroup()
    const coordinator = await login()
    await addTestGroupMember(group.id, coordinator.user.id, 'coordinator')
    const event = await createTestEvent({ groupId: group.id, capacity: 1 })
    const a = await login({ name: 'Alice Participante' })
    const b = await login({ name: 'Bruno Enattente' })
    await post(`/agenda/${event.id}`, { intent: 'register' }, a.cookie)
    await post(`/agenda/${event.id}`, { intent: 'register' }, b.cookie)
    const organiserPage = (await page(`/agenda/${event.id}`, coordinator.cookie)).visible
    expect(organiserPage).toContain('Participants (1)')
    expect(organiserPage).toMatch(/Participants \(1\)<\/h2><ul><li>Alice Participante<\/li><\/ul>/)
    expect(organiserPage).toMatch(/Liste d’attente \(1\)<\/h3><ol><li>Bruno Enattente<\/li><\/ol>/)
    for (const viewer of [a, b]) {
      const { full } = await page(`/agenda/${event.id}`, viewer.cookie)
      expect(full).not.toContain('id="participants"')
      expect(full).not.toContain(viewer === a ? 'Bruno Enattente' : 'Alice Participante')
    }
  })
})

describe('the .ics file', () => {
  test('text/calendar, an attachment, the event with its UID, parsed by ical.js', async () => {
    const event = await createTestEvent({ title: 'Formation, avec ; des caractères' })
    const answer = await page(`/agenda/${event.id}.ics`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="evenement-${event.id}.ics"`)
    const calendar = new ICAL.Component(ICAL.parse(answer.full))
    const vevents = calendar.getAllSubcomponents('vevent')
    expect(vevents).toHaveLength(1)
    const parsed = new ICAL.Event(vevents[0])
    expect(parsed.uid).toBe(event.uid)
    expect(parsed.summary).toBe('Formation, avec ; des caractères')
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1)
  })
})
