import { describe, expect, test } from 'vitest'
import { createSession } from '#app/modules/auth/session.server.ts'
import { formatMonthKey, monthOf, parisDay } from '#app/modules/events/month.ts'
import { newId } from '#app/utils/ids.server.ts'
import { db } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { AGENDA_ROUTES } from '#tests/helpers/agenda-routes.ts'
import { createTestApp, pageGet, readPage } from '#tests/helpers/remix-app.ts'

// The agenda's month view (/agenda?vue=mois&mois=2031-02) through real requests: the grid of Paris days, what each
// day lists, the navigation, the filters kept; and the list's exact total beyond a thousand events.

const app = createTestApp(AGENDA_ROUTES)

async function page(url: string, cookie?: string) {
  const response = await app(pageGet(url, cookie))
  return { status: response.status, ...(await readPage(response)) }
}

/** The HTML of the grid cell of a day (yyyy-mm-dd), or null when the grid has no such day. */
function cell(html: string, day: string): string | null {
  const cells = html.match(/<td\b[\s\S]*?<\/td>/g) ?? []
  return cells.find((c) => c.includes(`dateTime="${day}"`)) ?? null
}

/** The days of the grid whose cell links to this event. */
function daysOf(html: string, eventId: string): string[] {
  const cells = html.match(/<td\b[\s\S]*?<\/td>/g) ?? []
  return cells.filter((c) => c.includes(`href="/agenda/${eventId}"`)).map((c) => /dateTime="([\d-]+)"/.exec(c)![1]!)
}

