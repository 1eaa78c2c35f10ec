import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import {
  mayFeatureOnGroup,
  mayFeatureOnHome,
  mayValidate,
  needsRevalidation,
  reviewByFrom,
  substanceChanged,
  validationState,
} from './curation.policy.ts'

const verified = { emailVerifiedAt: '2026-01-01T00:00:00Z' }
const admin = personViewer({ id: 'a', role: 'admin', ...verified })
const member = personViewer({ id: 'm', role: 'member', ...verified })
const artois = personViewer({ id: 'c', role: 'member', ...verified }, { coordinates: ['artois'], groups: [['g-artois', 'coordinator']] })
const groupCoordinator = personViewer({ id: 'g', role: 'member', ...verified }, { groups: [['g-velo', 'coordinator']] })
const groupMember = personViewer({ id: 'gm', role: 'member', ...verified }, { groups: [['g-velo', 'member']] })
const unverifiedCoordinator = personViewer({ id: 'u', role: 'member' }, { coordinates: ['artois'] })

const published = { territory: 'artois', groupIds: [] as string[], status: 'published', deletedAt: null }

describe('who may validate (actor × resource → allowed?)', () => {
  const cells: [string, Parameters<typeof mayValidate>[0], Parameters<typeof mayValidate>[1], boolean][] = [
    ['admin, any territory', admin, { ...published, territory: 'calaisis' }, true],
    ['system', systemActor('demo'), published, true],
    ['anonymous', ANONYMOUS, published, false],
    ['member', member, published, false],
    ['coordinator of its territory', artois, published, true],
    ['coordinator of another territory', artois, { ...published, territory: 'calaisis' }, false],
    ['coordinator, whole department', artois, { ...published, territory: 'departement' }, false],
    ['coordinator of one of its groups', groupCoordinator, { ...published, territory: 'calaisis', groupIds: ['g-velo'] }, true],
    ['member of one of its groups', groupMember, { ...published, territory: 'calaisis', groupIds: ['g-velo'] }, false],
    ['unverified coordinator', unverifiedCoordinator, published, false],
    ['coordinator, draft', artois, { ...published, status: 'draft' }, false],
    ['admin, pending', admin, { ...published, status: 'pending' }, false],
    ['admin, deleted', admin, { ...published, deletedAt: '2026-12-01T00:00:00Z' }, false],
  ]
  test.each(cells)('%s', (_name, actor, item, allowed) => {
    expect(mayValidate(actor, item)).toBe(allowed)
  })
})

test('featuring: group coordinators on their group, admins anywhere, the home page for admins only', () => {
  expect(mayFeatureOnGroup(groupCoordinator, 'g-velo')).toBe(true)
  expect(mayFeatureOnGroup(groupCoordinator, 'g-artois')).toBe(false)
  expect(mayFeatureOnGroup(groupMember, 'g-velo')).toBe(false)
  expect(mayFeatureOnGroup(admin, 'g-velo')).toBe(true)
  expect(mayFeatureOnHome(admin)).toBe(true)
  expect(mayFeatureOnHome(artois)).toBe(false)
  expect(mayFeatureOnHome(ANONYMOUS)).toBe(false)
})

test('review-by: calendar months later, the end of the month clamped', () => {
  expect(reviewByFrom(new Date('2026-12-03T15:00:00Z'), 12).toISOString()).toBe('2027-12-03T15:00:00.000Z')
  expect(reviewByFrom(new Date('2027-01-31T10:00:00Z'), 1).toISOString()).toBe('2027-02-28T10:00:00.000Z')
})

test('a validation is valid, then due in its last 30 days, then stale from its review-by instant on', () => {
  const v = { reviewBy: '2027-12-03T15:00:00.000Z', substanceEditedAt: null }
  expect(validationState(v, new Date('2027-11-03T14:59:59Z'))).toBe('valid')
  expect(needsRevalidation(v, new Date('2027-11-03T14:59:59Z'))).toBe(false)
  expect(validationState(v, new Date('2027-11-03T15:00:00Z'))).toBe('due')
  expect(validationState(v, new Date('2027-12-03T14:59:59Z'))).toBe('due')
  expect(validationState(v, new Date('2027-12-03T15:00:00Z'))).toBe('stale')
  expect(needsRevalidation({ ...v, substanceEditedAt: '2027-01-01T00:00:00Z' }, new Date('2027-01-02T00:00:00Z'))).toBe(true)
})

test('substance: body, dates, amounts and facts count; the title does not', () => {
  const base = {
    bodyText: 'Texte',
    openingDate: null,
    deadline: '2027-03-31T10:00:00.000Z',
    amountMin: 1000,
    amountMax: 5000,
    cofinancingRate: 60,
    programme: 'FSE+',
    startDate: null,
    detailsJson: '{}',
    officialUrl: 'https://exemple.fr',
    registrationUrl: null,
    cost: null,
  }
  expect(substanceChanged(base, { ...base })).toEqual([])
  expect(substanceChanged(base, { ...base, amountMax: 6000, deadline: '2027-04-30T10:00:00.000Z' })).toEqual(['deadline', 'amountMax'])
  expect(substanceChanged(base, { ...base, bodyText: 'Texte revu' })).toEqual(['bodyText'])
})
