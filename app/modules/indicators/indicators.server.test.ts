import { beforeAll, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { ANONYMOUS, personViewer } from '#app/modules/auth/viewer.ts'
import { territoryGroup } from '#tests/factories/group-pages.ts'
import {
  datedEvent,
  datedMember,
  datedPathway,
  datedResource,
  datedStructure,
  markSteps,
  reviewStep,
} from '#tests/factories/indicators.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { computeIndicators, computeIndicatorTable, type IndicatorTable, isoWeekThursday, median } from './indicators.server.ts'
import { type IndicatorTableSlug, parsePeriod } from './indicators.ts'
import { countResourceView } from './view-stats.server.ts'

// The indicators computed from a known seed, in March 2023 (no other test writes there): exact numbers per territory
// and month, small-number suppression in real tables, and what the public summary leaves out.

const MARCH = parsePeriod('2023-03')!
const YEAR = parsePeriod('2022-05_2023-04')!
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00.000Z`).toISOString()
const admin = personViewer({ id: 'indicateurs-admin', role: 'admin', emailVerifiedAt: '2026-01-01T00:00:00Z' })

async function table(slug: IndicatorTableSlug, options: { scope?: 'public' | 'full'; territory?: string | null; period?: typeof MARCH } = {}) {
  const scope = options.scope ?? 'full'
  const result = await computeIndicatorTable({
    slug,
    viewer: scope === 'full' ? admin : ANONYMOUS,
    scope,
    period: options.period ?? MARCH,
    territory: options.territory ?? null,
  })
  if (!result) throw new Error(`no table ${slug}`)
  return result
}

/** The cells of a row as the page shows them. */
function row(t: IndicatorTable, key: string) {
  const found = t.rows.find((r) => r.key === key)
  if (!found) throw new Error(`no row ${key} in ${t.slug}`)
  return Object.fromEntries(t.columns.map((c, i) => [c, found.cells[i]!.text]))
}

beforeAll(async () => {
  const calaisisGroup = await territoryGroup('calaisis')
  // Members: 6 in the Calaisis, 2 in Artois, 3 in the Arrageois, 1 without a territory; one unconfirmed account; one
  // confirmed at 22:30 UTC on 31 March, already 1 April in Paris.
  for (let i = 0; i < 6; i++) await datedMember(at('2023-03-10'), 'calaisis')
  for (let i = 0; i < 2; i++) await datedMember(at('2023-03-11'), 'artois')
  for (let i = 0; i < 3; i++) await datedMember(at('2023-03-12'), 'arrageois')
  await datedMember(at('2023-03-13'), null)
  await createTestUser({ emailVerifiedAt: null, territoryId: 'calaisis', createdAt: at('2023-03-14') })
  await datedMember(at('2023-03-31', '22:30'), 'calaisis')

  // Structures: associations 2 (Calaisis), 5 (Arrageois), 6 (Artois); one SCOP in Artois.
  for (let i = 0; i < 2; i++) await datedStructure(at('2023-03-05'), 'calaisis')
  for (let i = 0; i < 5; i++) await datedStructure(at('2023-03-06'), 'arrageois')
  for (let i = 0; i < 6; i++) await datedStructure(at('2023-03-07'), 'artois')
  await datedStructure(at('2023-03-08'), 'artois', 'scop')

  // Resources in the Calaisis: 5 public initiatives, 1 for its group only, 1 for members, 1 draft; 2 public funding
  // calls for the whole département, read 3 times in March and once in April; one group-only call read twice.
  const initiatives = []
  for (let i = 0; i < 5; i++) initiatives.push(await datedResource(at('2023-03-15'), 'calaisis'))
  await datedResource(at('2023-03-15'), 'calaisis', { visibility: 'group' })
  await datedResource(at('2023-03-15'), 'calaisis', { visibility: 'members' })
  await datedResource(at('2023-03-15'), 'calaisis', { status: 'draft' })
  const call = await datedResource(at('2023-03-02'), 'departement', { type: 'financement-europeen' })
  await datedResource(at('2023-03-03'), 'departement', { type: 'financement-europeen' })
  const privateCall = await datedResource(at('2023-03-04'), 'calaisis', { type: 'financement-europeen', visibility: 'group' })
  for (let i = 0; i < 3; i++) await countResourceView(call.id, new Date(at('2023-03-20')))
  await countResourceView(call.id, new Date(at('2023-04-02')))
  for (let i = 0; i < 2; i++) await countResourceView(privateCall.id, new Date(at('2023-03-21')))

  // Validated by the network: the five public initiatives, in March.
  for (const r of initiatives) {
    await db
      .insertInto('resourceValidations')
      .values({ resourceId: r.id, validatedBy: null, validatedAt: at('2023-03-16'), reviewBy: at('2024-03-16'), substanceEditedAt: null, staleIndexedAt: null })
      .execute()
  }

  // Events: one public event in the Calaisis (3 registered, 1 waiting, 1 cancelled), one cancelled event, one for
  // the Calaisis group only (2 registered); 6 public events in Artois.
  await datedEvent(at('2023-03-09'), 'calaisis', { registrations: ['registered', 'registered', 'registered', 'waiting', 'cancelled'] })
  await datedEvent(at('2023-03-09'), 'calaisis', { cancelled: true, registrations: ['registered'] })
  await datedEvent(at('2023-03-09'), 'calaisis', { visibility: 'group', groupId: calaisisGroup.id, registrations: ['registered', 'registered'] })
  for (let i = 0; i < 6; i++) await datedEvent(at('2023-03-22'), 'artois')

  // Pathways: a published one in the Calaisis (2 steps) started by 5 people in March, 2 of whom finished it; a draft
  // one (no territory) started by 3.
  const published = await datedPathway({ territorySlug: 'calaisis', steps: 2 })
  for (let i = 0; i < 5; i++) {
    const steps = [{ stepId: published.stepIds[0]!, at: at('2023-03-03') }]
    if (i < 2) steps.push({ stepId: published.stepIds[1]!, at: at('2023-03-25') })
    await markSteps(steps)
  }
  const draft = await datedPathway({ territorySlug: null, steps: 1, status: 'draft' })
  for (let i = 0; i < 3; i++) await markSteps([{ stepId: draft.stepIds[0]!, at: at('2023-03-04') }])

  // Review of first contributions (good practices): in Artois decided in 2 and 4 days, and one still waiting at the
  // end of March; in the Calaisis 5 decided in a day.
  const reviewed = []
  for (let i = 0; i < 3; i++) {
    reviewed.push(await datedResource(at('2023-03-01'), 'artois', { type: 'bonne-pratique', status: i === 2 ? 'pending' : 'published' }))
  }
  for (let i = 0; i < 5; i++) {
    const quick = await datedResource(at('2023-03-01'), 'calaisis', { type: 'bonne-pratique' })
    await reviewStep(quick.id, 'submitted', at('2023-03-01'))
    await reviewStep(quick.id, 'approved', at('2023-03-02'))
  }
  await reviewStep(reviewed[0]!.id, 'submitted', at('2023-03-01'))
  await reviewStep(reviewed[0]!.id, 'approved', at('2023-03-03'))
  await reviewStep(reviewed[1]!.id, 'submitted', at('2023-03-02'))
  await reviewStep(reviewed[1]!.id, 'refused', at('2023-03-06'))
  await reviewStep(reviewed[2]!.id, 'submitted', at('2023-03-10'))

  // Searches without results: weeks 9 and 10 of 2023 (Thursdays 2 and 9 March), week 14 (6 April).
  await db
    .insertInto('searchQueryStats')
    .values([
      { week: '2023-W09', query: 'recyclerie', searches: 1, zeroResults: 1 },
      { week: '2023-W10', query: 'recyclerie', searches: 4, zeroResults: 3 },
      { week: '2023-W10', query: 'monnaie locale', searches: 2, zeroResults: 2 },
      { week: '2023-W10', query: 'insertion', searches: 9, zeroResults: 0 },
      { week: '2023-W14', query: 'tiers-lieu', searches: 2, zeroResults: 2 },
    ])
    .execute()
})

describe('the indicators of March 2023, exact', () => {
  test('members: confirmed accounts per territory and Paris month; small counts hidden per territory, never the network', async () => {
    expect(row(await table('membres'), '2023-03')).toEqual({ 'Nouveaux membres': '12' })
    expect(row(await table('membres', { territory: 'calaisis' }), '2023-03')).toEqual({ 'Nouveaux membres': '6' })
    expect(row(await table('membres', { territory: 'artois' }), '2023-03')).toEqual({ 'Nouveaux membres': 'moins de 5' })
    expect(row(await table('membres', { territory: 'arrageois' }), '2023-03')).toEqual({ 'Nouveaux membres': 'moins de 5' })
    expect(row(await table('membres', { territory: 'audomarois' }), '2023-03')).toEqual({ 'Nouveaux membres': '0' })
    const year = await table('membres', { period: YEAR })
    expect(year.rows.map((r) => r.key)).toEqual(['2022-05', '2022-06', '2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03', '2023-04'])
    // April's one member (the Calaisis) would be given away by the total: masked.
    expect(row(year, '2023-04')).toEqual({ 'Nouveaux membres': 'masqué' })
    expect(row(year, '2022-12')).toEqual({ 'Nouveaux membres': '0' })
  })

  test('structures by legal form, with a complementary masked count and a network total hidden when it would tell', async () => {
    const network = row(await table('structures'), '2023-03')
    expect(network['Association loi 1901']).toBe('13')
    // The only SCOP is in Artois: the network total would give it away.
    expect(network['Coopérative — SCOP']).toBe('masqué')
    expect(network.Fondation).toBe('0')
    expect(row(await table('structures', { territory: 'calaisis' }), '2023-03')['Association loi 1901']).toBe('moins de 5')
    // The Arrageois' 5 is the smallest count shown beside the Calaisis' 2: masked so that 13 − 6 − 5 does not give 2.
    expect(row(await table('structures', { territory: 'arrageois' }), '2023-03')['Association loi 1901']).toBe('masqué')
    const artois = row(await table('structures', { territory: 'artois' }), '2023-03')
    expect(artois['Association loi 1901']).toBe('6')
    expect(artois['Coopérative — SCOP']).toBe('moins de 5')
  })

  test('resources by kind: the public summary counts public resources only; the full dashboard what its viewer reads', async () => {
    expect(row(await table('ressources', { scope: 'public' }), '2023-03')).toMatchObject({ Initiative: '5', 'Financement européen': '2' })
    expect(row(await table('ressources', { scope: 'public', territory: 'calaisis' }), '2023-03')).toMatchObject({
      Initiative: '5',
      'Financement européen': '0',
    })
    // Full: + the group-only and members-only initiatives, + the group-only call; never the draft.
    // The group-only call is a small count alone beside the département's calls: the network total is masked.
    expect(row(await table('ressources'), '2023-03')).toMatchObject({ Initiative: '7', 'Financement européen': 'masqué' })
    expect(row(await table('ressources', { territory: 'calaisis' }), '2023-03')).toMatchObject({ Initiative: '7', 'Financement européen': 'moins de 5' })
    expect(row(await table('ressources-validees', { scope: 'public' }), '2023-03')).toEqual({ 'Ressources validées': '5' })
  })

  test('funding calls published and their views, per Paris day summed by month', async () => {
    expect(row(await table('appels', { scope: 'public' }), '2023-03')).toEqual({ 'Appels publiés': '2', 'Consultations des appels': '3' })
    expect(row(await table('appels', { scope: 'public', period: YEAR }), '2023-04')).toEqual({ 'Appels publiés': '0', 'Consultations des appels': '1' })
    // The group-only call (1, in the Calaisis, read twice) is a small count alone in its line: the total is masked.
    expect(row(await table('appels'), '2023-03')).toEqual({ 'Appels publiés': 'masqué', 'Consultations des appels': 'masqué' })
  })

  test('events maintained and their registered participants (not waiting, not cancelled)', async () => {
    expect(row(await table('evenements', { scope: 'public' }), '2023-03')).toEqual({ Événements: '7', 'Participants inscrits': 'masqué' })
    expect(row(await table('evenements', { scope: 'public', territory: 'calaisis' }), '2023-03')).toEqual({
      Événements: 'moins de 5',
      'Participants inscrits': 'moins de 5',
    })
    expect(row(await table('evenements', { scope: 'public', territory: 'artois' }), '2023-03')).toEqual({ Événements: 'masqué', 'Participants inscrits': '0' })
    // Full: + the group-only event and its 2 participants (3 + 2 = 5 in the Calaisis).
    expect(row(await table('evenements', { territory: 'calaisis' }), '2023-03')).toEqual({ Événements: 'moins de 5', 'Participants inscrits': '5' })
    expect(row(await table('evenements'), '2023-03')).toEqual({ Événements: '8', 'Participants inscrits': '5' })
  })

  test('pathways started and completed; drafts only in the full dashboard', async () => {
    expect(row(await table('parcours', { scope: 'public' }), '2023-03')).toEqual({ 'Parcours commencés': '5', 'Parcours terminés': 'masqué' })
    expect(row(await table('parcours', { scope: 'public', territory: 'calaisis' }), '2023-03')).toEqual({
      'Parcours commencés': '5',
      'Parcours terminés': 'moins de 5',
    })
    expect(row(await table('parcours'), '2023-03')).toEqual({ 'Parcours commencés': '8', 'Parcours terminés': 'masqué' })
  })

  test('review: entered, decided, waiting at the end of the month, median delay', async () => {
    expect(row(await table('relecture'), '2023-03')).toEqual({
      'Entrées en relecture': '8',
      Décisions: '7',
      // The one waiting is in Artois, alone in its line.
      'En attente en fin de mois': 'masqué',
      'Délai médian (jours)': '1',
    })
    expect(row(await table('relecture', { territory: 'artois' }), '2023-03')).toMatchObject({
      Décisions: 'moins de 5',
      'Délai médian (jours)': 'moins de 5 décisions',
    })
    expect(row(await table('relecture', { territory: 'calaisis' }), '2023-03')).toEqual({
      'Entrées en relecture': 'masqué',
      Décisions: 'masqué',
      'En attente en fin de mois': '0',
      'Délai médian (jours)': '1',
    })
    expect(row(await table('relecture', { territory: 'audomarois' }), '2023-03')['Délai médian (jours)']).toBe('aucune décision')
  })

  test('searches without results: the words and their counts over the weeks of the period, network-wide', async () => {
    const searches = await table('recherches-sans-resultat')
    expect(searches.rows.map((r) => [r.label, r.cells[0]!.text])).toEqual([
      ['recyclerie', '4'],
      ['monnaie locale', '2'],
    ])
    expect(searches.note).toContain('tout le réseau')
  })

  test('the public summary has no full-only table; every table has a chart with title, description and the cells', async () => {
    const publicTables = await computeIndicators({ viewer: ANONYMOUS, scope: 'public', period: MARCH, territory: null })
    expect(publicTables.map((t) => t.slug)).toEqual(['membres', 'structures', 'ressources', 'ressources-validees', 'appels', 'parcours', 'evenements'])
    const full = await computeIndicators({ viewer: admin, scope: 'full', period: MARCH, territory: 'calaisis' })
    expect(full.map((t) => t.slug)).toContain('relecture')
    for (const t of full) {
      expect(t.chart.title.length).toBeGreaterThan(0)
      expect(t.chart.desc.length).toBeGreaterThan(0)
    }
    const members = full.find((t) => t.slug === 'membres')!
    expect(members.chart.desc).toBe('Nouveaux membres par mois, Calaisis : mars 2023 : 6.')
    const resources = full.find((t) => t.slug === 'ressources')!
    expect(resources.chart.bars.find((b) => b.label === 'Financement européen')).toMatchObject({ valueLabel: 'moins de 5', width: 0 })
  })
})

test('helpers: the Thursday of an ISO week, the median', () => {
  expect(isoWeekThursday('2023-W10')?.toISOString().slice(0, 10)).toBe('2023-03-09')
  expect(isoWeekThursday('2026-W01')?.toISOString().slice(0, 10)).toBe('2026-01-01')
  expect(isoWeekThursday('nope')).toBeNull()
  expect(median([4, 2])).toBe(3)
  expect(median([5, 1, 3])).toBe(3)
  expect(median([])).toBeNull()
})
