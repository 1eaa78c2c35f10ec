import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer } from '#app/modules/auth/viewer.ts'
import { describeSavedSearch, type MatchableResource, matchesSavedSearch, mayFollow, normaliseSavedSearch, savedSearchOf } from './follows.policy.ts'

describe('mayFollow', () => {
  const verified = personViewer({ id: 'u1', role: 'member', emailVerifiedAt: '2026-01-01T00:00:00Z' })
  const unverified = personViewer({ id: 'u2', role: 'member', emailVerifiedAt: null })
  test.each([
    ['anonymous, readable', ANONYMOUS, true, false],
    ['unverified person, readable', unverified, true, false],
    ['verified person, readable', verified, true, true],
    ['verified person, not readable', verified, false, false],
  ] as const)('%s → %s', (_name, viewer, readable, expected) => {
    expect(mayFollow(viewer, readable)).toBe(expected)
  })
})

describe('normaliseSavedSearch: the same search is one key', () => {
  test.each([
    ['q=Tiers-Lieu&territory=lensois&territory=arrageois', 'q=tiers-lieu&territory=arrageois&territory=lensois'],
    ['?territory=arrageois,lensois&q=  tiers-lieu  &page=3&sort=newest', 'q=tiers-lieu&territory=arrageois&territory=lensois'],
    ['theme=financement&theme=financement', 'theme=financement'],
    ['q=FSE%2B%20%20aide&kind=resource', 'q=fse%2B+aide&kind=resource'],
  ])('%s → %s', (input, key) => {
    expect(normaliseSavedSearch(input)?.key).toBe(key)
  })

  test('nothing to follow: no words, no filter (sort and page alone do not count)', () => {
    expect(normaliseSavedSearch('')).toBeNull()
    expect(normaliseSavedSearch('page=2&sort=newest&q=%20%20')).toBeNull()
  })

  test('an invalid filter is dropped, the rest kept (like the page)', () => {
    expect(normaliseSavedSearch('q=aide&kind=nimporte')?.key).toBe('q=aide')
  })

  test('round trip: the key reads back as the same search', () => {
    const { key, search } = normaliseSavedSearch('q=Aide&theme=financement&territory=lensois')!
    expect(savedSearchOf(key)).toEqual(search)
    expect(describeSavedSearch(search, (k, v) => (k === 'territory' ? 'Lensois' : v))).toBe('« aide » · Lensois, financement')
  })
})

describe('matchesSavedSearch', () => {
  const call: MatchableResource = {
    type: 'financement-europeen',
    territory: 'arrageois',
    themes: ['financement', 'emploi'],
    programme: 'FSE+',
    text: 'Appel à projets pour les tiers-lieux solidaires. Financements européens.',
  }
  const practice: MatchableResource = { type: 'bonne-pratique', territory: 'lensois', themes: ['alimentation'], programme: null, text: 'Une épicerie solidaire.' }
  test.each([
    ['territory matches', 'territory=arrageois', call, true],
    ['territory differs', 'territory=lensois', call, false],
    ['one of the themes', 'theme=emploi&theme=culture', call, true],
    ['no theme in common', 'theme=culture', call, false],
    ['type', 'type=bonne-pratique', practice, true],
    ['type differs', 'type=formation', practice, false],
    ['words: every one starts a word (accents and plural folded)', 'q=tiers lieu financement europeen', call, true],
    ['words: one missing', 'q=tiers culture', call, false],
    ['words and filters together', 'q=epicerie&territory=lensois', practice, true],
    ['kind: structures only', 'kind=structure&q=solidaire', call, false],
    ['kind: resources', 'kind=resource&q=solidaire', call, true],
    ['programme', 'programme=FSE%2B', call, true],
    ['programme on a non-call', 'programme=FSE%2B', practice, false],
    ['funding state on a non-call', 'state=open', practice, false],
  ] as const)('%s', (_name, query, resource, expected) => {
    expect(matchesSavedSearch(normaliseSavedSearch(query)!.search, resource)).toBe(expected)
  })
})