describe('the month view', () => {
  test('an accessible table: caption, weekday headers lun.–dim., Monday first, blank days of other months', async () => {
    const html = (await page('/agenda?vue=mois&mois=2031-03')).visible
    expect(html).toContain('<h1>Agenda du mois</h1>')
    expect(html).toContain('<caption>mars 2031</caption>')
    const headers = [...html.matchAll(/<th scope="col"><abbr title="(\w+)">([\w.]+)<\/abbr><\/th>/g)].map((m) => m[2])
    expect(headers).toEqual(['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'])
    // 1 March 2031 is a Saturday: five blank cells before it, then Saturday 1st and Sunday 2nd close the first week.
    const firstRow = /<tbody><tr>([\s\S]*?)<\/tr>/.exec(html)![1]!
    expect(firstRow.match(/class="agenda-day-out"/g)).toHaveLength(5)
    expect(firstRow).toContain('dateTime="2031-03-01"')
    expect(firstRow).toContain('dateTime="2031-03-02"')
    expect(firstRow).toContain('samedi 1er mars 2031')
    expect(cell(html, '2031-03-31')).toContain('lundi 31 mars 2031')
    expect(cell(html, '2031-04-01')).toBeNull()
  })

  test('Paris days: 23:30 UTC on 31 January is 1 February; spanning events are on each day; midnight ends do not spill over', async () => {
    const group = await createTestGroup({ name: 'Grille de mois' })
    const lateNight = await createTestEvent({ groupId: group.id, title: 'Veillée', startsAt: '2031-01-31T23:30:00Z', endsAt: '2031-02-01T00:30:00Z' })
    const spanning = await createTestEvent({ groupId: group.id, title: 'Université d’hiver', startsAt: '2031-02-05T08:00:00Z', endsAt: '2031-02-07T16:00:00Z' })
    const toMidnight = await createTestEvent({ groupId: group.id, title: 'Soirée', startsAt: '2031-02-10T18:00:00Z', endsAt: '2031-02-10T23:00:00Z' })
    const overMonths = await createTestEvent({ groupId: group.id, title: 'Chantier', startsAt: '2031-02-27T08:00:00Z', endsAt: '2031-03-02T16:00:00Z' })
    const february = (await page(`/agenda?vue=mois&mois=2031-02&groupe=${group.slug}`)).visible
    expect(daysOf(february, lateNight.id)).toEqual(['2031-02-01'])
    expect(cell(february, '2031-02-01')).toMatch(/0\u00a0h\u00a030(<!-- -->)? <\/span>Veillée<\/a>/)
    expect(daysOf(february, spanning.id)).toEqual(['2031-02-05', '2031-02-06', '2031-02-07'])
    expect(cell(february, '2031-02-05')).toMatch(/9\u00a0h(<!-- -->)? <\/span>Université d’hiver<\/a>/)
    expect(cell(february, '2031-02-06')).toMatch(/Université d’hiver(<!-- -->)? \(suite\)<\/a>/)
    // Ends at 23:00 UTC = midnight in Paris: the 10th only.
    expect(daysOf(february, toMidnight.id)).toEqual(['2031-02-10'])
    expect(daysOf(february, overMonths.id)).toEqual(['2031-02-27', '2031-02-28'])
    expect(february).toContain('Février 2031 — 4 événements')
    const january = (await page(`/agenda?vue=mois&mois=2031-01&groupe=${group.slug}`)).visible
    expect(january).not.toContain(`/agenda/${lateNight.id}"`)
    const march = (await page(`/agenda?vue=mois&mois=2031-03&groupe=${group.slug}`)).visible
    expect(daysOf(march, overMonths.id)).toEqual(['2031-03-01', '2031-03-02'])
    expect(cell(march, '2031-03-01')).toMatch(/Chantier(<!-- -->)? \(suite\)<\/a>/)
  })

  test('previous and next month links keep the filters; the filter form keeps the month; the list links to the month view', async () => {
    const group = await createTestGroup({ name: 'Navigation de mois' })
    const html = (await page(`/agenda?vue=mois&mois=2031-01&groupe=${group.slug}&type=formation`)).visible
    expect(html).toContain(`rel="prev" data-discover="true" href="/agenda?vue=mois&amp;mois=2030-12&amp;groupe=${group.slug}&amp;type=formation">Mois précédent</a>`)
    expect(html).toContain(`rel="next" data-discover="true" href="/agenda?vue=mois&amp;mois=2031-02&amp;groupe=${group.slug}&amp;type=formation">Mois suivant</a>`)
    expect(html).toContain('<input type="hidden" name="vue" value="mois"/>')
    expect(html).toMatch(/name="mois" type="text" inputMode="numeric" value="2031-01"/)
    expect(html).toContain(`href="/agenda?groupe=${group.slug}&amp;type=formation">Vue en liste</a>`)
    const list = (await page(`/agenda?groupe=${group.slug}`)).visible
    expect(list).toContain(`href="/agenda?vue=mois&amp;groupe=${group.slug}">Vue par mois</a>`)
  })

  test('today is marked aria-current="date"; without a month the current Paris month is shown', async () => {
    const now = new Date()
    const html = (await page('/agenda?vue=mois')).visible
    const today = cell(html, parisDay(now))
    expect(today).toMatch(/^<td aria-current="date"|^<td class="agenda-day-empty" aria-current="date"/)
    expect(today).toContain('aujourd’hui')
    expect(html.match(/aria-current="date"/g)).toHaveLength(1)
    expect(html).toContain(`value="${formatMonthKey(monthOf(now))}"`)
    expect((await page('/agenda?vue=mois&mois=2031-01')).visible).not.toContain('aria-current="date"')
  })

  test('a month that does not exist: 400, a French message, the typed value kept, the current month shown', async () => {
    const answer = await page('/agenda?vue=mois&mois=2031-13')
    expect(answer.status).toBe(400)
    expect(answer.visible).toContain('Ce mois n’existe pas : écrivez-le sous la forme AAAA-MM (par exemple 2027-03).')
    expect(answer.visible).toContain('value="2031-13"')
    expect(answer.visible).toContain('aria-invalid="true"')
    expect(answer.visible).toContain(`dateTime="${parisDay(new Date())}"`)
  })

  test('a group-only event is in the grid for its members only', async () => {
    const group = await createTestGroup()
    const secret = await createTestEvent({ groupId: group.id, visibility: 'group', groupIds: [group.id], title: 'Grille secrète', startsAt: '2031-05-06T08:00:00Z', endsAt: '2031-05-06T10:00:00Z' })
    const member = await createTestUser()
    await addTestGroupMember(group.id, member.id)
    const outsider = await createTestUser()
    const cookieOf = async (id: string) => (await createSession(id)).cookie.split(';')[0]
    expect((await page('/agenda?vue=mois&mois=2031-05')).full).not.toContain('Grille secrète')
    expect((await page('/agenda?vue=mois&mois=2031-05', await cookieOf(outsider.id))).full).not.toContain('Grille secrète')
    expect(daysOf((await page('/agenda?vue=mois&mois=2031-05', await cookieOf(member.id))).visible, secret.id)).toEqual(['2031-05-06'])
  })
})

test('the list’s total is exact beyond a thousand events, and its last page holds the rest', async () => {
  const group = await createTestGroup({ name: 'Très grand agenda' })
  const model = await createTestEvent({ groupId: group.id, kind: 'autre' })
  const row = await db.selectFrom('events').selectAll().where('id', '=', model.id).executeTakeFirstOrThrow()
  const clones = Array.from({ length: 1004 }, () => {
    const id = newId()
    return { ...row, id, uid: `${id}@test` }
  })
  for (let i = 0; i < clones.length; i += 200) await db.insertInto('events').values(clones.slice(i, i + 200)).execute()
  const first = (await page(`/agenda?groupe=${group.slug}`)).visible
  expect(first).toMatch(/1\s005 événements à venir — page 1 sur 51/)
  const last = (await page(`/agenda?groupe=${group.slug}&page=51`)).visible
  expect(last).toContain('page 51 sur 51')
  expect(last.match(/class="resource-card"/g)).toHaveLength(5)
})
