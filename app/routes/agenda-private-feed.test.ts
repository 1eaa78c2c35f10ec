import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import type { PersonViewer } from '#app/modules/auth/viewer.ts'
import { leaveGroup } from '#app/modules/groups/memberships.server.ts'
import { db } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { AGENDA_ROUTES } from '#tests/helpers/agenda-routes.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'

// The private calendar feed through real requests: /compte/agenda makes and rotates the personal link (POST), the
// feed /agenda/prive/:token.ics answers with the person's groups' events (parsed by ical.js), its headers, and 404s
// for a rotated token or a person who left their groups.

const app = createTestApp(AGENDA_ROUTES)

async function member(groupIds: string[], overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  for (const id of groupIds) await addTestGroupMember(id, user.id)
  const { cookie } = await createSession(user.id)
  return { user, cookie: cookie.split(';')[0]! }
}

/** Asks /compte/agenda for a new link; returns the feed's path from the page. */
async function newFeedPath(cookie: string): Promise<string> {
  const response = await app(formPost('/compte/agenda', { intent: 'rotate-feed' }, cookie))
  expect(response.status).toBe(200)
  const { visible } = await readPage(response)
  const url = /id="lien-agenda" type="text" readonly="" value="([^"]+)"/.exec(visible)?.[1]
  expect(url).toMatch(/^https?:\/\/[^/]+\/agenda\/prive\/[a-z2-7]+\.ics$/)
  return new URL(url!).pathname
}

async function feed(path: string) {
  const response = await app(pageGet(path))
  return { status: response.status, headers: response.headers, text: await response.text() }
}

function uids(ics: string): string[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((c) => String(c.getFirstPropertyValue('uid')))
}

describe('/compte/agenda', () => {
  test('anonymous visitors are sent to log in', async () => {
    const response = await app(pageGet('/compte/agenda'))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/connexion?redirectTo=%2Fcompte%2Fagenda')
  })

  test('explains how to subscribe; offers a link, then to renew it; the token is stored hashed, never shown again', async () => {
    const group = await createTestGroup()
    const { user, cookie } = await member([group.id])
    const before = (await readPage(await app(pageGet('/compte/agenda', cookie)))).visible
    expect(before).toContain('<h1>Mon agenda personnel</h1>')
    expect(before).toContain('Ajouter à votre agenda (Outlook, Google Agenda, Thunderbird…)')
    expect(before).toContain('Obtenir mon lien</button>')
    const path = await newFeedPath(cookie)
    const token = path.slice('/agenda/prive/'.length, -'.ics'.length)
    const stored = await db.selectFrom('eventFeedTokens').select('tokenHash').where('userId', '=', user.id).executeTakeFirstOrThrow()
    expect(stored.tokenHash).not.toContain(token)
    const after = (await readPage(await app(pageGet('/compte/agenda', cookie)))).visible
    expect(after).toContain('Renouveler le lien</button>')
    expect(after).not.toContain(token)
  })

  test('a person in no group, or with an unconfirmed address, is told why and gets no link (400 on POST)', async () => {
    const lonely = await member([])
    const page = (await readPage(await app(pageGet('/compte/agenda', lonely.cookie)))).visible
    expect(page).toContain('Vous n’êtes membre d’aucun groupe')
    expect(page).not.toContain('name="intent"')
    const post = await app(formPost('/compte/agenda', { intent: 'rotate-feed' }, lonely.cookie))
    expect(post.status).toBe(400)
    expect((await readPage(post)).visible).toContain('Vous n’êtes membre d’aucun groupe')
    const group = await createTestGroup()
    const unverified = await member([group.id], { emailVerifiedAt: null })
    const refused = await app(formPost('/compte/agenda', { intent: 'rotate-feed' }, unverified.cookie))
    expect(refused.status).toBe(400)
    expect((await readPage(refused)).visible).toContain('Confirmez votre adresse électronique')
  })
})

describe('/agenda/prive/:token.ics', () => {
  test('the person’s groups’ events (group-only included), as iCalendar, private and with no referrer', async () => {
    const group = await createTestGroup()
    const other = await createTestGroup()
    const { cookie } = await member([group.id])
    const secret = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id], title: 'Réunion réservée' })
    const members = await createTestEvent({ groupId: group.id, visibility: 'members' })
    const notMine = await createTestEvent({ groupId: other.id, visibility: 'group', groupIds: [other.id] })
    const answer = await feed(await newFeedPath(cookie))
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(answer.headers.get('cache-control')).toBe('private, no-store')
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer')
    const calendar = new ICAL.Component(ICAL.parse(answer.text))
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Paris')
    const found = uids(answer.text)
    expect(found).toEqual(expect.arrayContaining([secret.uid, members.uid]))
    expect(found).not.toContain(notMine.uid)
    // The public feeds keep their own headers: the private ones are on this response only.
    const publicFeed = await feed('/agenda.ics')
    expect(publicFeed.headers.get('referrer-policy')).toBeNull()
    expect(publicFeed.text).not.toContain(secret.uid)
  })

  test('« Renouveler le lien » kills the old link (404) and the new one works', async () => {
    const group = await createTestGroup()
    const { cookie } = await member([group.id])
    const first = await newFeedPath(cookie)
    expect((await feed(first)).status).toBe(200)
    const second = await newFeedPath(cookie)
    expect(second).not.toBe(first)
    expect((await feed(first)).status).toBe(404)
    expect((await feed(second)).status).toBe(200)
    expect((await feed('/agenda/prive/pas-un-jeton.ics')).status).toBe(404)
  })

  test('leaving a group: its group-only events leave the feed at once; leaving the last one, the link is dead (404)', async () => {
    const group = await createTestGroup()
    const other = await createTestGroup()
    const { user, cookie } = await member([group.id, other.id])
    const secret = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id], title: 'Après départ' })
    const kept = await createTestEvent({ groupId: other.id, visibility: 'group', groupIds: [other.id] })
    const path = await newFeedPath(cookie)
    expect(uids((await feed(path)).text)).toEqual(expect.arrayContaining([secret.uid, kept.uid]))
    const leave = async (groupId: string) =>
      expect(await leaveGroup({ groupId, actor: (await viewerById(user.id)) as PersonViewer })).toMatchObject({ ok: true })
    await leave(group.id)
    const after = await feed(path)
    expect(after.status).toBe(200)
    expect(uids(after.text)).toEqual([kept.uid])
    expect(after.text).not.toContain('Après départ')
    await leave(other.id)
    expect((await feed(path)).status).toBe(404)
  })
})
